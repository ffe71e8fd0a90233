import type { IDataObject } from 'n8n-workflow';

import type { TicketFieldDefinition } from '../../../common/helpers/customFields';
import { customFieldsPayload } from '../../../common/helpers/customFields';
import { MAX_SHORT_TEXT_BYTES, PRIORITIES, STATUSES, TYPES } from '../../../common/zendeskFacts';
import { InputProblem, email, isoDate, jsonObject, list, oneOf, positiveId, requireText } from '../../../common/helpers/validation';

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

/** Whether a field holds a value. Empty or blank counts as "leave it as it is", as a model sends it for a field it does not change. */
export function isGiven(value: unknown): boolean {
	const v = plain(value);
	return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

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
	const extra = isGiven(fields.jsonFields) ? jsonObject('Other Fields (JSON)', fields.jsonFields) : {};
	// Input data must never pick which ticket is changed: that is Ticket ID's job alone.
	if ('id' in extra) throw new InputProblem('Other Fields (JSON)', '"id" cannot be set here; the ticket is the one chosen in Ticket ID');
	const ticket: IDataObject = { ...extra };
	if (isGiven(fields.subject)) ticket.subject = requireText('Subject', fields.subject, { maxBytes: 255 * 4 });
	if (isGiven(fields.priority)) ticket.priority = oneOf('Priority', fields.priority, PRIORITIES);
	if (isGiven(fields.status)) ticket.status = oneOf('Status', fields.status, STATUSES);
	if (isGiven(fields.customStatusId)) ticket.custom_status_id = positiveId('Custom Status', fields.customStatusId);
	if (isGiven(fields.type)) ticket.type = oneOf('Type', fields.type, TYPES);

	const replacing = isGiven(fields.tags);
	const adding = isGiven(fields.addTags);
	const removing = isGiven(fields.removeTags);
	if (replacing && (adding || removing)) {
		throw new InputProblem('Tags', 'choose either "Tags (Replace All)" or "Add Tags"/"Remove Tags", not both');
	}
	if (replacing) ticket.tags = list(fields.tags, 'Tags');
	// additional_tags and remove_tags leave the ticket's other tags alone.
	if (adding) ticket.additional_tags = list(fields.addTags, 'Add Tags');
	if (removing) ticket.remove_tags = list(fields.removeTags, 'Remove Tags');

	if (isGiven(fields.requesterId) && isGiven(fields.requesterEmail)) {
		throw new InputProblem('Requester', 'give either a requester ID or a requester email, not both');
	}
	if (isGiven(fields.requesterId)) ticket.requester_id = positiveId('Requester', plain(fields.requesterId));
	if (isGiven(fields.requesterEmail)) {
		const requester: IDataObject = { email: email('Requester Email', fields.requesterEmail) };
		if (isGiven(fields.requesterName))
			requester.name = requireText('Requester Name', fields.requesterName, { maxBytes: MAX_SHORT_TEXT_BYTES });
		ticket.requester = requester;
	} else if (isGiven(fields.requesterName)) {
		throw new InputProblem('Requester Name', 'needs a Requester Email as well');
	}

	if (isGiven(fields.assigneeId) && isGiven(fields.assigneeEmail)) {
		throw new InputProblem('Assignee', 'give either an assignee ID or an assignee email, not both');
	}
	if (isGiven(fields.assigneeId)) ticket.assignee_id = positiveId('Assignee', plain(fields.assigneeId));
	if (isGiven(fields.assigneeEmail)) ticket.assignee_email = email('Assignee Email', fields.assigneeEmail);
	if (isGiven(fields.groupId)) ticket.group_id = positiveId('Group', fields.groupId);
	if (isGiven(fields.organizationId)) ticket.organization_id = positiveId('Organization ID', fields.organizationId);
	if (isGiven(fields.emailCcs)) ticket.email_ccs = userActions('Email CCs', fields.emailCcs);
	if (isGiven(fields.followers)) ticket.followers = userActions('Followers', fields.followers);
	if (isGiven(fields.dueAt)) ticket.due_at = isoDate('Due At', fields.dueAt);
	if (isGiven(fields.externalId)) ticket.external_id = requireText('External ID', fields.externalId, { maxBytes: MAX_SHORT_TEXT_BYTES });
	if (isGiven(fields.brandId)) ticket.brand_id = positiveId('Brand', fields.brandId);
	if (isGiven(fields.ticketFormId)) ticket.ticket_form_id = positiveId('Ticket Form', fields.ticketFormId);
	if (isGiven(fields.problemId)) ticket.problem_id = positiveId('Problem Ticket ID', fields.problemId);
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
