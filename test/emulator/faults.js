'use strict';
// Scripted failures, consumed in the order they were added by the first
// requests that match them.

/**
 * @typedef {{ method?: string, path?: string | RegExp, times?: number } & (
 *   { kind: 'status', status: number, body?: unknown, headers?: Record<string, string> } |
 *   { kind: 'reset', after?: boolean } |
 *   { kind: 'truncate', clean?: boolean } |
 *   { kind: 'delay', ms: number } |
 *   { kind: 'expireToken' })} FaultSpec
 * expireToken: the OAuth2 access token the request presents expires just before it is answered
 * (its lifetime ended mid-run), so the request and later ones with that token get 401.
 */

const KINDS = new Set(['status', 'reset', 'truncate', 'delay', 'expireToken']);

class FaultQueue {
	constructor() {
		/** @type {Array<FaultSpec & { remaining: number }>} */
		this.pending = [];
	}

	/** @param {FaultSpec} spec */
	push(spec) {
		if (!spec || !KINDS.has(spec.kind)) throw new Error(`fault kind must be one of ${[...KINDS].join(', ')}`);
		if (spec.kind === 'status' && !Number.isInteger(spec.status)) throw new Error('a status fault needs an integer status');
		if (spec.kind === 'delay' && !(spec.ms >= 0)) throw new Error('a delay fault needs ms');
		this.pending.push({ ...spec, remaining: spec.times ?? 1 });
	}

	/** The first matching fault, consumed once. */
	take(method, path) {
		const i = this.pending.findIndex((f) => matches(f, method, path));
		if (i === -1) return null;
		const fault = this.pending[i];
		if (--fault.remaining <= 0) this.pending.splice(i, 1);
		return fault;
	}

	clear() {
		this.pending = [];
	}
}

function matches(f, method, path) {
	if (f.method && f.method.toUpperCase() !== method) return false;
	if (f.path == null) return true;
	if (f.path instanceof RegExp) {
		f.path.lastIndex = 0;
		return f.path.test(path);
	}
	// "/api/v2/tickets" also matches "/api/v2/tickets.json".
	return f.path === path || f.path === path.replace(/\.json$/, '') || f.path.replace(/\.json$/, '') === path.replace(/\.json$/, '');
}

/** Body and type of a scripted status response. */
function statusReply(fault) {
	const defaults = {
		429: 'Number of allowed API requests per minute exceeded',
		500: { error: 'InternalServerError', description: 'Something went wrong' },
		502: { error: 'BadGateway', description: 'Bad gateway' },
		503: { error: 'ServiceUnavailable', description: 'Service temporarily unavailable' },
		504: { error: 'GatewayTimeout', description: 'Gateway timeout' },
	};
	const body =
		fault.body !== undefined ? fault.body : (defaults[fault.status] ?? { error: 'EmulatedFault', description: `Scripted ${fault.status}` });
	const headers = {
		...(fault.status === 429 && !hasHeader(fault.headers, 'retry-after') ? { 'Retry-After': '1' } : {}),
		...(fault.headers || {}),
	};
	return typeof body === 'string'
		? { status: fault.status, text: body, contentType: 'text/plain; charset=utf-8', headers }
		: { status: fault.status, json: body, headers };
}

const hasHeader = (h, name) => !!h && Object.keys(h).some((k) => k.toLowerCase() === name);

module.exports = { FaultQueue, statusReply };
