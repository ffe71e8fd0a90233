'use strict';
// What each benchmark run does, for both nodes: emulator seed, input items,
// node parameters, and how complete the result is. Used by run.js (seed,
// server-side effects) and worker.js (items, parameters, output counting).
const { fleetWorkloads } = require('./fleet');
const { isClosedSeed, openTickets, seededStamp, updateParams } = require('./seeded');

const SIZES = {
	full: {
		bulk: 1000,
		list: 20000,
		searchSeed: 20000,
		searchFirst: 5001,
		searchMatch: 5000,
		singleReps: 20,
		singleWarmup: 3,
		exportAll: 20000,
		safeUpdates: 300,
	},
	quick: {
		bulk: 100,
		list: 2000,
		searchSeed: 3000,
		searchFirst: 751,
		searchMatch: 1500,
		singleReps: 5,
		singleWarmup: 1,
		exportAll: 3000,
		safeUpdates: 100,
	},
};

/** Seeded ticket N is created at 2024-01-01T00:00Z + N minutes (test/emulator/seed.js). */
const { TICKET_BASE_MS } = require('../test/emulator/seed');
const createdAt = (id) => new Date(TICKET_BASE_MS + id * 60_000).toISOString().replace('.000Z', 'Z');

const UPDATE_COMMENT = 'Benchmark update: status set to pending.';

/*
 * The fewest requests Zendesk allows for a job (the limit-ratio column divides
 * the requests used by it): 100 tickets per create_many, update_many,
 * show_many and destroy_many, one job_statuses/show_many poll for up to 100
 * jobs, 100 records per cursor page, 1,000 results per search-export page
 * after one /search that finds the count.
 */
const per = (n, size) => Math.ceil(n / size);
const fmt = (n) => n.toLocaleString('en-US');

const hasId = (json) => json && json.id !== undefined && json.id !== null && json.error === undefined;
const countWithId = (jsons) => jsons.filter(hasId).length;
const uniqueIds = (jsons, accept = () => true) =>
	new Set(
		jsons
			.filter(hasId)
			.map((j) => Number(j.id))
			.filter(accept),
	).size;

/** A new ticket's item, numbered. */
const benchTicket = (i) => ({ subject: `Bench ticket ${i}`, description: `Created by the benchmark, item ${i}.` });

const TICKET_API = { authentication: 'apiToken', resource: 'ticket' };
const CREATE_BASE = { ...TICKET_API, operation: 'create' };

/** The built-in node's Get Many (a search), all pages, with its options. */
const builtinGetMany = (options = {}) => ({ ...TICKET_API, operation: 'getAll', ticketType: 'regular', returnAll: true, options });

/** Both nodes reading or deleting the ticket whose ID is the item's `id`. */
const byIdParams = (operation) => ({
	ours: { ...TICKET_API, operation, ticketId: '={{ $json.id }}' },
	builtin: { ...TICKET_API, operation, ticketType: 'regular', id: '={{ $json.id }}' },
});

/** Both nodes creating a ticket from an item's subject and description; `extra` is this node's own options. */
const createParams = (extra = {}) => ({
	ours: { ...CREATE_BASE, subject: '={{ $json.subject }}', description: '={{ $json.description }}', ...extra },
	builtin: {
		...CREATE_BASE,
		description: '={{ $json.description }}',
		jsonParameters: false,
		additionalFields: { subject: '={{ $json.subject }}' },
	},
});

/** The emulator's seeded macros (test/emulator/macros.js): 101 has no placeholders, 102 renders the requester's name per ticket. */
const MACRO_EFFECT = { 101: { status: 'solved', comment: 'Your refund is on its way.' }, 102: { status: 'pending', comment: 'Hi ' } };

/**
 * Apply Macro on n open tickets, ID-and-status output: the macro read once, update_many per 100
 * tickets and one poll; a macro with placeholders adds one rendering per ticket.
 */
function applyMacroWorkload(n, openIds, id, macroId) {
	const rendered = macroId === 102;
	const effect = MACRO_EFFECT[macroId];
	const fewest = 1 + (rendered ? n : 0) + per(n, 100) + 1;
	return {
		id,
		title: `Apply one macro ${rendered ? 'with placeholders ' : ''}to ${fmt(n)} tickets (${fmt(n)} items)`,
		bulk: true,
		only: ['ours'],
		seed: { tickets: openIds[openIds.length - 1] },
		expected: n,
		items: () => openIds.map((ticket) => ({ id: ticket })),
		params: {
			ours: {
				authentication: 'apiToken',
				resource: 'ticket',
				operation: 'applyMacro',
				ticketId: '={{ $json.id }}',
				macroId: String(macroId),
				bulkOutput: 'idAndStatus',
			},
		},
		count: countWithId,
		serverEffect: (emu) => {
			const done = openIds.filter((ticket) => {
				const t = emu.state.tickets.get(ticket);
				return t && t.status === effect.status && t._comments.filter((c) => String(c.plain_body).startsWith(effect.comment)).length === 1;
			}).length;
			return `${fmt(done)} tickets changed once on the server`;
		},
		fewest,
		// A few polls more than one when the jobs are slow.
		target: { no429: true, requestsAtMost: fewest + 3 },
		note: { builtin: 'no macro operation' },
	};
}

function singleRunWorkloads(sizeName) {
	const s = SIZES[sizeName];
	const n = s.bulk;
	const bulkIds = Array.from({ length: n }, (_, i) => i + 1);
	const openIds = openTickets(n);
	const searchLast = s.searchFirst + s.searchMatch - 1;
	const searchQuery = `created>=${createdAt(s.searchFirst)} created<${createdAt(searchLast + 1)}`;

	return [
		{
			id: 'create',
			title: `Create ${fmt(n)} tickets (${fmt(n)} items)`,
			bulk: true,
			seed: false,
			expected: n,
			items: () => bulkIds.map(benchTicket),
			params: createParams(),
			count: countWithId,
			serverEffect: (emu) => `${fmt(emu.state.tickets.size)} tickets created on the server`,
			// create_many and one poll; the read-back is the Full Ticket output's price (see createIds).
			fewest: per(n, 100) + 1,
		},
		{
			id: 'createIds',
			title: `Create ${fmt(n)} tickets, Bulk Output: ID and Status Only (${fmt(n)} items)`,
			bulk: true,
			only: ['ours'],
			seed: false,
			expected: n,
			items: () => bulkIds.map(benchTicket),
			params: { ours: createParams({ bulkOutput: 'idAndStatus' }).ours },
			count: countWithId,
			serverEffect: (emu) => `${fmt(emu.state.tickets.size)} tickets created on the server`,
			fewest: per(n, 100) + 1,
			target: { requestsAtMost: n >= 1000 ? 12 : undefined },
			note: { builtin: 'no such output choice' },
		},
		{
			id: 'get',
			title: `Get ${fmt(n)} tickets by ID (${fmt(n)} items, one ID each)`,
			bulk: true,
			seed: { tickets: n },
			expected: n,
			items: () => bulkIds.map((id) => ({ id })),
			params: byIdParams('get'),
			count: countWithId,
			fewest: per(n, 100),
		},
		{
			id: 'update',
			title: `Update ${fmt(n)} tickets (status + comment)`,
			bulk: true,
			// Enough seeded tickets to pick n that are not closed.
			seed: { tickets: openIds[openIds.length - 1] },
			expected: n,
			items: () => openIds.map((id) => ({ id })),
			params: {
				ours: updateParams({ status: 'pending', comment: UPDATE_COMMENT }),
				builtin: {
					authentication: 'apiToken',
					resource: 'ticket',
					operation: 'update',
					id: '={{ $json.id }}',
					jsonParameters: false,
					updateFields: { status: 'pending', publicReply: UPDATE_COMMENT },
				},
			},
			count: countWithId,
			check: (emu) => {
				const closed = openIds.filter((id) => emu.state.tickets.get(id)?.status === 'closed');
				if (closed.length) throw new Error(`update workload: seeded tickets ${closed.slice(0, 5).join(', ')} are closed`);
			},
			serverEffect: (emu) => {
				const done = openIds.filter((id) => {
					const t = emu.state.tickets.get(id);
					return t && t.status === 'pending' && t._comments.some((c) => c.plain_body === UPDATE_COMMENT || c.body === UPDATE_COMMENT);
				}).length;
				return `${fmt(done)} tickets updated on the server`;
			},
			// update_many, one poll, and show_many for the full tickets (the comment makes ID-only less useful here).
			fewest: per(n, 100) + 1,
		},
		applyMacroWorkload(n, openIds, 'applyMacro', 101),
		applyMacroWorkload(n, openIds, 'applyMacroRendered', 102),
		{
			id: 'delete',
			title: `Delete ${fmt(n)} tickets`,
			bulk: true,
			seed: { tickets: n },
			expected: n,
			items: () => bulkIds.map((id) => ({ id })),
			params: byIdParams('delete'),
			count: (jsons) => jsons.filter((j) => j && j.error === undefined && (j.deleted === true || j.success === true)).length,
			serverEffect: (emu) => `${fmt(emu.state.deletedTickets.size)} tickets deleted on the server`,
			fewest: per(n, 100) + 1,
		},
		{
			id: 'paced',
			title: `Create ${fmt(n)} tickets one by one (this node with Use Bulk Requests off): rate-limit pacing check`,
			seed: false,
			expected: n,
			items: () => bulkIds.map(benchTicket),
			params: createParams({ requestOptions: { batching: false } }),
			count: countWithId,
			serverEffect: (emu) => `${fmt(emu.state.tickets.size)} tickets created on the server`,
			note: {
				ours: `one POST per item, as the built-in node does${n > 700 ? `; ${fmt(n)} requests do not fit in one 700/min window` : ''}`,
			},
			fewest: n,
		},
		{
			id: 'list',
			title: `List all of ${fmt(s.list)} tickets`,
			seed: { tickets: s.list },
			expected: s.list,
			items: () => [{}],
			params: {
				ours: { authentication: 'apiToken', resource: 'ticket', operation: 'getAll', listScope: 'all', returnAll: true },
				// The built-in node has no list endpoint: Get Many searches "type:ticket".
				builtin: builtinGetMany(),
			},
			count: (jsons) => uniqueIds(jsons),
			cannot: true,
			note: { builtin: 'Get Many = /search "type:ticket" (no list endpoint)' },
			fewest: per(s.list, 100),
		},
		{
			id: 'search',
			title: `Search matching ${fmt(s.searchMatch)} of ${fmt(s.searchSeed)} tickets, Return All`,
			seed: { tickets: s.searchSeed },
			expected: s.searchMatch,
			query: searchQuery,
			items: () => [{}],
			params: {
				ours: { authentication: 'apiToken', resource: 'ticket', operation: 'search', query: searchQuery, returnAll: true },
				// The built-in node has no search operation: Get Many takes a query option.
				builtin: builtinGetMany({ query: searchQuery }),
			},
			count: (jsons) => uniqueIds(jsons, (id) => id >= s.searchFirst && id <= searchLast),
			cannot: true,
			note: { builtin: 'Get Many with a query option (no search operation)' },
			fewest: 1 + per(s.searchMatch, 1000),
			target: { requestsAtMost: s.searchMatch >= 5000 ? 10 : undefined },
		},
		{
			id: 'export',
			title: `Search export of all ${fmt(s.exportAll)} tickets, Return All, with Zendesk's per-endpoint limits`,
			only: ['ours'],
			seed: { tickets: s.exportAll },
			emulator: { endpointLimits: {} },
			expected: s.exportAll,
			items: () => [{}],
			params: {
				ours: { authentication: 'apiToken', resource: 'ticket', operation: 'search', query: 'created>2000-01-01', returnAll: true },
			},
			count: (jsons) => uniqueIds(jsons),
			fewest: 1 + per(s.exportAll, 1000),
			target: { no429: true },
			note: { ours: 'search export limited to 100 requests a minute, as on Zendesk' },
		},
		{
			id: 'safeUpdates',
			title: `${fmt(s.safeUpdates)} one-by-one Safe Updates over 10 tickets, with Zendesk's per-endpoint limits (windows 10× shorter)`,
			only: ['ours'],
			seed: { tickets: 20 },
			// Update Ticket: 100 a minute per account, 30 per ticket in 10 minutes; a minute lasts 6 s here.
			emulator: { endpointLimits: { timeScale: 0.1 } },
			expected: s.safeUpdates,
			items: () => {
				const open = Array.from({ length: 20 }, (_, i) => i + 1)
					.filter((id) => !isClosedSeed(id))
					.slice(0, 10);
				// Each ticket's seeded updated_at, so its first update matches the stamp.
				return Array.from({ length: s.safeUpdates }, (_, i) => ({ id: open[i % 10], updated_at: seededStamp(open[i % 10]) }));
			},
			params: { ours: updateParams({ priority: 'urgent' }, { options: { safeUpdate: true } }) },
			// On Error → Continue: a Safe Update conflict is an item's answer, not the end of the run.
			onError: 'continueRegularOutput',
			// Every item answered: the first update of a ticket, or its Safe Update conflict (the stamp is then stale), never a 429.
			count: (jsons) => jsons.filter((j) => hasId(j) || /Safe Update/.test(String(j && j.error))).length,
			fewest: s.safeUpdates,
			target: { no429: true },
			note: {
				ours: 'the first update of each ticket goes through, the rest are Safe Update conflicts (stale stamp); all count against the limits',
			},
		},
		{
			id: 'single',
			title: `Single create (1 item), median of ${s.singleReps} runs`,
			seed: false,
			expected: 1,
			reps: s.singleReps,
			// Both nodes in one worker, runs alternating: a 60 ms run is easily disturbed by other load on the machine.
			paired: true,
			// Unmeasured runs first, as in a long-running n8n: module loading, JIT and the first TLS handshake are not the node's overhead.
			warmup: s.singleWarmup,
			items: () => [{ subject: 'Bench single ticket', description: 'Created by the benchmark (single create).' }],
			params: createParams(),
			count: countWithId,
			serverEffect: (emu) => `${fmt(emu.state.tickets.size)} tickets created by both nodes, warm-ups included`,
		},
	];
}

/** Every workload: one execution alone with the account, then the fleets of executions sharing it (fleet.js). */
function workloads(sizeName = 'full') {
	return [...singleRunWorkloads(sizeName), ...fleetWorkloads(sizeName)];
}

module.exports = { SIZES, workloads, fmt };
