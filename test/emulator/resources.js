'use strict';
// Read endpoints for the account's users, organizations, groups, ticket
// fields, brands, ticket forms and custom statuses.
const { notFound, badRequest, json, parseIds } = require('./util');
const { userJson, anonymousUser, withUrl } = require('./serialize');
const { paginate } = require('./pagination');
const { asId } = require('./ticketInput');
const { authenticate } = require('./auth');

const BY_ID = {
	id: (r) => r.id,
	created_at: (r) => r.created_at,
	updated_at: (r) => r.updated_at,
	name: (r) => String(r.name || '').toLowerCase(),
};

/** @param {(r: any, ctx: any) => boolean} [filter] */
function collection(emu, key, map, urlName, filter = () => true, sorts = BY_ID) {
	return (ctx) =>
		json(
			200,
			paginate(ctx, {
				key,
				items: () => [...map.values()].filter((r) => filter(r, ctx)),
				sorts,
				serialize: (r) => withUrl(emu, urlName, r),
			}),
		);
}

function single(emu, key, map, urlName) {
	return (ctx) => {
		const r = map.get(asId(ctx.params.id));
		if (!r) throw notFound();
		return json(200, { [key]: withUrl(emu, urlName, r) });
	};
}

/** /users/me answers anonymous callers with a guest user instead of 401. */
function me(emu, ctx) {
	let auth = ctx.auth;
	if (!auth) {
		const result = authenticate(emu, ctx.headers);
		if ('failure' in result) {
			if (result.bearer || !emu.options.anonymousMe) throw result.failure;
			return json(200, { user: anonymousUser() });
		}
		auth = result;
	}
	return json(200, { user: { ...userJson(emu, auth.user), authenticity_token: `emulator-csrf-${auth.user.id}` } });
}

/** @returns {import('./server').RouteEntry[]} */
function users(emu) {
	const roleFilter = (u, ctx) => {
		const roles = [...ctx.query.getAll('role'), ...ctx.query.getAll('role[]')];
		return roles.length === 0 || roles.includes(u.role);
	};
	const listUsers = (ctx) =>
		json(
			200,
			paginate(ctx, {
				key: 'users',
				items: () => [...emu.state.users.values()].filter((u) => roleFilter(u, ctx)),
				sorts: BY_ID,
				serialize: (u) => userJson(emu, u),
			}),
		);
	const searchUsers = (ctx) => {
		const query = String(ctx.query.get('query') || '')
			.toLowerCase()
			.replace(/^(email|name):/, '');
		const external = ctx.query.get('external_id');
		if (!query && external == null) throw badRequest('InvalidParameter', 'query or external_id is required');
		const match = (u) =>
			external != null
				? u.external_id === external
				: String(u.name).toLowerCase().includes(query) || String(u.email).toLowerCase().includes(query);
		return json(
			200,
			paginate(ctx, {
				key: 'users',
				items: () => [...emu.state.users.values()].filter(match),
				sorts: BY_ID,
				serialize: (u) => userJson(emu, u),
			}),
		);
	};
	return [
		['GET', '/api/v2/users/me', (ctx) => me(emu, ctx), { public: true }],
		['GET', '/api/v2/users', listUsers],
		['GET', '/api/v2/users/search', searchUsers],
		['GET', '/api/v2/users/autocomplete', searchUsers],
		[
			'GET',
			'/api/v2/users/show_many',
			(ctx) => {
				const ids = parseIds(ctx.query.get('ids'));
				if (!ids.length || ids.some(Number.isNaN)) throw badRequest('InvalidValue', 'ids must be a comma-separated list of user ids');
				if (ids.length > 100) throw badRequest('InvalidValue', 'Too many ids: at most 100');
				const found = [...new Set(ids)]
					.sort((a, b) => a - b)
					.map((id) => emu.state.users.get(id))
					.filter(Boolean);
				return json(200, { users: found.map((u) => userJson(emu, u)), next_page: null, previous_page: null, count: found.length });
			},
		],
		[
			'GET',
			'/api/v2/users/:id',
			(ctx) => {
				const u = emu.state.users.get(asId(ctx.params.id));
				if (!u) throw notFound();
				return json(200, { user: userJson(emu, u) });
			},
		],
	];
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	const s = emu.state;
	const activeFilter = (r, ctx) => !ctx.query.has('active') || String(r.active) === ctx.query.get('active');
	return [
		...users(emu),
		['GET', '/api/v2/organizations', collection(emu, 'organizations', s.organizations, 'organizations')],
		['GET', '/api/v2/organizations/:id', single(emu, 'organization', s.organizations, 'organizations')],
		['GET', '/api/v2/groups', collection(emu, 'groups', s.groups, 'groups', (g) => !g.deleted)],
		['GET', '/api/v2/groups/assignable', collection(emu, 'groups', s.groups, 'groups', (g) => !g.deleted)],
		['GET', '/api/v2/groups/:id', single(emu, 'group', s.groups, 'groups')],
		[
			'GET',
			'/api/v2/ticket_fields',
			collection(emu, 'ticket_fields', s.ticketFields, 'ticket_fields', activeFilter, { ...BY_ID, position: (f) => f.position }),
		],
		['GET', '/api/v2/ticket_fields/:id', single(emu, 'ticket_field', s.ticketFields, 'ticket_fields')],
		['GET', '/api/v2/brands', collection(emu, 'brands', s.brands, 'brands')],
		['GET', '/api/v2/brands/:id', single(emu, 'brand', s.brands, 'brands')],
		[
			'GET',
			'/api/v2/ticket_forms',
			collection(emu, 'ticket_forms', s.ticketForms, 'ticket_forms', activeFilter, { ...BY_ID, position: (f) => f.position }),
		],
		['GET', '/api/v2/ticket_forms/:id', single(emu, 'ticket_form', s.ticketForms, 'ticket_forms')],
		// Zendesk returns all custom statuses in one unpaginated list.
		[
			'GET',
			'/api/v2/custom_statuses',
			(ctx) => {
				const cats = String(ctx.query.get('status_categories') || '')
					.split(',')
					.filter(Boolean);
				const list = [...s.customStatuses.values()].filter(
					(c) => (cats.length === 0 || cats.includes(c.status_category)) && activeFilter(c, ctx),
				);
				return json(200, { custom_statuses: list.map((c) => withUrl(emu, 'custom_statuses', c)) });
			},
		],
		['GET', '/api/v2/custom_statuses/:id', single(emu, 'custom_status', s.customStatuses, 'custom_statuses')],
	];
}

module.exports = { routes };
