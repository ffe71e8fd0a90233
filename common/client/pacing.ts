/** What Zendesk's rate-limit headers last said. */
export interface RateBudget {
	limit?: number;
	remaining?: number;
	/** When the window resets, in ms since the epoch, if Zendesk said. */
	resetAt?: number;
	/** Requests given a slot and not answered yet: Zendesk's count in an answer leaves out those it has not seen. */
	taken?: number;
	/** Until when a 429 asked every request under this budget to hold (ms since the epoch). */
	holdUntil?: number;
	/** When Zendesk last said what is left: a count older than a window says nothing of now. */
	observedAt?: number;
}

/** A count of what is left is Zendesk's for one window at most. */
const STALE_AFTER_MS = 60_000;

/**
 * What is left, from what Zendesk said: its count less the other requests
 * already on their way (the answer's own request is in Zendesk's count).
 * Answers of concurrent runs arrive out of order, so an older, higher count
 * must not hand back slots that are already taken.
 */
export function heardRemaining(budget: RateBudget, said: number, now: number): void {
	budget.remaining = Math.max(0, said - Math.max(0, (budget.taken ?? 1) - 1));
	budget.observedAt = now;
}

/** The request that took a slot was answered (or never sent): it is in Zendesk's counts from now on. */
export function releaseSlot(budget: RateBudget): void {
	budget.taken = Math.max(0, (budget.taken ?? 0) - 1);
}

/** Every request under the budget holds until a 429's wait is over; a later 429 only lengthens it. */
export function holdFor(budget: RateBudget, waitMs: number, now = Date.now()): void {
	budget.holdUntil = Math.max(budget.holdUntil ?? 0, now + waitMs);
}

/** What is left of a 429's hold. */
export function heldFor(budget: RateBudget, now = Date.now()): number {
	return Math.max(0, (budget.holdUntil ?? 0) - now);
}

/**
 * Jitter that only ever lengthens a wait (by up to a tenth, at most 250 ms),
 * so that runs held until the same moment do not all start again at once,
 * and none starts before Zendesk allows.
 */
export function jittered(ms: number): number {
	return ms <= 0 ? 0 : Math.ceil(ms + Math.random() * Math.min(ms * 0.1, 250));
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
	if (remaining !== undefined) heardRemaining(budget, remaining, now);
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
	const held = heldFor(budget, now);
	if (budget.remaining === undefined || budget.remaining > reserve(budget)) return held;
	if (budget.resetAt !== undefined && budget.resetAt > now) return Math.max(held, Math.min(budget.resetAt - now, 60_000));
	return Math.max(held, Math.ceil(60_000 / Math.max(budget.limit ?? 200, 1)));
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
	// Another run's count from long ago (this budget is the account's, shared by the process's runs).
	if (budget.observedAt !== undefined && now - budget.observedAt > STALE_AFTER_MS) budget.remaining = undefined;
	const delay = pacingDelay(budget, now);
	if (budget.remaining !== undefined) budget.remaining = Math.max(budget.remaining - 1, 0);
	budget.taken = (budget.taken ?? 0) + 1;
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
