import type { IDataObject } from 'n8n-workflow';

import type { ZendeskFunctions } from './credentials';
import { zendeskApiRequest } from './index';

/** Zendesk's largest cursor page for tickets, users and most lists. */
export const PAGE_SIZE = 100;

export interface CursorListRequest {
	endpoint: string;
	/** The array in the response, e.g. `tickets`. */
	property: string;
	qs?: IDataObject;
	/** Stop after this many records; undefined means all. */
	limit?: number;
	pageSize?: number;
	itemIndex?: number;
}

/**
 * Cursor pagination (`page[size]`, `page[after]`): unlike offset paging it has
 * no 10,000-record ceiling. The cursor is sent back ourselves rather than
 * following `links.next`, so a request can never leave the credential's host.
 */
export async function cursorList(this: ZendeskFunctions, request: CursorListRequest): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const size = Math.min(request.pageSize ?? PAGE_SIZE, PAGE_SIZE);
	let after: string | undefined;
	do {
		const remaining = request.limit === undefined ? size : Math.min(size, request.limit - out.length);
		const qs: IDataObject = { ...request.qs, 'page[size]': Math.max(remaining, 1) };
		if (after) qs['page[after]'] = after;
		const response = await zendeskApiRequest.call(this, {
			method: 'GET',
			endpoint: request.endpoint,
			qs,
			itemIndex: request.itemIndex,
		});
		const page = (response[request.property] as IDataObject[] | undefined) ?? [];
		for (const record of page) {
			if (request.limit !== undefined && out.length >= request.limit) break;
			out.push(record);
		}
		const meta = (response.meta as IDataObject | undefined) ?? {};
		after = meta.has_more === true && typeof meta.after_cursor === 'string' ? meta.after_cursor : undefined;
	} while (after && (request.limit === undefined || out.length < request.limit));
	return out;
}
