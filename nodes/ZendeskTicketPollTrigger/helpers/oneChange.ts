import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TicketEvent } from '../../../common/triggers/ticketEvents';
import { EVENT_ORDER } from '../../../common/triggers/ticketEvents';
import { unixOf } from './pollState';

/*
 * One change, one item, as in the webhook trigger: a comment comes from the
 * ticket event export and its ticket's change from the ticket export, so a
 * comment that is also an update would be two items. When both are in the
 * same poll (the same ticket, whose `updated_at` is the comment's second),
 * the comment joins the change's item with both events. Pure.
 */

const keyOf = (ticketId: unknown, at: unknown) => `${String(ticketId)}@${unixOf(at)}`;

function joined(change: IDataObject, comment: IDataObject): IDataObject {
	const chosen = [...((change.events as TicketEvent[] | undefined) ?? [change.event as TicketEvent]), 'commentAdded'];
	const events = EVENT_ORDER.filter((e) => chosen.includes(e));
	const { changes, ticket } = change;
	return { event: events[0], events, ...(changes ? { changes } : {}), comment, ticket };
}

/** The ticket changes' items with the comments of the same change joined to them, then the other comments' items. */
export function joinComments(changes: INodeExecutionData[], comments: INodeExecutionData[]): INodeExecutionData[] {
	const byChange = new Map<string, INodeExecutionData>();
	for (const item of changes) {
		const ticket = item.json.ticket as IDataObject;
		byChange.set(keyOf(ticket.id, ticket.updated_at), item);
	}
	const rest: INodeExecutionData[] = [];
	for (const item of comments) {
		const comment = item.json.comment as IDataObject;
		const change = byChange.get(keyOf((item.json.ticket as IDataObject).id, comment.created_at));
		if (!change || change.json.comment) rest.push(item);
		else change.json = joined(change.json, comment);
	}
	return [...changes, ...rest];
}
