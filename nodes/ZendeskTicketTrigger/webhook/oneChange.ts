import { sleep } from 'n8n-workflow';

import type { TicketEvent } from '../../../common/triggers/ticketEvents';
import type { TriggerComment } from '../../../common/ticket/triggerComment';
import { EVENT_ORDER } from '../../../common/triggers/ticketEvents';

/*
 * One change of a ticket, one execution. Zendesk fires one trigger per
 * chosen event, so a solve that is also an update, or a comment that is also
 * an update, arrives as two calls with the same ticket and the same
 * `updated_at`. The first call of a change gathers the others for a short
 * while (alongside its ticket read) and runs once with all their events; the
 * others are answered 200 and run nothing. Gathered in this process (in queue
 * mode the main process receives every call). The comment travels with its
 * call: only the Comment Added call carries it, and it may come second.
 */

/** How long the first call of a change waits for the other calls of that change. */
export const GATHER_MS = 3_000;

interface Change {
	events: TicketEvent[];
	comment?: TriggerComment;
}
const gathering = new Map<string, Change>();

/** Adds a call's event (and comment) to a change another call is gathering; false when none is. */
export function joinChange(key: string, event: TicketEvent, comment?: TriggerComment): boolean {
	const change = gathering.get(key);
	if (!change) return false;
	if (!change.events.includes(event)) change.events.push(event);
	change.comment ??= comment;
	return true;
}

/**
 * Gathers the events of one change while `work` runs (at least GATHER_MS);
 * returns them in EVENT_ORDER with the change's comment and `work`'s result.
 */
export async function gatherChange<T>(
	key: string,
	event: TicketEvent,
	comment: TriggerComment | undefined,
	work: Promise<T>,
): Promise<Change & { result: T }> {
	const change: Change = { events: [event], comment };
	gathering.set(key, change);
	try {
		const [result] = await Promise.all([work, sleep(GATHER_MS)]);
		return { events: EVENT_ORDER.filter((e) => change.events.includes(e)), comment: change.comment, result };
	} finally {
		gathering.delete(key);
	}
}
