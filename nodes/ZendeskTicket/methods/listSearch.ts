import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { macrosPage } from '../../../common/api/macros';
import { searchPage } from '../../../common/api/search';
import { listTicketsPage } from '../../../common/api/tickets';
import { listUsersPage, searchUsersPage } from '../../../common/api/users';
import { SEARCH_RESULT_CAP } from '../../../common/zendeskFacts';

const PAGE = 50;

async function agentUrl(client: ZendeskClient, path: string): Promise<string> {
	return `${await client.baseUrl()}/agent/${path}`;
}

/** Cursor-paged list when nothing is typed; Zendesk search (offset pages) when the builder types. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	client: ZendeskClient,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let tickets: IDataObject[];
	let next: string | undefined;
	if (filter?.trim()) {
		const page = Number(paginationToken ?? 1);
		const term = filter.trim();
		const query = /^\d+$/.test(term) ? term : `"${term.replace(/"/g, '')}"`;
		const response = await searchPage(client, { query, sortBy: 'updated_at', sortOrder: 'desc' }, page, PAGE);
		tickets = (response.results as IDataObject[] | undefined) ?? [];
		next = response.next_page && page * PAGE < SEARCH_RESULT_CAP ? String(page + 1) : undefined;
	} else {
		const qs: IDataObject = { 'page[size]': PAGE, sort: '-updated_at' };
		if (paginationToken) qs['page[after]'] = paginationToken;
		const response = await listTicketsPage(client, qs);
		tickets = (response.tickets as IDataObject[] | undefined) ?? [];
		const meta = (response.meta as IDataObject | undefined) ?? {};
		next = meta.has_more === true ? String(meta.after_cursor) : undefined;
	}
	const base = await agentUrl(client, 'tickets');
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
	client: ZendeskClient,
	filter: string | undefined,
	paginationToken: string | undefined,
	roles: string[],
): Promise<INodeListSearchResult> {
	const base = await agentUrl(client, 'users');
	let users: IDataObject[];
	let next: string | undefined;
	if (filter?.trim()) {
		const page = Number(paginationToken ?? 1);
		const response = await searchUsersPage(client, filter.trim(), page, PAGE);
		users = ((response.users as IDataObject[] | undefined) ?? []).filter((u) => !roles.length || roles.includes(String(u.role)));
		next = response.next_page ? String(page + 1) : undefined;
	} else {
		const qs: IDataObject = { 'page[size]': PAGE };
		if (roles.length) qs['role[]'] = roles;
		if (paginationToken) qs['page[after]'] = paginationToken;
		const response = await listUsersPage(client, qs);
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
export async function searchUsers(this: ILoadOptionsFunctions, client: ZendeskClient, filter?: string, paginationToken?: string) {
	return await searchPeople(client, filter, paginationToken, []);
}

/** Only agents and admins can be assignees. */
export async function searchAgents(this: ILoadOptionsFunctions, client: ZendeskClient, filter?: string, paginationToken?: string) {
	return await searchPeople(client, filter, paginationToken, ['agent', 'admin']);
}

/** "Billing::Refunds::Issued" is the macro "Issued" in the category "Billing › Refunds", as Zendesk's agent interface groups it. */
function macroName(title: string): string {
	const parts = title.split('::').map((p) => p.trim());
	const leaf = parts.pop() ?? title;
	return parts.length ? `${leaf} (${parts.join(' › ')})` : leaf;
}

/** Active macros by title (Zendesk's search when the builder types), with their category. */
export async function searchMacros(this: ILoadOptionsFunctions, client: ZendeskClient, filter?: string, paginationToken?: string) {
	const page = Number(paginationToken ?? 1);
	const response = await macrosPage(client, filter?.trim() ?? '', page, PAGE);
	const macros = (response.macros as IDataObject[] | undefined) ?? [];
	const base = await client.baseUrl();
	return {
		results: macros.map((m) => ({
			name: macroName(String(m.title ?? m.id)),
			value: String(m.id),
			url: `${base}/admin/workspaces/agent-workspace/macros/${String(m.id)}`,
		})),
		paginationToken: response.next_page ? String(page + 1) : undefined,
	};
}
