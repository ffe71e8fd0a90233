import nock from 'nock';

import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';
import { mapLimit } from '../../../common/client/pacing';
import { retryAfterMs, retryDecision } from '../../../common/client/retry';
import type { HttpFailure } from '../../../common/client/failure';
import type { Session } from '../../../common/client/session';
import { DEFAULT_POLICY } from '../../../common/client/session';
import { captureLogs, expectPromisesKept } from '../../harness/invariants';
import { credentialOf } from '../../../common/authentication';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

const session = (maxRateLimitWaitMs = 300_000): Session => {
	const account = { budget: {}, endpointBudgets: new Map(), jobs: { running: 0, waiting: [] } };
	return {
		connection: { credential: credentialOf('apiToken'), baseUrl: 'https://acme.zendesk.com', secrets: [] },
		policy: { ...DEFAULT_POLICY, maxRateLimitWaitMs },
		rateLimitWaitedMs: 0,
		budget: account.budget,
		endpointBudgets: account.endpointBudgets,
		account,
	};
};
const rateLimited = (retryAfter?: string): HttpFailure => ({
	status: 429,
	headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
	body: 'Too many',
});
const get = { method: 'GET' };

describe('Retry-After is honoured, never cut short', () => {
	it('jitter only lengthens the wait Zendesk asked for (1,000 draws)', () => {
		const waits = Array.from({ length: 1000 }, () => retryDecision(get, rateLimited('2'), 1, session()) as { retryInMs: number });
		expect(Math.min(...waits.map((w) => w.retryInMs))).toBeGreaterThanOrEqual(2000);
		expect(Math.max(...waits.map((w) => w.retryInMs))).toBeLessThanOrEqual(2200);
	});

	it('reads an HTTP-date Retry-After as a date', () => {
		const now = Date.parse('2026-11-29T12:00:00Z');
		expect(retryAfterMs('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
		expect(retryAfterMs('7', now)).toBe(7000);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
	});

	it('keeps a floor of one second for Retry-After: 0 and a date in the past', () => {
		for (const value of ['0', 'Sun, 01 Nov 2026 00:00:00 GMT']) {
			const decision = retryDecision(get, rateLimited(value), 1, session()) as { retryInMs: number };
			expect(decision.retryInMs).toBeGreaterThanOrEqual(1000);
		}
	});

	it('stops a 429 storm after 10 attempts of one request, even with wait budget left', () => {
		const s = session(3_600_000);
		const decisions = Array.from({ length: 10 }, (_, i) => retryDecision(get, rateLimited('0'), i + 1, s));
		expect(decisions.slice(0, 9).every((d) => 'retryInMs' in d)).toBe(true);
		expect(decisions[9]).toEqual({ fail: true, note: 'Zendesk answered 10 attempts in a row with a rate limit; the node stopped trying' });
	});

	it('in the engine: an HTTP-date Retry-After is waited out and the read succeeds', async () => {
		const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
		const scope = zendesk()
			.get('/api/v2/tickets/1')
			.reply(429, 'Number of allowed API requests per minute exceeded', { 'Retry-After': inTwoSeconds, 'Content-Type': 'text/plain' })
			.get('/api/v2/tickets/1')
			.reply(200, { ticket: ticket(1) });
		const result = await runNode({ parameters: { operation: 'get', ticketId: '1', requestOptions: { maxRateLimitWait: 10 } } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([ticket(1)]);
		scope.done();
	});

	it('in the engine: a Retry-After: 0 storm makes a few attempts within the wait budget, not hundreds', async () => {
		let attempts = 0;
		zendesk()
			.get('/api/v2/tickets/1')
			.times(Infinity)
			.reply(() => {
				attempts++;
				return [429, 'Number of allowed API requests per minute exceeded', { 'Retry-After': '0', 'Content-Type': 'text/plain' }];
			});
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1', requestOptions: { maxRateLimitWait: 2 } },
			continueOnFail: true,
		});
		expect(attempts).toBeGreaterThanOrEqual(2);
		expect(attempts).toBeLessThanOrEqual(3);
		expect(result.json[0].error).toBe(
			'Ticket 1: Zendesk\'s rate limit was reached: run the item again later, or raise "Max Rate Limit Wait" under Request Options',
		);
		expectPromisesKept(result, 1, logged);
	});
});

describe('pacing waits count against Max Rate Limit Wait', () => {
	it('refuses to sit out a 40-second window with a 5-second budget, and sends nothing more', async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/1')
			.reply(200, { ticket: ticket(1) }, { 'X-Rate-Limit': '700', 'ratelimit-remaining': '1', 'ratelimit-reset': '40' })
			.put('/api/v2/tickets/2')
			.reply(200, { ticket: ticket(2) });
		const result = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '={{ $json.id }}',
				updateFields: { status: 'open' },
				requestOptions: { batching: false, maxRateLimitWait: 5 },
			},
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});
		expect(scope.pendingMocks()).toEqual(['PUT https://acme.zendesk.com:443/api/v2/tickets/2']);
		expect(result.json[0].id).toBe(1);
		expect(result.json[1]).toEqual({
			error: 'Ticket 2: Zendesk\'s rate limit was reached: run the item again later, or raise "Max Rate Limit Wait" under Request Options',
			description: `Zendesk's rate limit is nearly used up and its window resets in 40 seconds; this run already waited 0 of the 5 seconds allowed by "Max Rate Limit Wait"; the account allows 700 requests a minute, Update Ticket allows 100 requests a minute, Update Ticket on one ticket allows 30 requests in 10 minutes`,
		});
		expectPromisesKept(result, 2, logged);
	});
});

describe('concurrency falls with the budget', () => {
	it('mapLimit stops starting parallel work as soon as the limit drops to 1', async () => {
		let limit = 3;
		let inFlight = 0;
		const peakAfterDrop: number[] = [];
		await mapLimit(
			Array.from({ length: 12 }, (_, i) => i),
			() => limit,
			async (n) => {
				inFlight++;
				if (n === 2) limit = 1;
				if (n > 4) peakAfterDrop.push(inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
			},
		);
		expect(Math.max(...peakAfterDrop)).toBe(1);
	});
});
