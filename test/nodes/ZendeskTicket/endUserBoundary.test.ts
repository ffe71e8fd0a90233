/*
 * "Act as End User" is a security boundary: a chat bot holds an admin's
 * token and acts for the customer in the chat. Tried from its failing side:
 * every value that could make the identity silently not apply.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, recorded, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const CUSTOMER = 'carl@customer.test';
const request = (id: number) => ({ id, subject: `Request ${id}`, status: 'open', requester_id: 31 });
const sentSince = (from: number) => recorded.slice(from).map((r) => `${r.method} ${r.url.slice(ZENDESK.length)}`);
const asCustomer = (parameters: IDataObject, onBehalfOf: unknown = CUSTOMER): IDataObject => ({
	authentication: 'oAuth2',
	...parameters,
	requestOptions: { ...((parameters.requestOptions as IDataObject) ?? {}), onBehalfOf },
});

describe('a set "Act as End User" that resolves to nothing never runs as the admin', () => {
	it.each([
		['missing', {}],
		['null', { customerEmail: null }],
		['empty', { customerEmail: '' }],
		['blanks', { customerEmail: ' \t ' }],
	])('customer %s: the item is an error and nothing is sent (not GET /tickets/77)', async (_name, item) => {
		const from = recorded.length;
		// What the admin's token would be answered: another customer's ticket.
		zendesk()
			.get('/api/v2/tickets/77')
			.reply(200, { ticket: { id: 77, subject: "Frank's invoice" } });
		const result = await runNode({
			parameters: asCustomer({ operation: 'get', ticketId: '77' }, '={{ $json.customerEmail }}'),
			items: [item],
			continueOnFail: true,
		});
		expect(sentSince(from)).toEqual([]);
		expect(result.output).toEqual([
			{
				json: {
					error:
						"Act as End User: is set but empty for this item, so nothing was sent rather than acting as the admin; give the customer's email or user ID, or remove the option to act as the agent",
					description: 'Fix the "Act as End User" value of input item 0. No request was sent for this item.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('as a tool, a missing sign-in value is an error the model reads, and nothing is sent', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/requests')
			.query(true)
			.reply(200, { requests: [request(1)], meta: { has_more: false } });
		zendesk()
			.get('/api/v2/tickets')
			.query(true)
			.reply(200, { tickets: [{ id: 77 }], meta: { has_more: false } });
		const result = await runNode({
			parameters: asCustomer({ operation: 'getAll', limit: 5 }, "={{ $('Manual Trigger').item.json.customerEmail }}"),
			items: [{}],
			asTool: true,
		});
		expect(sentSince(from)).toEqual([]);
		expect(result.json).toEqual([
			{
				error:
					'Act as End User: is set but empty for this item, so nothing was sent rather than acting as the admin; give the customer\'s email or user ID, or remove the option to act as the agent. Fix the "Act as End User" value. No request was sent for this item.',
			},
		]);
	});

	it('in a batch, the item with a customer goes as that customer and the one without fails alone', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/requests/40')
			.matchHeader('x-on-behalf-of', CUSTOMER)
			.reply(200, { request: request(40) });
		const result = await runNode({
			parameters: asCustomer({ operation: 'get', ticketId: '40' }, '={{ $json.who }}'),
			items: [{ who: CUSTOMER }, { who: '' }],
			continueOnFail: true,
		});
		expect(sentSince(from)).toEqual(['GET /api/v2/requests/40']);
		expect(recorded[from].headers['x-on-behalf-of']).toBe(CUSTOMER);
		expect(result.output.map((o) => [o.pairedItem, o.json.error ?? o.json.id])).toEqual([
			[{ item: 0 }, 40],
			[{ item: 1 }, expect.stringMatching(/^Act as End User: is set but empty for this item.*$/)],
		]);
	});
});

describe('the customer in the header is exactly the one checked', () => {
	it.each([
		['a Cyrillic letter (an IDN look-alike)', 'victim@examаple.com', 'U+0430'],
		['a zero-width space', 'victim@example.com\u200b.evil', 'U+200B'],
		['CJK', '顧客@example.com', 'U+9867'],
		['an emoji', 'victim😀@example.com', 'U+1F600'],
		['Latin-1', 'josé@example.com', 'U+00E9'],
		['CR/LF', 'victim@example.com\r\nX-Evil: 1', 'U+000D'],
	])('%s is refused, nothing sent', async (_name, value, codePoint) => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/requests/40')
			.reply(200, { request: request(40) });
		const result = await runNode({ parameters: asCustomer({ operation: 'get', ticketId: '40' }, value), continueOnFail: true });
		expect(sentSince(from)).toEqual([]);
		expect(result.json[0].error).toBe(
			`Act as End User: contains a character (${codePoint}) that an HTTP header cannot carry as it is, so Zendesk would receive a different value; give the customer's Zendesk user ID, or an address in plain ASCII (an international domain in its xn-- form)`,
		);
	});

	it('an international domain in its xn-- form and a user ID are sent byte for byte', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/requests/40')
			.times(2)
			.reply(200, { request: request(40) });
		for (const who of ['victim@xn--examaple-9fg.com', '12345'])
			expect((await runNode({ parameters: asCustomer({ operation: 'get', ticketId: '40' }, who) })).error).toBeUndefined();
		expect(recorded.slice(from).map((r) => r.headers['x-on-behalf-of'])).toEqual(['victim@xn--examaple-9fg.com', '12345']);
	});

	it.each([
		['заказ-1042', 'U+0437'],
		['счёт-1042', 'U+0441'],
		['order-1042\r\nX-Evil: 1', 'U+000D'],
	])('Idempotency Key %j is refused rather than sent as another key, nothing sent', async (key, codePoint) => {
		const from = recorded.length;
		zendesk()
			.post('/api/v2/tickets')
			.reply(201, { ticket: { id: 1 } });
		const result = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', requestOptions: { idempotencyKey: key } },
			continueOnFail: true,
		});
		expect(sentSince(from)).toEqual([]);
		expect(result.json[0].error).toBe(
			`Idempotency Key: contains a character (${codePoint}) that an HTTP header cannot carry as it is, so Zendesk would receive a different value; use letters, digits and punctuation in ASCII only (e.g. an encoded or numeric event ID)`,
		);
	});
});

describe('what an end user cannot do is refused by name, nothing sent', () => {
	const INTERNAL =
		"an end user's comment is always a public reply that the customer's side sees, so an internal note cannot be written as them; set it to Public Reply, or remove Act as End User to add the note as the agent";
	const NO_SUCH = 'the Requests API has no such option; remove it, or remove Act as End User to do this as the agent';
	it.each([
		[
			'Add Comment at its default (Internal Note)',
			{ operation: 'addComment', ticketId: '40', comment: 'Refund approved' },
			`Visibility: ${INTERNAL}`,
		],
		[
			'Update with an internal comment',
			{ operation: 'update', ticketId: '40', updateFields: { comment: 'Refund approved', commentVisibility: 'internal' } },
			`Comment Visibility: ${INTERNAL}`,
		],
		[
			'Add Comment in HTML',
			{ operation: 'addComment', ticketId: '40', comment: '<b>Hi</b>', commentVisibility: 'public', options: { commentFormat: 'html' } },
			"Comment Format: an end user's comment is plain text; choose Plain Text, or remove Act as End User to post HTML as the agent",
		],
		[
			'Create with Description Is Public off',
			{ operation: 'create', subject: 'S', description: 'Internal only', additionalFields: { publicDescription: false } },
			"Description Is Public: an end user's description is always public; turn it on, or remove Act as End User to open the ticket as the agent",
		],
		[
			'Get with Include Related Records',
			{ operation: 'get', ticketId: '40', options: { include: ['users'] } },
			`Include Related Records: ${NO_SUCH}`,
		],
		[
			'Get with Download Attachments',
			{ operation: 'get', ticketId: '40', options: { downloadAttachments: true } },
			`Download Attachments: ${NO_SUCH}`,
		],
		['Get Many of another user', { operation: 'getAll', listScope: 'requested', userId: '99', limit: 5 }, `Tickets: ${NO_SUCH}`],
		['Get Many by External ID', { operation: 'getAll', limit: 5, options: { externalId: 'A-1' } }, `External ID: ${NO_SUCH}`],
		['Get Many sorted by status', { operation: 'getAll', limit: 5, options: { sortBy: 'status' } }, `Sort By: ${NO_SUCH}`],
		['Search sorted', { operation: 'search', query: 'refund', limit: 5, options: { sortOrder: 'desc' } }, `Sort Order: ${NO_SUCH}`],
		[
			'Delete',
			{ operation: 'delete', ticketId: '40' },
			'Act as End User: an end user cannot delete tickets; remove Act as End User to do this as the agent',
		],
	])('%s', async (_name, parameters, message) => {
		const from = recorded.length;
		zendesk()
			.put('/api/v2/requests/40')
			.reply(200, { request: request(40) });
		const result = await runNode({ parameters: asCustomer(parameters), continueOnFail: true });
		expect(sentSince(from)).toEqual([]);
		expect(result.output).toEqual([
			{
				json: { error: message, description: expect.stringMatching(/No request was sent for this item\.$/) },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Add Comment as a Public Reply goes through as the customer', async () => {
		let body: unknown;
		zendesk()
			.put('/api/v2/requests/40', (b) => ((body = b), true))
			.matchHeader('x-on-behalf-of', CUSTOMER)
			.reply(200, { request: request(40) });
		const result = await runNode({
			parameters: asCustomer({ operation: 'addComment', ticketId: '40', comment: 'Any news?', commentVisibility: 'public' }),
		});
		expect(result.error).toBeUndefined();
		expect(body).toEqual({ request: { comment: { body: 'Any news?' } } });
	});
});

describe("an end user's create is not repeated", () => {
	it('with Retry On Fail, a reset after Zendesk stored it: one POST /requests with its key, and the retry is refused', async () => {
		const applied: Array<{ body: unknown; key: unknown }> = [];
		const from = recorded.length;
		zendesk()
			.post('/api/v2/requests')
			.times(2)
			.reply(function (_uri, body, callback) {
				applied.push({ body, key: this.req.headers['idempotency-key'] });
				callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
			});
		const result = await runNode({
			parameters: asCustomer({ operation: 'create', subject: 'Late order', description: 'Where is it?' }),
			nodeSettings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
			executionId: 'exec-eu-1',
		});
		expect(sentSince(from)).toEqual(['POST /api/v2/requests']);
		expect(applied).toEqual([
			{
				body: { request: { subject: 'Late order', comment: { body: 'Where is it?', public: true } } },
				key: expect.stringMatching(/^n8n-[0-9a-f]{64}-wf-test-exec-eu-1-zendesk-r0-0$/),
			},
		]);
		expect(result.error?.message).toBe('An earlier try may have opened this request already');
		expect(result.error?.description).toMatch(/^Zendesk may have opened this request before the connection broke\. It was not sent again/);
	});

	it('a clear refusal (422) is not remembered: the next try is sent', async () => {
		const from = recorded.length;
		zendesk()
			.post('/api/v2/requests')
			.reply(422, { error: 'RecordInvalid', description: 'Record validation errors' })
			.post('/api/v2/requests')
			.reply(201, { request: request(41) });
		const result = await runNode({
			parameters: asCustomer({ operation: 'create', subject: 'S', description: 'D' }),
			nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			executionId: 'exec-eu-2',
		});
		expect(sentSince(from)).toEqual(['POST /api/v2/requests', 'POST /api/v2/requests']);
		expect(result.json).toEqual([request(41)]);
		expect(recorded[from].headers['idempotency-key']).toBe(recorded[from + 1].headers['idempotency-key']);
	});
});

describe('what a model may pass for a choice', () => {
	it.each([
		[{ value: 'high' }, 'an object'],
		[['high'], 'a list'],
	])('Priority %j says what came instead of "[object Object]"', async (priority, what) => {
		const from = recorded.length;
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { priority: '={{ $json.p }}' } },
			items: [{ p: priority }],
			continueOnFail: true,
		});
		expect(sentSince(from)).toEqual([]);
		expect(result.json[0].error).toBe(`Priority: must be one of urgent, high, normal, low; got ${what}`);
	});
});
