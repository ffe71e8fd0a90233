import type { IDataObject } from 'n8n-workflow';

import { OVERLAP_SECONDS, unixOf } from './pollState';

/*
 * Comments out of the incremental ticket event export: each audit's child
 * events of type Comment, once each by comment id. Pure.
 */

export interface CommentEvent {
	ticketId: number;
	comment: IDataObject;
}

/** Most comment ids remembered for the overlap of a time-based restart. */
export const MAX_SEEN_COMMENTS = 5000;

export function commentsOf(events: IDataObject[], publicOnly: boolean, seen: string[]): CommentEvent[] {
	const known = new Set(seen);
	const out: CommentEvent[] = [];
	for (const event of events) {
		const children = Array.isArray(event.child_events) ? (event.child_events as IDataObject[]) : [];
		for (const child of children) {
			const type = child.event_type ?? child.type;
			if (type !== 'Comment' || child.id === undefined) continue;
			// Only a comment Zendesk marks public passes Public Only: one of unknown visibility may be a note.
			if (publicOnly && child.public !== true) continue;
			const key = String(child.id);
			if (known.has(key)) continue;
			known.add(key);
			out.push({ ticketId: Number(event.ticket_id), comment: { ...child, created_at: child.created_at ?? event.created_at } });
		}
	}
	return out;
}

/** The comment ids to remember after a page ending at `endTime`: those of the last OVERLAP_SECONDS. */
export function seenComments(previous: string[], found: CommentEvent[], endTime: number): string[] {
	const recent = found.filter((c) => unixOf(c.comment.created_at) >= endTime - OVERLAP_SECONDS).map((c) => String(c.comment.id));
	return [...previous, ...recent].slice(-MAX_SEEN_COMMENTS);
}
