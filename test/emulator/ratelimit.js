'use strict';
// Account-wide sliding 60-second window, with the headers Zendesk sends. The
// window can be made shorter (the `rateLimitWindowMs` option) so that a
// benchmark measures many windows in seconds: the headers then speak of it.

const WINDOW_MS = 60_000;

class RateLimiter {
	constructor() {
		/** @type {number[]} request times inside the current window */
		this.hits = [];
	}

	reset() {
		this.hits = [];
	}

	/**
	 * Records a request if the limit allows it.
	 * @returns {{ allowed: boolean, headers: Record<string, string> }}
	 */
	check(limit, now = Date.now(), windowMs = WINDOW_MS) {
		while (this.hits.length && this.hits[0] <= now - windowMs) this.hits.shift();
		const allowed = this.hits.length < limit;
		if (allowed) this.hits.push(now);
		const remaining = Math.max(0, limit - this.hits.length);
		const reset = this.hits.length ? Math.max(1, Math.ceil((this.hits[0] + windowMs - now) / 1000)) : Math.ceil(windowMs / 1000);
		const headers = {
			'X-Rate-Limit': String(limit),
			'X-Rate-Limit-Remaining': String(remaining),
			'ratelimit-limit': String(limit),
			'ratelimit-remaining': String(remaining),
			'ratelimit-reset': String(reset),
		};
		if (!allowed) headers['Retry-After'] = String(reset);
		return { allowed, headers };
	}
}

module.exports = { RateLimiter };
