import { mapLimit, observeRateHeaders, pacingDelay, parallelism } from '../../../common/client/pacing';
import type { RateBudget } from '../../../common/client/pacing';

describe('rate-limit pacing', () => {
	const now = 1_000_000;

	it('reads Zendesk account and list-endpoint headers', () => {
		const budget: RateBudget = {};
		observeRateHeaders(budget, { 'x-rate-limit': '700', 'x-rate-limit-remaining': '650' }, now);
		expect(budget).toEqual({ limit: 700, remaining: 650, observedAt: now });
		observeRateHeaders(budget, { 'ratelimit-limit': '700', 'ratelimit-remaining': '12', 'ratelimit-reset': '41' }, now);
		expect(budget).toEqual({ limit: 700, remaining: 12, resetAt: now + 41_000, observedAt: now });
	});

	it('does not hold requests while plenty is left', () => {
		expect(pacingDelay({}, now)).toBe(0);
		expect(pacingDelay({ limit: 700, remaining: 100 }, now)).toBe(0);
	});

	it('waits for the window to reset when the budget is nearly spent', () => {
		expect(pacingDelay({ limit: 700, remaining: 14, resetAt: now + 20_000 }, now)).toBe(20_000);
		expect(pacingDelay({ limit: 700, remaining: 0, resetAt: now + 90_000 }, now)).toBe(60_000);
	});

	it('spreads requests over the minute when Zendesk gave no reset time', () => {
		expect(pacingDelay({ limit: 700, remaining: 5 }, now)).toBe(Math.ceil(60_000 / 700));
		expect(pacingDelay({ limit: 700, remaining: 5, resetAt: now - 1 }, now)).toBe(Math.ceil(60_000 / 700));
	});

	it('sends a few requests at once only with budget to spare', () => {
		expect(parallelism({})).toBe(3);
		expect(parallelism({ limit: 700, remaining: 500 })).toBe(3);
		expect(parallelism({ limit: 700, remaining: 40 })).toBe(1);
	});

	it('mapLimit keeps results in input order and respects the limit', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapLimit(
			[5, 1, 3, 2, 4],
			() => 2,
			async (value) => {
				running++;
				peak = Math.max(peak, running);
				await new Promise((resolve) => setImmediate(resolve));
				running--;
				return value * 10;
			},
		);
		expect(results).toEqual([50, 10, 30, 20, 40]);
		expect(peak).toBe(2);
	});
});
