import type { IDataObject } from 'n8n-workflow';

import type { IdRanges } from './idRanges';
import { withIds } from './idRanges';

/*
 * What the polling trigger keeps in the workflow's static data between polls,
 * and how one poll's tickets move it on. Pure: the poll writes the result
 * into static data only after everything it fetched is ready to be emitted.
 */

/** Changes this close (seconds) to the newest one emitted are remembered, so that a restart by time sends none twice. */
export const OVERLAP_SECONDS = 300;
/** Most change keys remembered for the overlap window. */
export const MAX_SEEN = 5000;
/** Most tickets whose watched fields are remembered (to tell what changed). */
export const MAX_KNOWN = 2000;

export interface PollState {
	/** Zendesk's `after_cursor` after the last page emitted. */
	cursor?: string;
	/** Unix seconds to export from when there is no cursor (first activation, backfill, expired cursor). */
	startTime?: number;
	/** Unix seconds: tickets created from then on count as created. */
	since: number;
	/** Newest `updated_at` emitted, Unix seconds. */
	highWater?: number;
	/** `<id>@<updated_at>` of the changes seen within OVERLAP_SECONDS of highWater. */
	seen: string[];
	/** Ticket id → fingerprint of its watched fields when last seen. */
	known: Record<string, string[]>;
	/**
	 * The ids of `known`, seen longest ago first. Kept apart because an object
	 * lists number-like keys in number order, not in the order they were set.
	 */
	knownOrder?: string[];
	/**
	 * IDs of the tickets created since `since` that the trigger has seen: such a
	 * ticket is reported created once, even after `known` has forgotten it.
	 */
	createdIds?: IdRanges;
	/** "Comment added": where the ticket event export goes on (Unix seconds), and the comment ids seen lately. */
	eventsStartTime?: number;
	seenComments?: string[];
}

export const unixOf = (value: unknown): number => (typeof value === 'string' ? Math.floor(Date.parse(value) / 1000) : NaN);

export const changeKey = (ticket: IDataObject): string => `${String(ticket.id)}@${String(ticket.updated_at)}`;

/** The state stored by an earlier poll, or nothing before the first activation. */
export function readState(data: IDataObject): PollState | undefined {
	const state = data.zendeskTicketPoll as PollState | undefined;
	if (!state || typeof state !== 'object' || typeof state.since !== 'number') return undefined;
	const known = state.known ?? {};
	// State written before knownOrder existed: its order is unknown, so the ids' order stands in.
	const knownOrder = Array.isArray(state.knownOrder) ? state.knownOrder : Object.keys(known);
	return { ...state, seen: Array.isArray(state.seen) ? state.seen : [], known, knownOrder };
}

export function writeState(data: IDataObject, state: PollState): void {
	data.zendeskTicketPoll = state as unknown as IDataObject;
}

export function initialState(startTime: number): PollState {
	return { startTime, since: startTime, seen: [], known: {}, knownOrder: [] };
}

/** The tickets of a poll less those already emitted (same id and updated_at), each change once, in export order. */
export function newChanges(tickets: IDataObject[], seen: string[]): IDataObject[] {
	const keys = new Set(seen);
	const out: IDataObject[] = [];
	for (const ticket of tickets) {
		const key = changeKey(ticket);
		if (keys.has(key)) continue;
		keys.add(key);
		out.push(ticket);
	}
	return out;
}

/** Remembers the newest fingerprints, at most MAX_KNOWN tickets: those seen longest ago are forgotten first. */
function remember(state: PollState, tickets: IDataObject[], fingerprint: (t: IDataObject) => string[]) {
	// A Map keeps the order in which ids were set, whatever they look like.
	const order = state.knownOrder ?? Object.keys(state.known);
	const byAge = new Map(order.filter((id) => id in state.known).map((id) => [id, state.known[id]]));
	for (const ticket of tickets) {
		byAge.delete(String(ticket.id));
		byAge.set(String(ticket.id), fingerprint(ticket));
	}
	for (const id of [...byAge.keys()].slice(0, Math.max(0, byAge.size - MAX_KNOWN))) byAge.delete(id);
	return { known: Object.fromEntries(byAge), knownOrder: [...byAge.keys()] };
}

/** The state after a poll that fetched `changes` (already deduplicated) and ended at `cursor`. */
export function advance(
	state: PollState,
	changes: IDataObject[],
	cursor: string | undefined,
	fingerprint: (t: IDataObject) => string[],
): PollState {
	const times = changes.map((t) => unixOf(t.updated_at)).filter((n) => Number.isFinite(n));
	const highWater = Math.max(state.highWater ?? -Infinity, ...times);
	const floor = highWater - OVERLAP_SECONDS;
	const seen = [...state.seen, ...changes.map(changeKey)]
		.filter((key) => unixOf(key.slice(key.indexOf('@') + 1)) >= floor)
		.slice(-MAX_SEEN);
	return {
		cursor: cursor ?? state.cursor,
		startTime: (cursor ?? state.cursor) ? undefined : state.startTime,
		since: state.since,
		highWater: Number.isFinite(highWater) ? highWater : state.highWater,
		seen,
		...remember(state, changes, fingerprint),
		createdIds: withIds(
			state.createdIds ?? [],
			changes
				.filter((t) => unixOf(t.created_at) >= state.since)
				.map((t) => Number(t.id))
				.filter(Number.isSafeInteger),
		),
		eventsStartTime: state.eventsStartTime,
		seenComments: state.seenComments,
	};
}

/** Where to export from after Zendesk refused the cursor: a little before the newest change emitted. */
export function restartTime(state: PollState): number {
	if (state.highWater !== undefined) return state.highWater - OVERLAP_SECONDS;
	return state.startTime ?? state.since;
}
