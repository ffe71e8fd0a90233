import { expectPromisesKept } from '../../harness/invariants';
import { runNode } from '../../harness/run';
import { ZENDESK, cursorPaged, recorded, zendesk } from '../../harness/zendesk';

const web = { channel: 'web', source: { from: {}, to: {}, rel: null } };

/** Two audits, newest first: Jane's status change with a note, and the creation by the customer. */
const AUDITS = [
	{
		id: 902,
		ticket_id: 5,
		author_id: 21,
		created_at: '2026-11-03T09:00:00Z',
		via: web,
		metadata: { system: {}, custom: {} },
		events: [
			{ id: 1, type: 'Comment', author_id: 21, body: 'Asked the warehouse.\n\nWaiting.', public: false },
			{ id: 2, type: 'Change', field_name: 'status', value: 'pending', previous_value: 'open' },
			{
				id: 3,
				type: 'Change',
				field_name: 'priority',
				value: 'high',
				previous_value: 'normal',
				via: { channel: 'rule', source: { from: { id: 77, title: 'Escalate VIP' }, rel: 'trigger' } },
			},
			{ id: 4, type: 'Notification', subject: 'Update', body: 'Sent', recipients: [31] },
		],
	},
	{
		id: 901,
		ticket_id: 5,
		author_id: 31,
		created_at: '2026-11-01T10:00:00Z',
		via: { channel: 'email', source: {} },
		metadata: { system: {}, custom: {} },
		events: [
			{ id: 5, type: 'Comment', author_id: 31, body: 'My parcel is late', public: true },
			{ id: 6, type: 'Create', field_name: 'tags', value: ['parcel', 'late'] },
			{ id: 7, type: 'Create', field_name: 'assignee_id', value: null },
		],
	},
];

const USERS = [
	{ id: 21, name: 'Jane Agent', role: 'agent' },
	{ id: 31, name: 'Carl Customer', role: 'end-user' },
];

describe('get history', () => {
	it('lists the audits as Zendesk gives them, newest first, without Simplify', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/5/audits')
			.query({ sort: '-created_at', 'page[size]': '20' })
			.reply(200, { audits: AUDITS, meta: { has_more: false, after_cursor: null } });
		const from = recorded.length;
		const result = await runNode({ parameters: { operation: 'getHistory', ticketId: '5', simplify: false } });
		expect(result.output).toEqual(AUDITS.map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(recorded.slice(from).map((r) => `${r.method} ${decodeURIComponent(r.url.slice(ZENDESK.length))}`)).toEqual([
			'GET /api/v2/tickets/5/audits?sort=-created_at&page[size]=20',
		]);
		scope.done();
	});

	it('with Simplify, gives one item per change with a readable line, and the authors in one request', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/5/audits')
			.query({ sort: '-created_at', 'page[size]': '20' })
			.reply(200, { audits: AUDITS, meta: { has_more: false, after_cursor: null } })
			.get('/api/v2/users/show_many')
			.query({ ids: '21,31' })
			.reply(200, { users: USERS });
		const result = await runNode({ parameters: { operation: 'getHistory', ticketId: '5', simplify: true } });
		const jane = { ticket_id: 5, audit_id: 902, created_at: '2026-11-03T09:00:00Z', author_id: 21, author: 'Jane Agent' };
		const carl = { ticket_id: 5, audit_id: 901, created_at: '2026-11-01T10:00:00Z', author_id: 31, author: 'Carl Customer' };
		expect(result.json).toEqual([
			{
				...jane,
				via: 'web',
				field: 'comment',
				to: 'Asked the warehouse. Waiting.',
				change: 'internal note: "Asked the warehouse. Waiting." by Jane Agent via web',
			},
			{ ...jane, via: 'web', field: 'status', from: 'open', to: 'pending', change: 'status: open → pending by Jane Agent via web' },
			{
				...jane,
				via: 'trigger "Escalate VIP"',
				field: 'priority',
				from: 'normal',
				to: 'high',
				change: 'priority: normal → high by Jane Agent via trigger "Escalate VIP"',
			},
			{
				...carl,
				via: 'email',
				field: 'comment',
				to: 'My parcel is late',
				change: 'public reply: "My parcel is late" by Carl Customer via email',
			},
			{ ...carl, via: 'email', field: 'tags', to: ['parcel', 'late'], change: 'tags: set to parcel, late by Carl Customer via email' },
			{ ...carl, via: 'email', field: 'assignee_id', to: null, change: 'assignee_id: set to none by Carl Customer via email' },
		]);
		expect(result.output.every((o) => o.pairedItem && (o.pairedItem as { item: number }).item === 0)).toBe(true);
		scope.done();
	});

	it('pages with the cursor up to the limit, and reads all with Return All', async () => {
		const seen: Array<Record<string, string>> = [];
		const audit = (k: number) => ({ id: 1000 - k, ticket_id: 5, author_id: -1, created_at: '2026-11-01T10:00:00Z', events: [] });
		cursorPaged(zendesk(), '/api/v2/tickets/5/audits', 'audits', 230, audit, seen);
		const limited = await runNode({ parameters: { operation: 'getHistory', ticketId: '5', simplify: false, limit: 150 } });
		expect(limited.json).toHaveLength(150);
		expect(seen).toEqual([
			{ sort: '-created_at', 'page[size]': '100' },
			{ sort: '-created_at', 'page[size]': '50', 'page[after]': 'c100' },
		]);
		seen.length = 0;
		const all = await runNode({ parameters: { operation: 'getHistory', ticketId: '5', simplify: false, returnAll: true } });
		expect(all.json.map((j) => j.id)).toEqual(Array.from({ length: 230 }, (_, k) => 1000 - k));
		expect(seen.map((q) => q['page[after]'])).toEqual([undefined, 'c100', 'c200']);
	});

	it('says the system made a change, without asking for its name', async () => {
		const system = {
			...AUDITS[1],
			author_id: -1,
			events: [{ id: 9, type: 'Change', field_name: 'status', value: 'closed', previous_value: 'solved' }],
		};
		const scope = zendesk()
			.get('/api/v2/tickets/5/audits')
			.query(true)
			.reply(200, { audits: [system], meta: { has_more: false } });
		const from = recorded.length;
		const result = await runNode({ parameters: { operation: 'getHistory', ticketId: '5', simplify: true } });
		expect(result.json.map((j) => j.change)).toEqual(['status: solved → closed by Zendesk via email']);
		expect(recorded.length - from).toBe(1);
		scope.done();
	});

	it.each([
		[
			403,
			{ error: 'Forbidden', description: 'You do not have access to this page.' },
			"Ticket 5: The credential may not read this ticket's history: use an agent who can see the ticket",
			'End users cannot read audits, and an OAuth2 token needs the global "read" scope ("tickets:read" is not enough). Zendesk: Forbidden: You do not have access to this page.',
		],
		[
			404,
			{ error: 'RecordNotFound', description: 'Not found' },
			"Ticket 5: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it",
			'Not found',
		],
	])('says what to do when Zendesk answers %s', async (status, body, error, description) => {
		const scope = zendesk().get('/api/v2/tickets/5/audits').query(true).reply(status, body);
		const result = await runNode({ parameters: { operation: 'getHistory', ticketId: '5' }, continueOnFail: true });
		expect(result.json).toEqual([{ error, description }]);
		scope.done();
	});

	it('refuses bad input by item and field, and sends nothing for it', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/8/audits')
			.query({ sort: '-created_at', 'page[size]': '3' })
			.reply(200, { audits: [AUDITS[0]], meta: { has_more: false } });
		const from = recorded.length;
		const result = await runNode({
			parameters: { operation: 'getHistory', ticketId: '={{ $json.id }}', limit: '={{ $json.limit }}', simplify: false },
			items: [
				{ id: 'abc', limit: 3 },
				{ id: '5, 6', limit: 3 },
				{ id: 5, limit: 0 },
				{ id: 8, limit: 3 },
			],
			continueOnFail: true,
		});
		expect(result.json).toEqual([
			{
				error: 'Ticket ID: "abc" is not a ticket ID (a positive whole number)',
				description: 'Fix the "Ticket ID" value of input item 0. No request was sent for this item.',
			},
			{
				error: 'Ticket ID: takes one ticket per item; split the IDs into separate items',
				description: 'Fix the "Ticket ID" value of input item 1. No request was sent for this item.',
			},
			{
				error: 'Limit: must be a whole number of at least 1',
				description: 'Fix the "Limit" value of input item 2. No request was sent for this item.',
			},
			AUDITS[0],
		]);
		expect(recorded.length - from).toBe(1);
		expectPromisesKept(result, 4, [], from);
		scope.done();
	});
});
