import nock from 'nock';

import { pollTrigger, signedCall, webhookTrigger } from '../../harness/trigger';
import { calls, webhookCreated } from '../../harness/triggerApi';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

/** Defect 2 of issue 22: "Comment Added" says which comment, the same in both triggers. */

const URL_HERE = 'http://localhost:5678/webhook/hook-1/webhook';
const SECRET = 'Y29tbWVudC10ZXN0LXNlY3JldA==';
const AT = '2026-12-03T10:00:00Z';

/** Text that breaks JSON unless Zendesk escapes it: quotes, a backslash, newlines, non-ASCII. */
const BODY = 'She said "it\'s broken"\nC:\\temp\\log.txt\n— ünïcode ✓';

/** The comment as the Zendesk trigger's Liquid renders it: every value is text. */
const rendered = (overrides: object = {}) => ({
	id: '9001',
	public: 'true',
	author_id: '7',
	author_name: 'Eve "the customer"',
	body: BODY,
	created_at: AT,
	attachments: [{ file_name: 'log.txt', content_url: 'https://acme.zendesk.com/attachments/token/t1/?name=log.txt' }, null],
	...overrides,
});

/** The comment both triggers output for that comment. */
const COMMENT = {
	id: 9001,
	body: BODY,
	plain_body: BODY,
	public: true,
	author_id: 7,
	author_name: 'Eve "the customer"',
	created_at: AT,
	attachments: [{ file_name: 'log.txt', content_url: 'https://acme.zendesk.com/attachments/token/t1/?name=log.txt' }],
};

let invocations = 0;
const call = (payload: object) => signedCall(SECRET, payload, `inv-c${++invocations}`);
const commentCall = (comment: unknown) => call({ event: 'commentAdded', ticket: { id: '42', status: 'Open', updated_at: AT }, comment });
const armed = (parameters: object = {}) =>
	webhookTrigger(
		{ events: ['commentAdded'], ...parameters },
		{ staticData: { webhookId: 'wh-c', triggerIds: ['t1'], secret: SECRET, secretReadAt: Date.now(), url: URL_HERE } },
	);
const ticket42 = () =>
	zendesk()
		.get('/api/v2/tickets/42')
		.reply(200, { ticket: ticket(42, { status: 'open' }) });

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('the Zendesk trigger for Comment Added sends the comment', () => {
	it("its payload carries the newest comment's id, visibility, author, text and attachments; the other events' do not", async () => {
		let n = 0;
		webhookCreated('wh1', SECRET);
		zendesk()
			.post('/api/v2/triggers')
			.times(2)
			.reply(201, () => ({ trigger: { id: `t${++n}` } }));
		expect(await webhookTrigger({ events: ['created', 'commentAdded'] }).hook('create')).toBe(true);
		const [created, comment] = recorded.slice(2).map((r) => (r.body as any).trigger.actions[0].value[1] as string);
		expect(created).not.toContain('comment');
		expect(comment).toBe(
			'{"event":"commentAdded","ticket":{"id":"{{ticket.id}}","status":"{{ticket.status}}","priority":"{{ticket.priority}}",' +
				'"ticket_type":"{{ticket.ticket_type}}","group_id":"{{ticket.group.id}}","assignee_id":"{{ticket.assignee.id}}",' +
				'"requester_id":"{{ticket.requester.id}}","brand_id":"{{ticket.brand.id}}","ticket_form_id":"{{ticket.ticket_form_id}}",' +
				'"tags":"{{ticket.tags}}","updated_at":"{{ticket.updated_at_with_timestamp}}","url":"{{ticket.link}}"},' +
				'"comment":[{% for c in ticket.comments limit:1 %}{"id":"{{c.id}}","public":"{{c.is_public}}","author_id":"{{c.author.id}}",' +
				'"author_name":"{{c.author.name}}","body":"{{c.value}}","created_at":"{{ticket.updated_at_with_timestamp}}",' +
				'"attachments":[{% for a in c.attachments %}{"file_name":"{{a.filename}}","content_url":"{{a.url}}"},{% endfor %}null]},' +
				'{% endfor %}null]}',
		);
	});

	it('a call for a comment runs with that comment; the ticket read is the only request', async () => {
		ticket42();
		const { result } = await armed().webhook(commentCall([rendered(), null]));
		expect(result.workflowData?.[0].map((i) => i.json)).toEqual([
			{
				event: 'commentAdded',
				events: ['commentAdded'],
				invocationId: expect.stringMatching(/^inv-c/),
				comment: COMMENT,
				ticket: ticket(42, { status: 'open' }),
			},
		]);
		expect(calls()).toEqual(['GET /api/v2/tickets/42']);
	});

	it('All comments: an internal note runs, reported as not public', async () => {
		ticket42();
		const { result } = await armed({ commentVisibility: 'all' }).webhook(commentCall([rendered({ public: 'false' }), null]));
		expect(result.workflowData?.[0][0].json.comment).toEqual({ ...COMMENT, public: false });
	});
});

describe('Public Only never lets a note through', () => {
	it.each([
		['marked false', [rendered({ public: 'false' }), null]],
		['with its visibility rendered empty', [rendered({ public: '' })]],
		['with no visibility at all', [{ ...rendered(), public: undefined }]],
		['spelled otherwise', [rendered({ public: 'TRUE ' })]],
		['with no comment in the call', [null]],
		['from a payload without a comment list', undefined],
	])('a comment %s: 200 ignored, nothing read, no execution', async (_label, comment) => {
		const { result, response } = await armed().webhook(commentCall(comment));
		expect(result.workflowData).toBeUndefined();
		expect(response).toMatchObject({ statusCode: 200, body: 'Ignored: not a public comment' });
		expect(calls()).toEqual([]);
	});

	it('a note in a change that is also an update: the update runs, without the note', async () => {
		ticket42();
		const engine = armed({ events: ['commentAdded', 'updated'] });
		const update = call({ event: 'updated', ticket: { id: '42', status: 'Open', updated_at: AT } });
		const [note, updated] = await Promise.all([engine.webhook(commentCall([rendered({ public: 'false' }), null])), engine.webhook(update)]);
		expect(note.response.body).toBe('Ignored: not a public comment');
		expect(updated.result.workflowData?.[0].map((i) => i.json)).toEqual([
			{ event: 'updated', events: ['updated'], invocationId: expect.any(String), ticket: ticket(42, { status: 'open' }) },
		]);
	});
});

describe('the same comment, the same output in both triggers', () => {
	it('the poll trigger reports the comment as the webhook trigger does', async () => {
		ticket42();
		const fromWebhook = (await armed().webhook(commentCall([rendered(), null]))).result.workflowData?.[0][0].json.comment;

		const start = Math.floor(Date.parse(AT) / 1000) - 100;
		const engine = pollTrigger(
			{ events: ['commentAdded'] },
			{ staticData: { zendeskTicketPoll: { cursor: 'c0', since: start, seen: [], known: {}, eventsStartTime: start, seenComments: [] } } },
		);
		// The event export's comment, as Zendesk's API gives it (with html_body and more the output leaves out).
		const child = {
			id: 9001,
			event_type: 'Comment',
			type: 'Comment',
			public: true,
			body: BODY,
			html_body: '<p>…</p>',
			plain_body: BODY,
			author_id: 7,
			audit_id: 1,
			attachments: [{ id: 5, file_name: 'log.txt', content_url: COMMENT.attachments[0].content_url, size: 10 }],
		};
		zendesk()
			.get('/api/v2/incremental/ticket_events')
			.query({ start_time: String(start), include: 'comment_events' })
			.reply(200, {
				ticket_events: [{ id: 1, ticket_id: 42, created_at: AT, event_type: 'Audit', child_events: [child] }],
				end_time: start + 100,
				end_of_stream: true,
			});
		zendesk()
			.get('/api/v2/tickets/42')
			.reply(200, { ticket: ticket(42, { status: 'open' }) });
		zendesk()
			.get('/api/v2/users/show_many')
			.query({ ids: '7' })
			.reply(200, { users: [{ id: 7, name: 'Eve "the customer"' }] });
		const { items, error } = await engine.poll();
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.comment)).toEqual([COMMENT]);
		expect(fromWebhook).toEqual(COMMENT);
	});
});

describe('a trigger an older version created is replaced', () => {
	it('its payload without the comment makes the check fail, so that activation creates it anew', async () => {
		const engine = armed();
		const old = '{"event":"commentAdded","ticket":{"id":"{{ticket.id}}"}}';
		zendesk()
			.get('/api/v2/webhooks/wh-c')
			.reply(200, { webhook: { id: 'wh-c', endpoint: URL_HERE } });
		zendesk()
			.get('/api/v2/triggers/t1')
			.reply(200, { trigger: { id: 't1', active: true, actions: [{ field: 'notification_webhook', value: ['wh-c', old] }] } });
		zendesk()
			.get('/api/v2/triggers')
			.query(true)
			.reply(200, { triggers: [{ id: 't1', active: true }], meta: { has_more: false } });
		zendesk().delete('/api/v2/triggers/t1').reply(204);
		zendesk().delete('/api/v2/webhooks/wh-c').reply(204);
		expect(await engine.hook('checkExists')).toBe(false);
		expect(calls()).toEqual([
			'GET /api/v2/webhooks/wh-c',
			'GET /api/v2/triggers/t1',
			'GET /api/v2/triggers',
			'DELETE /api/v2/triggers/t1',
			'DELETE /api/v2/webhooks/wh-c',
		]);
	});
});
