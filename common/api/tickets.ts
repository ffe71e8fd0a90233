import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../helpers/ids';
import { SHOW_MANY_LIMIT } from '../zendeskFacts';
import { attachSideloads } from '../ticket/sideloads';
import type { ZendeskFunctions } from '../client/connection';
import { parallelismFor, zendeskApiRequest } from '../client/request';
import { mapLimit } from '../client/pacing';

export interface ShownTickets {
	found: Map<number, IDataObject>;
	/** IDs whose request failed, with the error; IDs in neither map do not exist. */
	failed: Map<number, Error>;
}

/** Tickets by ID: one GET for a single ID, else show_many with up to 100 IDs a request. */
export async function showTickets(
	this: ZendeskFunctions,
	ids: number[],
	{ qs = {}, ownerOf }: { qs?: IDataObject; ownerOf: (id: number) => number | undefined },
): Promise<ShownTickets> {
	const found = new Map<number, IDataObject>();
	const failed = new Map<number, Error>();
	if (ids.length === 1) {
		const [id] = ids;
		try {
			const response = await zendeskApiRequest.call(this, {
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
	const limit = await parallelismFor.call(this);
	await mapLimit(chunk(ids, SHOW_MANY_LIMIT), limit, async (part) => {
		try {
			const response = await zendeskApiRequest.call(this, {
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
