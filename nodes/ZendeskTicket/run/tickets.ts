import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { answerWithoutTicket, inputError } from '../../../common/client';
import { simplifyTicket } from '../../../common/ticket/simplify';
import { parseIds, InputProblem } from '../../../common/helpers/validation';
import type { ItemOutcomes } from './itemOutcomes';

/** The field's label as the builder sees it: Get and Delete take several tickets per item. */
export const TICKET_IDS_FIELD = 'Ticket IDs';
export const TICKET_ID_FIELD = 'Ticket ID';

/**
 * The one ticket an item names (Update, Add Comment, an end user's Get), for
 * use inside `validated`: a list of several is refused, a trailing comma is not.
 */
export function oneTicketId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ field = TICKET_ID_FIELD, several = 'takes one ticket per item; split the IDs into separate items' } = {},
): number {
	const { ids, problem } = parseIds(ctx.getNodeParameter('ticketId', itemIndex, undefined, { extractValue: true }));
	if (problem) throw new InputProblem(field, problem);
	if (ids.length > 1) throw new InputProblem(field, several);
	return ids[0];
}

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
		if (problem) outcomes.fail(i, inputError(ctx.getNode(), i, TICKET_IDS_FIELD, problem));
		else wanted.push({ item: i, ids });
	}
	const allIds = [...new Set(wanted.flatMap((w) => w.ids))];
	/** The first item that asked for an ID, named in errors of requests that serve several items. */
	const ownerOf = (id: number) => wanted.find((w) => w.ids.includes(id))?.item;
	return { wanted, allIds, ownerOf };
}

/**
 * A ticket as the node outputs it: whole, or simplified when the builder
 * asked. An answer without one fails the item rather than dropping it.
 */
export function shapeTicket(ctx: IExecuteFunctions, itemIndex: number, ticket: unknown): IDataObject {
	if (typeof ticket !== 'object' || ticket === null || Array.isArray(ticket)) throw answerWithoutTicket(ctx.getNode(), itemIndex);
	return ctx.getNodeParameter('simplify', itemIndex, false) ? simplifyTicket(ticket as IDataObject) : (ticket as IDataObject);
}
