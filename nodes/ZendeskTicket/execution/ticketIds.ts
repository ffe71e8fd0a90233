import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { inputError } from '../errors/itemErrors';
import { parseIds } from '../helpers/ids';
import type { ItemOutcomes } from './itemOutcomes';

export interface IdsOfItem {
	item: number;
	ids: number[];
}

/**
 * The ticket IDs of every input item, read before any request so that a bad
 * ID fails its own item and nothing is sent for it. `allIds` is what Zendesk
 * is asked for, each ID once, whichever items named it.
 */
export function gatherTicketIds(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes) {
	const wanted: IdsOfItem[] = [];
	for (let i = 0; i < items.length; i++) {
		const { ids, problem } = parseIds(ctx.getNodeParameter('ticketId', i, undefined, { extractValue: true }));
		if (problem) outcomes.fail(i, inputError(ctx.getNode(), i, 'Ticket ID', problem));
		else wanted.push({ item: i, ids });
	}
	const allIds = [...new Set(wanted.flatMap((w) => w.ids))];
	/** The first item that asked for an ID, named in errors of requests that serve several items. */
	const ownerOf = (id: number) => wanted.find((w) => w.ids.includes(id))?.item;
	return { wanted, allIds, ownerOf };
}
