import type { HttpFailure } from '../helpers/errors';
import type { ZendeskRequest } from './index';
import type { Session } from './session';

const MAX_ATTEMPTS = 5;
const TRANSIENT_STATUS = new Set([502, 503, 504]);
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ECONNREFUSED',
	'TRUNCATED_BODY',
	// A body that broke off after the status line: axios reports the status it saw with this code.
	'ERR_BAD_RESPONSE',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

export type RetryDecision = { retryInMs: number } | { fail: true; note?: string };

function jitter(ms: number): number {
	return Math.round(ms * (0.9 + Math.random() * 0.2));
}

/** A POST may only be repeated when Zendesk can recognise the repeat. */
function isIdempotent(request: ZendeskRequest): boolean {
	if (request.method !== 'POST') return true;
	return Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');
}

function isTransient(request: ZendeskRequest, failure: HttpFailure): boolean {
	if (failure.status !== undefined && TRANSIENT_STATUS.has(failure.status)) return true;
	const brokenOff = failure.status === undefined || failure.status < 300;
	if (brokenOff && failure.code !== undefined && TRANSIENT_CODES.has(failure.code)) return true;
	// Zendesk's DatabaseConflict on a concurrent plain update; a safe update's 409 is the answer itself.
	return failure.status === 409 && request.method === 'PUT' && !JSON.stringify(request.body ?? {}).includes('"safe_update"');
}

/**
 * Whether and when to try a failed request again. Zendesk says how long to
 * wait in Retry-After (seconds; the 429 body is plain text, so it is not
 * read); transient faults back off exponentially.
 */
export function retryDecision(request: ZendeskRequest, failure: HttpFailure, attempt: number, session: Session): RetryDecision {
	if (failure.status === 429) {
		const seconds = Number(failure.headers['retry-after']);
		const waitMs = jitter(Math.max(Number.isFinite(seconds) ? seconds : 60, 0.2) * 1000);
		const budget = session.policy.maxRateLimitWaitMs;
		if (session.rateLimitWaitedMs + waitMs > budget) {
			return {
				fail: true,
				note: `Zendesk asked to wait ${Number.isFinite(seconds) ? seconds : 'an unknown number of'} seconds (Retry-After); this run already waited ${Math.round(session.rateLimitWaitedMs / 1000)} of the ${Math.round(budget / 1000)} seconds allowed by "Max Rate Limit Wait"`,
			};
		}
		session.rateLimitWaitedMs += waitMs;
		return { retryInMs: waitMs };
	}
	if (attempt >= MAX_ATTEMPTS || !isIdempotent(request) || !isTransient(request, failure)) return { fail: true };
	return { retryInMs: jitter(250 * 2 ** (attempt - 1)) };
}
