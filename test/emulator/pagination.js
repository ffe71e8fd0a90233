'use strict';
// Cursor and offset pagination the way Zendesk list endpoints do them.
const { ApiError, badRequest } = require('./util');

const OFFSET_RECORD_LIMIT = 10_000;

const paginationError = (description) => badRequest('InvalidPaginationParameter', description);

/** Nulls sort first, like SQL ascending order. */
function compareValues(a, b) {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	return a < b ? -1 : 1;
}

/** Sorts by (value, id) so that cursors stay unambiguous when values repeat. */
function sortRecords(items, getter, desc) {
	const dir = desc ? -1 : 1;
	const keyed = items.map((r) => [getter(r), r.id, r]);
	keyed.sort((x, y) => dir * (compareValues(x[0], y[0]) || x[1] - y[1]));
	return keyed;
}

const encodeCursor = (sortName, desc, value, id) => Buffer.from(JSON.stringify([sortName, desc ? 1 : 0, value, id])).toString('base64url');

function decodeCursor(raw, sortName, desc, param) {
	let parts;
	try {
		parts = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8'));
	} catch {
		throw paginationError(`${param} is not a valid cursor`);
	}
	if (!Array.isArray(parts) || parts.length !== 4) throw paginationError(`${param} is not a valid cursor`);
	if (parts[0] !== sortName || parts[1] !== (desc ? 1 : 0)) {
		throw paginationError(`${param} was issued for a different sort order`);
	}
	return { value: parts[2], id: parts[3] };
}

/** First index whose (value, id) lies after the cursor in the sort direction (or at it, when `inclusive`). */
function seek(keyed, cursor, desc, inclusive) {
	const dir = desc ? -1 : 1;
	let lo = 0;
	let hi = keyed.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		const c = dir * (compareValues(keyed[mid][0], cursor.value) || keyed[mid][1] - cursor.id);
		if (c > 0 || (inclusive && c === 0)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Brackets stay readable in generated links, as in Zendesk's own `links.next`. */
function pageUrl(ctx, set, drop = []) {
	const params = new URLSearchParams(ctx.query);
	for (const k of drop) params.delete(k);
	for (const [k, v] of Object.entries(set)) params.set(k, String(v));
	const qs = params.toString().replace(/%5B/gi, '[').replace(/%5D/gi, ']');
	return `${ctx.emu.url}${ctx.path}${qs ? `?${qs}` : ''}`;
}

function positiveInt(raw, name) {
	if (!/^\d+$/.test(String(raw)) || Number(raw) < 1) throw paginationError(`${name} must be a positive integer`);
	return Number(raw);
}

const isCursorRequest = (q) => q.has('page[size]') || q.has('page[after]') || q.has('page[before]');

/**
 * A cursor page over already sorted `keyed` records ([value, id, record] triples).
 * @returns {{ page: any[], meta: {has_more: boolean, after_cursor: string|null, before_cursor: string|null}, links: {next: string|null, prev: string|null} }}
 */
function cursorSlice(ctx, keyed, sortName, desc, { maxSize = 100, defaultSize = 100 } = {}) {
	const q = ctx.query;
	const size = q.has('page[size]') ? positiveInt(q.get('page[size]'), 'page[size]') : defaultSize;
	if (size > maxSize) throw paginationError(`page[size] must be less than or equal to ${maxSize}`);
	let slice;
	let hasMore;
	if (q.get('page[before]')) {
		const end = seek(keyed, decodeCursor(q.get('page[before]'), sortName, desc, 'page[before]'), desc, true);
		const start = Math.max(0, end - size);
		slice = keyed.slice(start, end);
		hasMore = start > 0;
	} else {
		const start = q.get('page[after]') ? seek(keyed, decodeCursor(q.get('page[after]'), sortName, desc, 'page[after]'), desc, false) : 0;
		slice = keyed.slice(start, start + size);
		hasMore = start + size < keyed.length;
	}
	const first = slice[0];
	const last = slice[slice.length - 1];
	const after = last ? encodeCursor(sortName, desc, last[0], last[1]) : null;
	const before = first ? encodeCursor(sortName, desc, first[0], first[1]) : null;
	const drop = ['page[after]', 'page[before]'];
	return {
		page: slice.map((k) => k[2]),
		meta: { has_more: hasMore, after_cursor: after, before_cursor: before },
		// Zendesk fills links.next whenever the page has records, even on the last
		// page: clients must stop on meta.has_more, not on a missing link.
		links: {
			prev: before ? pageUrl(ctx, { 'page[size]': size, 'page[before]': before }, drop) : null,
			next: after ? pageUrl(ctx, { 'page[size]': size, 'page[after]': after }, drop) : null,
		},
	};
}

/**
 * Lists records with cursor pagination when page[size]/page[after]/page[before]
 * is present and offset pagination (page, per_page) otherwise.
 * @param {any} ctx
 * @param {{ key: string, items: () => any[], sorts: Record<string, (r: any) => unknown>, defaultSort?: string,
 *   cursorSorts?: string[], serialize: (r: any) => unknown, cacheKey?: string,
 *   extra?: (page: any[]) => Record<string, unknown>, offsetLimit?: number }} o
 */
function paginate(ctx, o) {
	const q = ctx.query;
	const defaultSort = o.defaultSort || 'id';
	const cursor = isCursorRequest(q);
	let sortName;
	let desc;
	if (cursor) {
		const raw = q.get('sort') || defaultSort;
		desc = raw.startsWith('-');
		sortName = desc ? raw.slice(1) : raw;
		const allowed = o.cursorSorts || Object.keys(o.sorts);
		if (!allowed.includes(sortName)) throw paginationError(`sort must be one of ${allowed.flatMap((s) => [s, `-${s}`]).join(', ')}`);
	} else {
		sortName = q.get('sort_by') && o.sorts[q.get('sort_by')] ? q.get('sort_by') : defaultSort;
		desc = q.get('sort_order') === 'desc';
	}
	const keyed = sorted(ctx.emu, o, sortName, desc);
	const extra = (page) => (o.extra ? o.extra(page) : {});

	if (cursor) {
		const { page, meta, links } = cursorSlice(ctx, keyed, sortName, desc);
		return { [o.key]: page.map(o.serialize), ...extra(page), meta, links };
	}
	const page = q.has('page') ? positiveInt(q.get('page'), 'page') : 1;
	const perPage = Math.min(q.has('per_page') ? positiveInt(q.get('per_page'), 'per_page') : 100, 100);
	const limit = o.offsetLimit ?? OFFSET_RECORD_LIMIT;
	if (page * perPage > limit) {
		throw new ApiError(400, {
			error: 'InvalidPaginationParameter',
			description: `Offset pagination is limited to the first ${limit} records. Use cursor pagination (page[size] and page[after]) to fetch more.`,
		});
	}
	const start = (page - 1) * perPage;
	const slice = keyed.slice(start, start + perPage).map((k) => k[2]);
	return {
		[o.key]: slice.map(o.serialize),
		...extra(slice),
		next_page: start + perPage < keyed.length ? pageUrl(ctx, { page: page + 1, per_page: perPage }) : null,
		previous_page: page > 1 ? pageUrl(ctx, { page: page - 1, per_page: perPage }) : null,
		count: keyed.length,
	};
}

/** Sorted records, cached per ticket-store version when the list asks for it. */
function sorted(emu, o, sortName, desc) {
	if (!o.cacheKey) return sortRecords(o.items(), o.sorts[sortName], desc);
	if (emu._sortCacheVersion !== emu.state.ticketVersion) {
		emu._sortCache = new Map();
		emu._sortCacheVersion = emu.state.ticketVersion;
	}
	const key = `${o.cacheKey}|${sortName}|${desc}`;
	let keyed = emu._sortCache.get(key);
	if (!keyed) {
		keyed = sortRecords(o.items(), o.sorts[sortName], desc);
		emu._sortCache.set(key, keyed);
	}
	return keyed;
}

module.exports = { paginate, cursorSlice, sortRecords, pageUrl, positiveInt, isCursorRequest, paginationError, encodeCursor };
