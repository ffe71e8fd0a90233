import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../helpers/chunk';
import { SHOW_MANY_LIMIT } from '../zendeskFacts';
import { cursorList } from './pagination';
import type { ZendeskClient, ZendeskRequest } from '../client';
import { mapLimit } from '../client';

export interface ShownTickets {
	found: Map<number, IDataObject>;
	/** IDs whose request failed, with the error; IDs in neither map do not exist. */
	failed: Map<number, Error>;
}

/** Tickets by ID: one GET for a single ID, else show_many with up to 100 IDs a request. */
export async function showTickets(
	client: ZendeskClient,
	ids: number[],
	{ qs = {}, ownerOf }: { qs?: IDataObject; ownerOf: (id: number) => number | undefined },
): Promise<ShownTickets> {
	const found = new Map<number, IDataObject>();
	const failed = new Map<number, Error>();
	if (ids.length === 1) {
		const [id] = ids;
		try {
			const response = await client.request({
				method: 'GET',
				endpoint: `/tickets/${id}`,
				qs,
				itemIndex: ownerOf(id),
				context: `Ticket ${id}`,
			});
			found.set(id, attachSideloads(response.ticket as IDataObject, response));
		} catch (error) {
			failed.set(id, error as Error);
		}
		return { found, failed };
	}
	const limit = await client.parallelism();
	await mapLimit(chunk(ids, SHOW_MANY_LIMIT), limit, async (part) => {
		try {
			const response = await client.request({
				method: 'GET',
				endpoint: '/tickets/show_many',
				qs: { ids: part.join(','), ...qs },
				itemIndex: ownerOf(part[0]),
			});
			for (const ticket of (response.tickets as IDataObject[] | undefined) ?? []) {
				found.set(Number(ticket.id), attachSideloads(ticket, response));
			}
		} catch (error) {
			for (const id of part) failed.set(id, error as Error);
		}
	});
	return { found, failed };
}

/** ShowTicket: one ticket by its ID as a caller gave it (a webhook call's value, so it is encoded). */
export async function showTicket(client: ZendeskClient, id: unknown): Promise<IDataObject | undefined> {
	const response = await client.request({
		method: 'GET',
		endpoint: `/tickets/${encodeURIComponent(String(id))}`,
		context: `Ticket ${String(id)}`,
	});
	return response.ticket as IDataObject | undefined;
}

/** Whose tickets a list holds: the account's, an organization's, or a user's (requested, assigned or CC'd). */
export type TicketListOwner = { organizationId: number } | { userId: number; relation: 'requested' | 'assigned' | 'ccd' } | undefined;

function ticketListOf(owner: TicketListOwner): { endpoint: string; context?: string } {
	if (owner && 'organizationId' in owner) {
		return {
			endpoint: `/organizations/${owner.organizationId}/tickets`,
			context: `Organization ${owner.organizationId} (Organization ID)`,
		};
	}
	if (owner) return { endpoint: `/users/${owner.userId}/tickets/${owner.relation}`, context: `User ${owner.userId} (User ID)` };
	return { endpoint: '/tickets' };
}

/** ListTickets, ListOrganizationTickets or the user's lists, cursor-paged up to the limit. */
export async function listTickets(
	client: ZendeskClient,
	owner: TicketListOwner,
	{ qs, limit, itemIndex }: { qs: IDataObject; limit?: number; itemIndex: number },
): Promise<IDataObject[]> {
	return await cursorList(client, { ...ticketListOf(owner), property: 'tickets', qs, limit, itemIndex });
}

/** ListTickets: one cursor page (the editor's ticket picker, the poll trigger's test run). */
export async function listTicketsPage(client: ZendeskClient, qs: IDataObject): Promise<IDataObject> {
	return await client.request({ method: 'GET', endpoint: '/tickets', qs });
}

/** How one write is named in errors and explained; see ZendeskRequest. */
type WriteCall = Pick<ZendeskRequest, 'itemIndex' | 'ifUnsure' | 'explain'>;

/** CreateTicket with an Idempotency-Key, so that Zendesk recognises a repeat (see retry.ts). */
export async function createTicket(
	client: ZendeskClient,
	ticket: IDataObject,
	idempotencyKey: string,
	call: WriteCall,
): Promise<IDataObject> {
	const response = await client.request({
		method: 'POST',
		endpoint: '/tickets',
		body: { ticket },
		headers: { 'Idempotency-Key': idempotencyKey },
		...call,
	});
	return response.ticket as IDataObject;
}

/** UpdateTicket: the changed fields, and a comment if the ticket carries one. */
export async function updateTicket(client: ZendeskClient, id: number, ticket: IDataObject, call: WriteCall): Promise<IDataObject> {
	const response = await client.request({ method: 'PUT', endpoint: `/tickets/${id}`, body: { ticket }, ...call, context: `Ticket ${id}` });
	return response.ticket as IDataObject;
}

/** DeleteTicket (soft delete: the ticket goes to Deleted tickets). */
export async function deleteTicket(client: ZendeskClient, id: number, itemIndex: number | undefined): Promise<void> {
	await client.request({ method: 'DELETE', endpoint: `/tickets/${id}`, itemIndex, context: `Ticket ${id}` });
}

function byId(records: unknown): Map<number, IDataObject> {
	return new Map(((records as IDataObject[] | undefined) ?? []).map((r) => [Number(r.id), r]));
}

/**
 * Zendesk returns side-loaded records beside the tickets; builders want them
 * on the ticket they belong to, under the name of the relation.
 */
export function attachSideloads(ticket: IDataObject, response: IDataObject): IDataObject {
	const users = byId(response.users);
	const groups = byId(response.groups);
	const organizations = byId(response.organizations);
	const out: IDataObject = { ...ticket };
	if (response.users) {
		for (const relation of ['requester', 'submitter', 'assignee']) {
			const user = users.get(Number(ticket[`${relation}_id`]));
			if (user) out[relation] = user;
		}
	}
	if (response.groups && groups.has(Number(ticket.group_id))) out.group = groups.get(Number(ticket.group_id));
	if (response.organizations && organizations.has(Number(ticket.organization_id))) {
		out.organization = organizations.get(Number(ticket.organization_id));
	}
	return out;
}
