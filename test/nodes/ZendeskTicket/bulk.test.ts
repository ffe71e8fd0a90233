import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { bulkZendesk } from '../../harness/bulk';
import { runNode } from '../../harness/run';
import { ZENDESK, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

describe('bulk create', () => {
	it('sends 250 creates as 3 create_many jobs, polls them together, and keeps input order', async () => {
		const { bodies, polls } = bulkZendesk('create');
		const items = Array.from({ length: 250 }, (_, i) => ({ n: i }));
		const { output, error, run } = await runNode({
			parameters: { operation: 'create', subject: '=Order {{ $json.n }}', description: 'D' },
			items,
		});
		expect(error).toBeUndefined();
		expect(bodies.map((b) => b.length)).toEqual([100, 100, 50]);
		expect(bodies[0][0]).toEqual({ subject: 'Order 0', comment: { body: 'D', public: true } });
		expect(bodies[2][49].subject).toBe('Order 249');
		expect(polls).toEqual(['job1,job2,job3']);
		expect(output).toHaveLength(250);
		expect(output.map((o) => o.json.id)).toEqual(Array.from({ length: 250 }, (_, i) => 5000 + i));
		expect(output.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		void run;
	});

	it('fails only the ticket the job reports an error for', async () => {
		bulkZendesk('create', (_t, index) => (index === 1 ? 'RecordInvalid' : undefined));
		const { output } = await runNode({
			parameters: { operation: 'create', subject: '={{ $json.s }}', description: 'D' },
			items: [{ s: 'a' }, { s: 'b' }, { s: 'c' }],
			continueOnFail: true,
		});
		expect(output).toEqual([
			{ json: ticket(5000), pairedItem: { item: 0 } },
			{
				json: {
					error: 'Ticket: Zendesk refused the values given (RecordInvalid: Subject: cannot be blank): correct the values Zendesk names',
				},
				pairedItem: { item: 1 },
			},
			{ json: ticket(5001), pairedItem: { item: 2 } },
		]);
	});

	it('leaves a bad input item out of the job and reports it', async () => {
		const { bodies } = bulkZendesk('create');
		const { output } = await runNode({
			parameters: { operation: 'create', subject: '={{ $json.s }}', description: 'D' },
			items: [{ s: 'a' }, { s: ' ' }, { s: 'c' }],
			continueOnFail: true,
		});
		expect(bodies).toEqual([[expect.objectContaining({ subject: 'a' }), expect.objectContaining({ subject: 'c' })]]);
		expect(output.map((o) => [o.json.id ?? o.json.error, o.pairedItem])).toEqual([
			[5000, { item: 0 }],
			['Subject: is empty', { item: 1 }],
			[5001, { item: 2 }],
		]);
	});

	it('goes one by one when items carry their own idempotency key', async () => {
		const scope = zendesk()
			.post('/api/v2/tickets')
			.matchHeader('idempotency-key', 'evt-1')
			.reply(201, { ticket: ticket(1) })
			.post('/api/v2/tickets')
			.matchHeader('idempotency-key', 'evt-2')
			.reply(201, { ticket: ticket(2) });
		const { json } = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', requestOptions: { idempotencyKey: '={{ $json.e }}' } },
			items: [{ e: 'evt-1' }, { e: 'evt-2' }],
		});
		expect(json.map((t) => t.id)).toEqual([1, 2]);
		scope.done();
	});
});

describe('bulk update', () => {
	it('sends one payload per ticket in the tickets form, 100 a request', async () => {
		const { bodies, polls } = bulkZendesk('update');
		const items = Array.from({ length: 150 }, (_, i) => ({ id: i + 1 }));
		const { output, error } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '={{ $json.id }}',
				updateFields: { status: 'solved', comment: '=Closing {{ $json.id }}', commentVisibility: 'public', addTags: 'bulk' },
			},
			items,
		});
		expect(error).toBeUndefined();
		expect(bodies.map((b) => b.length)).toEqual([100, 50]);
		expect(bodies[0][0]).toEqual({
			id: 1,
			status: 'solved',
			additional_tags: ['bulk'],
			comment: { body: 'Closing 1', public: true },
		});
		expect(polls).toEqual(['job1,job2']);
		expect(output.map((o) => o.json.id)).toEqual(items.map((i) => i.id));
	});

	it('never puts one ticket twice in a batch', async () => {
		const { bodies } = bulkZendesk('update');
		await runNode({
			parameters: { operation: 'update', ticketId: '={{ $json.id }}', updateFields: { priority: '={{ $json.p }}' } },
			items: [
				{ id: 7, p: 'high' },
				{ id: 8, p: 'low' },
				{ id: 7, p: 'urgent' },
			],
		});
		expect(bodies).toEqual([
			[
				{ id: 7, priority: 'high' },
				{ id: 8, priority: 'low' },
			],
			[{ id: 7, priority: 'urgent' }],
		]);
	});

	it('fails only the ticket the job reports an error for', async () => {
		bulkZendesk('update', (t) => (t.id === 2 ? 'RecordNotFound' : undefined));
		const { output } = await runNode({
			parameters: { operation: 'update', ticketId: '={{ $json.id }}', updateFields: { status: 'open' } },
			items: [{ id: 1 }, { id: 2 }, { id: 3 }],
			continueOnFail: true,
		});
		expect(output.map((o) => [o.json.id ?? o.json.error, o.pairedItem])).toEqual([
			[1, { item: 0 }],
			[
				"Ticket 2: Zendesk found no such record (RecordNotFound: Subject: cannot be blank): check the ID, and that the credential's Zendesk account can see it",
				{ item: 1 },
			],
			[3, { item: 2 }],
		]);
	});
});
