import type nock from 'nock';

import { instanceSettings, runNode, updateEachItem } from '../../harness/run';
import { rateLimitedOn, ticket, zendesk } from '../../harness/zendesk';

/** A tiny Zendesk ticket store that honours Idempotency-Key like Zendesk does. */
function idempotentStore() {
	const byKey = new Map<string, { body: string; id: number }>();
	const tickets: number[] = [];
	const keys: string[] = [];
	function create(this: { req: { headers: Record<string, string> } }, _uri: string, body: unknown) {
		const key = this.req.headers['idempotency-key'];
		keys.push(key);
		const text = JSON.stringify(body);
		const known = byKey.get(key);
		if (known && known.body !== text) {
			return [400, { error: 'IdempotentRequestError', description: "Request parameters don't match the given idempotency key" }];
		}
		if (known) return [201, { ticket: ticket(known.id) }, { 'x-idempotency-lookup': 'hit' }];
		const id = 1000 + tickets.length;
		tickets.push(id);
		byKey.set(key, { body: text, id });
		return [201, { ticket: ticket(id) }, { 'x-idempotency-lookup': 'miss' }];
	}
	return { tickets, keys, create };
}

const RATE_LIMITED = [
	429,
	'Number of allowed API requests per minute exceeded',
	{ 'Retry-After': '1', 'Content-Type': 'text/plain' },
] as const;

const update = (id: number) => ({ ticket: ticket(id, { status: 'solved' }) });

describe('rate limits and transient faults', () => {
	it('waits out a burst of 429s as Retry-After asks, then succeeds for every item', async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/1')
			.times(2)
			.reply(...RATE_LIMITED)
			.put('/api/v2/tickets/1')
			.reply(200, update(1))
			.put('/api/v2/tickets/2')
			.reply(...RATE_LIMITED)
			.put('/api/v2/tickets/2')
			.reply(200, update(2));
		const { output, error } = await runNode({
			parameters: updateEachItem({ status: 'solved' }),
			items: [{ id: 1 }, { id: 2 }],
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => [o.json.id, o.pairedItem])).toEqual([
			[1, { item: 0 }],
			[2, { item: 1 }],
		]);
		scope.done();
	});

	it('stops at the wait budget and says how long Zendesk asked to wait', async () => {
		const scope = rateLimitedOn('/api/v2/tickets/1', 45);
		const { error } = await runNode({
			parameters: { operation: 'get', ticketId: '1', requestOptions: { maxRateLimitWait: 10 } },
		});
		expect(error?.message).toBe(
			'Ticket 1: Zendesk\'s rate limit was reached: run the item again later, or raise "Max Rate Limit Wait" under Request Options',
		);
		expect(error?.description).toBe(
			'Number of allowed API requests per minute exceeded — Zendesk asked to wait 45 seconds (Retry-After); this run already waited 0 of the 10 seconds allowed by "Max Rate Limit Wait"; the account allows 400 requests a minute',
		);
		scope.done();
	});

	it('retries alternating 503s on updates and loses no item', async () => {
		const scope = zendesk();
		for (const id of [1, 2, 3, 4]) {
			scope.put(`/api/v2/tickets/${id}`).reply(503, 'Service Unavailable').put(`/api/v2/tickets/${id}`).reply(200, update(id));
		}
		const { output, error } = await runNode({
			parameters: updateEachItem({ status: 'solved' }),
			items: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }],
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => o.json.id)).toEqual([1, 2, 3, 4]);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		scope.done();
	});

	it.each([
		[
			'a connection reset',
			(interceptor: nock.Interceptor) => interceptor.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
		],
		[
			'a truncated JSON body',
			(interceptor: nock.Interceptor) => interceptor.reply(200, '{"ticket": {"id": 8, "subj', { 'Content-Type': 'application/json' }),
		],
	] as const)('retries %s on a read', async (_name, fault) => {
		const scope = fault(zendesk().get('/api/v2/tickets/8'))
			.get('/api/v2/tickets/8')
			.reply(200, { ticket: ticket(8) });
		const { json, error } = await runNode({ parameters: { operation: 'get', ticketId: '8' } });
		expect(error).toBeUndefined();
		expect(json).toEqual([ticket(8)]);
		scope.done();
	});

	it('gives up after 5 attempts with a clear message, as an error item per failing item', async () => {
		const scope = zendesk().get('/api/v2/tickets/8').times(5).reply(502, 'Bad Gateway');
		const { output } = await runNode({ parameters: { operation: 'get', ticketId: '8' }, continueOnFail: true });
		expect(output).toEqual([
			{
				json: {
					error: 'Ticket 8: Zendesk is temporarily unavailable (502): try again in a few minutes (status.zendesk.com lists outages)',
					description: 'Bad Gateway',
				},
				pairedItem: { item: 0 },
			},
		]);
		scope.done();
	});
});

describe('idempotent create', () => {
	it('sends a key derived from instance, execution, node and item', async () => {
		const store = idempotentStore();
		const scope = zendesk().post('/api/v2/tickets').times(2).reply(store.create);
		const { output } = await runNode({
			parameters: { operation: 'create', subject: '={{ $json.s }}', description: 'D', requestOptions: { batching: false } },
			items: [{ s: 'a' }, { s: 'b' }],
			executionId: 'exec-42',
		});
		const instance = instanceSettings().instanceId;
		expect(store.keys).toEqual([`n8n-${instance}-wf-test-exec-42-zendesk-r0-0`, `n8n-${instance}-wf-test-exec-42-zendesk-r0-1`]);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		scope.done();
	});

	it('creates one ticket when a create times out and is retried', async () => {
		const store = idempotentStore();
		const scope = zendesk().post('/api/v2/tickets').delay(1500).reply(store.create).post('/api/v2/tickets').reply(store.create);
		const { json, error } = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', requestOptions: { timeout: 1 } },
		});
		expect(error).toBeUndefined();
		expect(store.tickets).toEqual([1000]);
		expect(store.keys[0]).toBe(store.keys[1]);
		expect(json.map((t) => t.id)).toEqual([1000]);
		scope.done();
	});

	it('creates one ticket when a create gets a 503 and is retried', async () => {
		const store = idempotentStore();
		let first = true;
		const scope = zendesk()
			.post('/api/v2/tickets')
			.times(2)
			.reply(function (uri, body) {
				const answer = store.create.call(this as never, uri, body);
				if (first) {
					first = false;
					return [503, 'Service Unavailable'];
				}
				return answer;
			});
		const { json, error } = await runNode({ parameters: { operation: 'create', subject: 'S', description: 'D' } });
		expect(error).toBeUndefined();
		expect(store.tickets).toEqual([1000]);
		expect(json.map((t) => t.id)).toEqual([1000]);
		scope.done();
	});

	it('re-running with the source event id as key never duplicates', async () => {
		const store = idempotentStore();
		const scope = zendesk().post('/api/v2/tickets').times(2).reply(store.create);
		const parameters = {
			operation: 'create',
			subject: 'S',
			description: 'D',
			requestOptions: { idempotencyKey: '={{ $json.eventId }}' },
		};
		await runNode({ parameters, items: [{ eventId: 'evt_1' }], executionId: 'run-1' });
		const second = await runNode({ parameters, items: [{ eventId: 'evt_1' }], executionId: 'run-2' });
		expect(store.keys).toEqual(['evt_1', 'evt_1']);
		expect(store.tickets).toEqual([1000]);
		expect(second.json.map((t) => t.id)).toEqual([1000]);
		scope.done();
	});

	it("explains Zendesk's IdempotentRequestError", async () => {
		const store = idempotentStore();
		const scope = zendesk().post('/api/v2/tickets').times(2).reply(store.create);
		const { output } = await runNode({
			parameters: {
				operation: 'create',
				subject: '={{ $json.s }}',
				description: 'D',
				requestOptions: { idempotencyKey: 'same-key' },
			},
			items: [{ s: 'first' }, { s: 'second' }],
			continueOnFail: true,
		});
		expect(store.tickets).toEqual([1000]);
		expect(output[1]).toEqual({
			json: {
				error: 'This idempotency key was already used for a different ticket',
				description:
					'Zendesk remembers each key for 2 hours and refuses it with other ticket data. Give every distinct ticket its own key (e.g. the ID of the source event), or leave the key empty.',
			},
			pairedItem: { item: 1 },
		});
		scope.done();
	});
});

describe('safe update', () => {
	it("sends safe_update with the input item's updated_at", async () => {
		let body: unknown;
		const scope = zendesk()
			.put('/api/v2/tickets/5', (b) => ((body = b), true))
			.reply(200, update(5));
		await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { status: 'solved' }, options: { safeUpdate: true } },
			items: [{ id: 5, updated_at: '2026-11-02T10:00:00Z' }],
		});
		expect(body).toEqual({ ticket: { status: 'solved', safe_update: true, updated_stamp: '2026-11-02T10:00:00Z' } });
		scope.done();
	});

	it('turns a 409 into "changed since you read it" and never retries it', async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/5')
			.once()
			.reply(409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' });
		const { error } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '5',
				updateFields: { status: 'solved' },
				options: { safeUpdate: true, updatedStamp: '2026-11-01T09:00:00Z' },
			},
		});
		expect(error?.message).toBe('Ticket 5: changed since you read it (Safe Update)');
		expect(error?.description).toBe(
			"Zendesk: UpdateConflict: Safe Update prevented the update due to outdated ticket data. Safe Update stopped this update so that nobody's change is overwritten. Get the ticket again and repeat the update with its new updated_at.",
		);
		expect(error?.httpCode).toBe('409');
		scope.done();
	});

	it('needs a stamp for safe update and sends nothing without one', async () => {
		const { error } = await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { status: 'solved' }, options: { safeUpdate: true } },
		});
		expect(error?.message).toBe("Updated Stamp: is needed for Safe Update: give it, or pass the ticket's updated_at in the input item");
	});

	it("retries Zendesk's transient DatabaseConflict on a plain update", async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/5')
			.reply(409, { error: 'DatabaseConflict', description: 'Database collision' })
			.put('/api/v2/tickets/5')
			.reply(200, update(5));
		const { json, error } = await runNode({ parameters: { operation: 'update', ticketId: '5', updateFields: { status: 'solved' } } });
		expect(error).toBeUndefined();
		expect(json[0].id).toBe(5);
		scope.done();
	});
});

describe('pacing', () => {
	it('slows down near the end of the rate budget instead of running into 429s', async () => {
		const scope = zendesk();
		const ids = [1, 2, 3];
		for (const id of ids) {
			scope.put(`/api/v2/tickets/${id}`).reply(200, update(id), {
				'X-Rate-Limit': '700',
				'X-Rate-Limit-Remaining': String(3 - id),
				'ratelimit-reset': '1',
			});
		}
		const { output, error } = await runNode({
			parameters: updateEachItem({ status: 'solved' }),
			items: ids.map((id) => ({ id })),
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => o.json.id)).toEqual(ids);
		scope.done();
	});
});

describe('network errors', () => {
	it('names a DNS failure, even when only the message carries the code', async () => {
		const scope = zendesk().get('/api/v2/tickets/1').replyWithError(new Error('getaddrinfo ENOTFOUND acme.zendesk.com'));
		const { error } = await runNode({ parameters: { operation: 'get', ticketId: '1' } });
		expect(error?.message).toBe(
			"Ticket 1: Zendesk's address could not be found: check the credential's Subdomain (or Local Emulator URL) and the network",
		);
		scope.done();
	});
});
