import nock from 'nock';

import { TEST_CREDENTIALS, runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const comment = (id: number, authorId: number, isPublic: boolean) => ({
	id,
	author_id: authorId,
	public: isPublic,
	body: `<p>Comment ${id}</p>`,
	plain_body: `Comment ${id}`,
	created_at: `2026-11-0${id}T10:00:00Z`,
	attachments: [],
});

describe("as an AI agent's tool", () => {
	it("hands an error to the model as output, in a sentence with Zendesk's explanation and no item index", async () => {
		zendesk().get('/api/v2/tickets/999').reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: { operation: 'get', ticketId: '999' }, asTool: true });
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{
				json: {
					error:
						"Ticket 999: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it. Not found",
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a made-up priority reaches the model as a sentence too, and nothing is sent', async () => {
		const from = recorded.length;
		const result = await runNode({
			parameters: { operation: 'create', subject: 'Printer', description: 'Broken', additionalFields: { priority: 'critical' } },
			asTool: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				error: 'Priority: "critical" is not one of urgent, high, normal, low. Fix the "Priority" value. No request was sent for this item.',
			},
		]);
		expect(recorded.slice(from)).toEqual([]);
	});

	it('a failure before any operation runs (a bad credential) is output too', async () => {
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, subdomain: 'evil.example' } },
			asTool: true,
		});
		expect(result.error).toBeUndefined();
		expect(String(result.json[0].error)).toMatch(/^The Zendesk subdomain is not valid/);
	});

	it('in a workflow (not a tool) the same error still stops the run', async () => {
		zendesk().get('/api/v2/tickets/999').reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: { operation: 'get', ticketId: '999' } });
		expect(result.error?.message).toBe(
			"Ticket 999: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it",
		);
	});
});

describe('reading the conversation', () => {
	it('adds the newest comments with author names, up to the limit', async () => {
		const seen: string[] = [];
		const scope = zendesk()
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) })
			.get('/api/v2/tickets/7/comments')
			.query({ sort: '-created_at', 'page[size]': '2' })
			.reply(200, { comments: [comment(3, 21, true), comment(2, 22, false)], meta: { has_more: true, after_cursor: 'c2' } })
			.get('/api/v2/users/show_many')
			.query((q) => (seen.push(String(q.ids)), true))
			.reply(200, {
				users: [
					{ id: 21, name: 'Ana Agent', role: 'agent' },
					{ id: 22, name: 'Carl Customer', role: 'end-user' },
				],
			});
		const result = await runNode({ parameters: { operation: 'get', ticketId: '7', options: { comments: 'all', commentsLimit: 2 } } });
		expect(result.error).toBeUndefined();
		expect(result.json[0].comments).toEqual([
			{
				id: 3,
				author_id: 21,
				author: 'Ana Agent',
				author_role: 'agent',
				public: true,
				body: 'Comment 3',
				created_at: '2026-11-03T10:00:00Z',
			},
			{
				id: 2,
				author_id: 22,
				author: 'Carl Customer',
				author_role: 'end-user',
				public: false,
				body: 'Comment 2',
				created_at: '2026-11-02T10:00:00Z',
			},
		]);
		expect(seen).toEqual(['21,22']);
		scope.done();
	});

	it('public replies only: reads on through the cursor pages until it has enough', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) })
			.get('/api/v2/tickets/7/comments')
			.query({ sort: '-created_at', 'page[size]': '100' })
			.reply(200, { comments: [comment(4, 21, false), comment(3, 21, false)], meta: { has_more: true, after_cursor: 'c2' } })
			.get('/api/v2/tickets/7/comments')
			.query({ sort: '-created_at', 'page[size]': '100', 'page[after]': 'c2' })
			.reply(200, { comments: [comment(2, 22, true), comment(1, 22, true)], meta: { has_more: false } })
			.get('/api/v2/users/show_many')
			.query({ ids: '22' })
			.reply(200, { users: [{ id: 22, name: 'Carl Customer', role: 'end-user' }] });
		const result = await runNode({ parameters: { operation: 'get', ticketId: '7', options: { comments: 'public', commentsLimit: 1 } } });
		expect(result.json[0].comments).toEqual([
			{
				id: 2,
				author_id: 22,
				author: 'Carl Customer',
				author_role: 'end-user',
				public: true,
				body: 'Comment 2',
				created_at: '2026-11-02T10:00:00Z',
			},
		]);
		scope.done();
	});
});
