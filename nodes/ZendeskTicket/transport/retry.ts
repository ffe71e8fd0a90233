import type { HttpFailure } from '../helpers/errors';
import type { ZendeskRequest } from './index';

const MAX_ATTEMPTS = 5;
const MAX_RETRY_AFTER_SECONDS = 120;
const TRANSIENT_STATUS = new Set([502, 503, 504]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ECONNREFUSED']);

function jitter(ms: number): number {
	return Math.round(ms * (0.85 + Math.random() * 0.3));
}

/** A POST may only be repeated when Zendesk can recognise the repeat. */
function isIdempotent(request: ZendeskRequest): boolean {
	if (request.method !== 'POST') return true;
	return Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');
}

/**
 * How long to wait before trying again, or undefined when the failure must be
 * reported. Zendesk says how long in Retry-After; transient faults back off
 * exponentially.
 */
export function retryDelay(request: ZendeskRequest, failure: HttpFailure, attempt: number): number | undefined {
	if (attempt >= MAX_ATTEMPTS) return undefined;
	if (failure.status === 429) {
		const seconds = Number(failure.headers['retry-after'] ?? 10);
		if (!Number.isFinite(seconds) || seconds > MAX_RETRY_AFTER_SECONDS) return undefined;
		return jitter(Math.max(seconds, 0.5) * 1000);
	}
	if (!isIdempotent(request)) return undefined;
	const transient =
		(failure.status !== undefined && TRANSIENT_STATUS.has(failure.status)) ||
		(failure.status === undefined && failure.code !== undefined && TRANSIENT_CODES.has(failure.code)) ||
		(failure.status === 409 && request.method === 'PUT' && !JSON.stringify(request.body ?? {}).includes('safe_update'));
	return transient ? jitter(250 * 2 ** (attempt - 1)) : undefined;
}
