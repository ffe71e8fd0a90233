'use strict';
// Zendesk's per-endpoint limits, on top of the account's per-minute limit:
// fixed windows per limit (per account, or per user and ticket), reported in
// `zendesk-ratelimit-<name>: total=…; remaining=…; resets=…` headers like the
// documented `zendesk-ratelimit-tickets-index`, and refused with 429,
// Retry-After and a text/plain body as Zendesk does. Off unless the
// `endpointLimits` option is set; `timeScale` shortens every window (0.01:
// a minute lasts 600 ms) so that tests need not wait real minutes.

const LIMITS = {
	// Update Ticket: 100 requests a minute per account.
	updateTicket: { requests: 100, windowMs: 60_000, header: 'update-ticket' },
	// Update Ticket: 30 updates in 10 minutes per user per ticket (Zendesk documents no header for it).
	updateTicketPerTicket: { requests: 30, windowMs: 600_000, header: null },
	// Export Search Results: 100 requests a minute per account.
	searchExport: { requests: 100, windowMs: 60_000, header: 'search-export' },
	// Incremental exports: 10 requests a minute.
	incrementalExport: { requests: 10, windowMs: 60_000, header: 'incremental-exports' },
};

const normalize = (p) => p.replace(/\.json$/, '').replace(/\/+$/, '');

/** The limits a request counts against, each with the key of its window. */
function limitsOf(method, path, userId) {
	const p = normalize(path);
	const ticket = /^\/api\/v2\/tickets\/(\d+)$/.exec(p);
	if (method === 'PUT' && ticket)
		return [
			['updateTicket', 'updateTicket'],
			['updateTicketPerTicket', `updateTicketPerTicket:${userId}:${ticket[1]}`],
		];
	if (method === 'GET' && p === '/api/v2/search/export') return [['searchExport', 'searchExport']];
	if (method === 'GET' && p.startsWith('/api/v2/incremental/')) return [['incrementalExport', 'incrementalExport']];
	return [];
}

class EndpointLimiter {
	constructor() {
		/** @type {Map<string, { start: number, count: number }>} */
		this.windows = new Map();
	}

	reset() {
		this.windows.clear();
	}

	/**
	 * Records the request in every window it counts against, if all allow it.
	 * @param {{ timeScale?: number } & Partial<Record<keyof LIMITS, number>>} config the limits that differ, and the time scale
	 * @returns {{ allowed: boolean, headers: Record<string, string> } | null} null when no per-endpoint limit applies
	 */
	check(method, path, userId, config, now = Date.now()) {
		const applying = limitsOf(method, path, userId);
		if (!applying.length) return null;
		const scale = config.timeScale > 0 ? config.timeScale : 1;
		const states = applying.map(([name, key]) => {
			const limit = LIMITS[name];
			const windowMs = limit.windowMs * scale;
			let window = this.windows.get(key);
			if (!window || now >= window.start + windowMs) {
				window = { start: now, count: 0 };
				this.windows.set(key, window);
			}
			const total = config[name] ?? limit.requests;
			return { limit, total, window, resetsMs: window.start + windowMs - now };
		});
		const refused = states.filter((s) => s.window.count >= s.total);
		if (!refused.length) for (const s of states) s.window.count++;
		const headers = {};
		for (const s of states) {
			if (!s.limit.header) continue;
			const resets = Math.max(1, Math.ceil(s.resetsMs / 1000));
			headers[`zendesk-ratelimit-${s.limit.header}`] =
				`total=${s.total}; remaining=${Math.max(0, s.total - s.window.count)}; resets=${resets}`;
		}
		if (refused.length) headers['Retry-After'] = String(Math.max(...refused.map((s) => Math.max(1, Math.ceil(s.resetsMs / 1000)))));
		return { allowed: !refused.length, headers };
	}
}

module.exports = { EndpointLimiter, ENDPOINT_LIMITS: LIMITS };
