import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const CUSTOMER = 'carl@customer.test';
const asCustomer = (parameters: IDataObject, endUser = CUSTOMER): IDataObject => ({
	authentication: 'oAuth2',
	...parameters,
	requestOptions: { ...((parameters.requestOptions as IDataObject) ?? {}), onBehalfOf: endUser },
});
const request = (id: number, extra: IDataObject = {}) => ({ id, subject: `Request ${id}`, status: 'open', requester_id: 31, ...extra });

/** Every request of the test carried the customer and the admin's Bearer token. */
function expectActedFor(from: number, endUser = CUSTOMER) {
	const sent = recorded.slice(from);
	expect(sent.length).toBeGreaterThan(0);
	for (const r of sent) {
		expect(r.headers['x-on-behalf-of']).toBe(endUser);
		expect(r.headers.authorization).toBe('Bearer access-SECRET-old');
	}
}

/** The refusal of an operation without an end-user form (the router's, one wording for every resource). */
const refusedAsEndUser = (action: string) =>
	`Act as End User: an end user cannot ${action}; remove Act as End User to do this as the agent`;
/** The refusal of fields an end user cannot set. */
const refusedFields = (fields: string) => `Act as End User: an end user cannot set ${fields}; remove those fields or act as the agent`;

describe('acting as the end user (Requests API with X-On-Behalf-Of)', () => {
	it('create → POST /requests with the customer as author', async () => {
		let body: unknown;
		const from = recorded.length;
		zendesk()
			.post('/api/v2/requests', (b) => ((body = b), true))
			.reply(201, { request: request(40) });
		const result = await runNode({
			parameters: asCustomer({
				operation: 'create',
				subject: 'My order',
				description: 'It is late',
				additionalFields: { priority: 'high' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(body).toEqual({ request: { priority: 'high', subject: 'My order', comment: { body: 'It is late', public: true } } });
		expect(result.json).toEqual([request(40)]);
		expectActedFor(from);
	});

	it('get → GET /requests/{id}; getAll → GET /requests (cursor); search → GET /requests/search', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/requests/40')
			.reply(200, { request: request(40) })
			.get('/api/v2/requests')
			.query({ sort: '-updated_at', 'page[size]': '2' })
			.reply(200, { requests: [request(41), request(40)], meta: { has_more: true, after_cursor: 'x' } })
			.get('/api/v2/requests/search')
			.query({ query: 'refund status:open', page: '1', per_page: '5' })
			.reply(200, { requests: [request(40)], next_page: null });
		const get = await runNode({ parameters: asCustomer({ operation: 'get', ticketId: '40' }) });
		const list = await runNode({ parameters: asCustomer({ operation: 'getAll', limit: 2 }) });
		const search = await runNode({
			parameters: asCustomer({ operation: 'search', query: 'refund', filters: { status: ['open'] }, limit: 5 }),
		});
		expect([get.json, list.json, search.json]).toEqual([[request(40)], [request(41), request(40)], [request(40)]]);
		expectActedFor(from);
	});

	it('update → PUT /requests/{id}: a comment as the customer, or marking it solved', async () => {
		const bodies: unknown[] = [];
		const from = recorded.length;
		zendesk()
			.put('/api/v2/requests/40', (b) => (bodies.push(b), true))
			.times(2)
			.reply(200, { request: request(40) });
		await runNode({ parameters: asCustomer({ operation: 'update', ticketId: '40', updateFields: { comment: 'Any news?' } }) });
		await runNode({ parameters: asCustomer({ operation: 'update', ticketId: '40', updateFields: { status: 'solved' } }) });
		expect(bodies).toEqual([{ request: { comment: { body: 'Any news?' } } }, { request: { solved: true } }]);
		expectActedFor(from, CUSTOMER);
	});

	it("another customer's ticket is refused, in words that say why", async () => {
		zendesk().get('/api/v2/requests/77').reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: asCustomer({ operation: 'get', ticketId: '77' }), continueOnFail: true });
		expect(result.json).toEqual([
			{
				error: `Ticket 77: not one of ${CUSTOMER}'s requests`,
				description: 'Zendesk shows an end user only their own tickets. Zendesk: RecordNotFound: Not found.',
			},
		]);
	});

	it.each([
		[401, { error: 'invalid_token' }, `Ticket 5: Zendesk did not accept acting as ${CUSTOMER}`],
		[403, { error: 'Forbidden', description: 'You do not have access to this page' }, `Ticket 5: ${CUSTOMER} may not do this`],
	])('a %s (unknown customer, missing impersonate scope, or an agent) is explained', async (status, body, message) => {
		// A 401 is read as an answer, then sent once more so that n8n refreshes the token, which fails again.
		zendesk()
			.get('/api/v2/requests/5')
			.times(status === 401 ? 3 : 1)
			.reply(status, body);
		if (status === 401)
			zendesk()
				.post('/oauth/tokens')
				.query(true)
				.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-new', token_type: 'bearer' });
		const result = await runNode({ parameters: asCustomer({ operation: 'get', ticketId: '5' }), continueOnFail: true });
		expect(result.json[0].error).toBe(message);
	});

	it.each([
		[
			'the API-token credential',
			{ authentication: 'apiToken', operation: 'get', ticketId: '5' },
			'Act as End User: needs an OAuth2 credential of an admin with the impersonate scope; an API token cannot act for a customer',
		],
		['delete', { operation: 'delete', ticketId: '5' }, refusedAsEndUser('delete tickets')],
		['merge', { operation: 'merge', ticketId: '5', sourceTicketIds: '6' }, refusedAsEndUser('merge tickets')],
		['get history', { operation: 'getHistory', ticketId: '5' }, refusedAsEndUser('get the history of a ticket')],
		[
			'an agent-only field',
			{ operation: 'create', subject: 'S', description: 'D', additionalFields: { groupId: '3' } },
			refusedFields('group_id'),
		],
		[
			'a status other than solved',
			{ operation: 'update', ticketId: '5', updateFields: { status: 'pending' } },
			'Status: an end user can only mark a ticket solved',
		],
		[
			'Attachments on a new request',
			{ operation: 'create', subject: 'S', description: 'D', additionalFields: { attachments: 'data' } },
			refusedFields('attachments'),
		],
		[
			'a mapped custom field value on an update',
			{
				operation: 'update',
				ticketId: '5',
				updateFields: { comment: 'Hi' },
				customFieldValues: { mappingMode: 'defineBelow', value: { '11': 'A-1' } },
			},
			'Act as End User: an end user can only add a comment or mark the ticket solved, not set customFields',
		],
		[
			'a customer that is neither an email nor an ID',
			{ operation: 'get', ticketId: '5', endUser: 'carl' },
			'Act as End User: "carl" is not a valid email address',
		],
	])('%s is refused before anything is sent', async (_name, parameters, message) => {
		const { endUser, ...rest } = parameters as IDataObject;
		const from = recorded.length;
		const result = await runNode({
			parameters: {
				...asCustomer(rest, (endUser as string) ?? CUSTOMER),
				...(rest.authentication ? { authentication: rest.authentication } : {}),
			},
			continueOnFail: true,
		});
		expect(result.json[0].error).toBe(message);
		expect(recorded.slice(from)).toEqual([]);
	});
});

describe('acting as the end user: values as builders and models give them', () => {
	it('create sends the mapped Custom Field Values (the only custom field input on version 1.1)', async () => {
		let body: unknown;
		zendesk()
			.get('/api/v2/ticket_fields')
			.query({ 'page[size]': '100' })
			.reply(200, { ticket_fields: [{ id: 11, type: 'text', title: 'Order number', active: true }], meta: { has_more: false } })
			.post('/api/v2/requests', (b) => ((body = b), true))
			.reply(201, { request: request(40) });
		const result = await runNode({
			parameters: asCustomer({
				operation: 'create',
				subject: 'S',
				description: 'D',
				customFieldValues: { mappingMode: 'defineBelow', value: { '11': 'A-1' } },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(body).toEqual({
			request: { custom_fields: [{ id: 11, value: 'A-1' }], subject: 'S', comment: { body: 'D', public: true } },
		});
	});

	it.each(['Solved', 'SOLVED', ' solved '])('Status "%s" from the model marks the request solved', async (status) => {
		let body: unknown;
		zendesk()
			.put('/api/v2/requests/40', (b) => ((body = b), true))
			.reply(200, { request: request(40, { status: 'solved' }) });
		const result = await runNode({
			parameters: asCustomer({
				operation: 'update',
				ticketId: '40',
				updateFields: { status: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Status', `x`, 'string') }}" },
			}),
			items: [{ Status: status }],
			asTool: true,
		});
		expect(body).toEqual({ request: { solved: true } });
		expect(result.json).toEqual([{ ...request(40, { status: 'solved' }) }]);
	});
});
