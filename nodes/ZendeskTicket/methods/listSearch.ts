import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { zendeskApiRequest } from '../../../common/client/request';
import { sessionFor } from '../../../common/client/session';
import { SEARCH_RESULT_CAP } from '../../../common/zendeskFacts';

const PAGE = 50;

async function agentUrl(ctx: ILoadOptionsFunctions, path: string): Promise<string> {
	return `${(await sessionFor.call(ctx)).connection.baseUrl}/agent/${path}`;
}

/** Cursor-paged list when nothing is typed; Zendesk search (offset pages) when the builder types. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let tickets: IDataObject[];
	let next: string | undefined;
	if (filter?.trim()) {
		const page = Number(paginationToken ?? 1);
		const term = filter.trim();
		const query = /^\d+$/.test(term) ? `type:ticket ${term}` : `type:ticket "${term.replace(/"/g, '')}"`;
		const response = await zendeskApiRequest.call(this, {
			method: 'GET',
			endpoint: '/search',
			qs: { query, page, per_page: PAGE, sort_by: 'updated_at', sort_order: 'desc' },
		});
		tickets = (response.results as IDataObject[] | undefined) ?? [];
		next = response.next_page && page * PAGE < SEARCH_RESULT_CAP ? String(page + 1) : undefined;
	} else {
		const qs: IDataObject = { 'page[size]': PAGE, sort: '-updated_at' };
		if (paginationToken) qs['page[after]'] = paginationToken;
		const response = await zendeskApiRequest.call(this, { method: 'GET', endpoint: '/tickets', qs });
		tickets = (response.tickets as IDataObject[] | undefined) ?? [];
		const meta = (response.meta as IDataObject | undefined) ?? {};
		next = meta.has_more === true ? String(meta.after_cursor) : undefined;
	}
	const base = await agentUrl(this, 'tickets');
	return {
		results: tickets.map((t) => ({
			name: `#${String(t.id)} ${String(t.subject ?? '')}`.trim(),
			value: String(t.id),
			url: `${base}/${String(t.id)}`,
		})),
		paginationToken: next,
	};
}

async function searchPeople(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	roles: string[],
): Promise<INodeListSearchResult> {
	const base = await agentUrl(ctx, 'users');
	let users: IDataObject[];
	let next: string | undefined;
	if (filter?.trim()) {
		const page = Number(paginationToken ?? 1);
		const response = await zendeskApiRequest.call(ctx, {
			method: 'GET',
			endpoint: '/users/search',
			qs: { query: filter.trim(), page, per_page: PAGE },
		});
		users = ((response.users as IDataObject[] | undefined) ?? []).filter((u) => !roles.length || roles.includes(String(u.role)));
		next = response.next_page ? String(page + 1) : undefined;
	} else {
		const qs: IDataObject = { 'page[size]': PAGE };
		if (roles.length) qs['role[]'] = roles;
		if (paginationToken) qs['page[after]'] = paginationToken;
		const response = await zendeskApiRequest.call(ctx, { method: 'GET', endpoint: '/users', qs });
		users = (response.users as IDataObject[] | undefined) ?? [];
		const meta = (response.meta as IDataObject | undefined) ?? {};
		next = meta.has_more === true ? String(meta.after_cursor) : undefined;
	}
	return {
		results: users.map((u) => ({
			name: u.email ? `${String(u.name)} <${String(u.email)}>` : String(u.name),
			value: String(u.id),
			url: `${base}/${String(u.id)}`,
		})),
		paginationToken: next,
	};
}

/** Anyone who can request a ticket: search by name or email. */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPeople(this, filter, paginationToken, []);
}

/** Only agents and admins can be assignees. */
export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await searchPeople(this, filter, paginationToken, ['agent', 'admin']);
}
