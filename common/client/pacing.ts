/** What Zendesk's rate-limit headers last said. */
export interface RateBudget {
	limit?: number;
	remaining?: number;
	/** When the window resets, in ms since the epoch, if Zendesk said. */
	resetAt?: number;
}

function numberHeader(headers: Record<string, string>, ...names: string[]): number | undefined {
	for (const name of names) {
		const value = Number(headers[name]);
		if (headers[name] !== undefined && Number.isFinite(value)) return value;
	}
	return undefined;
}

/** Reads X-Rate-Limit / X-Rate-Limit-Remaining and, on list endpoints, ratelimit-remaining / ratelimit-reset. */
export function observeRateHeaders(budget: RateBudget, headers: Record<string, string>, now = Date.now()): void {
	const limit = numberHeader(headers, 'x-rate-limit', 'ratelimit-limit');
	const remaining = numberHeader(headers, 'x-rate-limit-remaining', 'ratelimit-remaining');
	const reset = numberHeader(headers, 'ratelimit-reset');
	if (limit !== undefined) budget.limit = limit;
	if (remaining !== undefined) budget.remaining = remaining;
	if (reset !== undefined) budget.resetAt = now + reset * 1000;
}

/** Requests kept in reserve for other workflows sharing the account's limit. */
function reserve(budget: RateBudget): number {
	return Math.max(3, Math.ceil((budget.limit ?? 200) * 0.02));
}

/**
 * How long to hold the next request so that the account's per-minute limit
 * is never reached on purpose: nothing while plenty is left; near the end of
 * the budget, until the window resets or, without a reset time, one
 * request's share of a minute.
 */
export function pacingDelay(budget: RateBudget, now = Date.now()): number {
	if (budget.remaining === undefined || budget.remaining > reserve(budget)) return 0;
	if (budget.resetAt !== undefined && budget.resetAt > now) return Math.min(budget.resetAt - now, 60_000);
	return Math.ceil(60_000 / Math.max(budget.limit ?? 200, 1));
}

/** How many independent requests may be in flight given what is left. */
export function parallelism(budget: RateBudget, wanted = 3): number {
	if (budget.remaining === undefined) return wanted;
	return budget.remaining > reserve(budget) * 4 ? wanted : 1;
}

/**
 * Takes the next request's slot from the budget and says how long to hold it
 * first. The slot is counted down here, so that requests started together do
 * not all wait on the same last one.
 */
export function takeSlot(budget: RateBudget, now = Date.now()): number {
	const delay = pacingDelay(budget, now);
	if (budget.remaining !== undefined) budget.remaining = Math.max(budget.remaining - 1, 0);
	return delay;
}

/**
 * Runs `work` over `values` with at most `limit()` calls in flight, keeping
 * results in order. The limit is asked again before each call, so the
 * concurrency falls as soon as the rate budget does.
 */
export async function mapLimit<T, R>(values: T[], limit: () => number, work: (value: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(values.length);
	let next = 0;
	const worker = async (slot: number) => {
		// Worker 0 always goes on, so the work finishes even at a limit of 1.
		while (next < values.length && (slot === 0 || slot < limit())) {
			const index = next++;
			results[index] = await work(values[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit(), values.length)) }, (_, slot) => worker(slot)));
	return results;
}
