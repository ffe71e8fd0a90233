import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ZendeskClient } from '../../common/client';
import { showTickets } from '../../common/api/tickets';
import { showUsers } from '../../common/api/users';
import { triggerComment } from '../../common/ticket/triggerComment';
import { matchesFilters } from '../../common/triggers/ticketEvents';
import type { TriggerSettings } from '../../common/triggers/settings';
import { eventItem } from '../../common/triggers/settings';
import type { CommentEvent } from './helpers/commentEvents';
import { commentsOf, seenComments } from './helpers/commentEvents';
import { exportTicketEventsPage } from '../../common/api/incrementalExport';

/** Event export pages one poll reads at most; the rest waits for the next poll. */
const MAX_EVENT_PAGES = 5;

export interface CommentPoll {
	items: INodeExecutionData[];
	/** Where the next poll's event export starts (Unix seconds). */
	startTime: number;
	seen: string[];
}

/** A ticket deleted since its comment: read alone (GET /tickets/{id}) it answers 404, in show_many it is left out. */
const isNotFound = (error: Error) => error instanceof NodeApiError && error.httpCode === '404';

/**
 * The comments' tickets. Any other failure fails the poll, so that the start
 * time and the comments seen are not moved on past comments not reported.
 */
async function ticketsOf(api: ZendeskClient, ids: number[]): Promise<Map<number, IDataObject>> {
	if (!ids.length) return new Map();
	const { found, failed } = await showTickets(api, ids, { ownerOf: () => undefined });
	const failure = [...failed.values()].find((error) => !isNotFound(error));
	if (failure) throw failure;
	return found;
}

/** Users show_many takes at most this many ids. */
const USERS_PER_READ = 100;

/** The comments' authors' names by id (show_many, 100 a request); a failure fails the poll, as for the tickets. */
async function authorNames(api: ZendeskClient, comments: CommentEvent[]): Promise<Map<number, unknown>> {
	const ids = [...new Set(comments.map((c) => Number(c.comment.author_id)).filter(Number.isSafeInteger))];
	const names = new Map<number, unknown>();
	for (let start = 0; start < ids.length; start += USERS_PER_READ)
		for (const user of await showUsers(api, ids.slice(start, start + USERS_PER_READ))) names.set(Number(user.id), user.name);
	return names;
}

/**
 * "Comment added" from the incremental ticket event export: the comments
 * since `startTime`, each once, with its ticket (read with show_many, so that
 * the filters and Simplify apply as for the other events) and its author's
 * name (users show_many: one more request per poll that reports comments).
 */
export async function pollComments(
	api: ZendeskClient,
	startTime: number,
	seen: string[],
	settings: TriggerSettings,
	publicOnly: boolean,
): Promise<CommentPoll> {
	const found: CommentEvent[] = [];
	let start = startTime;
	for (let pages = 0; pages < MAX_EVENT_PAGES; pages++) {
		const page = await exportTicketEventsPage(api, start);
		found.push(...commentsOf(page.events, publicOnly, [...seen, ...found.map((c) => String(c.comment.id))]));
		start = page.endTime;
		if (page.endOfStream) break;
	}
	const tickets = await ticketsOf(api, [...new Set(found.map((c) => c.ticketId))]);
	const reported = found.filter((c) => tickets.has(c.ticketId) && matchesFilters(tickets.get(c.ticketId) as IDataObject, settings.filters));
	const authors = await authorNames(api, reported);
	const items: INodeExecutionData[] = reported.map(({ ticketId, comment }) =>
		eventItem(tickets.get(ticketId) as IDataObject, { event: 'commentAdded' }, settings.simplify, {
			comment: triggerComment(comment, authors.get(Number(comment.author_id))),
		}),
	);
	return { items, startTime: start, seen: seenComments(seen, found, start) };
}
