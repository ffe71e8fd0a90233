/*
 * Side conversations through the engine: the exact request of each operation,
 * its output, every refusal (bad input, no add-on, Zendesk's 400, acting as an
 * end user) and no message sent twice after a broken connection.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const SC = '8566255a-ece5-11e8-857d-493066fa7b17';
const SC2 = '9a1b2c3d-0000-11e8-857d-493066fa7b17';
const base = (ticket = 7) => `/api/v2/tickets/${ticket}/side_conversations`;
const sideConversation = (id = SC, extra: IDataObject = {}) => ({
	id,
	url: `${ZENDESK}${base()}/${id}`,
	ticket_id: 7,
	subject: 'Stock question',
	preview_text: 'Do you have it?',
	state: 'open',
	state_updated_at: '2026-11-02T10:00:00Z',
	participants: [
		{ user_id: 200, name: 'Agent Ann', email: 'ann@acme.test' },
		{ user_id: null, name: null, email: 'supplier@example.com' },
	],
	external_ids: {},
	created_at: '2026-11-02T10:00:00Z',
	updated_at: '2026-11-02T11:00:00Z',
	message_added_at: '2026-11-02T11:00:00Z',
	...extra,
});
const SHORT = {
	id: SC,
	ticket_id: 7,
	subject: 'Stock question',
	state: 'open',
	preview_text: 'Do you have it?',
	participants: ['Agent Ann <ann@acme.test>', 'supplier@example.com'],
	created_at: '2026-11-02T10:00:00Z',
	updated_at: '2026-11-02T11:00:00Z',
	message_added_at: '2026-11-02T11:00:00Z',
};
const side = (parameters: IDataObject) => ({ resource: 'sideConversation', simplify: true, ticketId: '7', ...parameters });
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('Side conversations: Get Many', () => {
	it('lists a ticket, one item per side conversation, following next_page by its query only', async () => {
		const scope = zendesk()
			.get(base())
			.reply(200, {
				side_conversations: [sideConversation()],
				next_page: `${ZENDESK}${base()}.json?page=2&per_page=1`,
				previous_page: null,
				count: 2,
			})
			.get(base())
			.query({ page: '2', per_page: '1' })
			.reply(200, {
				side_conversations: [sideConversation(SC2, { external_ids: { targetTicketId: '88' }, participants: [{ support_group_id: 4002 }] })],
				next_page: null,
				count: 2,
			});
		const result = await runNode({ parameters: side({ operation: 'getAll' }) });
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{ json: SHORT, pairedItem: { item: 0 } },
			{ json: { ...SHORT, id: SC2, participants: ['group 4002'], child_ticket_id: 88 }, pairedItem: { item: 0 } },
		]);
		scope.done();
	});

	it('never follows a next_page that points at another list', async () => {
		const scope = zendesk()
			.get(base())
			.reply(200, { side_conversations: [sideConversation()], next_page: `${ZENDESK}/api/v2/tickets/8/side_conversations?page=2` });
		const result = await runNode({ parameters: side({ operation: 'getAll' }) });
		expect(result.json).toEqual([SHORT]);
		scope.done();
	});

	it("adds the messages on request, oldest first, from each side conversation's events", async () => {
		const events = [
			{
				id: 'e1',
				type: 'create',
				created_at: '2026-11-02T10:00:00Z',
				actor: { user_id: 200, name: 'Agent Ann', email: 'ann@acme.test' },
				message: {
					subject: 'Stock question',
					body: 'Do you have it?',
					from: { name: 'Agent Ann', email: 'ann@acme.test' },
					to: [{ email: 'supplier@example.com' }],
				},
			},
			{ id: 'e2', type: 'update', created_at: '2026-11-02T10:30:00Z', updates: { state: 'closed' } },
		];
		const scope = zendesk()
			.get(base())
			.reply(200, { side_conversations: [sideConversation()], next_page: null })
			.get(`${base()}/${SC}/events`)
			.reply(200, { events, next_page: null });
		const result = await runNode({ parameters: side({ operation: 'getAll', includeMessages: true }) });
		expect(result.json).toEqual([
			{
				...SHORT,
				messages: [
					{
						id: 'e1',
						type: 'create',
						created_at: '2026-11-02T10:00:00Z',
						from: 'Agent Ann <ann@acme.test>',
						to: ['supplier@example.com'],
						subject: 'Stock question',
						body: 'Do you have it?',
					},
				],
			},
		]);
		scope.done();
	});

	it("passes Zendesk's records whole without Simplify", async () => {
		zendesk()
			.get(base())
			.reply(200, { side_conversations: [sideConversation()], next_page: null });
		const result = await runNode({ parameters: side({ operation: 'getAll', simplify: false }) });
		expect(result.json).toEqual([sideConversation()]);
	});

	it('says what to do when the account has no Collaboration add-on', async () => {
		zendesk().get(base()).reply(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
		const result = await runNode({ parameters: side({ operation: 'getAll' }), continueOnFail: true });
		expect(result.json).toEqual([
			{
				error: 'Ticket 7: Zendesk refused side conversations for this account or user',
				description: expect.stringMatching(
					/^Side conversations need Zendesk's Collaboration add-on .*Ask a Zendesk admin to turn them on, or remove this step\. Zendesk: Forbidden: You do not have access to this page\.\.$/,
				),
			},
		]);
	});
});

describe('Side conversations: Start', () => {
	it('emails people outside the ticket: one POST per item with subject, body and each address', async () => {
		const bodies: unknown[] = [];
		const scope = zendesk()
			.post(base(), (b) => (bodies.push(b), true))
			.reply(201, { side_conversation: sideConversation(), event: { id: 'e1' }, updates: {} });
		const result = await runNode({
			parameters: side({
				operation: 'start',
				to: 'supplier@example.com, billing@example.com',
				subject: 'Stock question',
				message: 'Do you have it?',
			}),
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				message: {
					subject: 'Stock question',
					body: 'Do you have it?',
					to: [{ email: 'supplier@example.com' }, { email: 'billing@example.com' }],
				},
			},
		]);
		expect(result.output).toEqual([{ json: SHORT, pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('opens a child ticket for a group and agent, in HTML when asked', async () => {
		let body: unknown;
		zendesk()
			.post(base(), (b) => ((body = b), true))
			.reply(201, { side_conversation: sideConversation(SC, { external_ids: { targetTicketId: '91' } }), event: {} });
		const result = await runNode({
			parameters: side({
				operation: 'start',
				recipientType: 'childTicket',
				groupId: '4002',
				agentId: '1001',
				subject: 'Refund check',
				message: '<p>Please check</p>',
				messageFormat: 'html',
			}),
		});
		expect(body).toEqual({
			message: { subject: 'Refund check', html_body: '<p>Please check</p>', to: [{ support_group_id: 4002, support_agent_id: 1001 }] },
		});
		expect(result.json[0].child_ticket_id).toBe(91);
	});

	it('is never sent again after a reset, and says how to check', async () => {
		const scope = zendesk().post(base()).replyWithError(reset()).post(base()).reply(201, { side_conversation: sideConversation() });
		const result = await runNode({
			parameters: side({ operation: 'start', to: 'a@example.com', subject: 'S', message: 'M' }),
			continueOnFail: true,
		});
		expect(scope.pendingMocks()).toHaveLength(1);
		expect(String(result.json[0].description)).toMatch(
			/^Zendesk may have started the side conversation and sent its first message before the connection broke\. It was not sent again.*list the side conversations of ticket 7/,
		);
	});

	it("shows Zendesk's refusal of the message", async () => {
		zendesk().post(base()).reply(400, { error: 'InvalidParameter', description: 'Invalid parameter: to is required' });
		const result = await runNode({
			parameters: side({ operation: 'start', to: 'a@example.com', subject: 'S', message: 'M' }),
			continueOnFail: true,
		});
		expect(JSON.stringify(result.json[0])).toContain('Invalid parameter: to is required');
	});
});

describe('Side conversations: Reply, Close, Reopen', () => {
	it('replies with the recipients Zendesk requires, and no subject', async () => {
		let body: unknown;
		const scope = zendesk()
			.post(`${base()}/${SC}/reply`, (b) => ((body = b), true))
			.reply(200, { side_conversation: sideConversation() });
		const result = await runNode({
			parameters: side({ operation: 'reply', sideConversationId: SC, to: 'supplier@example.com', message: 'Thanks!' }),
		});
		expect(body).toEqual({ message: { body: 'Thanks!', to: [{ email: 'supplier@example.com' }] } });
		expect(result.json).toEqual([SHORT]);
		scope.done();
	});

	it('never sends a reply twice after a reset', async () => {
		const scope = zendesk()
			.post(`${base()}/${SC}/reply`)
			.replyWithError(reset())
			.post(`${base()}/${SC}/reply`)
			.reply(200, { side_conversation: sideConversation() });
		const result = await runNode({
			parameters: side({ operation: 'reply', sideConversationId: SC, to: 'a@example.com', message: 'M' }),
			continueOnFail: true,
		});
		expect(scope.pendingMocks()).toHaveLength(1);
		expect(String(result.json[0].description)).toMatch(/^Zendesk may have sent the reply before the connection broke/);
	});

	it.each([
		['close', 'closed'],
		['reopen', 'open'],
	])('%s sets the state with one PUT, repeated after a reset since it ends the same', async (operation, state) => {
		const bodies: unknown[] = [];
		const scope = zendesk()
			.put(`${base()}/${SC}`)
			.replyWithError(reset())
			.put(`${base()}/${SC}`, (b) => (bodies.push(b), true))
			.reply(200, { side_conversation: sideConversation(SC, { state }) });
		const result = await runNode({ parameters: side({ operation, sideConversationId: SC }) });
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ side_conversation: { state } }]);
		expect(result.output).toEqual([{ json: { ...SHORT, state }, pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('says to check when Zendesk answers without the side conversation', async () => {
		zendesk().put(`${base()}/${SC}`).reply(200, {});
		const result = await runNode({ parameters: side({ operation: 'close', sideConversationId: SC }), continueOnFail: true });
		expect(result.json).toEqual([
			{
				error: 'Zendesk answered without the side conversation',
				description: expect.stringMatching(/list the ticket's side conversations/),
			},
		]);
	});
});

describe('Side conversations: refused input, nothing sent for it', () => {
	const good = { to: 'a@example.com', message: 'M', sc: SC, group: '4002' };
	it.each<[string, IDataObject, IDataObject, string]>([
		['a bad email', { operation: 'start', subject: 'S' }, { to: 'not-an-email' }, 'To: "not-an-email" is not a valid email address'],
		['no recipient', { operation: 'start', subject: 'S' }, { to: ' , ' }, 'To: is empty: give at least one email address'],
		['an empty message', { operation: 'start', subject: 'S' }, { message: ' ' }, 'Message: is empty'],
		[
			'a bad group',
			{ operation: 'start', subject: 'S', recipientType: 'childTicket' },
			{ group: 'Billing' },
			'Group ID: "Billing" is not an ID (a positive whole number)',
		],
		['a path in the ID', { operation: 'reply' }, { sc: '../../1' }, 'Side Conversation ID: "../../1" is not a side conversation ID'],
		['a number as the ID', { operation: 'close' }, { sc: '12' }, 'Side Conversation ID: "12" is not a side conversation ID'],
	])('%s fails its item by field; the other items go through', async (_name, parameters, bad, error) => {
		const sent: string[] = [];
		const ok = { side_conversation: sideConversation() };
		const scope = zendesk();
		scope
			.post(/.*/)
			.times(2)
			.reply((uri) => (sent.push(uri), [200, ok]));
		scope
			.put(/.*/)
			.times(2)
			.reply((uri) => (sent.push(uri), [200, ok]));
		const result = await runNode({
			parameters: side({
				...parameters,
				to: '={{ $json.to }}',
				message: '={{ $json.message }}',
				sideConversationId: '={{ $json.sc }}',
				groupId: '={{ $json.group }}',
			}),
			items: [good, { ...good, ...bad }, good],
			continueOnFail: true,
		});
		expect(sent).toHaveLength(2);
		expect(result.output.map((o) => [o.pairedItem, o.json.error])).toEqual([
			[{ item: 0 }, undefined],
			[{ item: 1 }, expect.stringMatching(new RegExp(`^${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))],
			[{ item: 2 }, undefined],
		]);
		expect(result.output[1].json.description).toBe(
			`Fix the "${error.split(':')[0]}" value of input item 1. No request was sent for this item.`,
		);
	});

	it.each([
		['getAll', 'get many side conversations'],
		['start', 'start a side conversation'],
		['reply', 'reply to a side conversation'],
		['close', 'close a side conversation'],
		['reopen', 'reopen a side conversation'],
	])('refuses Act as End User on %s by name', async (operation, action) => {
		const result = await runNode({
			parameters: side({
				authentication: 'oAuth2',
				operation,
				sideConversationId: SC,
				to: 'a@example.com',
				subject: 'S',
				message: 'M',
				requestOptions: { onBehalfOf: 'carl@customer.test' },
			}),
			continueOnFail: true,
		});
		expect(result.json).toEqual([
			{
				error: `Act as End User: an end user cannot ${action}; remove Act as End User to do this as the agent`,
				description: 'Fix the "Act as End User" value of input item 0. No request was sent for this item.',
			},
		]);
	});
});
