import nock from 'nock';

import { pollTrigger } from '../../harness/trigger';
import { commentAuthor, ticket, zendesk } from '../../harness/zendesk';

/**
 * Defect 4 of issue 22: Zendesk moves `generated_timestamp`, not `updated_at`,
 * when it updates a ticket for its own reasons (archiving, SLA); only what a
 * person or a rule changed is emitted. The outputs also list the events each
 * change matched, as the webhook trigger's do.
 */

const EXPORT = '/api/v2/incremental/tickets/cursor';
const now = () => Math.floor(Date.now() / 1000);
const iso = (unix: number) => new Date(unix * 1000).toISOString().replace('.000', '');
const SINCE = now() - 7 * 86400;

/** A ticket as the export hands it over: changed at `updatedAt` by an event, at `generated` by anything. */
const exported = (id: number, updatedAt: number, generated: number, extra: Record<string, unknown> = {}) =>
	ticket(id, { created_at: iso(SINCE - 86400), updated_at: iso(updatedAt), generated_timestamp: generated, ...extra });

/** What the trigger remembers of a ticket it emitted: its watched fields, then its updated_at. */
const remembered = (status: string, updatedAt: number) => [status, 'normal', '200', '300', '', iso(updatedAt)];

function exportPage(tickets: unknown[]) {
	zendesk()
		.get(EXPORT)
		.query({ cursor: 'c0', per_page: '1000' })
		.reply(200, { tickets, after_cursor: 'c1', before_cursor: null, end_of_stream: true });
}

afterEach(() => nock.cleanAll());

it('emits what a person or a rule changed, not what Zendesk updated for its own reasons', async () => {
	const t = now() - 600;
	const known = { '5': remembered('open', t - 3000), '8': remembered('solved', t - 4000) };
	const engine = pollTrigger(
		{ events: ['created', 'updated', 'solved'] },
		{ staticData: { zendeskTicketPoll: { cursor: 'c0', since: SINCE, highWater: t - 100, seen: [], known, knownOrder: ['5', '8'] } } },
	);
	exportPage([
		// Emitted before, then an SLA update: the same updated_at, the trigger remembers it.
		exported(5, t - 3000, t),
		// Last changed before the trigger started, then archived.
		exported(6, SINCE - 86400, t + 1, { status: 'closed' }),
		// Changed by an agent an hour ago (reported then, since forgotten), then a system update.
		exported(7, t - 3600, t + 2),
		// A person's change: updated_at moved with generated_timestamp.
		exported(9, t + 3, t + 3, { priority: 'high' }),
		// Closed by the "close 4 days after solved" automation: a rule's change, with an audit, so updated_at moved.
		exported(8, t + 4, t + 4, { status: 'closed' }),
	]);
	const { items, error } = await engine.poll();
	expect(error).toBeUndefined();
	expect(items.map((i) => [i.json.event, i.json.events, (i.json.ticket as { id: number }).id, i.json.changes])).toEqual([
		['updated', ['updated'], 9, undefined],
		['updated', ['updated'], 8, { status: { previous: 'solved', current: 'closed' } }],
	]);
	const state = engine.staticData.zendeskTicketPoll as { known: Record<string, string[]>; highWater: number };
	// The system updates still move the trigger on, and what it remembers of those tickets.
	expect(state.highWater).toBe(t + 4);
	expect(state.known['6']).toEqual(['closed', 'normal', '200', '300', '', iso(SINCE - 86400)]);
});

it('emits a change that a system update held back past an earlier poll, once', async () => {
	const t = now() - 600;
	// The last poll emitted up to t; ticket 4 was changed at t - 30, but an SLA update at t + 10 moved it past that poll.
	const engine = pollTrigger(
		{ events: ['updated'] },
		{ staticData: { zendeskTicketPoll: { cursor: 'c0', since: SINCE, highWater: t, seen: [], known: {} } } },
	);
	exportPage([exported(4, t - 30, t + 10)]);
	const { items } = await engine.poll();
	expect(items.map((i) => (i.json.ticket as { id: number }).id)).toEqual([4]);
});

it("lists every chosen event a change matched, in the webhook trigger's order", async () => {
	const t = now() - 600;
	const engine = pollTrigger(
		{ events: ['created', 'updated', 'solved'], onlyWhenChanged: ['status'] },
		{
			staticData: {
				zendeskTicketPoll: {
					cursor: 'c0',
					since: SINCE,
					seen: [],
					known: { '2': remembered('open', t - 900), '3': remembered('open', t - 900) },
				},
			},
		},
	);
	exportPage([
		exported(1, t, t, { created_at: iso(t) }),
		exported(2, t + 1, t + 1, { status: 'solved' }),
		exported(3, t + 2, t + 2, { priority: 'high' }),
	]);
	const { items } = await engine.poll();
	expect(items.map((i) => [(i.json.ticket as { id: number }).id, i.json.event, i.json.events])).toEqual([
		[1, 'created', ['created']],
		[2, 'solved', ['solved', 'updated']],
	]);
});

it('emits a comment that is also an update as one item with both events, as the webhook trigger does', async () => {
	const t = now() - 600;
	const engine = pollTrigger(
		{ events: ['updated', 'commentAdded'] },
		{
			staticData: {
				zendeskTicketPoll: { cursor: 'c0', since: SINCE, seen: [], known: { '2': remembered('open', t - 900) }, eventsStartTime: t - 60 },
			},
		},
	);
	exportPage([exported(2, t, t), exported(3, t + 5, t + 5)]);
	const comment = { id: 901, event_type: 'Comment', public: true, body: 'Any news?', author_id: 100, created_at: iso(t) };
	const later = { ...comment, id: 902, body: 'Later', created_at: iso(t + 30) };
	zendesk()
		.get('/api/v2/incremental/ticket_events')
		.query({ start_time: String(t - 60), include: 'comment_events' })
		.reply(200, {
			ticket_events: [
				{ id: 1, ticket_id: 2, timestamp: t, created_at: iso(t), event_type: 'Audit', child_events: [comment] },
				{ id: 2, ticket_id: 2, timestamp: t + 30, created_at: iso(t + 30), event_type: 'Audit', child_events: [later] },
			],
			end_time: t + 30,
			end_of_stream: true,
			count: 2,
		});
	// One ticket is read alone, and the comments' author once.
	zendesk()
		.get('/api/v2/tickets/2')
		.reply(200, { ticket: exported(2, t, t) });
	commentAuthor();
	const { items, error } = await engine.poll();
	expect(error).toBeUndefined();
	expect(
		items.map((i) => [(i.json.ticket as { id: number }).id, i.json.event, i.json.events, (i.json.comment as { id?: number })?.id]),
	).toEqual([
		[2, 'commentAdded', ['commentAdded', 'updated'], 901],
		[3, 'updated', ['updated'], undefined],
		[2, 'commentAdded', ['commentAdded'], 902],
	]);
	expect(items[0].json.comment).toMatchObject({ id: 901, body: 'Any news?', public: true, author_id: 100, author_name: 'Ada Author' });
});
