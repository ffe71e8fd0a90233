import nock from 'nock';

import { pollTrigger } from '../../harness/trigger';
import { ZENDESK, commentAuthor, recorded, ticket, zendesk } from '../../harness/zendesk';

const EVENTS = '/api/v2/incremental/ticket_events';
const SHOW_MANY = '/api/v2/tickets/show_many';
const now = () => Math.floor(Date.now() / 1000);
const iso = (unix: number) => new Date(unix * 1000).toISOString().replace('.000', '');

/** A public comment as the ticket event export lists it among an audit's child events. */
const commentEvent = (id: number, at: number) => ({
	id,
	event_type: 'Comment',
	public: true,
	body: `comment ${id}`,
	author_id: 100,
	created_at: iso(at),
});

const audit = (id: number, ticketId: number, at: number, commentIds: number[]) => ({
	id,
	ticket_id: ticketId,
	timestamp: at,
	created_at: iso(at),
	event_type: 'Audit',
	child_events: commentIds.map((commentId) => commentEvent(commentId, at)),
});

/** The event export from `start`: the given audits, ending at `end`. */
function eventsPage(start: number, audits: unknown[], end: number) {
	zendesk()
		.get(EVENTS)
		.query({ start_time: String(start), include: 'comment_events' })
		.reply(200, { ticket_events: audits, end_time: end, end_of_stream: true, count: audits.length });
}

/** What the trigger emits for a comment added to a ticket: the comment in the shape both triggers share. */
const emittedComment = (ticketId: number, commentId: number, at: number) => ({
	json: {
		event: 'commentAdded',
		events: ['commentAdded'],
		comment: {
			id: commentId,
			body: `comment ${commentId}`,
			plain_body: `comment ${commentId}`,
			public: true,
			author_id: 100,
			author_name: 'Ada Author',
			created_at: iso(at),
			attachments: [],
		},
		ticket: ticket(ticketId),
	},
});

const USERS = '/api/v2/users/show_many';

const requests = () => recorded.map((r) => `${r.method} ${decodeURIComponent(r.url.slice(ZENDESK.length))}`);

/** When the trigger was activated: one value for the whole file, so that states compare whole. */
const SINCE = now() - 3600;

/** A trigger watching only for comments, whose event export goes on from `eventsStartTime`. */
const staticData = (eventsStartTime: number) => ({
	zendeskTicketPoll: { cursor: 'c0', since: SINCE, seen: [], known: {}, eventsStartTime, seenComments: [] },
});

/** The state after a poll that read the event export up to `eventsStartTime` (the ticket part as a poll leaves it). */
const advanced = (start: number, eventsStartTime: number, seenComments: string[]) => ({
	zendeskTicketPoll: { ...staticData(start).zendeskTicketPoll, knownOrder: [], createdIds: [], eventsStartTime, seenComments },
});

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe("comment added: the comments' tickets cannot be read", () => {
	it.each([
		// A 503 is repeated (a read cannot do anything twice), up to 5 attempts; a 500 and a 403 are said at once.
		[500, true, 1],
		[503, true, 5],
		[403, true, 1],
		[500, false, 1],
	])(
		'show_many answers %i (staged static data: %s): the poll fails, keeps its start time, and the next poll emits each comment once',
		async (status, staging, attempts) => {
			const t = now() - 900;
			const engine = pollTrigger({ events: ['commentAdded'] }, { staging, staticData: staticData(t - 100) });
			const audits = [audit(1, 7, t, [501, 502]), audit(2, 8, t + 5, [503])];
			eventsPage(t - 100, audits, t + 5);
			zendesk().get(SHOW_MANY).query({ ids: '7,8' }).times(attempts).reply(status, { error: 'Failure', description: 'Try again later' });
			const failed = await engine.poll();
			expect(failed.error?.httpCode).toBe(String(status));
			expect(engine.emitted).toEqual([]);
			expect(engine.staticData).toEqual(staticData(t - 100));
			const query = `start_time=${t - 100}&include=comment_events`;
			expect(requests()).toEqual([`GET ${EVENTS}?${query}`, ...Array(attempts).fill(`GET ${SHOW_MANY}?ids=7,8`)]);

			recorded.length = 0;
			eventsPage(t - 100, audits, t + 5);
			zendesk()
				.get(SHOW_MANY)
				.query({ ids: '7,8' })
				.reply(200, { tickets: [ticket(7), ticket(8)] });
			commentAuthor();
			const next = await engine.poll();
			expect(next.error).toBeUndefined();
			expect(next.items).toEqual([emittedComment(7, 501, t), emittedComment(7, 502, t), emittedComment(8, 503, t + 5)]);
			expect(requests()).toEqual([`GET ${EVENTS}?${query}`, `GET ${SHOW_MANY}?ids=7,8`, `GET ${USERS}?ids=100`]);
			expect(engine.staticData).toEqual(advanced(t - 100, t + 5, ['501', '502', '503']));

			// The export hands the same audits back from the new start time: nothing is emitted twice.
			eventsPage(t + 5, [audits[1]], t + 5);
			expect((await engine.poll()).result).toBeNull();
			expect(engine.emitted).toEqual([[next.items]]);
		},
	);
});

describe('comment added: a ticket deleted since', () => {
	it('missing from show_many: its comments are skipped, the others emitted, and later comments still come', async () => {
		const t = now() - 900;
		const engine = pollTrigger({ events: ['commentAdded'] }, { staticData: staticData(t - 100) });
		eventsPage(t - 100, [audit(1, 7, t, [501]), audit(2, 8, t + 5, [502])], t + 5);
		zendesk()
			.get(SHOW_MANY)
			.query({ ids: '7,8' })
			.reply(200, { tickets: [ticket(8)] });
		commentAuthor();
		const first = await engine.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([emittedComment(8, 502, t + 5)]);
		expect(engine.staticData).toEqual(advanced(t - 100, t + 5, ['501', '502']));

		eventsPage(t + 5, [audit(3, 9, t + 10, [503])], t + 10);
		zendesk()
			.get('/api/v2/tickets/9')
			.reply(200, { ticket: ticket(9) });
		commentAuthor();
		const second = await engine.poll();
		expect(second.error).toBeUndefined();
		expect(second.items).toEqual([emittedComment(9, 503, t + 10)]);
	});

	it('the only ticket, read alone and answered 404: its comment is skipped and the poll goes on', async () => {
		const t = now() - 900;
		const engine = pollTrigger({ events: ['commentAdded'] }, { staticData: staticData(t - 100) });
		eventsPage(t - 100, [audit(1, 7, t, [501])], t);
		zendesk().get('/api/v2/tickets/7').reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const first = await engine.poll();
		expect(first.error).toBeUndefined();
		expect(first.result).toBeNull();
		expect(engine.staticData).toEqual(advanced(t - 100, t, ['501']));

		eventsPage(t, [audit(2, 8, t + 5, [502])], t + 5);
		zendesk()
			.get('/api/v2/tickets/8')
			.reply(200, { ticket: ticket(8) });
		commentAuthor();
		const second = await engine.poll();
		expect(second.error).toBeUndefined();
		expect(second.items).toEqual([emittedComment(8, 502, t + 5)]);
	});
});

describe('comment added: a ticket read that fails is not taken for a deleted ticket', () => {
	it('a network error on the read alone fails the poll and keeps its start time; the next poll emits the comment', async () => {
		const t = now() - 900;
		const engine = pollTrigger({ events: ['commentAdded'] }, { staticData: staticData(t - 100) });
		eventsPage(t - 100, [audit(1, 7, t, [501])], t);
		zendesk()
			.get('/api/v2/tickets/7')
			.replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND acme.zendesk.com'), { code: 'ENOTFOUND' }));
		const failed = await engine.poll();
		expect(failed.error?.message).toBe(
			"Ticket 7: Zendesk's address could not be found: check the credential's Subdomain (or Local Emulator URL) and the network",
		);
		expect(failed.error?.httpCode ?? undefined).toBeUndefined();
		expect(engine.staticData).toEqual(staticData(t - 100));

		eventsPage(t - 100, [audit(1, 7, t, [501])], t);
		zendesk()
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) });
		commentAuthor();
		const next = await engine.poll();
		expect(next.items).toEqual([emittedComment(7, 501, t)]);
	});

	it('the harness: a read no nock rule answers (nock says 404) fails the test rather than skipping the comment', async () => {
		const t = now() - 900;
		const engine = pollTrigger({ events: ['commentAdded'] }, { staticData: staticData(t - 100) });
		eventsPage(t - 100, [audit(1, 7, t, [501])], t);
		await expect(engine.poll()).rejects.toThrow('The poll sent requests no nock rule answers: GET /api/v2/tickets/7');
	});
});

describe('comment added: Public Only never lets a note through', () => {
	it('a comment whose visibility the export does not give (or gives as text) is taken for a note: not emitted', async () => {
		const t = now() - 900;
		const engine = pollTrigger({ events: ['commentAdded'] }, { staticData: staticData(t - 100) });
		const unsure = audit(1, 7, t, [501, 502, 503]);
		unsure.child_events = [
			{ ...commentEvent(501, t), public: undefined as unknown as boolean },
			{ ...commentEvent(502, t), public: 'false' as unknown as boolean },
			commentEvent(503, t),
		];
		eventsPage(t - 100, [unsure], t);
		zendesk()
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) });
		commentAuthor();
		const { items, error } = await engine.poll();
		expect(error).toBeUndefined();
		expect(items).toEqual([emittedComment(7, 503, t)]);
	});
});
