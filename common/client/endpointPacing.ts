import type { EndpointLimitRef } from './endpointLimits';
import { endpointHeadersFor } from './endpointLimits';
import { ENDPOINT_LIMITS } from '../zendeskFacts';
import type { RateBudget } from './pacing';
import { heardRemaining, heldFor, pacingDelay } from './pacing';

/**
 * One per-endpoint budget. While Zendesk has sent no header for it, the node
 * counts its own requests against the documented limit; once a header came,
 * the header's count rules, as it also sees other clients of the account.
 */
export interface EndpointBudget extends RateBudget {
	/** When this run's requests under the limit went out (or will, after their wait). */
	sent: number[];
	fromHeaders: boolean;
}

/** Every per-endpoint budget of an account, by the limit's key, apart from each other and from the account's. */
export type EndpointBudgets = Map<string, EndpointBudget>;

function budgetOf(budgets: EndpointBudgets, key: string): EndpointBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = { sent: [], fromHeaders: false };
		budgets.set(key, budget);
	}
	return budget;
}

function delayOf(budget: EndpointBudget, limit: EndpointLimitRef, now: number): number {
	if (budget.fromHeaders) {
		// A window that has reset gives the whole budget again.
		if (budget.resetAt !== undefined && budget.resetAt <= now && budget.limit !== undefined) {
			budget.remaining = budget.limit;
			budget.resetAt = undefined;
		}
		return pacingDelay(budget, now);
	}
	const { requests, windowMs } = ENDPOINT_LIMITS[limit.name];
	const held = heldFor(budget, now);
	if (requests === undefined || windowMs === undefined) return held;
	return Math.max(held, budget.sent.length >= requests ? budget.sent[budget.sent.length - requests] + windowMs - now : 0);
}

/** Sends older than the limit's window count for nothing any more. */
function trim(budget: EndpointBudget, name: EndpointLimitRef['name'], now: number): void {
	const windowMs = ENDPOINT_LIMITS[name].windowMs ?? 60_000;
	while (budget.sent.length && budget.sent[0] <= now - windowMs) budget.sent.shift();
}

/** Budgets are the process's (per ticket, for Update Ticket's): those with nothing left to count are let go. */
const PRUNE_ABOVE = 500;
function prune(budgets: EndpointBudgets, now: number): void {
	for (const [key, budget] of budgets) {
		trim(budget, key.split(':')[0] as EndpointLimitRef['name'], now);
		if (!budget.sent.length && !budget.taken && heldFor(budget, now) === 0) budgets.delete(key);
	}
}

/**
 * Takes a request's slot in each per-endpoint budget it counts against and
 * says how long to hold it first: the longest of their waits.
 */
export function takeEndpointSlots(budgets: EndpointBudgets, limits: EndpointLimitRef[], now = Date.now()): number {
	if (budgets.size > PRUNE_ABOVE) prune(budgets, now);
	const entries = limits.map((limit) => [limit, budgetOf(budgets, limit.key)] as const);
	for (const [limit, budget] of entries) trim(budget, limit.name, now);
	const delay = Math.max(0, ...entries.map(([limit, budget]) => delayOf(budget, limit, now)));
	for (const [, budget] of entries) {
		budget.sent.push(now + delay);
		if (budget.remaining !== undefined) budget.remaining = Math.max(budget.remaining - 1, 0);
		budget.taken = (budget.taken ?? 0) + 1;
	}
	return delay;
}

/** The budgets of `limits`, for the request core to release its slots in and hold a 429 on. */
export function endpointBudgetsOf(budgets: EndpointBudgets, limits: EndpointLimitRef[]): EndpointBudget[] {
	return limits.map((limit) => budgetOf(budgets, limit.key));
}

/** Reads the per-endpoint headers (`zendesk-ratelimit-<name>: total=…; remaining=…; resets=…`) of an answer. */
export function observeEndpointHeaders(
	budgets: EndpointBudgets,
	limits: EndpointLimitRef[],
	headers: Record<string, string>,
	now = Date.now(),
): void {
	for (const [limit, said] of endpointHeadersFor(limits, headers)) {
		const budget = budgetOf(budgets, limit.key);
		if (said.total !== undefined) budget.limit = said.total;
		if (said.remaining !== undefined) heardRemaining(budget, said.remaining, now);
		if (said.resets !== undefined) budget.resetAt = now + said.resets * 1000;
		budget.fromHeaders = budget.fromHeaders || said.remaining !== undefined;
	}
}
