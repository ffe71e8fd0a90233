import { sleep } from 'n8n-workflow';

import type { TicketEvent } from '../../../common/triggers/ticketEvents';
import { EVENT_ORDER } from '../../../common/triggers/ticketEvents';

/*
 * One change of a ticket, one execution. Zendesk fires one trigger per
 * chosen event, so a solve that is also an update, or a comment that is also
 * an update, arrives as two calls with the same ticket and the same
 * `updated_at`. The first call of a change gathers the others for a short
 * while (alongside its ticket read) and runs once with all their events; the
 * others are answered 200 and run nothing. Gathered in this process (in queue
 * mode the main process receives every call).
 */

/** How long the first call of a change waits for the other calls of that change. */
export const GATHER_MS = 3_000;

const gathering = new Map<string, TicketEvent[]>();

/** Adds a call's event to a change another call is gathering; false when none is. */
export function joinChange(key: string, event: TicketEvent): boolean {
	const events = gathering.get(key);
	if (!events) return false;
	if (!events.includes(event)) events.push(event);
	return true;
}

/** Gathers the events of one change while `work` runs (at least GATHER_MS); returns them in EVENT_ORDER with `work`'s result. */
export async function gatherChange<T>(key: string, event: TicketEvent, work: Promise<T>): Promise<{ events: TicketEvent[]; result: T }> {
	const events: TicketEvent[] = [event];
	gathering.set(key, events);
	try {
		const [result] = await Promise.all([work, sleep(GATHER_MS)]);
		return { events: EVENT_ORDER.filter((e) => events.includes(e)), result };
	} finally {
		gathering.delete(key);
	}
}
