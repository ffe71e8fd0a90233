/*
 * n8n's Settings → Retry On Fail runs the node again for all of its items.
 * Creates must then be recognised by Zendesk as repeats, so they go one by
 * one with their Idempotency-Key even where bulk (create_many, which takes
 * no key) would otherwise be used.
 */
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

describe('Retry On Fail with several items to create', () => {
	it('sends each create with its key; the retry repeats the first with the same key and Zendesk answers with the same ticket', async () => {
		const from = recorded.length;
		zendesk()
			// Try 1: the first ticket is created, the second refused, so the node fails and n8n runs it again.
			.post('/api/v2/tickets', { ticket: { subject: 'A', comment: { body: 'a', public: true } } })
			.reply(201, { ticket: ticket(1, { subject: 'A' }) }, { 'x-idempotency-lookup': 'miss' })
			.post('/api/v2/tickets', { ticket: { subject: 'B', comment: { body: 'b', public: true } } })
			.reply(422, { error: 'RecordInvalid', description: 'Record validation errors' })
			// Try 2: Zendesk recognises the first by its key and answers with the ticket it created.
			.post('/api/v2/tickets', { ticket: { subject: 'A', comment: { body: 'a', public: true } } })
			.reply(201, { ticket: ticket(1, { subject: 'A' }) }, { 'x-idempotency-lookup': 'hit' })
			.post('/api/v2/tickets', { ticket: { subject: 'B', comment: { body: 'b', public: true } } })
			.reply(201, { ticket: ticket(2, { subject: 'B' }) }, { 'x-idempotency-lookup': 'miss' });
		const result = await runNode({
			parameters: { operation: 'create', subject: '={{ $json.s }}', description: '={{ $json.d }}' },
			items: [
				{ s: 'A', d: 'a' },
				{ s: 'B', d: 'b' },
			],
			nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([ticket(1, { subject: 'A' }), ticket(2, { subject: 'B' })]);
		const sent = recorded.slice(from);
		expect(sent.map((r) => `${r.method} ${r.url.slice(ZENDESK.length)}`)).toEqual(Array(4).fill('POST /api/v2/tickets'));
		const keys = sent.map((r) => r.headers['idempotency-key']);
		expect(keys.every((k) => typeof k === 'string' && k.length > 0)).toBe(true);
		// Item 0's key is the same on both tries; the two items' keys differ.
		expect(keys[2]).toBe(keys[0]);
		expect(keys[3]).toBe(keys[1]);
		expect(keys[1]).not.toBe(keys[0]);
	});

	it('without Retry On Fail, several creates still go through create_many', async () => {
		const from = recorded.length;
		const results = [
			{ index: 0, id: 1, status: 'Created' },
			{ index: 1, id: 2, status: 'Created' },
		];
		zendesk()
			.post('/api/v2/tickets/create_many')
			.reply(200, { job_status: { id: 'J1', status: 'queued' } })
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'J1' })
			.reply(200, { job_statuses: [{ id: 'J1', status: 'completed', results }] });
		const result = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', bulkOutput: 'idAndStatus' },
			items: [{}, {}],
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ id: 1, status: 'Created' },
			{ id: 2, status: 'Created' },
		]);
		expect(recorded.slice(from).map((r) => `${r.method} ${r.url.slice(ZENDESK.length)}`)).toEqual([
			'POST /api/v2/tickets/create_many',
			'GET /api/v2/job_statuses/show_many?ids=J1',
		]);
	});
});
