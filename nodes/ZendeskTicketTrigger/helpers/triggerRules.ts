import { TRIGGER_WEBHOOK_ACTION } from '../../../common/zendeskFacts';
import type { TicketEvent, WatchedField } from '../../../common/triggers/ticketEvents';
import { WATCHED_FIELDS } from '../../../common/triggers/ticketEvents';

/*
 * The Zendesk triggers that route the chosen events to the workflow's
 * webhook: one trigger per event, so that each call says which event it is.
 * Filters are applied when a call arrives (several values of one filter are
 * an OR that a trigger's "all" conditions cannot say next to the events).
 */

export interface Condition {
	field: string;
	operator: string;
	value?: string;
}

export function conditionsFor(event: TicketEvent, onlyWhenChanged: WatchedField[], publicCommentsOnly: boolean) {
	if (event === 'created') return { all: [{ field: 'update_type', operator: 'is', value: 'Create' }], any: [] };
	// Zendesk's operator for "Changed to" is `value` (and `value_previous` for "Changed from").
	if (event === 'solved') return { all: [{ field: 'status', operator: 'value', value: 'solved' }], any: [] };
	if (event === 'commentAdded') {
		return {
			all: [
				{ field: 'update_type', operator: 'is', value: 'Change' },
				{ field: 'comment_is_public', operator: 'is', value: publicCommentsOnly ? 'true' : 'not_relevant' },
			],
			any: [],
		};
	}
	// A "changed" condition names the same ticket property the poll trigger compares; tags have none.
	const changed = onlyWhenChanged.filter((f) => f !== 'tags').map((f) => WATCHED_FIELDS[f]);
	return {
		all: [{ field: 'update_type', operator: 'is', value: 'Change' }],
		any: changed.map((field) => ({ field, operator: 'changed' })),
	};
}

/**
 * The call's JSON body. Only ids, enumerations and times are placed in it:
 * free text (subjects, comments) would break the JSON whenever it holds a quote.
 */
export function payloadTemplate(event: TicketEvent): string {
	const ticket = {
		id: '{{ticket.id}}',
		status: '{{ticket.status}}',
		priority: '{{ticket.priority}}',
		ticket_type: '{{ticket.ticket_type}}',
		group_id: '{{ticket.group.id}}',
		assignee_id: '{{ticket.assignee.id}}',
		requester_id: '{{ticket.requester.id}}',
		brand_id: '{{ticket.brand.id}}',
		ticket_form_id: '{{ticket.ticket_form_id}}',
		tags: '{{ticket.tags}}',
		updated_at: '{{ticket.updated_at_with_timestamp}}',
		url: '{{ticket.link}}',
	};
	return JSON.stringify({ event, ticket });
}

/** What CreateTrigger is sent for one event. */
export function triggerBody(
	event: TicketEvent,
	webhookId: string,
	title: string,
	onlyWhenChanged: WatchedField[],
	publicCommentsOnly: boolean,
) {
	return {
		trigger: {
			title,
			active: true,
			description: 'Created by n8n (Zendesk Ticket Trigger); deleted when the workflow is deactivated.',
			conditions: conditionsFor(event, onlyWhenChanged, publicCommentsOnly),
			actions: [{ field: TRIGGER_WEBHOOK_ACTION, value: [webhookId, payloadTemplate(event)] }],
		},
	};
}
