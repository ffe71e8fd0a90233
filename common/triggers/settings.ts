import type { IDataObject, IHookFunctions, INodeExecutionData, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { simplifyTicket } from '../ticket/simplify';
import type { Classification, TicketEvent, TicketFilters, WatchedField } from './ticketEvents';
import { listOf } from './ticketEvents';

type TriggerFunctions = IPollFunctions | IHookFunctions | IWebhookFunctions;

/** What the builder chose on a trigger node. */
export interface TriggerSettings {
	events: TicketEvent[];
	onlyWhenChanged: WatchedField[];
	filters: TicketFilters;
	simplify: boolean;
	/** Comment Added: only comments Zendesk marks public (the default), or internal notes too. */
	publicCommentsOnly: boolean;
}

export function settingsOf(ctx: TriggerFunctions): TriggerSettings {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	return {
		events: ctx.getNodeParameter('events', []) as TicketEvent[],
		onlyWhenChanged: ctx.getNodeParameter('onlyWhenChanged', []) as WatchedField[],
		filters: {
			statuses: listOf(filters.statuses),
			priorities: listOf(filters.priorities),
			groupIds: listOf(filters.groupIds),
			brandIds: listOf(filters.brandIds),
			formIds: listOf(filters.formIds),
			tags: listOf(filters.tags),
		},
		simplify: ctx.getNodeParameter('simplify', true) as boolean,
		publicCommentsOnly: (ctx.getNodeParameter('commentVisibility', 'public') as string) === 'public',
	};
}

/** One output item: the event, what changed where known, and the ticket (simplified or whole). */
export function eventItem(ticket: IDataObject, found: Classification, simplify: boolean, extra: IDataObject = {}): INodeExecutionData {
	return {
		json: {
			event: found.event,
			...(found.changes ? { changes: found.changes } : {}),
			...extra,
			ticket: simplify ? simplifyTicket(ticket) : ticket,
		},
	};
}
