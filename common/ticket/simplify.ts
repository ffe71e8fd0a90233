import type { IDataObject } from 'n8n-workflow';

/** The ticket fields most workflows use; the rest stays available without Simplify. */
export const SIMPLE_TICKET_FIELDS = [
	'id',
	'subject',
	'description',
	'status',
	'priority',
	'type',
	'tags',
	'requester_id',
	'assignee_id',
	'group_id',
	'organization_id',
	'brand_id',
	'due_at',
	'created_at',
	'updated_at',
] as const;

export function simplifyTicket(ticket: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of SIMPLE_TICKET_FIELDS) {
		if (ticket[key] !== undefined) out[key] = ticket[key];
	}
	return out;
}
