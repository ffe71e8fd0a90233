import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../../../common/helpers/chunk';
import { InputProblem } from '../../../../common/helpers/validation';
import { auditAuthorIds, auditChanges } from '../../../../common/ticket/history';
import { SHOW_MANY_LIMIT } from '../../../../common/zendeskFacts';
import type { ZendeskClient } from '../../../../common/client';
import { ticketAudits } from '../../../../common/api/audits';
import { showUsers } from '../../../../common/api/users';
import { listLimit, validated } from '../../run/itemInput';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { oneTicketId } from '../../run/tickets';
import { limitProperties, requestOptionsProperty, ticketIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	ticketIdProperty('read the history of', { many: false }),
	...limitProperties.map((p) =>
		p.name === 'limit' ? { ...p, default: 20, description: 'Max number of updates (audits) to return, newest first' } : p,
	),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return one item per change with a readable line ("status: open → pending by Jane via web") instead of one item per update as Zendesk gives it (its audit, with every event)',
	},
	requestOptionsProperty(),
];

export const toolDescription =
	'Get the history of a Zendesk ticket, given its ID: who changed what, when and through which channel, newest first, one line per change.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getHistory'] } }, properties);

function limitOf(ctx: IExecuteFunctions, i: number): number | undefined {
	const limit = listLimit(ctx, i);
	if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
		throw new InputProblem('Limit', 'must be a whole number of at least 1');
	return limit;
}

/** The names of the users who made the changes, a show_many request per 100 of them. */
async function authorNames(client: ZendeskClient, audits: IDataObject[], itemIndex: number): Promise<Map<number, string>> {
	const names = new Map<number, string>();
	for (const ids of chunk(auditAuthorIds(audits), SHOW_MANY_LIMIT)) {
		for (const user of await showUsers(client, ids, itemIndex)) names.set(Number(user.id), String(user.name));
	}
	return names;
}

/** One ticket per item: its audits, newest first, cursor-paged up to the limit; simplified, one output item per change. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const { id, limit } = validated(this, i, () => ({ id: oneTicketId(this, i), limit: limitOf(this, i) }));
		const audits = await ticketAudits(client, id, { limit, itemIndex: i });
		if (!this.getNodeParameter('simplify', i, true)) return audits;
		const names = await authorNames(client, audits, i);
		return audits.flatMap((audit) => auditChanges(audit, names));
	});
	return outcomes.toExecutionData();
}
