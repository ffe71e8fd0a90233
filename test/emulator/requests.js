'use strict';
// Acting for end users: X-On-Behalf-Of (impersonation) and the Requests API, the
// end user's view of tickets (their own requests and CCs, public comments only).
// Sources: OAS 2024 ListRequests/SearchRequests/ShowRequest/CreateRequest/
// UpdateRequest/ListComments, and ../shared/notes/zendesk-conversations-triggers-facts.md §1–2.
const { ApiError, notFound, badRequest, recordInvalid, json, isPlainObject } = require('./util');
const { ticketJson, userJson, commentJson } = require('./serialize');
const { paginate } = require('./pagination');
const { applyTicketInput, commitTicket, findUserByEmail, asId } = require('./ticketInput');
const { invalidToken, forbidden } = require('./auth');
const { runSearch } = require('./search');

const SEARCH_RESULT_LIMIT = 1000;
/** The Request object's properties (OAS RequestObject). */
const REQUEST_KEYS = [
	'url',
	'id',
	'status',
	'priority',
	'type',
	'subject',
	'description',
	'organization_id',
	'via',
	'custom_fields',
	'requester_id',
	'collaborator_ids',
	'email_cc_ids',
	'is_public',
	'due_at',
	'can_be_solved_by_me',
	'created_at',
	'updated_at',
	'recipient',
	'followup_source_id',
	'assignee_id',
	'group_id',
	'ticket_form_id',
	'custom_status_id',
	'solved',
];
/** What an end user may set on a new request. */
const CREATE_KEYS = ['subject', 'comment', 'priority', 'type', 'due_at', 'custom_fields', 'ticket_form_id', 'custom_status_id'];

/**
 * Applies X-On-Behalf-Of to an authenticated caller: only an admin's OAuth token with the
 * `impersonate` scope may act, only for an existing, verified end user (by email or id).
 * Unknown user or a token without the scope: 401 invalid_token; not an admin's token, an
 * API token, or an agent as target: 403. Failures and requests without the header pass through.
 * @param {any} emu @param {any} auth from authenticate() @param {Record<string, any>} headers
 */
function onBehalfOf(emu, auth, headers) {
	const raw = headers['x-on-behalf-of'];
	if (raw === undefined || 'failure' in auth) return auth;
	const value = String(raw).trim();
	if (auth.kind !== 'oauth' || auth.user.role !== 'admin') return { failure: forbidden(), bearer: auth.kind === 'oauth' };
	if (!auth.scopes.includes('impersonate')) return { failure: invalidToken(), bearer: true };
	const target = /^\d+$/.test(value) ? emu.state.users.get(Number(value)) : findUserByEmail(emu.state, value);
	if (!target || !target.active || target.verified === false) return { failure: invalidToken(), bearer: true };
	if (target.role !== 'end-user') return { failure: forbidden(), bearer: true };
	return { ...auth, user: target, actor: auth.user, onBehalfOf: value };
}

/** Whether the user may see the ticket as a request: requester or CC. Agents and admins are treated as end users here too. */
const isOwn = (t, user) => t.requester_id === user.id || (t.collaborator_ids || []).includes(user.id);

function requestJson(emu, t) {
	const j = ticketJson(emu, t);
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const k of REQUEST_KEYS) out[k] = j[k] ?? null;
	out.url = `${emu.url}/api/v2/requests/${t.id}.json`;
	out.collaborator_ids = j.collaborator_ids || [];
	out.email_cc_ids = j.email_cc_ids || j.collaborator_ids || [];
	out.custom_fields = j.custom_fields || [];
	out.solved = t.status === 'solved' || t.status === 'closed';
	// UpdateRequest: solvable by the end user only when assigned and not a problem ticket.
	out.can_be_solved_by_me = !!t.assignee_id && t.type !== 'problem' && !out.solved;
	return out;
}

function ownRequest(emu, ctx) {
	const t = emu.state.tickets.get(asId(ctx.params.id));
	// Someone else's ticket looks like no ticket at all.
	if (!t || !isOwn(t, ctx.user)) throw notFound();
	return t;
}

function requestBody(ctx) {
	if (!isPlainObject(ctx.body) || !isPlainObject(ctx.body.request)) {
		throw badRequest('InvalidParameter', 'Request body must be a JSON object with a "request" object');
	}
	return ctx.body.request;
}

const REQUEST_SORTS = { id: (t) => t.id, updated_at: (t) => t.updated_at, created_at: (t) => t.created_at };

function listRequests(emu, ctx, filter = () => true) {
	const statuses = String(ctx.query.get('status') || '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return json(
		200,
		paginate(ctx, {
			key: 'requests',
			items: () =>
				[...emu.state.tickets.values()].filter((t) => isOwn(t, ctx.user) && filter(t) && (!statuses.length || statuses.includes(t.status))),
			sorts: REQUEST_SORTS,
			cursorSorts: ['updated_at', 'created_at'],
			defaultSort: 'id',
			serialize: (t) => requestJson(emu, t),
		}),
	);
}

function searchRequests(emu, ctx) {
	const query = ctx.query.get('query');
	if (!query || !String(query).trim()) throw badRequest('InvalidSearchParameter', 'query is required');
	const { records } = runSearch(emu, ctx, String(query), 'ticket');
	const statuses = String(ctx.query.get('status') || '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const own = records
		.filter((t) => isOwn(t, ctx.user) && (!statuses.length || statuses.includes(t.status)))
		.sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id);
	const page = ctx.query.has('page') ? Number(ctx.query.get('page')) : 1;
	const perPage = Math.min(ctx.query.has('per_page') ? Number(ctx.query.get('per_page')) : 100, 100);
	if (!(page >= 1) || !(perPage >= 1)) throw badRequest('InvalidPaginationParameter', 'page and per_page must be positive integers');
	if (page * perPage > SEARCH_RESULT_LIMIT) {
		throw new ApiError(422, {
			error: 'InvalidPaginationParameter',
			description: `Search results are limited to the first ${SEARCH_RESULT_LIMIT}`,
		});
	}
	const start = (page - 1) * perPage;
	const link = (p) => {
		const q = new URLSearchParams(ctx.query);
		q.set('page', String(p));
		q.set('per_page', String(perPage));
		return `${emu.url}/api/v2/requests/search.json?${q}`;
	};
	return json(200, {
		requests: own.slice(start, start + perPage).map((t) => requestJson(emu, t)),
		count: own.length,
		next_page: start + perPage < own.length ? link(page + 1) : null,
		previous_page: page > 1 ? link(page - 1) : null,
	});
}

function createRequest(emu, ctx) {
	const r = requestBody(ctx);
	const input = {};
	for (const k of CREATE_KEYS) if (r[k] !== undefined) input[k] = r[k];
	// A request's first comment is the customer's, always public; only body, html_body and uploads count.
	const comment = isPlainObject(r.comment) ? r.comment : null;
	if (!comment) throw recordInvalid({ base: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] });
	input.comment = { body: comment.body, html_body: comment.html_body, uploads: comment.uploads, public: true };
	input.requester_id = ctx.user.id;
	const result = applyTicketInput(emu, ctx.user, input, null);
	if (result.ok === false) throw recordInvalid(result.details.map);
	const { ticket } = commitTicket(emu, ctx.user, result, null);
	return json(201, { request: requestJson(emu, ticket) }, { Location: `${emu.url}/api/v2/requests/${ticket.id}.json` });
}

function updateRequest(emu, ctx) {
	const t = ownRequest(emu, ctx);
	const r = requestBody(ctx);
	// UpdateRequest takes comment, solved and additional_collaborators only; other keys are ignored.
	const input = {};
	if (isPlainObject(r.comment)) {
		input.comment = { body: r.comment.body, html_body: r.comment.html_body, uploads: r.comment.uploads, public: true };
		// A customer's reply reopens a pending or solved ticket.
		if (['pending', 'solved', 'hold'].includes(t.status) && r.solved !== true) input.status = 'open';
	}
	if (r.solved === true) {
		if (!requestJson(emu, t).can_be_solved_by_me) {
			throw recordInvalid({
				status: [{ description: 'Status: this request cannot be solved by you (it needs an assignee and must not be a problem ticket)' }],
			});
		}
		input.status = 'solved';
	}
	if (!Object.keys(input).length) return json(200, { request: requestJson(emu, t) });
	const result = applyTicketInput(emu, ctx.user, input, t);
	if (result.ok === false) throw recordInvalid(result.details.map);
	const { ticket } = commitTicket(emu, ctx.user, result, t);
	return json(200, { request: requestJson(emu, ticket) });
}

/** Comment lists sideload their authors (`users`), as the Requests API's ListComments does. */
const authorsOf = (emu, comments) =>
	[...new Set(comments.map((c) => c.author_id))]
		.map((id) => emu.state.users.get(id))
		.filter(Boolean)
		.map((u) => userJson(emu, u));

const COMMENT_SORTS = { id: (c) => c.id, created_at: (c) => c.created_at };

function requestComments(emu, ctx) {
	const t = ownRequest(emu, ctx);
	const role = ctx.query.get('role');
	const since = ctx.query.get('since');
	return json(
		200,
		paginate(ctx, {
			key: 'comments',
			items: () =>
				t._comments.filter(
					(c) =>
						c.public &&
						(!since || c.created_at >= since) &&
						(!role || (role === 'agent') === ['agent', 'admin'].includes(emu.state.users.get(c.author_id)?.role)),
				),
			sorts: COMMENT_SORTS,
			cursorSorts: ['created_at'],
			defaultSort: 'created_at',
			serialize: (c) => ({ ...commentJson(emu, c), request_id: t.id, url: `${emu.url}/api/v2/requests/${t.id}/comments/${c.id}.json` }),
			extra: (page) => ({ users: authorsOf(emu, page), organizations: [] }),
		}),
	);
}

/** Agents' ticket comments: cursor (sort=±created_at) or offset, authors sideloaded with include=users. */
function ticketComments(emu, ctx) {
	const t = emu.state.tickets.get(asId(ctx.params.id));
	if (!t) throw notFound();
	const include = String(ctx.query.get('include') || '')
		.split(',')
		.map((s) => s.trim());
	return json(
		200,
		paginate(ctx, {
			key: 'comments',
			items: () => t._comments,
			sorts: COMMENT_SORTS,
			cursorSorts: ['created_at'],
			defaultSort: 'created_at',
			serialize: (c) => commentJson(emu, c),
			extra: (page) => (include.includes('users') ? { users: authorsOf(emu, page) } : {}),
		}),
	);
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	return [
		['GET', '/api/v2/requests', (ctx) => listRequests(emu, ctx)],
		['POST', '/api/v2/requests', (ctx) => createRequest(emu, ctx)],
		['GET', '/api/v2/requests/search', (ctx) => searchRequests(emu, ctx)],
		['GET', '/api/v2/requests/open', (ctx) => listRequests(emu, ctx, (t) => ['new', 'open', 'pending', 'hold'].includes(t.status))],
		['GET', '/api/v2/requests/solved', (ctx) => listRequests(emu, ctx, (t) => t.status === 'solved' || t.status === 'closed')],
		['GET', '/api/v2/requests/ccd', (ctx) => listRequests(emu, ctx, (t) => (t.collaborator_ids || []).includes(ctx.user.id))],
		['GET', '/api/v2/requests/:id', (ctx) => json(200, { request: requestJson(emu, ownRequest(emu, ctx)) })],
		['PUT', '/api/v2/requests/:id', (ctx) => updateRequest(emu, ctx)],
		['GET', '/api/v2/requests/:id/comments', (ctx) => requestComments(emu, ctx)],
		// Before tickets.js's route of the same path: adds the authors side-load.
		['GET', '/api/v2/tickets/:id/comments', (ctx) => ticketComments(emu, ctx)],
	];
}

module.exports = { routes, onBehalfOf, requestJson, isOwn };
