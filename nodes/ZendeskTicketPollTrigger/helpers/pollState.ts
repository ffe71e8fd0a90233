import type { IDataObject } from 'n8n-workflow';

import type { IdRanges } from './idRanges';
import { withIds } from './idRanges';

/*
 * What the polling trigger keeps in the workflow's static data between polls,
 * and how one poll's tickets move it on. Pure: the poll writes the result
 * into static data only after everything it fetched is ready to be emitted.
 */

/**
 * Seconds before the newest change emitted that the ticket list (an agent's
 * path) reads again, for changes saved late within a second or two; and how
 * long a change an export has not shown yet may have been held back by a
 * system update that followed it (see systemUpdates.ts).
 */
export const OVERLAP_SECONDS = 300;
/** Most change keys remembered for the ticket list's overlap window (its poll reads at most as many). */
export const MAX_SEEN = 5000;
/** Most tickets whose watched fields are remembered (to tell what changed). */
export const MAX_KNOWN = 2000;

/** Where the trigger reads changes: the incremental export (admins) or the ticket list (any agent). */
export type PollSource = 'export' | 'list';

export interface PollState {
	/** Absent in state written before the ticket list existed: the export. */
	source?: PollSource;
	/** Zendesk's `after_cursor` after the last page emitted. */
	cursor?: string;
	/** Unix seconds to export from when there is no cursor (first activation, backfill, refused cursor). */
	startTime?: number;
	/** With startTime: the time-based export goes on from it (after Zendesk refused a cursor). */
	byTime?: boolean;
	/** Unix seconds: tickets created from then on count as created. */
	since: number;
	/** The newest change emitted, Unix seconds: its `generated_timestamp` (export) or `updated_at` (list). */
	highWater?: number;
	/**
	 * `<id>@<second>` of the changes emitted at highWater (export: a restart by
	 * time starts at that second and Zendesk's time is inclusive) or within
	 * OVERLAP_SECONDS of it (list).
	 */
	seen: string[];
	/** Ticket id → fingerprint of its watched fields when last seen, then its `updated_at` (systemUpdates.ts `versionOf`). */
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

/** Where a change stands in its source, Unix seconds: the export's `generated_timestamp` (else `updated_at`), the list's `updated_at`. */
export function changedAt(ticket: IDataObject, source: PollSource = 'export'): number {
	const generated = ticket.generated_timestamp;
	return source === 'export' && typeof generated === 'number' ? generated : unixOf(ticket.updated_at);
}

/** FNV-1a of a text, base 36: tells two versions of a ticket apart in a few characters. */
function digest(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return hash.toString(36);
}

/**
 * `<id>@<second>`: one change. The list reads tickets as they are now, so two
 * changes within one second, read between them, share id and second: there
 * the version's content tells them apart (less `generated_timestamp`, which
 * moves with system updates). The export lists settled seconds only.
 */
export function changeKey(ticket: IDataObject, source?: PollSource): string {
	const key = `${String(ticket.id)}@${changedAt(ticket, source)}`;
	if (source !== 'list') return key;
	const version = { ...ticket, generated_timestamp: undefined };
	return `${key}#${digest(JSON.stringify(version))}`;
}

/** The second of a change key. */
const secondOf = (key: string) => Number(key.slice(key.indexOf('@') + 1).split('#')[0]);

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

/** The tickets of a poll less those already emitted (same id and generated_timestamp, or updated_at in the list), each once, in order. */
export function newChanges(tickets: IDataObject[], seen: string[], source?: PollSource): IDataObject[] {
	const keys = new Set(seen);
	const out: IDataObject[] = [];
	for (const ticket of tickets) {
		const key = changeKey(ticket, source);
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

/** Where the next poll reads from (the list needs none: it reads back to highWater). */
export interface NextPosition {
	cursor?: string;
	byTimeFrom?: number;
}

/** The change keys to keep: export, those at highWater; list, those within OVERLAP_SECONDS of it. */
function keysToKeep(state: PollState, changes: IDataObject[], highWater: number): string[] {
	const source = state.source ?? 'export';
	const floor = source === 'list' ? highWater - OVERLAP_SECONDS : highWater;
	// One second of changes at most (export): bounded by what Zendesk takes in a second, so not capped.
	const kept = [...state.seen, ...changes.map((t) => changeKey(t, source))].filter((key) => secondOf(key) >= floor);
	return source === 'list' ? kept.slice(-MAX_SEEN) : kept;
}

/** The state after a poll that fetched `changes` (already deduplicated) and ended at `next`. */
export function advance(
	state: PollState,
	changes: IDataObject[],
	next: NextPosition,
	fingerprint: (t: IDataObject) => string[],
): PollState {
	const times = changes.map((t) => changedAt(t, state.source)).filter((n) => Number.isFinite(n));
	const highWater = Math.max(state.highWater ?? -Infinity, ...times);
	const cursor = next.byTimeFrom !== undefined ? undefined : (next.cursor ?? state.cursor);
	const startTime = next.byTimeFrom ?? (cursor ? undefined : state.startTime);
	return {
		source: state.source,
		cursor,
		startTime,
		byTime: next.byTimeFrom !== undefined || (!cursor && state.byTime) || undefined,
		since: state.since,
		highWater: Number.isFinite(highWater) ? highWater : state.highWater,
		seen: Number.isFinite(highWater) ? keysToKeep(state, changes, highWater) : state.seen,
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

/**
 * Where the time-based export goes on after Zendesk refused the cursor: at the
 * newest change emitted, whose second's changes are in `seen`, so none is
 * emitted twice however many came before it.
 */
export function restartTime(state: PollState): number {
	return state.highWater ?? state.startTime ?? state.since;
}
