import type { IDataObject } from 'n8n-workflow';

import type { TicketFieldDefinition } from './customFields';
import { customFieldsPayload } from './customFields';
import { PRIORITIES, STATUSES, TYPES } from './zendeskFacts';
import { InputProblem, email, isoDate, jsonObject, list, oneOf, positiveId, requireText } from './validation';

/** Builder-facing field names (the node's parameters) to Zendesk's words. */
export interface TicketFieldsInput extends IDataObject {
	subject?: string;
	priority?: string;
	status?: string;
	customStatusId?: string | number;
	type?: string;
	tags?: string | string[];
	addTags?: string | string[];
	removeTags?: string | string[];
	requesterEmail?: string;
	requesterName?: string;
	requesterId?: string | number | IDataObject;
	assigneeId?: string | number | IDataObject;
	assigneeEmail?: string;
	groupId?: string | number;
	organizationId?: string | number;
	emailCcs?: string | string[];
	followers?: string | string[];
	dueAt?: string;
	externalId?: string;
	brandId?: string | number;
	ticketFormId?: string | number;
	problemId?: string | number;
	customFields?: { field?: IDataObject[] };
	jsonFields?: string | IDataObject;
}

/** Resource locator values arrive as { __rl, mode, value } inside a collection. */
function plain(value: unknown): unknown {
	return value && typeof value === 'object' && '__rl' in value ? (value as IDataObject).value : value;
}

const set = (value: unknown) => {
	const v = plain(value);
	return v !== undefined && v !== null && v !== '';
};

/** Email CCs and followers take user emails or ids, each with the "put" action. */
function userActions(field: string, value: unknown): IDataObject[] {
	return list(value, field).map((entry) =>
		/^\d+$/.test(entry) ? { user_id: Number(entry), action: 'put' } : { user_email: email(field, entry), action: 'put' },
	);
}

/**
 * Converts the fields shared by create and update into a Zendesk ticket
 * object. Throws InputProblem naming the field; no request is built then.
 */
export function ticketFromFields(fields: TicketFieldsInput, customFieldDefinitions: Map<number, TicketFieldDefinition>): IDataObject {
	const extra = set(fields.jsonFields) ? jsonObject('Other Fields (JSON)', fields.jsonFields) : {};
	// Input data must never pick which ticket is changed: that is Ticket ID's job alone.
	if ('id' in extra) throw new InputProblem('Other Fields (JSON)', '"id" cannot be set here; the ticket is the one chosen in Ticket ID');
	const ticket: IDataObject = { ...extra };
	if (set(fields.subject)) ticket.subject = requireText('Subject', fields.subject, { maxBytes: 255 * 4 });
	if (set(fields.priority)) ticket.priority = oneOf('Priority', fields.priority, PRIORITIES);
	if (set(fields.status)) ticket.status = oneOf('Status', fields.status, STATUSES);
	if (set(fields.customStatusId)) ticket.custom_status_id = positiveId('Custom Status', fields.customStatusId);
	if (set(fields.type)) ticket.type = oneOf('Type', fields.type, TYPES);

	const replacing = set(fields.tags);
	const adding = set(fields.addTags);
	const removing = set(fields.removeTags);
	if (replacing && (adding || removing)) {
		throw new InputProblem('Tags', 'choose either "Tags (Replace All)" or "Add Tags"/"Remove Tags", not both');
	}
	if (replacing) ticket.tags = list(fields.tags, 'Tags');
	// additional_tags and remove_tags leave the ticket's other tags alone.
	if (adding) ticket.additional_tags = list(fields.addTags, 'Add Tags');
	if (removing) ticket.remove_tags = list(fields.removeTags, 'Remove Tags');

	if (set(fields.requesterId) && set(fields.requesterEmail)) {
		throw new InputProblem('Requester', 'give either a requester ID or a requester email, not both');
	}
	if (set(fields.requesterId)) ticket.requester_id = positiveId('Requester', plain(fields.requesterId));
	if (set(fields.requesterEmail)) {
		const requester: IDataObject = { email: email('Requester Email', fields.requesterEmail) };
		if (set(fields.requesterName)) requester.name = requireText('Requester Name', fields.requesterName, { maxBytes: 1020 });
		ticket.requester = requester;
	} else if (set(fields.requesterName)) {
		throw new InputProblem('Requester Name', 'needs a Requester Email as well');
	}

	if (set(fields.assigneeId) && set(fields.assigneeEmail)) {
		throw new InputProblem('Assignee', 'give either an assignee ID or an assignee email, not both');
	}
	if (set(fields.assigneeId)) ticket.assignee_id = positiveId('Assignee', plain(fields.assigneeId));
	if (set(fields.assigneeEmail)) ticket.assignee_email = email('Assignee Email', fields.assigneeEmail);
	if (set(fields.groupId)) ticket.group_id = positiveId('Group', fields.groupId);
	if (set(fields.organizationId)) ticket.organization_id = positiveId('Organization ID', fields.organizationId);
	if (set(fields.emailCcs)) ticket.email_ccs = userActions('Email CCs', fields.emailCcs);
	if (set(fields.followers)) ticket.followers = userActions('Followers', fields.followers);
	if (set(fields.dueAt)) ticket.due_at = isoDate('Due At', fields.dueAt);
	if (set(fields.externalId)) ticket.external_id = requireText('External ID', fields.externalId, { maxBytes: 1020 });
	if (set(fields.brandId)) ticket.brand_id = positiveId('Brand', fields.brandId);
	if (set(fields.ticketFormId)) ticket.ticket_form_id = positiveId('Ticket Form', fields.ticketFormId);
	if (set(fields.problemId)) ticket.problem_id = positiveId('Problem Ticket ID', fields.problemId);
	const customEntries = fields.customFields?.field ?? [];
	if (customEntries.length) ticket.custom_fields = customFieldsPayload(customEntries, customFieldDefinitions);
	return ticket;
}

/** A comment as Zendesk takes it: text or HTML, public reply or internal note. */
export function commentFrom(field: string, text: unknown, format: unknown, isPublic: boolean): IDataObject {
	const body = requireText(field, text);
	return format === 'html' ? { html_body: body, public: isPublic } : { body, public: isPublic };
}

export function needsCustomFieldDefinitions(fields: TicketFieldsInput): boolean {
	return (fields.customFields?.field ?? []).length > 0;
}
