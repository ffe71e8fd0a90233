/*
 * The end-user boundary over every operation, option and value: once "Act as
 * End User" is set, each run either sends every request to the Requests API
 * with exactly the checked customer in X-On-Behalf-Of, or sends nothing and
 * gives an error item. Never a request without the header.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, recorded, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const request = (id: number) => ({ id, subject: `Request ${id}`, status: 'open', requester_id: 31 });

/** Zendesk answering whatever is asked, so that only the node decides what is sent. */
function anyAnswer(): void {
	const reply = (uri: string): nock.ReplyFnResult => {
		const path = new URL(uri, ZENDESK).pathname;
		if (/^\/api\/v2\/requests\/\d+\/comments$/.test(path)) return [200, { comments: [], users: [], meta: { has_more: false } }];
		if (path === '/api/v2/requests/search') return [200, { requests: [request(40)], next_page: null }];
		if (path === '/api/v2/requests') return [200, { requests: [request(40)], meta: { has_more: false } }];
		if (path.startsWith('/api/v2/requests')) return [200, { request: request(40) }];
		return [200, { ticket: { id: 40 }, tickets: [{ id: 40 }], users: [], meta: { has_more: false } }];
	};
	for (const method of ['get', 'post', 'put', 'delete'] as const) {
		const scope = zendesk();
		scope[method](/.*/)
			.query(true)
			.times(Infinity)
			.reply((uri) => reply(uri));
	}
}

/** Every operation, with the options that change what it sends. */
const OPERATIONS: Array<[string, IDataObject]> = [
	['create', { operation: 'create', subject: 'S', description: 'D' }],
	['create, own key', { operation: 'create', subject: 'S', description: 'D', requestOptions: { idempotencyKey: 'evt-1' } }],
	['create, priority', { operation: 'create', subject: 'S', description: 'D', additionalFields: { priority: 'high' } }],
	['get', { operation: 'get', ticketId: '40' }],
	['get, comments', { operation: 'get', ticketId: '40', options: { comments: 'public' } }],
	['get, all comments', { operation: 'get', ticketId: '40', options: { comments: 'all', commentsLimit: 3 } }],
	['get, related records', { operation: 'get', ticketId: '40', options: { include: ['users'] } }],
	['get, downloads', { operation: 'get', ticketId: '40', options: { downloadAttachments: true } }],
	['get many', { operation: 'getAll', limit: 5 }],
	['get many, all', { operation: 'getAll', returnAll: true }],
	['get many, scope', { operation: 'getAll', listScope: 'organization', organizationId: '9', limit: 5 }],
	['search', { operation: 'search', query: 'refund', limit: 5 }],
	['search, filters', { operation: 'search', query: '', filters: { status: ['open'] }, returnAll: true }],
	['update, comment', { operation: 'update', ticketId: '40', updateFields: { comment: 'Hi' } }],
	['update, internal', { operation: 'update', ticketId: '40', updateFields: { comment: 'Hi', commentVisibility: 'internal' } }],
	['update, solved', { operation: 'update', ticketId: '40', updateFields: { status: 'solved' } }],
	['update, safe', { operation: 'update', ticketId: '40', updateFields: { comment: 'Hi' }, options: { safeUpdate: true } }],
	['update, bulk', { operation: 'update', ticketId: '40', updateFields: { comment: 'Hi' }, requestOptions: { batching: true } }],
	['add comment', { operation: 'addComment', ticketId: '40', comment: 'Hi', commentVisibility: 'public' }],
	['add comment, default', { operation: 'addComment', ticketId: '40', comment: 'Hi' }],
	['delete', { operation: 'delete', ticketId: '40' }],
	['merge', { operation: 'merge', ticketId: '40', sourceTicketIds: '41' }],
	['get history', { operation: 'getHistory', ticketId: '40' }],
];

/** How the customer is given: typed, or mapped from the item (which may lack it). */
const VALUES: Array<[string, { parameter: unknown; item?: IDataObject; sent?: string }]> = [
	['an email', { parameter: 'carl@customer.test', sent: 'carl@customer.test' }],
	['a mapped user ID', { parameter: '={{ $json.who }}', item: { who: 31 }, sent: '31' }],
	['a mapped email with blanks', { parameter: '={{ $json.who }}', item: { who: '  carl@customer.test ' }, sent: 'carl@customer.test' }],
	['typed empty', { parameter: '' }],
	['typed blanks', { parameter: '   ' }],
	['mapped, missing', { parameter: '={{ $json.who }}', item: {} }],
	['mapped null', { parameter: '={{ $json.who }}', item: { who: null } }],
	['mapped empty', { parameter: '={{ $json.who }}', item: { who: '' } }],
	['mapped object', { parameter: '={{ $json.who }}', item: { who: { email: 'carl@customer.test' } } }],
	['mapped list', { parameter: '={{ $json.who }}', item: { who: ['carl@customer.test'] } }],
	['zero', { parameter: '0' }],
	['non-Latin-1', { parameter: 'carl@customеr.test' }],
	['Latin-1', { parameter: 'zoë@customer.test' }],
	['CR/LF', { parameter: 'carl@customer.test\r\nX-On-Behalf-Of: admin@acme.test' }],
	['a tab inside', { parameter: 'carl@customer.test\tadmin' }],
	['two addresses', { parameter: 'carl@customer.test, admin@acme.test' }],
];

const cases = OPERATIONS.flatMap(([op, parameters]) =>
	VALUES.flatMap(([value, given]) => [false, true].map((asTool) => [op, value, asTool, parameters, given] as const)),
);

describe('acting as an end user, every operation × option × value', () => {
	it.each(cases)('%s, customer %s, as a tool: %s', async (_op, _value, asTool, parameters, given) => {
		anyAnswer();
		const from = recorded.length;
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				...parameters,
				requestOptions: { ...((parameters.requestOptions as IDataObject) ?? {}), onBehalfOf: given.parameter },
			},
			items: [given.item ?? {}],
			continueOnFail: true,
			asTool,
		});
		const sent = recorded.slice(from);
		expect(result.json).toHaveLength(1);
		if (sent.length === 0) {
			// Nothing sent: the item is an error that says why.
			expect(result.json).toEqual([expect.objectContaining({ error: expect.any(String) })]);
			return;
		}
		// Something sent: only a valid customer, only to the Requests API, each request with exactly that customer.
		expect(given.sent).toBeDefined();
		for (const r of sent) {
			expect(r.url).toMatch(/^https:\/\/acme\.zendesk\.com\/api\/v2\/requests(\/|\?|$)/);
			expect(r.headers['x-on-behalf-of']).toBe(given.sent);
			expect(r.headers.authorization).toBe('Bearer access-SECRET-old');
		}
		expect(result.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('covers what it says: each operation runs as the customer for a valid value, and sends nothing for an invalid one', async () => {
		// A witness that the cases above are not vacuous: a valid email sends for every operation the Requests API has.
		anyAnswer();
		const sentFor: Record<string, number> = {};
		for (const [op, parameters] of OPERATIONS) {
			const from = recorded.length;
			await runNode({
				parameters: {
					authentication: 'oAuth2',
					...parameters,
					requestOptions: { ...((parameters.requestOptions as IDataObject) ?? {}), onBehalfOf: 'carl@customer.test' },
				},
				continueOnFail: true,
			});
			sentFor[op] = recorded.length - from;
		}
		expect(sentFor).toEqual({
			create: 1,
			'create, own key': 1,
			'create, priority': 1,
			get: 1,
			'get, comments': 2,
			'get, all comments': 2,
			'get, related records': 0,
			'get, downloads': 0,
			'get many': 1,
			'get many, all': 1,
			'get many, scope': 0,
			search: 1,
			'search, filters': 1,
			'update, comment': 1,
			'update, internal': 0,
			'update, solved': 1,
			'update, safe': 0,
			'update, bulk': 1,
			'add comment': 1,
			'add comment, default': 0,
			delete: 0,
			merge: 0,
			'get history': 0,
		});
	});
});
