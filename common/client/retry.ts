import { rateLimitNote, rateLimitStormNote } from './transportNotes';
import { IDEMPOTENT_CREATE_ENDPOINTS } from '../zendeskFacts';
import type { HttpFailure } from './failure';
import type { Session } from './session';
import { jittered } from './pacing';

/** What retry decisions need to know of a request. */
export interface RetryableRequest {
	method: string;
	/** Path below /api/v2, e.g. `/tickets`. */
	endpoint?: string;
	body?: unknown;
	headers?: Record<string, unknown>;
}

const MAX_ATTEMPTS = 5;
/**
 * A storm of 429s asking for no wait (Retry-After: 0) never makes more attempts of one request than
 * this; one that asks for real waits goes on as long as Max Rate Limit Wait allows.
 */
const MAX_RATE_LIMITED_ATTEMPTS = 10;
/** Retry-After 0 or a date in the past still waits this long. */
const MIN_RATE_LIMIT_WAIT_MS = 1_000;
/** Zendesk's fallback when a 429 carries no usable Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** Answers after which Zendesk may well have done the work. */
const AMBIGUOUS_STATUS = new Set([500, 502, 503, 504]);
const AMBIGUOUS_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'TRUNCATED_BODY',
	// A body that broke off after the status line: axios reports the status it saw with this code.
	'ERR_BAD_RESPONSE',
	'ERR_STREAM_PREMATURE_CLOSE',
]);
/** Failures that prove the request never reached Zendesk. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED']);

export type RetryDecision = { retryInMs: number } | { fail: true; note?: string; unsure?: boolean };

/** Jitter only ever lengthens a wait, so a retry never comes before Zendesk allows it. */
function lengthened(ms: number): number {
	return Math.round(ms * (1 + Math.random() * 0.1));
}

/** A ticket's comment (Tickets API) or an end user's (Requests API: `request.comment`). */
function hasComment(body: unknown): boolean {
	type WithComment = { comment?: unknown } | undefined;
	const data = (body ?? {}) as { ticket?: WithComment; request?: WithComment; tickets?: WithComment[] };
	const one = data.ticket?.comment !== undefined || data.request?.comment !== undefined;
	return one || (Array.isArray(data.tickets) && data.tickets.some((t) => t?.comment !== undefined));
}

function isSafeUpdate(request: RetryableRequest): boolean {
	return JSON.stringify(request.body ?? {}).includes('"safe_update"');
}

/**
 * Whether sending the request again can do its work twice. Reads, deletes and
 * plain field updates end the same however often they run; a create is only
 * safe with an Idempotency-Key on an endpoint where Zendesk documents that it
 * recognises one (not the Requests API's create); a comment is stored
 * (and a public reply emailed) again on every repeat. A Safe Update that went
 * through changed the ticket's updated_at, so its repeat would be refused as
 * someone else's change.
 */
export function mayRepeat(request: RetryableRequest): boolean {
	if (request.method === 'GET' || request.method === 'DELETE') return true;
	if (request.method === 'PUT') return !hasComment(request.body) && !isSafeUpdate(request);
	if (!IDEMPOTENT_CREATE_ENDPOINTS.has(request.endpoint ?? '')) return false;
	return Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');
}

/** Zendesk refused the request without doing anything, and doing it again may work. */
function refusedForNow(request: RetryableRequest, failure: HttpFailure): boolean {
	if (failure.code !== undefined && NOT_SENT_CODES.has(failure.code) && failure.status === undefined) return true;
	// Zendesk's DatabaseConflict on a concurrent plain update; a safe update's 409 is the answer itself.
	return failure.status === 409 && request.method === 'PUT' && !isSafeUpdate(request);
}

/** The connection or the answer broke: Zendesk may or may not have done the work. */
export function isAmbiguous(failure: HttpFailure): boolean {
	if (failure.status !== undefined && AMBIGUOUS_STATUS.has(failure.status)) return true;
	const brokenOff = failure.status === undefined || failure.status < 300;
	return brokenOff && failure.code !== undefined && AMBIGUOUS_CODES.has(failure.code);
}

/** Retry-After in seconds, or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : date - now;
}

/** How long a 429 asks every request it covers to wait: Retry-After, with a floor, or Zendesk's fallback. */
export function rateLimitWaitMs(failure: HttpFailure): number {
	return Math.max(retryAfterMs(failure.headers['retry-after']) ?? DEFAULT_RATE_LIMIT_WAIT_MS, MIN_RATE_LIMIT_WAIT_MS);
}

function rateLimitDecision(failure: HttpFailure, attempt: number, session: Session, limits: string): RetryDecision {
	const asked = retryAfterMs(failure.headers['retry-after']);
	const askedText = asked === undefined ? 'an unknown number of' : String(Math.max(Math.ceil(asked / 1000), 0));
	if (attempt >= MAX_RATE_LIMITED_ATTEMPTS && (asked ?? DEFAULT_RATE_LIMIT_WAIT_MS) < MIN_RATE_LIMIT_WAIT_MS) {
		return { fail: true, note: rateLimitStormNote(attempt) };
	}
	const needed = rateLimitWaitMs(failure);
	const budget = session.policy.maxRateLimitWaitMs;
	if (session.rateLimitWaitedMs + needed > budget) {
		return { fail: true, note: rateLimitNote(askedText, session.rateLimitWaitedMs, budget, limits) };
	}
	// Zendesk's wait, not the jitter, decides whether the run can wait it out.
	const waitMs = Math.max(needed, Math.min(jittered(needed), budget - session.rateLimitWaitedMs));
	session.rateLimitWaitedMs += waitMs;
	return { retryInMs: waitMs };
}

/**
 * Whether and when to try a failed request again. A 429 waits as long as
 * Zendesk asks (its body is plain text, so it is not read); a fault after
 * which Zendesk may have done the work is repeated only when repeating
 * cannot do it twice; transient faults back off exponentially.
 */
export function retryDecision(
	request: RetryableRequest,
	failure: HttpFailure,
	attempt: number,
	session: Session,
	limits = "Zendesk did not say the account's limit",
): RetryDecision {
	if (failure.status === 429) return rateLimitDecision(failure, attempt, session, limits);
	if (attempt >= MAX_ATTEMPTS) return { fail: true };
	if (refusedForNow(request, failure)) return { retryInMs: lengthened(250 * 2 ** (attempt - 1)) };
	if (!isAmbiguous(failure)) return { fail: true };
	if (!mayRepeat(request)) return { fail: true, unsure: true };
	// A 500 is Zendesk's own bug more often than a passing fault: said at once rather than repeated.
	if (failure.status === 500) return { fail: true };
	return { retryInMs: lengthened(250 * 2 ** (attempt - 1)) };
}
