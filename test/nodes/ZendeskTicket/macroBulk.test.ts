import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const STATIC = {
	id: 7,
	title: 'Refund',
	active: true,
	actions: [
		{ field: 'status', value: 'solved' },
		{ field: 'comment_value', value: 'Your refund is on its way.' },
	],
};
const GREETING = {
	id: 8,
	title: 'Greeting',
	active: true,
	actions: [{ field: 'comment_value', value: 'Hi {{ticket.requester.first_name}}' }],
};

/**
 * update_many answered like Zendesk, in both its forms (ids= with one ticket,
 * or a tickets array), each job finished on its first poll; records each request.
 */
function updateMany() {
	const jobs = new Map<string, IDataObject[]>();
	const calls: Array<{ ids?: string; body: IDataObject }> = [];
	zendesk()
		.put('/api/v2/tickets/update_many')
		.query(true)
		.times(Infinity)
		.reply((uri, body) => {
			const ids = new URL(uri, ZENDESK).searchParams.get('ids') ?? undefined;
			calls.push({ ids, body: body as IDataObject });
			const targets = ids ? ids.split(',').map(Number) : ((body as { tickets: IDataObject[] }).tickets ?? []).map((t) => Number(t.id));
			const id = `job${jobs.size + 1}`;
			jobs.set(
				id,
				targets.map((t) => ({ id: t, action: 'update', status: 'Updated', success: true })),
			);
			return [200, { job_status: { id, status: 'queued' } }];
		})
		.get('/api/v2/job_statuses/show_many')
		.query(true)
		.times(Infinity)
		.reply((uri) => {
			const ids = new URL(uri, ZENDESK).searchParams.get('ids')!.split(',');
			return [200, { job_statuses: ids.map((id) => ({ id, status: 'completed', results: jobs.get(id) })) }];
		});
	return calls;
}

const thousand = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1 }));
const count = (from: number) => {
	const counts: Record<string, number> = {};
	for (const r of recorded.slice(from)) {
		const key = `${r.method} ${new URL(r.url).pathname.replace(/\/\d+/g, '/{id}')}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
};
const changedOnce = (ids: number[], n = 1000) => expect([...ids].sort((a, b) => a - b)).toEqual(thousand.slice(0, n).map((t) => t.id));

describe('apply macro to many tickets', () => {
	it('1,000 tickets, one macro without placeholders: 10 update_many with one shared change set, every ticket once', async () => {
		zendesk().get('/api/v2/macros/7').reply(200, { macro: STATIC });
		const calls = updateMany();
		const from = recorded.length;
		const { output, error } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: '={{ $json.id }}', macroId: '7', bulkOutput: 'idAndStatus' },
			items: thousand,
		});
		expect(error).toBeUndefined();
		expect(count(from)).toEqual({
			'GET /api/v2/macros/{id}': 1,
			'PUT /api/v2/tickets/update_many': 10,
			'GET /api/v2/job_statuses/show_many': 1,
		});
		expect(calls.map((c) => c.body)).toEqual(
			Array(10).fill({ ticket: { status: 'solved', comment: { body: 'Your refund is on its way.', public: true } } }),
		);
		expect(calls.map((c) => c.ids!.split(',').length)).toEqual(Array(10).fill(100));
		changedOnce(calls.flatMap((c) => c.ids!.split(',').map(Number)));
		expect(output.map((o) => [o.json, o.pairedItem])).toEqual(thousand.map((t, item) => [{ id: t.id, status: 'Updated' }, { item }]));
	});

	it('250 tickets, a macro with placeholders: one rendering per ticket, then 3 update_many with per-ticket bodies', async () => {
		zendesk().get('/api/v2/macros/8').reply(200, { macro: GREETING });
		zendesk()
			.get(/^\/api\/v2\/tickets\/\d+\/macros\/8\/apply$/)
			.times(250)
			.reply((uri) => {
				const id = Number(uri.split('/')[4]);
				return [200, { result: { ticket: { ...ticket(id), comment: { body: `Hi Ann ${id}`, public: true, scoped_body: [] } } } }];
			});
		const calls = updateMany();
		const from = recorded.length;
		const { output, error } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: '={{ $json.id }}', macroId: '8', bulkOutput: 'idAndStatus' },
			items: thousand.slice(0, 250),
		});
		expect(error).toBeUndefined();
		expect(count(from)).toEqual({
			'GET /api/v2/macros/{id}': 1,
			'GET /api/v2/tickets/{id}/macros/{id}/apply': 250,
			'PUT /api/v2/tickets/update_many': 3,
			'GET /api/v2/job_statuses/show_many': 1,
		});
		const tickets = calls.flatMap((c) => (c.body as { tickets: IDataObject[] }).tickets);
		expect(calls.every((c) => c.ids === undefined)).toBe(true);
		expect(tickets[0]).toEqual({ id: 1, comment: { body: 'Hi Ann 1', public: true } });
		expect(tickets.every((t) => (t.comment as IDataObject).body === `Hi Ann ${String(t.id)}`)).toBe(true);
		changedOnce(
			tickets.map((t) => Number(t.id)),
			250,
		);
		expect(output).toHaveLength(250);
	});

	it('different macros per item: per-ticket bodies, each macro read once', async () => {
		zendesk()
			.get('/api/v2/macros/7')
			.reply(200, { macro: STATIC })
			.get('/api/v2/macros/9')
			.reply(200, { macro: { ...STATIC, id: 9, actions: [{ field: 'priority', value: 'low' }] } });
		const calls = updateMany();
		const { error } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: '={{ $json.id }}', macroId: '={{ $json.m }}', bulkOutput: 'idAndStatus' },
			items: [
				{ id: 1, m: 7 },
				{ id: 2, m: 9 },
			],
		});
		expect(error).toBeUndefined();
		expect(calls).toEqual([
			{
				ids: undefined,
				body: {
					tickets: [
						{ id: 1, status: 'solved', comment: { body: 'Your refund is on its way.', public: true } },
						{ id: 2, priority: 'low' },
					],
				},
			},
		]);
	});

	it('a batch whose answer is lost is not sent again, and every item of it says so', async () => {
		zendesk().get('/api/v2/macros/7').reply(200, { macro: STATIC });
		const scope = zendesk()
			.put('/api/v2/tickets/update_many')
			.query(true)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.put('/api/v2/tickets/update_many')
			.query(true)
			.reply(200, { job_status: { id: 'x', status: 'completed', results: [] } });
		const { json } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: '={{ $json.id }}', macroId: '7' },
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});
		expect(scope.pendingMocks()).toHaveLength(1);
		expect(json.map((j) => String(j.description))).toEqual([
			expect.stringMatching(/^Zendesk may have accepted this batch of 2 tickets before the connection broke/),
			expect.stringMatching(/^Zendesk may have accepted this batch of 2 tickets before the connection broke/),
		]);
	});
});
