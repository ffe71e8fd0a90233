import nock from 'nock';

import { releaseJobSlots, takeJobSlots } from '../../../common/client/account';
import type { JobSlots } from '../../../common/client/account';
import { endpointLimitsOf } from '../../../common/client/endpointLimits';
import { endpointBudgetsOf, takeEndpointSlots } from '../../../common/client/endpointPacing';
import type { EndpointBudgets } from '../../../common/client/endpointPacing';
import { heardRemaining, holdFor, jittered, releaseSlot, takeSlot } from '../../../common/client/pacing';
import type { RateBudget } from '../../../common/client/pacing';
import { createEmulator } from '../../emulator';
import type { Emulator } from '../../emulator';
import { TEST_CREDENTIALS, runNode } from '../../harness/run';
import { rateLimitedOn, ticket, zendesk } from '../../harness/zendesk';

/*
 * One account, many executions in one process (issue 25): what one run hears
 * of the account's limits, the others know; the bulk job limit is shared.
 */

const getTicket = (id: number, maxRateLimitWait: number) => ({
	parameters: { operation: 'get', ticketId: String(id), requestOptions: { maxRateLimitWait } },
	continueOnFail: true,
});
const RATE_LIMIT_ERROR =
	'Ticket 2: Zendesk\'s rate limit was reached: run the item again later, or raise "Max Rate Limit Wait" under Request Options';

describe('the account budget is shared by the runs of a process', () => {
	it('a run holds its requests on what an earlier run heard, and sends nothing it could not wait for', async () => {
		const first = zendesk()
			.get('/api/v2/tickets/1')
			.reply(200, { ticket: ticket(1) }, { 'X-Rate-Limit': '700', 'ratelimit-remaining': '2', 'ratelimit-reset': '40' });
		const second = zendesk()
			.get('/api/v2/tickets/2')
			.reply(200, { ticket: ticket(2) });
		expect((await runNode(getTicket(1, 5))).json).toEqual([ticket(1)]);
		const result = await runNode(getTicket(2, 5));
		first.done();
		expect(second.pendingMocks()).toEqual(['GET https://acme.zendesk.com:443/api/v2/tickets/2']);
		expect(result.json).toEqual([
			{
				error: RATE_LIMIT_ERROR,
				description:
					'Zendesk\'s rate limit is nearly used up and its window resets in 40 seconds; this run already waited 0 of the 5 seconds allowed by "Max Rate Limit Wait"; the account allows 700 requests a minute',
			},
		]);
	});

	it("a 429 drawn by one run holds the others for Zendesk's wait, without their own 429", async () => {
		const limited = rateLimitedOn('/api/v2/tickets/1', 30);
		const never = zendesk()
			.get('/api/v2/tickets/2')
			.reply(200, { ticket: ticket(2) });
		const drew = await runNode(getTicket(1, 0));
		expect(drew.json[0].description).toBe(
			'Number of allowed API requests per minute exceeded — Zendesk asked to wait 30 seconds (Retry-After); this run already waited 0 of the 0 seconds allowed by "Max Rate Limit Wait"; the account allows 400 requests a minute',
		);
		const held = await runNode(getTicket(2, 10));
		limited.done();
		expect(never.pendingMocks()).toEqual(['GET https://acme.zendesk.com:443/api/v2/tickets/2']);
		expect(held.json[0]).toEqual({
			error: RATE_LIMIT_ERROR,
			description:
				'Zendesk\'s rate limit is nearly used up and its window resets in 30 seconds; this run already waited 0 of the 10 seconds allowed by "Max Rate Limit Wait"; the account allows 400 requests a minute',
		});
	});

	it("another account's limit holds nothing", async () => {
		zendesk()
			.get('/api/v2/tickets/1')
			.reply(429, 'Too many', { 'Retry-After': '30', 'Content-Type': 'text/plain', 'X-Rate-Limit-Remaining': '0' });
		const beta = nock('https://beta.zendesk.com')
			.get('/api/v2/tickets/2')
			.reply(200, { ticket: ticket(2) });
		await runNode(getTicket(1, 0));
		const credentials = { ...TEST_CREDENTIALS, zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, subdomain: 'beta' } };
		const other = await runNode({ ...getTicket(2, 0), credentials });
		beta.done();
		expect(other.json).toEqual([ticket(2)]);
	});
});

describe('pacing arithmetic', () => {
	const now = 1_000_000;

	it("an answer's count leaves out the other requests still on their way", () => {
		const budget: RateBudget = { limit: 100 };
		for (let i = 0; i < 4; i++) takeSlot(budget, now);
		// Zendesk counted this answer's request, not the three others on their way.
		heardRemaining(budget, 10, now);
		expect(budget).toMatchObject({ remaining: 7, taken: 4, observedAt: now });
	});

	it('forgets a count heard more than a minute ago', () => {
		const budget: RateBudget = { limit: 700, remaining: 0, resetAt: now + 30_000, observedAt: now };
		expect(takeSlot(budget, now + 61_000)).toBe(0);
		expect(budget.remaining).toBeUndefined();
	});

	it('jitter only lengthens a wait, by at most a tenth and 250 ms (1,000 draws)', () => {
		const short = Array.from({ length: 1000 }, () => jittered(1_000));
		const long = Array.from({ length: 1000 }, () => jittered(6_000));
		expect(Math.min(...short)).toBeGreaterThanOrEqual(1_000);
		expect(Math.max(...short)).toBeLessThanOrEqual(1_100);
		expect(Math.min(...long)).toBeGreaterThanOrEqual(6_000);
		expect(Math.max(...long)).toBeLessThanOrEqual(6_250);
		expect(jittered(0)).toBe(0);
	});

	it('a later, shorter 429 does not shorten the hold', () => {
		const budget: RateBudget = {};
		holdFor(budget, 30_000, now);
		holdFor(budget, 5_000, now + 1_000);
		expect(budget.holdUntil).toBe(now + 30_000);
		expect(takeSlot(budget, now + 10_000)).toBe(20_000);
	});
});

describe("Zendesk's job limit, shared", () => {
	it('serves the runs waiting for job slots in turn, never more than 30 at once', async () => {
		const jobs: JobSlots = { running: 0, waiting: [] };
		expect(await takeJobSlots(jobs, 25)).toBe(25);
		expect(await takeJobSlots(jobs, 10)).toBe(5);
		const order: string[] = [];
		const second = takeJobSlots(jobs, 10).then((n) => order.push(`second ${n}`));
		const third = takeJobSlots(jobs, 10).then((n) => order.push(`third ${n}`));
		await Promise.resolve();
		expect(order).toEqual([]);
		releaseJobSlots(jobs, 25);
		await Promise.all([second, third]);
		expect(order).toEqual(['second 10', 'third 10']);
		expect(jobs.running).toBe(25);
	});

	it('a run in line starts once the slots it wants are free, not with each single slot as jobs end one by one', async () => {
		const jobs: JobSlots = { running: 0, waiting: [] };
		expect(await takeJobSlots(jobs, 30)).toBe(30);
		const granted: number[] = [];
		const waiting = takeJobSlots(jobs, 10).then((n) => granted.push(n));
		for (let ended = 1; ended <= 9; ended++) releaseJobSlots(jobs, 1);
		await Promise.resolve();
		expect(granted).toEqual([]);
		expect(jobs.running).toBe(21);
		releaseJobSlots(jobs, 1);
		await waiting;
		expect(granted).toEqual([10]);
		// Granted when woken: a run arriving now finds none free and gets in line.
		expect(jobs.running).toBe(30);
		const late = takeJobSlots(jobs, 1);
		expect(jobs.waiting.map((w) => w.wanted)).toEqual([1]);
		releaseJobSlots(jobs, 1);
		expect(await late).toBe(1);
	});

	describe('against the emulator', () => {
		let emu: Emulator;
		beforeAll(async () => {
			nock.enableNetConnect('127.0.0.1');
			// Jobs stay queued long enough for two runs' waves to overlap.
			emu = await createEmulator({ port: 0, seed: { tickets: 3900 }, jobDelayMs: 3000 });
		});
		afterAll(async () => emu.close());

		it('two bulk runs at once keep their 32 jobs under the limit of 30: no job refused, every item updated', async () => {
			const credentials = {
				zendeskTicketApi: { subdomain: 'acme', email: 'admin@acme.test', apiToken: 'emulator-api-token', baseUrlOverride: emu.url },
			};
			const open = [...emu.state.tickets.values()].filter((t) => t.status !== 'closed').map((t) => Number(t.id));
			const halves = [open.slice(0, 1600), open.slice(1600, 3200)];
			const update = { operation: 'update', ticketId: '={{ $json.id }}', updateFields: { priority: 'low' }, bulkOutput: 'idAndStatus' };
			const runs = await Promise.all(
				halves.map((ids, k) => runNode({ executionId: `fleet-${k}`, parameters: update, items: ids.map((id) => ({ id })), credentials })),
			);
			const updateMany = emu.requests.filter((r) => r.method === 'PUT' && r.path === '/api/v2/tickets/update_many');
			expect(updateMany).toHaveLength(32);
			expect(emu.requests.filter((r) => r.status === 429)).toEqual([]);
			expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
			expect(runs.map((r) => r.json.filter((j) => j.error === undefined).length)).toEqual([1600, 1600]);
			expect(halves.flat().filter((id) => emu.state.tickets.get(id)?.priority !== 'low')).toEqual([]);
		});
	});
});

describe("the process's per-ticket budgets", () => {
	it('are let go once nothing in their window is left to count', () => {
		const budgets: EndpointBudgets = new Map();
		const now = 1_000_000;
		for (let id = 1; id <= 501; id++) {
			const limits = endpointLimitsOf('PUT', `/tickets/${id}`);
			takeEndpointSlots(budgets, limits, now);
			releaseSlot(endpointBudgetsOf(budgets, limits)[1]);
			releaseSlot(endpointBudgetsOf(budgets, limits)[0]);
		}
		expect(budgets.size).toBe(502);
		// Long after the last send (Update Ticket's 100 a minute spread them over 5 minutes), all are out of their windows.
		takeEndpointSlots(budgets, endpointLimitsOf('PUT', '/tickets/502'), now + 1_000_000);
		expect([...budgets.keys()].sort()).toEqual(['updateTicket', 'updateTicketPerTicket:502']);
	});
});
