'use strict';
// A useful subset of Zendesk's search language over the in-memory tickets,
// with the Search API's limits (1,000 results through /search, cursor-only
// /search/export).
const { ApiError, badRequest, json } = require('./util');
const { ticketJson, userJson, withUrl } = require('./serialize');
const { STATUS_ORDER, PRIORITY_ORDER } = require('./state');
const { cursorSlice, sortRecords, pageUrl, positiveInt } = require('./pagination');

const SEARCH_RESULT_LIMIT = 1000;
const EXPORT_TYPES = ['ticket', 'user', 'organization', 'group'];
const UNIT_MS = {
	minute: 60e3,
	minutes: 60e3,
	hour: 3600e3,
	hours: 3600e3,
	day: 86400e3,
	days: 86400e3,
	week: 604800e3,
	weeks: 604800e3,
	month: 2592e6,
	months: 2592e6,
	year: 31536e6,
	years: 31536e6,
};

/**
 * Splits a query into terms: free words, "quoted phrases" and key<op>value
 * filters, each optionally negated with a leading "-".
 * @returns {Array<{neg: boolean, key?: string, op?: string, value: string, phrase?: boolean}>}
 */
function parseQuery(query) {
	const terms = [];
	const s = String(query);
	let i = 0;
	while (i < s.length) {
		while (i < s.length && /\s/.test(s[i])) i++;
		if (i >= s.length) break;
		let neg = false;
		if (s[i] === '-' && i + 1 < s.length && !/\s/.test(s[i + 1])) {
			neg = true;
			i++;
		}
		let raw = '';
		while (i < s.length && !/\s/.test(s[i])) {
			if (s[i] === '"') {
				const end = s.indexOf('"', i + 1);
				const stop = end === -1 ? s.length : end;
				raw += s.slice(i, stop + 1);
				i = stop + 1;
			} else raw += s[i++];
		}
		const m = /^([a-z_][a-z0-9_]*)(<=|>=|:|<|>)(.*)$/i.exec(raw);
		if (m && m[3] !== '') terms.push({ neg, key: m[1].toLowerCase(), op: m[2], value: unquote(m[3]) });
		else if (raw.startsWith('"')) terms.push({ neg, value: unquote(raw), phrase: true });
		else if (raw) terms.push({ neg, value: raw });
	}
	return terms;
}

const unquote = (v) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v.replace(/^"/, ''));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Word (or phrase) match on word boundaries; a trailing * makes it a prefix match. */
function textMatcher(value) {
	const prefix = value.endsWith('*');
	const words = value.replace(/\*$/, '').toLowerCase().trim().split(/\s+/).map(escapeRe).join('\\s+');
	if (!words) return () => true;
	const re = new RegExp(`(^|[^\\p{L}\\p{N}_])${words}${prefix ? '' : '(?=$|[^\\p{L}\\p{N}_])'}`, 'u');
	return (text) => re.test(text);
}

/** Date operand: a whole UTC day for YYYY-MM-DD, otherwise an instant. */
function dateRange(value) {
	const rel = /^(\d+)([a-z]+)$/i.exec(value);
	if (rel && UNIT_MS[rel[2].toLowerCase()]) {
		const at = Date.now() - Number(rel[1]) * UNIT_MS[rel[2].toLowerCase()];
		return { start: at, end: at };
	}
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const start = Date.parse(`${value}T00:00:00Z`);
		return Number.isNaN(start) ? null : { start, end: start + 86400e3 };
	}
	const at = Date.parse(value);
	return Number.isNaN(at) ? null : { start: at, end: at };
}

function compareOp(op, v, range) {
	const instant = range.start === range.end;
	switch (op) {
		case '<':
			return v < range.start;
		case '<=':
			return instant ? v <= range.start : v < range.end;
		case '>':
			return instant ? v > range.start : v >= range.end;
		case '>=':
			return v >= range.start;
		default:
			return instant ? v === range.start : v >= range.start && v < range.end;
	}
}

function ordinal(order, op, value, actual) {
	const want = order.indexOf(String(value).toLowerCase());
	if (want === -1) return () => false;
	return (t) => {
		const have = order.indexOf(actual(t));
		if (have === -1) return false;
		if (op === '<') return have < want;
		if (op === '<=') return have <= want;
		if (op === '>') return have > want;
		if (op === '>=') return have >= want;
		return have === want;
	};
}

/** Ids of users a search value names: me, none, an id, an email or a name. */
function userIds(emu, ctx, value) {
	const v = String(value).toLowerCase();
	if (v === 'me') return new Set([ctx.user.id]);
	if (v === 'none') return new Set([null]);
	if (/^\d+$/.test(v)) return new Set([Number(v)]);
	const ids = new Set();
	for (const u of emu.state.users.values()) {
		if (
			String(u.email).toLowerCase() === v ||
			String(u.name).toLowerCase() === v ||
			(!v.includes('@') && String(u.name).toLowerCase().split(' ').includes(v))
		)
			ids.add(u.id);
	}
	return ids;
}

function namedIds(map, value) {
	const v = String(value).toLowerCase();
	if (v === 'none') return new Set([null]);
	if (/^\d+$/.test(v)) return new Set([Number(v)]);
	return new Set([...map.values()].filter((r) => String(r.name).toLowerCase() === v).map((r) => r.id));
}

/** Builds a predicate for one key<op>value term; `null` means the key is unknown. */
function ticketFilter(emu, ctx, term) {
	const { key, op, value } = term;
	const date = (get) => {
		const range = dateRange(value);
		if (!range) throw new ApiError(422, { error: 'invalid', description: `Invalid search: ${key}${op}${value} is not a valid date` });
		return (t) => get(t) != null && compareOp(op, Date.parse(get(t)), range);
	};
	const inSet = (set, get) => (t) => set.has(get(t) ?? null);
	switch (key) {
		case 'status':
			return ordinal(STATUS_ORDER, op, value, (t) => t.status);
		case 'priority':
			if (value.toLowerCase() === 'none' && op === ':') return (t) => !t.priority;
			return ordinal(PRIORITY_ORDER, op, value, (t) => t.priority);
		case 'ticket_type':
		case 'tickettype':
			return (t) => (value.toLowerCase() === 'none' ? !t.type : t.type === value.toLowerCase());
		case 'tags':
		case 'tag':
			return (t) => (value.toLowerCase() === 'none' ? t.tags.length === 0 : t.tags.includes(value));
		case 'assignee':
			return inSet(userIds(emu, ctx, value), (t) => t.assignee_id);
		case 'requester':
			return inSet(userIds(emu, ctx, value), (t) => t.requester_id);
		case 'submitter':
			return inSet(userIds(emu, ctx, value), (t) => t.submitter_id);
		case 'cc': {
			const ids = userIds(emu, ctx, value);
			return (t) => t.email_cc_ids.some((id) => ids.has(id));
		}
		case 'group':
			return inSet(namedIds(emu.state.groups, value), (t) => t.group_id);
		case 'organization':
			return inSet(namedIds(emu.state.organizations, value), (t) => t.organization_id);
		case 'brand':
			return inSet(namedIds(emu.state.brands, value), (t) => t.brand_id);
		case 'form':
			return inSet(namedIds(emu.state.ticketForms, value), (t) => t.ticket_form_id);
		case 'external_id':
			return (t) => t.external_id === value;
		case 'created':
			return date((t) => t.created_at);
		case 'updated':
			return date((t) => t.updated_at);
		case 'due_date':
			return date((t) => t.due_at);
		case 'subject': {
			const m = textMatcher(value);
			return (t) => m(String(t.subject || '').toLowerCase());
		}
		case 'description':
		case 'comment': {
			const m = textMatcher(value);
			return (t) => m(t._text);
		}
		case 'via':
			return (t) => t.via?.channel === value.toLowerCase();
		default: {
			const cf = /^custom_field_(\d+)$/.exec(key);
			if (cf) {
				const id = Number(cf[1]);
				return (t) => {
					const v = t._cf[id];
					return Array.isArray(v) ? v.includes(value) : v != null && String(v).toLowerCase() === value.toLowerCase();
				};
			}
			return null;
		}
	}
}

/**
 * Runs a query. Positive `key:value` terms with the same key are OR-ed, as in
 * Zendesk (status:open status:pending); everything else is AND-ed.
 * @returns {{ type: string, records: any[], scores: Map<number, number> }}
 */
function runSearch(emu, ctx, query, forcedType) {
	const terms = parseQuery(query);
	let type = forcedType || null;
	const rest = [];
	for (const t of terms) {
		if (t.key === 'type' && !t.neg) {
			if (forcedType)
				throw badRequest('InvalidSearchParameter', 'Searches with type in the query string are not supported by export; use filter[type]');
			type = t.value.toLowerCase();
		} else rest.push(t);
	}
	type = type || 'ticket';
	if (type !== 'ticket') return { type, records: searchOther(emu, type, rest), scores: new Map() };

	const ors = new Map();
	const ands = [];
	const texts = [];
	for (const term of rest) {
		const f = term.key ? ticketFilter(emu, ctx, term) : null;
		if (!f) {
			const m = textMatcher(term.key ? `${term.key}${term.op}${term.value}` : term.value);
			const p = (t) => m(t._text);
			if (term.neg) ands.push((t) => !p(t));
			else texts.push(m);
			continue;
		}
		if (term.neg) ands.push((t) => !f(t));
		else if (term.op === ':') ors.set(term.key, [...(ors.get(term.key) || []), f]);
		else ands.push(f);
	}
	const groups = [...ors.values()];
	const scores = new Map();
	const records = [];
	for (const t of emu.state.tickets.values()) {
		if (!ands.every((f) => f(t))) continue;
		if (!groups.every((g) => g.some((f) => f(t)))) continue;
		if (!texts.every((m) => m(t._text))) continue;
		scores.set(
			t.id,
			texts.reduce((n, m) => n + (m(String(t.subject || '').toLowerCase()) ? 2 : 1), 0),
		);
		records.push(t);
	}
	return { type, records, scores };
}

function searchOther(emu, type, terms) {
	const source = { user: emu.state.users, organization: emu.state.organizations, group: emu.state.groups }[type];
	if (!source) throw new ApiError(422, { error: 'invalid', description: `Invalid search: unsupported type ${type}` });
	const matchers = terms.map((t) => ({ neg: t.neg, m: textMatcher(t.key ? t.value : t.value) }));
	return [...source.values()].filter((r) => {
		const text = `${r.name || ''} ${r.email || ''}`.toLowerCase();
		return matchers.every(({ neg, m }) => m(text) !== neg);
	});
}

function resultJson(emu, type, r) {
	if (type === 'ticket') return { ...ticketJson(emu, r), result_type: 'ticket' };
	if (type === 'user') return { ...userJson(emu, r), result_type: 'user' };
	return { ...withUrl(emu, `${type}s`, r), result_type: type };
}

const SEARCH_SORTS = {
	updated_at: (t) => t.updated_at,
	created_at: (t) => t.created_at,
	priority: (t) => (t.priority ? PRIORITY_ORDER.indexOf(t.priority) : null),
	status: (t) => STATUS_ORDER.indexOf(t.status),
	ticket_type: (t) => t.type,
};

function requireQuery(ctx) {
	const query = ctx.query.get('query');
	if (query == null || !query.trim()) throw badRequest('InvalidSearchParameter', 'The query parameter is required');
	return query;
}

function search(emu, ctx) {
	const q = ctx.query;
	if ([...q.keys()].some((k) => k.startsWith('page['))) {
		throw badRequest(
			'invalid',
			'Invalid attribute: page must be an integer. /search supports offset pagination only; use /search/export for cursors.',
		);
	}
	const { type, records, scores } = runSearch(emu, ctx, requireQuery(ctx));
	const page = q.has('page') ? positiveInt(q.get('page'), 'page') : 1;
	const perPage = Math.min(q.has('per_page') ? positiveInt(q.get('per_page'), 'per_page') : 100, 100);
	if (page * perPage > SEARCH_RESULT_LIMIT) {
		throw new ApiError(422, {
			error: 'invalid',
			description: 'Invalid search: Requested response size was greater than Search Response Limits',
		});
	}
	const sortBy = q.get('sort_by');
	let ordered;
	if (type === 'ticket' && sortBy && SEARCH_SORTS[sortBy]) {
		ordered = sortRecords(records, SEARCH_SORTS[sortBy], q.get('sort_order') !== 'asc').map((k) => k[2]);
	} else {
		// Relevance: better text matches first, then newest.
		ordered = [...records].sort(
			(a, b) =>
				(scores.get(b.id) || 0) - (scores.get(a.id) || 0) || String(b.created_at).localeCompare(String(a.created_at)) || b.id - a.id,
		);
	}
	const start = (page - 1) * perPage;
	// next_page is offered even when it lies beyond the 1,000-result limit;
	// following it blindly gets the 422, as with Zendesk.
	return json(200, {
		results: ordered.slice(start, start + perPage).map((r) => resultJson(emu, type, r)),
		facets: null,
		next_page: start + perPage < ordered.length ? pageUrl(ctx, { page: page + 1, per_page: perPage }) : null,
		previous_page: page > 1 ? pageUrl(ctx, { page: page - 1, per_page: perPage }) : null,
		count: ordered.length,
	});
}

function exportSearch(emu, ctx) {
	const type = ctx.query.get('filter[type]');
	if (!type) throw badRequest('InvalidSearchParameter', 'filter[type] is required: one of ticket, user, organization, group');
	if (!EXPORT_TYPES.includes(type)) throw badRequest('InvalidSearchParameter', `filter[type] must be one of ${EXPORT_TYPES.join(', ')}`);
	const { records } = runSearch(emu, ctx, requireQuery(ctx), type);
	const keyed = sortRecords(records, (r) => r.created_at, false);
	const { page, meta, links } = cursorSlice(ctx, keyed, 'created_at', false, { maxSize: 1000, defaultSize: 100 });
	return json(200, {
		results: page.map((r) => resultJson(emu, type, r)),
		facets: null,
		meta: { has_more: meta.has_more, after_cursor: meta.after_cursor, before_cursor: null },
		links: { prev: null, next: links.next },
	});
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	return [
		['GET', '/api/v2/search', (ctx) => search(emu, ctx)],
		['GET', '/api/v2/search/count', (ctx) => json(200, { count: runSearch(emu, ctx, requireQuery(ctx)).records.length })],
		['GET', '/api/v2/search/export', (ctx) => exportSearch(emu, ctx)],
	];
}

module.exports = { routes, parseQuery, runSearch };
