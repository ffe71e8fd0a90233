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

/** Remembers `id` among the most recent `max`; false when it was already there (a replay or a retried delivery). */
export function firstSighting(recent: string[], id: string, max: number): { first: boolean; recent: string[] } {
	if (recent.includes(id)) return { first: false, recent };
	return { first: true, recent: [...recent, id].slice(-max) };
}
