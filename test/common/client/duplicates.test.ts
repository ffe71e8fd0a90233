import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { instanceSettings, runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';
import { captureLogs, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

/** Zendesk applied the request, then the connection broke before the answer arrived. */
const resetAfterApplying = (applied: IDataObject[]) =>
	function (_uri: string, body: nock.Body, callback: (error: NodeJS.ErrnoException | null, result: nock.ReplyFnResult) => void) {
		applied.push(body as IDataObject);
		callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
	};

/**
 * A PUT to `path` that Zendesk applies before the connection resets: the bodies it applied, and the
 * interceptor of a repeat (matching `repeatBody` when given), which the test answers and expects or not.
 */
function putResetAfterApplying(path: string, repeatBody?: nock.RequestBodyMatcher) {
	const applied: IDataObject[] = [];
	const repeat = zendesk().put(path).reply(resetAfterApplying(applied)).put(path, repeatBody);
	return { applied, repeat };
}

/** Update's parameters that add a comment to `ticketId` (both may be expressions). */
const withComment = (ticketId: string, comment: string, commentVisibility: 'public' | 'internal') => ({
	operation: 'update',
	ticketId,
	updateFields: { comment, commentVisibility },
});

describe('nothing is done twice', () => {
	it('a public reply whose connection resets after Zendesk stored it is not sent again', async () => {
		const { applied, repeat } = putResetAfterApplying('/api/v2/tickets/7');
		const scope = repeat.reply(200, { ticket: ticket(7) });
		const from = recorded.length;
		const result = await runNode({
			parameters: withComment('7', 'We refunded your order.', 'public'),
			continueOnFail: true,
		});
		expect(applied).toEqual([{ ticket: { comment: { body: 'We refunded your order.', public: true } } }]);
		expect(scope.isDone()).toBe(false);
		expect(result.json).toEqual([
			{
				error: 'Ticket 7: The connection to Zendesk was reset: check the network between n8n and Zendesk',
				description:
					'Zendesk may have posted the comment before the connection broke. It was not sent again, so that a public reply never reaches the customer twice: open ticket 7 in Zendesk (or get it) and check its latest comment before running this item again.',
			},
		]);
		expectPromisesKept(result, 1, logged, from);
	});

	it('an internal note that times out is not sent again either', async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/7')
			.delay(3_000)
			.reply(200, { ticket: ticket(7) })
			.put('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) });
		const result = await runNode({
			parameters: { ...withComment('7', 'Called the customer', 'internal'), requestOptions: { timeout: 1 } },
			continueOnFail: true,
		});
		expect(result.json).toHaveLength(1);
		expect(result.json[0].error).toBe(
			'Ticket 7: Zendesk did not answer in time: run the item again, or raise "Timeout" under Request Options',
		);
		expect(result.json[0].description).toMatch(/^Zendesk may have posted the comment/);
		expect(scope.pendingMocks()).toHaveLength(1);
	});

	it('a plain field update is still repeated after a reset, and succeeds', async () => {
		const { repeat } = putResetAfterApplying('/api/v2/tickets/7', { ticket: { status: 'solved' } });
		const scope = repeat.reply(200, { ticket: ticket(7, { status: 'solved' }) });
		const result = await runNode({ parameters: { operation: 'update', ticketId: '7', updateFields: { status: 'solved' } } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([ticket(7, { status: 'solved' })]);
		scope.done();
	});

	it('update_many with replies is not repeated after a reset; each item says so under its own index', async () => {
		const { applied, repeat } = putResetAfterApplying('/api/v2/tickets/update_many');
		const scope = repeat.reply(200, { job_status: { id: 'J2', status: 'queued' } });
		const from = recorded.length;
		const result = await runNode({
			parameters: withComment('={{ $json.id }}', '={{ $json.reply }}', 'public'),
			items: [
				{ id: 1, reply: 'Shipped' },
				{ id: 2, reply: 'Refunded' },
			],
			continueOnFail: true,
		});
		expect(applied).toHaveLength(1);
		expect(scope.pendingMocks()).toHaveLength(1);
		const unsure =
			'Zendesk may have accepted this batch of 2 tickets before the connection broke. It was not sent again, so that nothing is updated twice: check in Zendesk whether the tickets were updated before running the workflow again.';
		expect(result.json).toEqual([
			{ error: 'Updating tickets: The connection to Zendesk was reset: check the network between n8n and Zendesk', description: unsure },
			{ error: 'Updating tickets: The connection to Zendesk was reset: check the network between n8n and Zendesk', description: unsure },
		]);
		expectPromisesKept(result, 2, logged, from);
	});

	it('create_many reset after acceptance: every item says tickets may exist, under its own index', async () => {
		const applied: IDataObject[] = [];
		zendesk().post('/api/v2/tickets/create_many').reply(resetAfterApplying(applied));
		const result = await runNode({
			parameters: { operation: 'create', subject: '={{ $json.s }}', description: 'D' },
			items: [{ s: 'a' }, { s: 'b' }, { s: 'c' }],
			continueOnFail: true,
		});
		expect(applied).toHaveLength(1);
		expect(result.json.map((j) => j.error)).toEqual([
			'Creating tickets: The connection to Zendesk was reset: check the network between n8n and Zendesk',
			'Creating tickets: The connection to Zendesk was reset: check the network between n8n and Zendesk',
			'Creating tickets: The connection to Zendesk was reset: check the network between n8n and Zendesk',
		]);
		expect(String(result.json[2].description)).toContain('check in Zendesk whether the tickets were created');
		expectPromisesKept(result, 3, logged);
	});

	it('a DELETE reset after Zendesk applied it, then 404 on the repeat, counts as deleted', async () => {
		const scope = zendesk()
			.delete('/api/v2/tickets/9')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.delete('/api/v2/tickets/9')
			.reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: { operation: 'delete', ticketId: '9' } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id: 9, deleted: true }]);
		scope.done();
	});

	it('a destroy_many reset after it was applied, then 404 on the repeat, counts every ticket as deleted', async () => {
		const scope = zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '3,4' })
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '3,4' })
			.reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: { operation: 'delete', ticketId: '={{ $json.id }}' }, items: [{ id: 3 }, { id: 4 }] });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ id: 3, deleted: true },
			{ id: 4, deleted: true },
		]);
		scope.done();
	});
});

describe('the automatic idempotency key tells runs apart', () => {
	/** Honours Idempotency-Key as Zendesk does: the same key with other data is refused, with the same data answered from memory. */
	function keyedZendesk() {
		const byKey = new Map<string, { body: string; id: number }>();
		const keys: string[] = [];
		let next = 500;
		const scope = zendesk()
			.post('/api/v2/tickets')
			.times(Infinity)
			.reply(function (_uri, body) {
				const key = this.req.headers['idempotency-key'] as string;
				keys.push(key);
				const known = byKey.get(key);
				if (known && known.body !== JSON.stringify(body))
					return [400, { error: 'IdempotentRequestError', description: 'Request parameters do not match' }];
				if (known) return [201, { ticket: ticket(known.id) }];
				byKey.set(key, { body: JSON.stringify(body), id: next });
				return [201, { ticket: ticket(next++) }];
			});
		return { scope, keys };
	}

	it('a node run three times in one execution (a loop) creates three tickets with three keys', async () => {
		const { keys } = keyedZendesk();
		const result = await runNode({
			parameters: { operation: 'create', subject: 'Same subject', description: 'Same text', requestOptions: { batching: false } },
			runs: 3,
			executionId: 'exec-7',
		});
		expect(result.error).toBeUndefined();
		const instance = instanceSettings().instanceId;
		expect(instance).toMatch(/^[0-9a-f]{64}$/);
		expect(keys).toEqual([0, 1, 2].map((run) => `n8n-${instance}-wf-test-exec-7-zendesk-r${run}-0`));
		expect(result.json.map((j) => j.id)).toEqual([500, 501, 502]);
	});

	it('different tickets in later runs are not refused as a reused key', async () => {
		const { keys } = keyedZendesk();
		const result = await runNode({
			parameters: { operation: 'create', subject: '={{ "Run " + $runIndex }}', description: 'D', requestOptions: { batching: false } },
			runs: 2,
		});
		expect(result.error).toBeUndefined();
		expect(new Set(keys).size).toBe(2);
		expect(result.json.map((j) => j.id)).toEqual([500, 501]);
	});

	it('a retry within one run keeps its key, so Zendesk answers it from memory', async () => {
		const store = keyedZendesk();
		nock.cleanAll();
		let calls = 0;
		zendesk()
			.post('/api/v2/tickets')
			.times(2)
			.reply(function (_uri, body, callback) {
				store.keys.push(this.req.headers['idempotency-key'] as string);
				if (++calls === 1) return callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
				callback(null, [201, { ticket: ticket(42) }]);
			});
		const result = await runNode({ parameters: { operation: 'create', subject: 'S', description: 'D' }, executionId: 'exec-9' });
		expect(result.error).toBeUndefined();
		const key = `n8n-${instanceSettings().instanceId}-wf-test-exec-9-zendesk-r0-0`;
		expect(store.keys).toEqual([key, key]);
	});

	it('two n8n instances with the same workflow, node and execution number (a restored backup) send different keys', async () => {
		const { keys } = keyedZendesk();
		const settings = instanceSettings();
		const first = settings.instanceId;
		const run = () => runNode({ parameters: { operation: 'create', subject: 'S', description: 'D' }, executionId: 'exec-3' });
		const results = [await run()];
		try {
			settings.instanceId = 'b'.repeat(64);
			results.push(await run());
		} finally {
			settings.instanceId = first;
		}
		expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
		expect(keys).toEqual([`n8n-${first}-wf-test-exec-3-zendesk-r0-0`, `n8n-${'b'.repeat(64)}-wf-test-exec-3-zendesk-r0-0`]);
		// Zendesk saw two keys, so the second instance's ticket is created rather than answered with the first one's.
		expect(results.map((r) => r.json.map((j) => j.id))).toEqual([[500], [501]]);
	});
});
