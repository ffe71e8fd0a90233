import type { IDataObject } from 'n8n-workflow';

import { WATCHED_FIELDS, fingerprint } from '../../../common/triggers/ticketEvents';
import type { PollState } from './pollState';
import { OVERLAP_SECONDS, unixOf } from './pollState';

/*
 * Updates Zendesk makes for its own reasons. Zendesk moves a ticket's
 * `generated_timestamp` on every update, and its `updated_at` only with an
 * update that makes a ticket event: one by a person, the API, a trigger or an
 * automation (closing solved tickets after some days is an automation, with
 * an audit "via rule", so it is reported). Archiving, SLA and other system
 * updates move only `generated_timestamp`: the export then hands the ticket
 * over again with the `updated_at` of the change before, which is not
 * reported again. Pure.
 */

const FIELDS = Object.keys(WATCHED_FIELDS).length;

/** What the trigger remembers of a ticket: its watched fields, then its `updated_at`. */
export const versionOf = (ticket: IDataObject): string[] => [...fingerprint(ticket), String(ticket.updated_at)];

/** The watched fields of a remembered version, and the `updated_at` it had (absent in state from before it was kept). */
export function rememberedVersion(version: string[] | undefined): { fields?: string[]; updatedAt?: string } {
	if (!version) return {};
	return { fields: version.slice(0, FIELDS), updatedAt: version[FIELDS] };
}

/**
 * Changes whose `updated_at` is older than this (Unix seconds) were reported
 * by an earlier poll or are from before the trigger started; the margin is for
 * a change whose ticket a system update moved past an earlier poll's reach.
 */
export function settledBefore(state: PollState): number {
	return Math.max(state.since, (state.highWater ?? state.since) - OVERLAP_SECONDS);
}

/**
 * Whether an exported ticket is only a system update: its `updated_at` did
 * not move with its `generated_timestamp`, and the change at that `updated_at`
 * is one the trigger has seen (it remembers it) or is settled.
 */
export function isSystemUpdate(ticket: IDataObject, rememberedUpdatedAt: string | undefined, settled: number): boolean {
	const updated = unixOf(ticket.updated_at);
	const generated = typeof ticket.generated_timestamp === 'number' ? ticket.generated_timestamp : updated;
	if (!(updated < generated)) return false;
	if (rememberedUpdatedAt !== undefined) return rememberedUpdatedAt === String(ticket.updated_at);
	return updated < settled;
}
