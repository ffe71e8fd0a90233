import type { IDataObject } from 'n8n-workflow';

import type { ZendeskClient } from '../client';

/** ShowCurrentUser: the user the credential acts as (role: end-user, agent or admin; no id when Zendesk did not recognise the credential). */
export async function currentUser(client: ZendeskClient): Promise<IDataObject> {
	const response = await client.request({ method: 'GET', endpoint: '/users/me' });
	return (response.user as IDataObject | undefined) ?? {};
}

/** ShowManyUsers: up to 100 users by ID. */
export async function showUsers(client: ZendeskClient, ids: number[], itemIndex?: number): Promise<IDataObject[]> {
	const response = await client.request({ method: 'GET', endpoint: '/users/show_many', qs: { ids: ids.join(',') }, itemIndex });
	return (response.users as IDataObject[] | undefined) ?? [];
}

/** SearchUsers: one offset page of users whose name or email matches. */
export async function searchUsersPage(client: ZendeskClient, query: string, page: number, perPage: number): Promise<IDataObject> {
	return await client.request({ method: 'GET', endpoint: '/users/search', qs: { query, page, per_page: perPage } });
}

/** ListUsers: one cursor page, optionally of some roles only. */
export async function listUsersPage(client: ZendeskClient, qs: IDataObject): Promise<IDataObject> {
	return await client.request({ method: 'GET', endpoint: '/users', qs });
}
