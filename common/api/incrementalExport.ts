import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { INCREMENTAL_EXPORT_PAGE_SIZE } from '../zendeskFacts';
import type { HttpFailure, ZendeskClient } from '../client';
import { listTicketsPage } from './tickets';

/** Where an export page starts: Zendesk's cursor, or a time (Unix seconds) for the first request. */
export type ExportPosition = { cursor: string } | { startTime: number };

export interface ExportPage {
	tickets: IDataObject[];
	afterCursor?: string;
	endOfStream: boolean;
}

export const NOT_ADMIN_MESSAGE =
	'The Zendesk Ticket Poll Trigger needs an admin: Zendesk lets only admins use the incremental ticket export';
const NOT_ADMIN_DESCRIPTION =
	'Connect the credential as a Zendesk admin (OAuth2: an admin authorizes it with the "read" scope; API token: an admin\'s email and token), or use the Zendesk Ticket Trigger (webhook mode) instead.';

function explainExport(failure: HttpFailure) {
	if (failure.status === 403) return { message: NOT_ADMIN_MESSAGE, description: NOT_ADMIN_DESCRIPTION };
	return undefined;
}

/**
 * One page of the cursor-based incremental ticket export
 * (IncrementalTicketExportCursor). The cursor is sent back ourselves; the
 * `after_url` is never followed, so no request leaves the credential's host.
 * `cursorRefused` when Zendesk refused the cursor (expired or unknown; what
 * Zendesk answers then is not documented, so any 400, 404, 410 or 422): the
 * poll restarts by time.
 */
export async function exportTicketsPage(client: ZendeskClient, position: ExportPosition): Promise<ExportPage | 'cursorRefused'> {
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
	const tickets = Array.isArray(response.tickets) ? (response.tickets as IDataObject[]) : [];
	const afterCursor = typeof response.after_cursor === 'string' && response.after_cursor !== '' ? response.after_cursor : undefined;
	return { tickets, afterCursor, endOfStream: response.end_of_stream === true || afterCursor === undefined };
}

/**
 * The most recently updated tickets (List Tickets, newest first), for the
 * manual test run: needs no admin rights and leaves the export's budget alone.
 */
export async function latestTickets(client: ZendeskClient, count: number): Promise<IDataObject[]> {
	const response = await listTicketsPage(client, { 'page[size]': count, sort: '-updated_at' });
	return Array.isArray(response.tickets) ? (response.tickets as IDataObject[]) : [];
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
