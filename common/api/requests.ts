import type { IDataObject } from 'n8n-workflow';

import { explainEndUserRefusal } from './endUserRefusal';
import { commentMayBePosted } from '../client';
import { readableComment } from '../ticket/conversation';
import type { HttpFailure, ZendeskClient } from '../client';
import { PAGE_SIZE, SEARCH_RESULT_CAP } from '../zendeskFacts';
import { cursorList } from './pagination';

/**
 * The Requests API: Zendesk's end-user view of tickets (their own requests,
 * public comments only). Every call carries X-On-Behalf-Of, so Zendesk
 * answers as that end user and refuses anyone else's ticket.
 */
export interface EndUserCall {
	/** The end user's email or user ID. */
	endUser: string;
	itemIndex: number;
}

/** The header that makes Zendesk answer as the end user, and the words for its refusals. */
const asEndUser = (call: EndUserCall) => ({
	headers: { 'X-On-Behalf-Of': call.endUser },
	itemIndex: call.itemIndex,
	explain: (failure: HttpFailure) => explainEndUserRefusal(call.endUser, failure),
});

/** How a create goes once: its key, what to say if its answer is lost, and who must remember that. */
export interface OnceOnly {
	idempotencyKey: string;
	ifUnsure: string;
	onUnsure: () => void;
}

/**
 * Opens a request as the end user. The Idempotency-Key is sent so that Zendesk
 * can recognise a repeat, but Zendesk documents it for Create Ticket only, so a
 * create whose answer was lost is never sent again (see retry.ts).
 */
export async function createRequest(client: ZendeskClient, request: IDataObject, call: EndUserCall, once: OnceOnly): Promise<IDataObject> {
	const response = await client.request({
		method: 'POST',
		endpoint: '/requests',
		body: { request },
		...asEndUser(call),
		headers: { ...asEndUser(call).headers, 'Idempotency-Key': once.idempotencyKey },
		ifUnsure: once.ifUnsure,
		onUnsure: once.onUnsure,
	});
	return response.request as IDataObject;
}

export async function showRequest(client: ZendeskClient, id: number, call: EndUserCall): Promise<IDataObject> {
	const response = await client.request({
		method: 'GET',
		endpoint: `/requests/${id}`,
		...asEndUser(call),
		context: `Ticket ${id}`,
	});
	return response.request as IDataObject;
}

export async function updateRequest(client: ZendeskClient, id: number, request: IDataObject, call: EndUserCall): Promise<IDataObject> {
	const response = await client.request({
		method: 'PUT',
		endpoint: `/requests/${id}`,
		body: { request },
		...asEndUser(call),
		context: `Ticket ${id}`,
		ifUnsure: request.comment ? commentMayBePosted(id) : undefined,
	});
	return response.request as IDataObject;
}

/**
 * The conversation as the end user sees it: the public comments of their request, newest
 * first, in one cursor page of up to 100 with the authors side-loaded (an end user cannot
 * read /users, so the names come from the page itself).
 */
export async function requestComments(client: ZendeskClient, id: number, limit: number, call: EndUserCall): Promise<IDataObject[]> {
	const response = await client.request({
		method: 'GET',
		endpoint: `/requests/${id}/comments`,
		qs: { sort: '-created_at', 'page[size]': Math.min(Math.max(1, limit), PAGE_SIZE) },
		...asEndUser(call),
		context: `Ticket ${id}`,
	});
	const users = new Map(((response.users as IDataObject[] | undefined) ?? []).map((u) => [Number(u.id), u]));
	return ((response.comments as IDataObject[] | undefined) ?? []).slice(0, limit).map((c) => readableComment(c, users));
}

/** The end user's own requests, newest first. */
export async function listRequests(client: ZendeskClient, limit: number | undefined, call: EndUserCall): Promise<IDataObject[]> {
	return await cursorList(client, {
		endpoint: '/requests',
		property: 'requests',
		qs: { sort: '-updated_at' },
		headers: asEndUser(call).headers,
		limit,
		itemIndex: call.itemIndex,
	});
}

/** The end user's requests that match a search (offset pages; Zendesk stops at 1,000). */
export async function searchRequests(
	client: ZendeskClient,
	query: string,
	limit: number | undefined,
	call: EndUserCall,
): Promise<IDataObject[]> {
	const wanted = Math.min(limit ?? SEARCH_RESULT_CAP, SEARCH_RESULT_CAP);
	const out: IDataObject[] = [];
	for (let page = 1; out.length < wanted; page++) {
		const response = await client.request({
			method: 'GET',
			endpoint: '/requests/search',
			qs: { query, page, per_page: Math.min(PAGE_SIZE, wanted) },
			...asEndUser(call),
		});
		const found = (response.requests as IDataObject[] | undefined) ?? [];
		out.push(...found.slice(0, wanted - out.length));
		if (!found.length || !response.next_page) break;
	}
	return out;
}
