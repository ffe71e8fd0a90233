import nock from 'nock';

import { pollTrigger } from '../../harness/trigger';
import { ZENDESK, commentAuthor, recorded, ticket, zendesk } from '../../harness/zendesk';

const EXPORT = '/api/v2/incremental/tickets/cursor';
const now = () => Math.floor(Date.now() / 1000);
const iso = (unix: number) => new Date(unix * 1000).toISOString().replace('.000', '');

/** A ticket version changed at `updatedAt` (Unix seconds), created long before the trigger's start. */
const change = (id: number, updatedAt: number, extra: Record<string, unknown> = {}) =>
	ticket(id, { created_at: '2020-01-01T00:00:00Z', updated_at: iso(updatedAt), generated_timestamp: updatedAt, ...extra });

/** State of a trigger that has been running: its cursor, and when it started. */
const running = (cursor: string, extra: Record<string, unknown> = {}) => ({
	zendeskTicketPoll: { cursor, since: now() - 3600, seen: [], known: {}, ...extra },
});

const page = (tickets: unknown[], afterCursor: string | null, endOfStream: boolean) => ({
	tickets,
	after_cursor: afterCursor,
	before_cursor: null,
	after_url: afterCursor ? `${ZENDESK}${EXPORT}.json?cursor=${afterCursor}` : null,
	end_of_stream: endOfStream,
});

const exportQueries = () =>
	recorded.filter((r) => r.url.includes('/incremental/')).map((r) => Object.fromEntries(new URL(r.url).searchParams));
const ids = (items: Array<{ json: Record<string, any> }>) => items.map((i) => i.json.ticket.id);

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('first activation and backfill', () => {
	it('starts from now: checks the credential is an admin, stores the start, fetches no backlog', async () => {
		zendesk()
			.get('/api/v2/users/me')
			.reply(200, { user: { id: 1, role: 'admin' } });
		const engine = pollTrigger();
		const first = await engine.poll({ activation: 'activate' });
		expect(first.error).toBeUndefined();
		expect(first.result).toBeNull();
		const state = engine.staticData.zendeskTicketPoll as Record<string, number>;
		expect(Math.abs(state.startTime - now())).toBeLessThan(5);
		// Within the export's one-minute lag there is nothing to ask for yet.
		expect((await engine.poll()).result).toBeNull();
		expect(exportQueries()).toEqual([]);
	});

	it('backfills from a date: the first poll exports from it and emits every change once', async () => {
		zendesk()
			.get('/api/v2/users/me')
			.reply(200, { user: { id: 1, role: 'admin' } });
		zendesk()
			.get(EXPORT)
			.query({ start_time: String(Date.parse('2026-11-01T00:00:00Z') / 1000), per_page: '1000' })
			.reply(200, page([change(1, now() - 900, { created_at: '2026-11-02T00:00:00Z' }), change(2, now() - 800)], 'c1', true));
		const engine = pollTrigger({ options: { backfillFrom: '2026-11-01T00:00:00Z' } });
		const { items, error } = await engine.poll({ activation: 'activate' });
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.event, (i.json.ticket as any).id])).toEqual([
			['created', 1],
			['updated', 2],
		]);
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBe('c1');
	});

	it('with Source "Incremental Export", says an admin is needed when the credential is an agent, and stores nothing', async () => {
		zendesk()
			.get('/api/v2/users/me')
			.reply(200, { user: { id: 2, role: 'agent', name: 'Ann Agent' } });
		const engine = pollTrigger({ options: { source: 'export' } });
		const { error } = await engine.poll({ activation: 'activate' });
		expect(error?.message).toBe('The incremental ticket export needs an admin: Zendesk lets only admins use it');
		expect(error?.description).toMatch(/Ann Agent \(role: agent\)\. Set Options → Source to "Ticket List \(Any Agent\)"/);
		expect(engine.staticData).toEqual({});
	});

	it('with Source "Incremental Export", says an admin is needed when the export answers 403', async () => {
		zendesk().get(EXPORT).query(true).reply(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
		const engine = pollTrigger({ options: { source: 'export' } }, { staticData: running('c0') });
		const { error } = await engine.poll();
		expect(error?.message).toBe('The incremental ticket export needs an admin: Zendesk lets only admins use it');
		expect(error?.description).toMatch(/Set the poll trigger's Options → Source to "Ticket List \(Any Agent\)"/);
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBe('c0');
	});
});

describe('the cursor', () => {
	it.each([
		['n8n 2.41 (staged static data)', true],
		['older n8n (static data in place)', false],
	])('advances only after the items are emitted: a poll that fails part-way leaves it as it was (%s)', async (_label, staging) => {
		const engine = pollTrigger({}, { staging, staticData: running('c0') });
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c0', per_page: '1000' })
			.reply(200, page([change(1, now() - 300)], 'c1', false));
		zendesk().get(EXPORT).query({ cursor: 'c1', per_page: '1000' }).reply(401, { error: "Couldn't authenticate you" });
		const failed = await engine.poll();
		expect(failed.error).toBeDefined();
		expect(engine.emitted).toEqual([]);
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBe('c0');

		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c0', per_page: '1000' })
			.reply(200, page([change(1, now() - 300)], 'c1', false));
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c1', per_page: '1000' })
			.reply(200, page([change(2, now() - 200)], 'c2', true));
		const next = await engine.poll();
		expect(ids(next.items as any)).toEqual([1, 2]);
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBe('c2');
		expect(engine.emitted).toHaveLength(1);
	});

	it('keeps polling from the last cursor at the end of the stream, and emits nothing when nothing changed', async () => {
		const engine = pollTrigger({}, { staticData: running('c5') });
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c5', per_page: '1000' })
			.reply(200, page([], 'c5', true));
		const { result } = await engine.poll();
		expect(result).toBeNull();
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBe('c5');
	});

	it("goes on by time from the newest change emitted after Zendesk refuses an expired cursor, and drops that second's changes already emitted", async () => {
		const high = now() - 1000;
		const engine = pollTrigger({}, { staticData: running('old', { highWater: high, seen: [`2@${high}`] }) });
		zendesk().get(EXPORT).query({ cursor: 'old', per_page: '1000' }).reply(422, { error: 'InvalidCursor', description: 'cursor expired' });
		zendesk()
			.get('/api/v2/incremental/tickets')
			.query({ start_time: String(high) })
			.reply(200, {
				tickets: [change(2, high), change(3, high + 5), change(2, high + 6)],
				end_time: high + 6,
				end_of_stream: true,
				count: 3,
			});
		const { items, error } = await engine.poll();
		expect(error).toBeUndefined();
		expect(items.map((i) => `${(i.json.ticket as any).id}@${(i.json.ticket as any).updated_at}`)).toEqual([
			`3@${iso(high + 5)}`,
			`2@${iso(high + 6)}`,
		]);
		expect(engine.staticData.zendeskTicketPoll).toMatchObject({
			byTime: true,
			startTime: high + 6,
			highWater: high + 6,
			seen: [`2@${high + 6}`],
		});
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBeUndefined();
		expect(exportQueries()).toEqual([{ cursor: 'old', per_page: '1000' }, { start_time: String(high) }]);
	});
});

describe('rate limits and volume', () => {
	it('waits out a 429 on the export and emits once', async () => {
		const engine = pollTrigger({}, { staticData: running('c0') });
		zendesk().get(EXPORT).query(true).reply(429, 'Too Many Requests', { 'Retry-After': '1' });
		zendesk()
			.get(EXPORT)
			.query(true)
			.reply(200, page([change(7, now() - 100)], 'c1', true));
		const { items, error } = await engine.poll();
		expect(error).toBeUndefined();
		expect(ids(items as any)).toEqual([7]);
		expect(exportQueries()).toHaveLength(2);
	});

	it('fails the poll without moving the cursor when the 429 asks for longer than Max Rate Limit Wait', async () => {
		const engine = pollTrigger({}, { staticData: running('c0') });
		zendesk().get(EXPORT).query(true).reply(429, 'Too Many Requests', { 'Retry-After': '3600' });
		const { error } = await engine.poll();
		expect(error?.httpCode).toBe('429');
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBe('c0');
	});

	it('emits 10,000 changes made between two polls, each once', async () => {
		const engine = pollTrigger({}, { staticData: running('p0') });
		const base = now() - 5000;
		for (let p = 0; p < 10; p++) {
			const tickets = Array.from({ length: 1000 }, (_, k) => change(p * 1000 + k + 1, base + p));
			zendesk()
				.get(EXPORT)
				.query({ cursor: `p${p}`, per_page: '1000' })
				.reply(200, page(tickets, `p${p + 1}`, p === 9));
		}
		const { items, error } = await engine.poll();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10_000);
		expect(new Set(ids(items as any)).size).toBe(10_000);
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'p10', per_page: '1000' })
			.reply(200, page([], 'p10', true));
		expect((await engine.poll()).result).toBeNull();
		expect(engine.emitted).toHaveLength(1);
	});
});

describe('events, filters and the manual run', () => {
	it('reports created, solved and only the watched field changes', async () => {
		const engine = pollTrigger({ events: ['created', 'updated', 'solved'], onlyWhenChanged: ['priority'] }, { staticData: running('c0') });
		const t = now() - 600;
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c0', per_page: '1000' })
			.reply(200, page([change(1, t), change(2, t + 1, { created_at: iso(t + 1) })], 'c1', false));
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c1', per_page: '1000' })
			.reply(
				200,
				page(
					[
						change(1, t + 2, { subject: 'only the subject' }),
						change(1, t + 3, { priority: 'high' }),
						change(1, t + 4, { priority: 'high', status: 'solved' }),
					],
					'c2',
					true,
				),
			);
		const { items } = await engine.poll();
		expect(items.map((i) => [i.json.event, (i.json.ticket as any).id, i.json.changes])).toEqual([
			['updated', 1, undefined],
			['created', 2, undefined],
			['updated', 1, { priority: { previous: 'normal', current: 'high' } }],
			['solved', 1, { status: { previous: 'open', current: 'solved' } }],
		]);
	});

	it('lets only matching tickets through and simplifies them', async () => {
		const engine = pollTrigger(
			// Tags as a builder may type them: Zendesk's tags are lower case.
			{ simplify: true, filters: { statuses: ['open'], tags: 'VIP, Gold', groupIds: '300' } },
			{ staticData: running('c0') },
		);
		zendesk()
			.get(EXPORT)
			.query(true)
			.reply(
				200,
				page(
					[
						change(1, now() - 100, { tags: ['vip'] }),
						change(2, now() - 100, { tags: [] }),
						change(3, now() - 99, { tags: ['gold'], status: 'pending' }),
					],
					'c1',
					true,
				),
			);
		const { items } = await engine.poll();
		expect(ids(items as any)).toEqual([1]);
		expect(Object.keys(items[0].json.ticket as object)).not.toContain('url');
	});

	it('shows the latest few matching tickets in a manual run without touching the cursor', async () => {
		const engine = pollTrigger({ filters: { priorities: ['high'] } }, { staticData: running('c0') });
		zendesk()
			.get('/api/v2/tickets')
			.query({ 'page[size]': '100', sort: '-updated_at' })
			.reply(200, {
				tickets: [1, 2, 3, 4, 5, 6].map((id) => ticket(id, { priority: id === 2 ? 'low' : 'high' })),
				meta: { has_more: true },
			});
		const { items, error } = await engine.poll({ mode: 'manual' });
		expect(error).toBeUndefined();
		expect(ids(items as any)).toEqual([1, 3, 4]);
		expect((engine.staticData.zendeskTicketPoll as any).cursor).toBe('c0');
		expect(exportQueries()).toEqual([]);
	});
});

describe('comment added (incremental ticket event export)', () => {
	const EVENTS = '/api/v2/incremental/ticket_events';
	const audit = (id: number, ticketId: number, at: number, comments: Array<[number, boolean]>) => ({
		id,
		ticket_id: ticketId,
		timestamp: at,
		created_at: iso(at),
		event_type: 'Audit',
		child_events: [
			{ id: id * 10, event_type: 'Change', field_name: 'status', value: 'open' },
			...comments.map(([commentId, isPublic]) => ({
				id: commentId,
				event_type: 'Comment',
				public: isPublic,
				body: `comment ${commentId}`,
				author_id: 100,
				created_at: iso(at),
			})),
		],
	});

	it('emits each new public comment once with its ticket, and goes on from end_time', async () => {
		const t = now() - 900;
		const engine = pollTrigger(
			{ events: ['commentAdded'] },
			{ staticData: running('c0', { eventsStartTime: t - 100, seenComments: ['501'] }) },
		);
		zendesk()
			.get(EVENTS)
			.query({ start_time: String(t - 100), include: 'comment_events' })
			.reply(200, {
				ticket_events: [
					audit(1, 7, t, [
						[501, true],
						[502, true],
						[503, false],
					]),
					audit(2, 8, t + 5, [[504, true]]),
				],
				end_time: t + 5,
				end_of_stream: true,
				count: 2,
			});
		zendesk()
			.get('/api/v2/tickets/show_many')
			.query(true)
			.reply(200, { tickets: [ticket(7), ticket(8)] });
		commentAuthor();
		const { items, error } = await engine.poll();
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.event, (i.json.ticket as any).id, (i.json.comment as any).id])).toEqual([
			['commentAdded', 7, 502],
			['commentAdded', 8, 504],
		]);
		expect(exportQueries().map((q) => q.start_time)).toEqual([String(t - 100)]);
		expect((engine.staticData.zendeskTicketPoll as any).eventsStartTime).toBe(t + 5);
		expect((engine.staticData.zendeskTicketPoll as any).seenComments).toEqual(expect.arrayContaining(['502', '504']));
	});
});

describe('remembered ticket versions', () => {
	it('forgets the tickets seen longest ago, not the lowest IDs: a solved ticket just seen is not reported solved again', async () => {
		// A trigger that has seen 2,000 tickets with higher IDs some time ago.
		const known: Record<string, string[]> = {};
		for (let id = 10001; id <= 12000; id++) known[String(id)] = ['open', 'normal', '200', '300', ''];
		const engine = pollTrigger({ events: ['solved'] }, { staticData: running('c0', { known }) });
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c0', per_page: '1000' })
			.reply(200, page([change(5, now() - 300, { status: 'solved' })], 'c1', true));
		const first = await engine.poll();
		expect(first.items?.map((i) => [i.json.event, (i.json.ticket as { id: number }).id])).toEqual([['solved', 5]]);
		const state = engine.staticData.zendeskTicketPoll as { known: Record<string, unknown>; knownOrder: string[] };
		// Ticket 5 is the newest; 10001, seen longest ago, made room for it.
		expect(state.knownOrder).toHaveLength(2000);
		expect(state.knownOrder.slice(-2)).toEqual(['12000', '5']);
		expect(state.known['10001']).toBeUndefined();

		// The same solved ticket only gets a tag: its status did not change.
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c1', per_page: '1000' })
			.reply(200, page([change(5, now() - 200, { status: 'solved', tags: ['followup'] })], 'c2', true));
		const second = await engine.poll();
		expect(second.error).toBeUndefined();
		expect(second.items ?? []).toEqual([]);
	});
});

describe('a ticket reported created once', () => {
	it('is not reported created again after 2,000 newer tickets pushed it out of memory: its next change is an update', async () => {
		const since = now() - 3600;
		const engine = pollTrigger({ events: ['created', 'updated'] }, { staticData: running('c0', { since }) });
		const created = iso(since + 600);
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c0', per_page: '1000' })
			.reply(200, page([change(50000, since + 600, { created_at: created })], 'c1', true));
		expect((await engine.poll()).items?.map((i) => [i.json.event, (i.json.ticket as { id: number }).id])).toEqual([['created', 50000]]);
		// A busy hour: 2,000 other tickets are created.
		for (let p = 0; p < 2; p++) {
			const tickets = Array.from({ length: 1000 }, (_, k) => change(50001 + p * 1000 + k, since + 1200, { created_at: iso(since + 1200) }));
			zendesk()
				.get(EXPORT)
				.query({ cursor: `c${p + 1}`, per_page: '1000' })
				.reply(200, page(tickets, `c${p + 2}`, p === 1));
		}
		expect((await engine.poll()).items).toHaveLength(2000);
		const state = engine.staticData.zendeskTicketPoll as { known: Record<string, unknown>; createdIds: unknown };
		expect(state.known['50000']).toBeUndefined();
		// The 2,001 new tickets take one range.
		expect(state.createdIds).toEqual([[50000, 52000]]);
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c3', per_page: '1000' })
			.reply(200, page([change(50000, since + 1800, { created_at: created, priority: 'high' })], 'c4', true));
		const third = await engine.poll();
		expect(third.error).toBeUndefined();
		expect(third.items?.map((i) => [i.json.event, (i.json.ticket as { id: number }).id])).toEqual([['updated', 50000]]);
	});
});

describe('a cursor that does not move', () => {
	it('stops the poll at the first repeat: one more request, each change once, the cursor kept for the next poll', async () => {
		const engine = pollTrigger({ events: ['updated'] }, { staticData: running('c0') });
		zendesk()
			.get(EXPORT)
			.query({ cursor: 'c0', per_page: '1000' })
			.reply(200, page([change(1, now() - 200)], 'c1', false))
			.get(EXPORT)
			.query({ cursor: 'c1', per_page: '1000' })
			.times(20)
			.reply(200, page([change(1, now() - 200)], 'c1', false));
		const { items, error } = await engine.poll();
		expect(error).toBeUndefined();
		expect(ids(items as any)).toEqual([1]);
		expect(exportQueries()).toEqual([
			{ cursor: 'c0', per_page: '1000' },
			{ cursor: 'c1', per_page: '1000' },
		]);
		expect((engine.staticData.zendeskTicketPoll as { cursor: string }).cursor).toBe('c1');
	});
});
