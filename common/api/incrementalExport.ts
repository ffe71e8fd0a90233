import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { INCREMENTAL_EXPORT_PAGE_SIZE } from '../zendeskFacts';
import type { HttpFailure, ZendeskClient } from '../client';
import { listTicketsPage } from './tickets';

/**
 * Where an export page starts: Zendesk's cursor, or a time (Unix seconds) for
 * the cursor export's first request, or a time for the time-based export,
 * which Zendesk documents as comparing it with each ticket's `generated_timestamp`.
 */
export type ExportPosition = { cursor: string } | { startTime: number } | { byTimeFrom: number };

export interface ExportPage {
	tickets: IDataObject[];
	/** Where the next page starts; none when Zendesk gave no way on. */
	next?: ExportPosition;
	endOfStream: boolean;
}

export const NOT_ADMIN_MESSAGE = 'The incremental ticket export needs an admin: Zendesk lets only admins use it';
const NOT_ADMIN_DESCRIPTION =
	'Set the poll trigger\'s Options → Source to "Ticket List (Any Agent)", or connect the credential as a Zendesk admin (OAuth2: an admin authorizes it with the "read" scope; API token: an admin\'s email and token), or use the Zendesk Ticket Trigger (webhook mode).';

function explainExport(failure: HttpFailure) {
	if (failure.status === 403) return { message: NOT_ADMIN_MESSAGE, description: NOT_ADMIN_DESCRIPTION };
	return undefined;
}

const ticketsOf = (response: IDataObject) => (Array.isArray(response.tickets) ? (response.tickets as IDataObject[]) : []);

/** One page of the time-based export (IncrementalTicketExportTime): on from `end_time`, which repeats that second's tickets. */
async function exportByTimePage(client: ZendeskClient, startTime: number): Promise<ExportPage> {
	// The spec declares only start_time here; a page is up to 1,000 tickets (more when their times tie).
	const qs = { start_time: startTime };
	const response = await client.request({ method: 'GET', endpoint: '/incremental/tickets', qs, explain: explainExport });
	const endTime = typeof response.end_time === 'number' && response.end_time >= startTime ? response.end_time : startTime;
	return { tickets: ticketsOf(response), next: { byTimeFrom: endTime }, endOfStream: response.end_of_stream !== false };
}

/**
 * One page of an incremental ticket export: the cursor-based one
 * (IncrementalTicketExportCursor), or the time-based one for `byTimeFrom`.
 * The cursor is sent back ourselves; the `after_url` is never followed, so no
 * request leaves the credential's host. `cursorRefused` when Zendesk refused
 * the cursor (expired or unknown; what Zendesk answers then is not
 * documented, so any 400, 404, 410 or 422).
 */
export async function exportTicketsPage(client: ZendeskClient, position: ExportPosition): Promise<ExportPage | 'cursorRefused'> {
	if ('byTimeFrom' in position) return await exportByTimePage(client, position.byTimeFrom);
	const qs: IDataObject = 'cursor' in position ? { cursor: position.cursor } : { start_time: position.startTime };
	qs.per_page = INCREMENTAL_EXPORT_PAGE_SIZE;
	let response: IDataObject;
	try {
		response = await client.request({ method: 'GET', endpoint: '/incremental/tickets/cursor', qs, explain: explainExport });
	} catch (error) {
		const status = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
		if ('cursor' in position && [400, 404, 410, 422].includes(status)) return 'cursorRefused';
		throw error instanceof NodeApiError ? error : new NodeOperationError(client.node, error as Error);
	}
	const afterCursor = typeof response.after_cursor === 'string' && response.after_cursor !== '' ? response.after_cursor : undefined;
	return {
		tickets: ticketsOf(response),
		next: afterCursor ? { cursor: afterCursor } : undefined,
		endOfStream: response.end_of_stream === true || afterCursor === undefined,
	};
}

/** One page of List Tickets, most recently updated first: what an agent may read, without the export's admin right. */
export async function ticketsByUpdatePage(client: ZendeskClient, size: number, after?: string) {
	const response = await listTicketsPage(client, { 'page[size]': size, sort: '-updated_at', ...(after ? { 'page[after]': after } : {}) });
	const meta = (response.meta ?? {}) as IDataObject;
	const afterCursor = meta.has_more === true && typeof meta.after_cursor === 'string' ? meta.after_cursor : undefined;
	return { tickets: ticketsOf(response), afterCursor };
}

/**
 * The most recently updated tickets (List Tickets, newest first), for the
 * manual test run: needs no admin rights and leaves the export's budget alone.
 */
export async function latestTickets(client: ZendeskClient, count: number): Promise<IDataObject[]> {
	return (await ticketsByUpdatePage(client, count)).tickets;
}

export interface TicketEventsPage {
	events: IDataObject[];
	/** Where the next page starts (Unix seconds). */
	endTime: number;
	endOfStream: boolean;
}

/**
 * One page of the incremental ticket event export (IncrementalTicketEvents,
 * time-based), with the comments themselves (`include=comment_events`).
 */
export async function exportTicketEventsPage(client: ZendeskClient, startTime: number): Promise<TicketEventsPage> {
	const response = await client.request({
		method: 'GET',
		endpoint: '/incremental/ticket_events',
		qs: { start_time: startTime, include: 'comment_events' },
		explain: explainExport,
	});
	const events = Array.isArray(response.ticket_events) ? (response.ticket_events as IDataObject[]) : [];
	const endTime = typeof response.end_time === 'number' && response.end_time >= startTime ? response.end_time : startTime;
	// A page that does not move the start time on would be asked for again and again.
	return { events, endTime, endOfStream: response.end_of_stream !== false || endTime === startTime };
}
