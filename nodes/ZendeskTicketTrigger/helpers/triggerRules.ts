import type { IDataObject } from 'n8n-workflow';

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

/** Stands in for the comment's Liquid until the JSON is written, which would quote it. */
const COMMENT_MARK = '__comment__';

/**
 * The newest comment (Zendesk's Liquid lists `ticket.comments` newest first:
 * the one this update added), as a list that ends in null, so that a ticket
 * without comments still makes valid JSON; its attachments likewise. Its
 * creation time is the update's: Liquid has no ISO time for a comment.
 */
function latestCommentLiquid(): string {
	const attachment = JSON.stringify({ file_name: '{{a.filename}}', content_url: '{{a.url}}' });
	const comment = JSON.stringify({
		id: '{{c.id}}',
		public: '{{c.is_public}}',
		author_id: '{{c.author.id}}',
		author_name: '{{c.author.name}}',
		body: '{{c.value}}',
		created_at: '{{ticket.updated_at_with_timestamp}}',
		attachments: COMMENT_MARK,
	}).replace(`"${COMMENT_MARK}"`, `[{% for a in c.attachments %}${attachment},{% endfor %}null]`);
	return `[{% for c in ticket.comments limit:1 %}${comment},{% endfor %}null]`;
}

/**
 * The call's JSON body: the ticket's ids, enumerations and times (the node
 * reads the whole ticket when the call arrives) and, for Comment Added, the
 * comment, whose text Zendesk escapes as JSON string content (see the README
 * for what is confirmed).
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
	if (event !== 'commentAdded') return JSON.stringify({ event, ticket });
	return JSON.stringify({ event, ticket, comment: COMMENT_MARK }).replace(`"${COMMENT_MARK}"`, latestCommentLiquid());
}

/** Whether a trigger sends a payload this version wrote (one from an older version is replaced on the next check). */
export function currentPayload(trigger: IDataObject): boolean {
	const actions = Array.isArray(trigger.actions) ? (trigger.actions as IDataObject[]) : [];
	const action = actions.find((a) => a.field === TRIGGER_WEBHOOK_ACTION && Array.isArray(a.value));
	if (!action) return true;
	const template = String((action.value as unknown[])[1]);
	const event = /^\{"event":"(\w+)"/.exec(template)?.[1];
	return event !== undefined && payloadTemplate(event as TicketEvent) === template;
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
