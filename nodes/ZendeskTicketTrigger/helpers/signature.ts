import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Zendesk signs every webhook call: base64(HMAC-SHA256(signing secret,
 * timestamp + raw body)), the timestamp (ISO 8601) in its own header.
 * Pure: the caller hands over the headers, the raw body and the clock.
 */

export interface SignedCall {
	signature: string | undefined;
	timestamp: string | undefined;
	rawBody: Buffer | undefined;
}

export type Verdict = 'valid' | 'unsigned' | 'noSecret' | 'forged' | 'stale';

export function signatureOf(secret: string, timestamp: string, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
}

/** Compares in constant time; a signature of another length is simply wrong. */
function sameSignature(expected: string, given: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a call is Zendesk's: signed with this secret over this very body,
 * and signed within `windowMs` of `nowMs` (either side, for clock skew).
 */
export function verifyCall(call: SignedCall, secret: string | undefined, nowMs: number, windowMs: number): Verdict {
	if (!secret) return 'noSecret';
	if (!call.signature || !call.timestamp || call.rawBody === undefined) return 'unsigned';
	if (!sameSignature(signatureOf(secret, call.timestamp, call.rawBody), call.signature)) return 'forged';
	const signedAt = Date.parse(call.timestamp);
	if (!Number.isFinite(signedAt) || Math.abs(nowMs - signedAt) > windowMs) return 'stale';
	return 'valid';
}

/**
 * Remembers a call's keys among the most recent `max`; false when one of them
 * was already there (a replay or a retried delivery).
 */
export function firstSighting(recent: string[], keys: string[], max: number): { first: boolean; recent: string[] } {
	if (keys.some((key) => recent.includes(key))) return { first: false, recent };
	return { first: true, recent: [...recent, ...keys].slice(-max) };
}

/**
 * What identifies a call: Zendesk's invocation ID (the same on its retries,
 * which are signed anew) and the signature (the same on a replayed capture,
 * whose unsigned invocation ID header may be changed or left out).
 */
export function callKeys(invocationId: string, signature: string): string[] {
	return [invocationId, `signature:${signature}`];
}
