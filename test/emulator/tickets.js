'use strict';
// Single-ticket endpoints, ticket lists and Idempotency-Key handling.
const crypto = require('node:crypto');
const { ApiError, notFound, badRequest, recordInvalid, json, stamp, stableStringify, parseIds, isPlainObject } = require('./util');
const { ticketJson, userJson, withUrl, commentJson } = require('./serialize');
const { paginate } = require('./pagination');
const { applyTicketInput, commitTicket, asId } = require('./ticketInput');
const { STATUS_ORDER, PRIORITY_ORDER } = require('./state');

const IDEMPOTENCY_TTL_MS = 2 * 60 * 60 * 1000;

const TICKET_SORTS = {
	id: (t) => t.id,
	updated_at: (t) => t.updated_at,
	created_at: (t) => t.created_at,
	status: (t) => STATUS_ORDER.indexOf(t.status),
	priority: (t) => (t.priority ? PRIORITY_ORDER.indexOf(t.priority) : null),
	subject: (t) => (t.subject || '').toLowerCase(),
};
const CURSOR_SORTS = ['id', 'updated_at', 'status'];

/** Side-loads (?include=users,groups,organizations) for the tickets in a response. */
function sideloads(emu, ctx, tickets) {
	const include = String(ctx.query.get('include') || '')
		.split(',')
		.map((s) => s.trim());
	/** @type {Record<string, unknown>} */
	const out = {};
	const collect = (ids, map, key, fmt) => {
		const seen = [...new Set(ids.filter((x) => x != null))];
		out[key] = seen
			.map((id) => map.get(id))
			.filter(Boolean)
			.map(fmt);
	};
	if (include.includes('users')) {
		collect(
			tickets.flatMap((t) => [t.requester_id, t.submitter_id, t.assignee_id, ...t.collaborator_ids]),
			emu.state.users,
			'users',
			(u) => userJson(emu, u),
		);
	}
	if (include.includes('groups'))
		collect(
			tickets.map((t) => t.group_id),
			emu.state.groups,
			'groups',
			(g) => withUrl(emu, 'groups', g),
		);
	if (include.includes('organizations')) {
		collect(
			tickets.map((t) => t.organization_id),
			emu.state.organizations,
			'organizations',
			(o) => withUrl(emu, 'organizations', o),
		);
	}
	return out;
}

/** Lists tickets matching `filter` with Zendesk's cursor/offset pagination. */
function listTickets(emu, ctx, cacheKey, filter) {
	const body = paginate(ctx, {
		key: 'tickets',
		items: () => [...emu.state.tickets.values()].filter(filter),
		sorts: TICKET_SORTS,
		cursorSorts: CURSOR_SORTS,
		serialize: (t) => ticketJson(emu, t),
		cacheKey,
		extra: (page) => sideloads(emu, ctx, page),
	});
	return json(200, body);
}

function getTicket(emu, idParam) {
	const t = emu.state.tickets.get(asId(idParam));
	if (!t) throw notFound();
	return t;
}

function ticketBody(ctx) {
	if (!isPlainObject(ctx.body) || !isPlainObject(ctx.body.ticket)) {
		throw badRequest('InvalidParameter', 'Request body must be a JSON object with a "ticket" object');
	}
	return ctx.body.ticket;
}

function createTicket(emu, ctx) {
	const input = ticketBody(ctx);
	const result = applyTicketInput(emu, ctx.user, input, null);
	if (result.ok === false) throw recordInvalid(result.details.map);
	const { ticket, audit } = commitTicket(emu, ctx.user, result, null);
	return json(201, { ticket: ticketJson(emu, ticket), audit }, { Location: `${emu.url}/api/v2/tickets/${ticket.id}.json` });
}

/**
 * Same key and same body within two hours replays the stored response; the
 * same key with a different body is rejected.
 */
function withIdempotency(emu, ctx, handler) {
	const key = ctx.headers['idempotency-key'];
	if (!key) return handler();
	const store = emu.state.idempotency;
	const hash = crypto.createHash('sha256').update(stableStringify(ctx.body)).digest('hex');
	const now = Date.now();
	const seen = store.get(key);
	if (seen && now - seen.at < IDEMPOTENCY_TTL_MS) {
		if (seen.hash !== hash) {
			throw new ApiError(400, { error: 'IdempotentRequestError', description: "Request parameters don't match the given idempotency key" });
		}
		return { ...seen.reply, headers: { ...seen.reply.headers, 'x-idempotency-lookup': 'hit' } };
	}
	const reply = handler();
	if (reply.status >= 200 && reply.status < 300) store.set(key, { hash, at: now, reply });
	return { ...reply, headers: { ...reply.headers, 'x-idempotency-lookup': 'miss' } };
}

function updateTicket(emu, ctx) {
	const existing = getTicket(emu, ctx.params.id);
	const input = ticketBody(ctx);
	if (Object.prototype.hasOwnProperty.call(input, 'safe_update')) {
		// Zendesk treats safe_update:false like true; only omitting it disables the check.
		const stampGiven = input.updated_stamp;
		if (!stampGiven || Date.parse(String(stampGiven)) !== Date.parse(existing.updated_at)) {
			throw new ApiError(409, {
				error: 'UpdateConflict',
				description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
			});
		}
	}
	const result = applyTicketInput(emu, ctx.user, input, existing);
	if (result.ok === false) throw recordInvalid(result.details.map);
	const { ticket, audit } = commitTicket(emu, ctx.user, result, existing);
	return json(200, { ticket: ticketJson(emu, ticket), audit });
}

function deleteTicket(emu, ctx, id) {
	const t = emu.state.tickets.get(id);
	if (!t) return false;
	emu.state.tickets.delete(id);
	t._deletedAt = stamp();
	t._deletedBy = ctx.user.id;
	emu.state.deletedTickets.set(id, t);
	emu.state.ticketVersion++;
	return true;
}

function showMany(emu, ctx) {
	const ids = parseIds(ctx.query.get('ids'));
	if (!ids.length || ids.some(Number.isNaN)) throw badRequest('InvalidValue', 'ids must be a comma-separated list of ticket ids');
	if (ids.length > 100) throw badRequest('InvalidValue', 'Too many ids: show_many accepts at most 100');
	// Zendesk answers in id order, not request order, and silently skips unknown ids.
	const found = [...new Set(ids)]
		.sort((a, b) => a - b)
		.map((id) => emu.state.tickets.get(id))
		.filter(Boolean);
	return json(200, {
		tickets: found.map((t) => ticketJson(emu, t)),
		...sideloads(emu, ctx, found),
		next_page: null,
		previous_page: null,
		count: found.length,
	});
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	const userOr404 = (id) => {
		const u = emu.state.users.get(asId(id));
		if (!u) throw notFound();
		return u;
	};
	return [
		[
			'GET',
			'/api/v2/tickets',
			(ctx) => {
				const ext = ctx.query.get('external_id');
				return ext != null ? listTickets(emu, ctx, `ext:${ext}`, (t) => t.external_id === ext) : listTickets(emu, ctx, 'all', () => true);
			},
		],
		['POST', '/api/v2/tickets', (ctx) => withIdempotency(emu, ctx, () => createTicket(emu, ctx))],
		['GET', '/api/v2/tickets/count', () => json(200, { count: { value: emu.state.tickets.size, refreshed_at: stamp() } })],
		['GET', '/api/v2/tickets/show_many', (ctx) => showMany(emu, ctx)],
		[
			'GET',
			'/api/v2/tickets/:id',
			(ctx) => {
				const t = getTicket(emu, ctx.params.id);
				return json(200, { ticket: ticketJson(emu, t), ...sideloads(emu, ctx, [t]) });
			},
		],
		['PUT', '/api/v2/tickets/:id', (ctx) => updateTicket(emu, ctx)],
		[
			'DELETE',
			'/api/v2/tickets/:id',
			(ctx) => {
				if (!deleteTicket(emu, ctx, asId(ctx.params.id))) throw notFound();
				return { status: 204 };
			},
		],
		[
			'GET',
			'/api/v2/tickets/:id/comments',
			(ctx) => {
				const t = getTicket(emu, ctx.params.id);
				return json(
					200,
					paginate(ctx, {
						key: 'comments',
						items: () => t._comments,
						sorts: { id: (c) => c.id, created_at: (c) => c.created_at },
						serialize: (c) => commentJson(emu, c),
					}),
				);
			},
		],
		[
			'GET',
			'/api/v2/users/:id/tickets/requested',
			(ctx) => {
				const id = userOr404(ctx.params.id).id;
				return listTickets(emu, ctx, `req:${id}`, (t) => t.requester_id === id);
			},
		],
		[
			'GET',
			'/api/v2/users/:id/tickets/assigned',
			(ctx) => {
				const id = userOr404(ctx.params.id).id;
				return listTickets(emu, ctx, `asg:${id}`, (t) => t.assignee_id === id);
			},
		],
		[
			'GET',
			'/api/v2/users/:id/tickets/ccd',
			(ctx) => {
				const id = userOr404(ctx.params.id).id;
				return listTickets(emu, ctx, `cc:${id}`, (t) => t.collaborator_ids.includes(id));
			},
		],
		[
			'GET',
			'/api/v2/organizations/:id/tickets',
			(ctx) => {
				const org = emu.state.organizations.get(asId(ctx.params.id));
				if (!org) throw notFound();
				return listTickets(emu, ctx, `org:${org.id}`, (t) => t.organization_id === org.id);
			},
		],
		[
			'GET',
			'/api/v2/deleted_tickets',
			(ctx) =>
				json(
					200,
					paginate(ctx, {
						key: 'deleted_tickets',
						items: () => [...emu.state.deletedTickets.values()],
						sorts: { id: (t) => t.id, subject: (t) => t.subject || '', deleted_at: (t) => t._deletedAt },
						serialize: (t) => ({
							id: t.id,
							subject: t.subject,
							description: t.description,
							deleted_at: t._deletedAt,
							previous_state: t.status,
							actor: { id: t._deletedBy, name: emu.state.users.get(t._deletedBy)?.name ?? null },
						}),
					}),
				),
		],
		[
			'PUT',
			'/api/v2/deleted_tickets/:id/restore',
			(ctx) => {
				const id = asId(ctx.params.id);
				const t = emu.state.deletedTickets.get(id);
				if (!t) throw notFound();
				emu.state.deletedTickets.delete(id);
				emu.state.tickets.set(id, t);
				emu.state.ticketVersion++;
				return { status: 200, json: null };
			},
		],
	];
}

module.exports = { routes, deleteTicket, ticketBody };
