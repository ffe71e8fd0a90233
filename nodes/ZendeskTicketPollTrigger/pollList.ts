import type { IDataObject } from 'n8n-workflow';

import { PAGE_SIZE } from '../../common/zendeskFacts';
import type { ZendeskClient } from '../../common/client';
import { ticketsByUpdatePage } from '../../common/api/incrementalExport';
import type { PollState } from './helpers/pollState';
import { OVERLAP_SECONDS, unixOf } from './helpers/pollState';

/*
 * The path for a credential that is not an admin's: List Tickets, most
 * recently updated first, read back to a little before the newest change
 * emitted. A ticket is listed once, at its latest update, so an idle poll is
 * one request; what was read twice in the overlap is dropped by its key.
 */

/** Pages of List Tickets one poll reads at most (100 tickets each): 5,000 changes a poll. */
export const MAX_LIST_PAGES = 50;

export interface ListPoll {
	/** The changed tickets, oldest change first. */
	tickets: IDataObject[];
	/** Set when more tickets changed since the last poll than one poll reads: says which were left out. */
	note?: string;
}

const iso = (unix: number) => new Date(unix * 1000).toISOString();

/** The ticket list's changes since the last poll (or since the trigger started), each ticket at its latest update. */
export async function fetchList(api: ZendeskClient, state: PollState): Promise<ListPoll> {
	const floor = Math.max(state.since, (state.highWater ?? state.since) - OVERLAP_SECONDS);
	const tickets: IDataObject[] = [];
	let after: string | undefined;
	for (let pages = 0; pages < MAX_LIST_PAGES; pages++) {
		const page = await ticketsByUpdatePage(api, PAGE_SIZE, after);
		const recent = page.tickets.filter((t) => unixOf(t.updated_at) >= floor);
		tickets.push(...recent);
		after = page.afterCursor;
		if (!after || recent.length < page.tickets.length) {
			after = undefined;
			break;
		}
	}
	const at = (t: IDataObject) => Date.parse(String(t.updated_at));
	tickets.sort((a, b) => at(a) - at(b) || Number(a.id) - Number(b.id));
	if (!after || !tickets.length) return { tickets };
	const oldest = unixOf(tickets[0].updated_at);
	const note = `More than ${MAX_LIST_PAGES * PAGE_SIZE} tickets changed since the last poll, more than the ticket list is read for in one poll: changes from ${iso(floor)} to ${iso(oldest)} were not reported. Connect an admin's credential to poll the incremental export, which has no such limit.`;
	return { tickets, note };
}
