'use strict';
// Incremental Ticket Export, cursor based (IncrementalTicketExportCursor):
// GET /api/v2/incremental/tickets/cursor?start_time=… then ?cursor=…; admins
// only; never the most recent minute (`exportLagMs`, default 60 s); tickets in
// (updated_at, id) order, deleted ones as status "deleted" unless
// exclude_deleted=true; up to 1,000 a page (`per_page`). Its 10-a-minute limit
// is endpointLimits.js's `incrementalExport`. Cursors expire with
// `emu.expireExportCursors()` (or `exportCursorTtlMs`): Zendesk does not
// document that answer, so the emulator's choice is 400 InvalidCursor.
const { ApiError, badRequest, json } = require('./util');
const { forbidden } = require('./auth');
const { ticketJson } = require('./serialize');

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

/** Every ticket the export can see, oldest change first. */
function changedTickets(emu, withDeleted) {
	const all = [...emu.state.tickets.values()];
	if (withDeleted) all.push(...[...emu.state.deletedTickets.values()].map((t) => ({ ...t, status: 'deleted' })));
	return all
		.map((t) => ({ t, u: Date.parse(t.updated_at) }))
		.sort((a, b) => a.u - b.u || a.t.id - b.t.id);
}

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
	if (startMs > Date.now() - Math.min(lagMs, DEFAULT_LAG_MS)) throw badRequest('InvalidValue', 'start_time must be at least one minute in the past');
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
		tickets: page.map(({ t }) => ({ ...ticketJson(emu, t), ...(t.status === 'deleted' ? { status: 'deleted' } : {}), generated_timestamp: Math.floor(Date.parse(t.updated_at) / 1000) })),
		after_cursor: after,
		before_cursor: before,
		after_url: `${base}${after}`,
		before_url: `${base}${before}`,
		end_of_stream: rest.length <= size,
	});
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	emu.expireExportCursors = () => {
		emu.state.exportCursorFloor = Date.now() + 1;
	};
	return [['GET', '/api/v2/incremental/tickets/cursor', (ctx) => exportTickets(emu, ctx)]];
}

module.exports = { routes };
