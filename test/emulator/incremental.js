'use strict';
// Incremental Ticket Export, cursor based (IncrementalTicketExportCursor) and
// time based (IncrementalTicketExportTime), and the time-based Incremental
// Ticket Event Export (comments only, below). Both ticket exports go by the
// ticket's generated_timestamp, which a system update (`emu.systemUpdate(id)`)
// moves without moving updated_at:
// GET /api/v2/incremental/tickets/cursor?start_time=… then ?cursor=…; admins
// only; never the most recent minute (`exportLagMs`, default 60 s); tickets in
// (updated_at, id) order, deleted ones as status "deleted" unless
// exclude_deleted=true; up to 1,000 a page (`per_page`). Its 10-a-minute limit
// is endpointLimits.js's `incrementalExport`. Cursors expire with
// `emu.expireExportCursors()` (or `exportCursorTtlMs`): Zendesk does not
// document that answer, so the emulator's choice is 400 InvalidCursor.
const { ApiError, badRequest, json } = require('./util');
const { forbidden } = require('./auth');
const { commentJson, generatedTimestamp, ticketJson } = require('./serialize');

const MAX_PER_PAGE = 1000;
const DEFAULT_LAG_MS = 60_000;

const encode = (position) => Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(emu, raw) {
	let position;
	try {
		position = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
	} catch {
		position = null;
	}
	const ttl = emu.options.exportCursorTtlMs;
	const floor = emu.state.exportCursorFloor || 0;
	const expired = position && (position.t < floor || (ttl != null && Date.now() - position.t > ttl));
	if (!position || typeof position.u !== 'number' || typeof position.i !== 'number' || expired) {
		throw new ApiError(400, { error: 'InvalidCursor', description: 'The cursor is invalid or has expired. Start again with start_time.' });
	}
	return position;
}

/** Every ticket the export can see, oldest change (of any kind) first; `u` in ms. */
function changedTickets(emu, withDeleted) {
	const all = [...emu.state.tickets.values()];
	if (withDeleted) all.push(...[...emu.state.deletedTickets.values()].map((t) => ({ ...t, status: 'deleted' })));
	return all.map((t) => ({ t, u: Math.max(Date.parse(t.updated_at), t._generatedAt || 0) })).sort((a, b) => a.u - b.u || a.t.id - b.t.id);
}

const exportedTicket = (emu, t) => ({ ...ticketJson(emu, t), ...(t.status === 'deleted' ? { status: 'deleted' } : {}) });

function perPage(ctx) {
	const raw = ctx.query.get('per_page');
	if (raw == null) return MAX_PER_PAGE;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw badRequest('InvalidValue', 'per_page must be a positive integer');
	return Math.min(n, MAX_PER_PAGE);
}

/** Where the page starts: strictly after `{u, i}`. */
function startPosition(emu, ctx, lagMs) {
	const cursor = ctx.query.get('cursor');
	if (cursor) return decode(emu, cursor);
	const raw = ctx.query.get('start_time');
	if (raw == null || !/^\d+$/.test(raw)) throw badRequest('InvalidValue', 'start_time is required (Unix seconds) when there is no cursor');
	const startMs = Number(raw) * 1000;
	if (startMs > Date.now() - Math.min(lagMs, DEFAULT_LAG_MS))
		throw badRequest('InvalidValue', 'start_time must be at least one minute in the past');
	return { u: startMs - 1, i: Number.MAX_SAFE_INTEGER };
}

function exportTickets(emu, ctx) {
	if (ctx.user.role !== 'admin') throw forbidden();
	const lagMs = emu.options.exportLagMs ?? DEFAULT_LAG_MS;
	const size = perPage(ctx);
	const from = startPosition(emu, ctx, lagMs);
	const until = Date.now() - lagMs;
	const visible = changedTickets(emu, ctx.query.get('exclude_deleted') !== 'true').filter(({ u }) => u < until);
	const rest = visible.filter(({ u, t }) => u > from.u || (u === from.u && t.id > from.i));
	const page = rest.slice(0, size);
	const last = page[page.length - 1];
	const issued = Date.now();
	const after = encode(last ? { u: last.u, i: last.t.id, t: issued } : { ...from, t: issued });
	const before = encode({ ...from, t: issued });
	const base = `${emu.url}/api/v2/incremental/tickets/cursor.json?cursor=`;
	return json(200, {
		tickets: page.map(({ t }) => exportedTicket(emu, t)),
		after_cursor: after,
		before_cursor: before,
		after_url: `${base}${after}`,
		before_url: `${base}${before}`,
		end_of_stream: rest.length <= size,
	});
}

/**
 * Incremental Ticket Export, time based: the tickets whose generated_timestamp
 * is at or after `start_time`, oldest first; a page goes on past `per_page`
 * while the tickets share its last second (as Zendesk's may), so `end_time`
 * (that second) always moves on; the next page starts at it, so it repeats them.
 */
function exportTicketsByTime(emu, ctx) {
	if (ctx.user.role !== 'admin') throw forbidden();
	const lagMs = emu.options.exportLagMs ?? DEFAULT_LAG_MS;
	const raw = ctx.query.get('start_time');
	if (raw == null || !/^\d+$/.test(raw)) throw badRequest('InvalidValue', 'start_time is required (Unix seconds)');
	const start = Number(raw);
	if (start * 1000 > Date.now() - Math.min(lagMs, DEFAULT_LAG_MS))
		throw badRequest('InvalidValue', 'start_time must be at least one minute in the past');
	const until = Date.now() - lagMs;
	const second = ({ t }) => generatedTimestamp(t);
	const rest = changedTickets(emu, ctx.query.get('exclude_deleted') !== 'true').filter((c) => c.u < until && second(c) >= start);
	let size = Math.min(perPage(ctx), rest.length);
	while (size > 0 && size < rest.length && second(rest[size]) === second(rest[size - 1])) size++;
	const page = rest.slice(0, size);
	const endTime = page.length ? second(page[page.length - 1]) : start;
	return json(200, {
		tickets: page.map(({ t }) => exportedTicket(emu, t)),
		count: page.length,
		end_time: endTime,
		end_of_stream: size === rest.length,
		next_page: `${emu.url}/api/v2/incremental/tickets.json?start_time=${endTime}`,
	});
}

/**
 * Incremental Ticket Event Export (IncrementalTicketEvents, time-based): one
 * audit per comment (the emulator keeps no other audits), from `start_time`
 * on (inclusive, so a page may start with events seen before), oldest first,
 * up to 1,000 a page; `include=comment_events` puts the comments themselves in
 * `child_events`, else only `comment_present` / `comment_public`.
 */
function exportTicketEvents(emu, ctx) {
	if (ctx.user.role !== 'admin') throw forbidden();
	const raw = ctx.query.get('start_time');
	if (raw == null || !/^\d+$/.test(raw)) throw badRequest('InvalidValue', 'start_time is required (Unix seconds)');
	const start = Number(raw);
	const lagMs = emu.options.exportLagMs ?? DEFAULT_LAG_MS;
	if (start * 1000 > Date.now() - Math.min(lagMs, DEFAULT_LAG_MS))
		throw badRequest('InvalidValue', 'start_time must be at least one minute in the past');
	const until = Date.now() - lagMs;
	const withComments = String(ctx.query.get('include') || '')
		.split(',')
		.includes('comment_events');
	const events = [];
	for (const t of emu.state.tickets.values()) {
		for (const c of t._comments || []) {
			const at = Date.parse(c.created_at);
			if (!(at < until) || Math.floor(at / 1000) < start) continue;
			const child = withComments
				? { ...commentJson(emu, c), event_type: 'Comment' }
				: { id: c.id, event_type: 'Comment', comment_present: true, comment_public: c.public };
			events.push({
				id: c.audit_id ?? c.id,
				ticket_id: t.id,
				timestamp: Math.floor(at / 1000),
				created_at: c.created_at,
				updater_id: c.author_id,
				via: c.via,
				event_type: 'Audit',
				child_events: [child],
			});
		}
	}
	events.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
	const page = events.slice(0, MAX_PER_PAGE);
	const endTime = page.length ? page[page.length - 1].timestamp : start;
	const endOfStream = events.length <= MAX_PER_PAGE;
	return json(200, {
		ticket_events: page,
		count: page.length,
		end_time: endTime,
		end_of_stream: endOfStream,
		next_page: `${emu.url}/api/v2/incremental/ticket_events.json?start_time=${endTime}`,
	});
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	emu.expireExportCursors = () => {
		emu.state.exportCursorFloor = Date.now() + 1;
	};
	emu.systemUpdate = (id) => {
		const t = emu.state.tickets.get(id);
		if (!t) throw new Error(`No ticket ${id}`);
		t._generatedAt = Date.now();
		emu.state.ticketVersion++;
	};
	return [
		['GET', '/api/v2/incremental/tickets', (ctx) => exportTicketsByTime(emu, ctx)],
		['GET', '/api/v2/incremental/tickets/cursor', (ctx) => exportTickets(emu, ctx)],
		['GET', '/api/v2/incremental/ticket_events', (ctx) => exportTicketEvents(emu, ctx)],
	];
}

module.exports = { routes };
