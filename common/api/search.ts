import type { IDataObject } from 'n8n-workflow';

import type { ZendeskClient } from '../client';
import { PAGE_SIZE, SEARCH_EXPORT_PAGE_SIZE, SEARCH_RESULT_CAP } from '../zendeskFacts';
import { cursorList } from './pagination';

export interface TicketSearch {
	query: string;
	limit?: number;
	sortBy?: string;
	sortOrder?: string;
	itemIndex?: number;
}

/** Search: one offset page of tickets matching the query (at most 1,000 results in all). */
export async function searchPage(client: ZendeskClient, search: TicketSearch, page: number, perPage: number): Promise<IDataObject> {
	const qs: IDataObject = { query: `type:ticket ${search.query}`, page, per_page: perPage };
	if (search.sortBy) qs.sort_by = search.sortBy;
	if (search.sortOrder) qs.sort_order = search.sortOrder;
	return await client.request({ method: 'GET', endpoint: '/search', qs, itemIndex: search.itemIndex });
}

/**
 * Offset search while the results fit under Zendesk's 1,000 cap (it keeps the
 * requested sort); the cursor-paged export beyond it, ordered by creation time.
 */
export async function searchTickets(client: ZendeskClient, search: TicketSearch): Promise<IDataObject[]> {
	const wanted = search.limit ?? Infinity;
	// One page size for every page: pages are offsets, so a larger second page would skip results.
	const perPage = Math.min(PAGE_SIZE, wanted);
	const first = await searchPage(client, search, 1, perPage);
	const count = Number(first.count ?? 0);
	if (Math.min(count, wanted) > SEARCH_RESULT_CAP) {
		return await cursorList(client, {
			endpoint: '/search/export',
			property: 'results',
			qs: { query: search.query, 'filter[type]': 'ticket' },
			limit: search.limit,
			// Large pages while the account answers quickly, 100 (Zendesk's advice) after a slow one.
			pageSize: SEARCH_EXPORT_PAGE_SIZE,
			adaptive: true,
			itemIndex: search.itemIndex,
		});
	}
	const out = ((first.results as IDataObject[] | undefined) ?? []).slice(0, wanted);
	let next = first.next_page;
	for (let page = 2; next && out.length < Math.min(count, wanted); page++) {
		const response = await searchPage(client, search, page, perPage);
		const results = (response.results as IDataObject[] | undefined) ?? [];
		if (!results.length) break;
		out.push(...results.slice(0, wanted - out.length));
		next = response.next_page;
	}
	return out;
}
