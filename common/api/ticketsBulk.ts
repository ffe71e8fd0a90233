import type { IDataObject } from 'n8n-workflow';

import type { ZendeskClient } from '../client';

/*
 * The bulk ticket endpoints: each answers at once with a job_status and does
 * the work later (see jobs.ts), up to 100 tickets a call.
 */

/** TicketsCreateMany or TicketsUpdateMany (each ticket carrying its id); never repeated once it may have been accepted. */
export async function writeManyTickets(
	client: ZendeskClient,
	kind: 'create' | 'update',
	tickets: IDataObject[],
	call: { itemIndex: number; context: string; ifUnsure: string },
): Promise<IDataObject> {
	return await client.request({
		method: kind === 'create' ? 'POST' : 'PUT',
		endpoint: kind === 'create' ? '/tickets/create_many' : '/tickets/update_many',
		body: { tickets },
		...call,
	});
}

/** TicketsUpdateMany in its ids form: one change set for up to 100 tickets; never repeated once it may have been accepted. */
export async function updateManyAlike(
	client: ZendeskClient,
	ids: number[],
	ticket: IDataObject,
	call: { itemIndex: number; context: string; ifUnsure: string },
): Promise<IDataObject> {
	return await client.request({ method: 'PUT', endpoint: '/tickets/update_many', qs: { ids: ids.join(',') }, body: { ticket }, ...call });
}

/** BulkDeleteTickets. */
export async function deleteManyTickets(client: ZendeskClient, ids: number[], itemIndex: number | undefined): Promise<IDataObject> {
	return await client.request({ method: 'DELETE', endpoint: '/tickets/destroy_many', qs: { ids: ids.join(',') }, itemIndex });
}
