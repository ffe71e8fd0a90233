/*
 * Writes whose outcome the node cannot see: the connection broke after
 * Zendesk did the work, or Zendesk answered without the record. The node
 * must neither repeat what may have been done nor report what was not.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, recorded, ticket, zendesk } from '../../harness/zendesk';
import { captureLogs, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

const CUSTOMER = 'carl@customer.test';
const asCustomer = (parameters: IDataObject): IDataObject => ({
	authentication: 'oAuth2',
	...parameters,
	requestOptions: { onBehalfOf: CUSTOMER },
});
type ReplyCallback = (error: NodeJS.ErrnoException | null, result: nock.ReplyFnResult) => void;
/** Zendesk applied the request, then the connection broke before the answer arrived. */
const resetAfterApplying = (applied: IDataObject[]) =>
	function (_uri: string, body: nock.Body, callback: ReplyCallback) {
		applied.push(body as IDataObject);
		callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
	};
const sentSince = (from: number) => recorded.slice(from).map((r) => `${r.method} ${r.url.slice(ZENDESK.length)}`);

describe("an end user's comment is not posted twice", () => {
	it.each([
		['Update with a Comment', { operation: 'update', ticketId: '40', updateFields: { comment: 'Any news on my refund?' } }],
		['Add Comment', { operation: 'addComment', ticketId: '40', comment: 'Any news on my refund?', commentVisibility: 'public' }],
	])('%s: a reset after Zendesk stored it is not sent again, and the item says to check', async (_name, parameters) => {
		const applied: IDataObject[] = [];
		const from = recorded.length;
		zendesk().put('/api/v2/requests/40').reply(resetAfterApplying(applied));
		const result = await runNode({ parameters: asCustomer(parameters), continueOnFail: true });
		expect(applied).toEqual([{ request: { comment: { body: 'Any news on my refund?' } } }]);
		expect(sentSince(from)).toEqual(['PUT /api/v2/requests/40']);
		expect(result.json).toEqual([
			{
				error: 'Ticket 40: The connection to Zendesk was reset: check the network between n8n and Zendesk',
				description: expect.stringMatching(/^Zendesk may have posted the comment before the connection broke\. It was not sent again/),
			},
		]);
		expectPromisesKept(result, 1, logged, from);
	});
});

describe('Safe Update after a broken connection', () => {
	it("is not repeated: its own write changed updated_at, so a repeat would be refused as somebody else's change", async () => {
		const applied: IDataObject[] = [];
		const from = recorded.length;
		zendesk().put('/api/v2/tickets/5').reply(resetAfterApplying(applied));
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { status: 'solved' }, options: { safeUpdate: true } },
			items: [ticket(5)],
			continueOnFail: true,
		});
		expect(applied).toHaveLength(1);
		expect(sentSince(from)).toEqual(['PUT /api/v2/tickets/5']);
		expect(result.json).toEqual([
			{
				error: 'Ticket 5: The connection to Zendesk was reset: check the network between n8n and Zendesk',
				description: expect.stringMatching(/^Zendesk may have carried out this request before the connection broke\./),
			},
		]);
	});
});

describe('a 404 to a repeated delete means "already deleted" only after an attempt that may have deleted', () => {
	it('after a 429 (nothing done) a 404 is the answer: the ticket is not found', async () => {
		zendesk()
			.delete('/api/v2/tickets/99999')
			.reply(429, 'Number of allowed API requests per minute exceeded', { 'Retry-After': '1', 'Content-Type': 'text/plain' })
			.delete('/api/v2/tickets/99999')
			.reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: { operation: 'delete', ticketId: '99999' }, continueOnFail: true });
		expect(result.json).toEqual([
			{
				error:
					"Ticket 99999: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it",
				description: 'Not found',
			},
		]);
	});

	it("after a reset (it may have gone through) a 404 is the earlier attempt's work: deleted", async () => {
		const applied: IDataObject[] = [];
		zendesk()
			.delete('/api/v2/tickets/7')
			.reply(resetAfterApplying(applied))
			.delete('/api/v2/tickets/7')
			.reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: { operation: 'delete', ticketId: '7' }, continueOnFail: true });
		expect(result.json).toEqual([{ id: 7, deleted: true }]);
	});

	it('destroy_many: after a 429 a 404 deletes nothing and reports no ticket as deleted', async () => {
		zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '98,99' })
			.reply(429, 'Too many', { 'Retry-After': '1', 'Content-Type': 'text/plain' })
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '98,99' })
			.reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({
			parameters: { operation: 'delete', ticketId: '={{ $json.id }}' },
			items: [{ id: 98 }, { id: 99 }],
			continueOnFail: true,
		});
		expect(result.json.map((j) => j.deleted)).toEqual([undefined, undefined]);
		expect(result.json.map((j) => String(j.error))).toEqual([
			expect.stringMatching(/\(RecordNotFound\): check the ID, and that the credential's Zendesk account can see it$/),
			expect.stringMatching(/\(RecordNotFound\): check the ID, and that the credential's Zendesk account can see it$/),
		]);
		expectPromisesKept(result, 2, logged);
	});
});

describe('a write answered 2xx without the record', () => {
	const CASES: Array<[string, IDataObject, 'post' | 'put', string, number]> = [
		['Create', { operation: 'create', subject: 'S', description: 'D' }, 'post', '/api/v2/tickets', 201],
		['Update', { operation: 'update', ticketId: '7', updateFields: { status: 'solved' } }, 'put', '/api/v2/tickets/7', 200],
		['Add Comment', { operation: 'addComment', ticketId: '7', comment: 'Hello' }, 'put', '/api/v2/tickets/7', 200],
		["an end user's Create", asCustomer({ operation: 'create', subject: 'S', description: 'D' }), 'post', '/api/v2/requests', 201],
	];
	const BODIES: Array<[string, string]> = [
		['an empty body', ''],
		['JSON null', 'null'],
		['an empty object', '{}'],
		['a list', '[]'],
	];
	describe.each(CASES)('%s', (_name, parameters, method, path, status) => {
		it.each(BODIES)('%s: the item fails and says the write may have been done', async (_body, body) => {
			zendesk()[method](path).reply(status, body, { 'Content-Type': 'application/json' });
			const result = await runNode({ parameters, continueOnFail: true });
			expect(result.json).toEqual([
				{
					error: 'Zendesk answered without the ticket',
					description:
						'The answer held no ticket, so there is nothing to output. If this item creates or changes a ticket, Zendesk may still have done it: check in Zendesk before running this item again.',
				},
			]);
			expectPromisesKept(result, 1, logged);
		});
	});
});
