import { ENDPOINT_LIMITS } from '../zendeskFacts';
import type { EndpointLimitRef } from './endpointLimits';
import { endpointHeadersFor } from './endpointLimits';
import { endpointBudgetsOf, takeEndpointSlots } from './endpointPacing';
import { holdFor, releaseSlot, takeSlot } from './pacing';
import type { Session } from './session';

/*
 * A request's slots in the account's budget and in its endpoints' budgets,
 * all shared by the runs of this process on the account (account.ts).
 */

/** Takes the request's slots and says how long to hold it first: the longest wait any of its budgets asks. */
export function takeSlots(session: Session, limits: EndpointLimitRef[]): number {
	return Math.max(takeSlot(session.budget), takeEndpointSlots(session.endpointBudgets, limits));
}

/** The request was answered, or never sent: Zendesk's counts include it from now on. */
export function releaseSlots(session: Session, limits: EndpointLimitRef[]): void {
	releaseSlot(session.budget);
	for (const budget of endpointBudgetsOf(session.endpointBudgets, limits)) releaseSlot(budget);
}

/**
 * After a 429, every run of the process holds the requests the limit covers
 * until Zendesk's wait is over, rather than each drawing its own 429: the
 * endpoint limits whose header says none is left, else the request's
 * headerless endpoint limits (Update Ticket per ticket), else the account.
 */
export function holdAfterRateLimit(session: Session, limits: EndpointLimitRef[], headers: Record<string, string>, waitMs: number): void {
	const spent = endpointHeadersFor(limits, headers)
		.filter(([, said]) => said.remaining === 0)
		.map(([limit]) => limit);
	const accountSpent = Number(headers['x-rate-limit-remaining'] ?? headers['ratelimit-remaining']) === 0;
	const headerless = limits.filter((limit) => ENDPOINT_LIMITS[limit.name].header === undefined);
	const held = spent.length ? spent : accountSpent ? [] : headerless;
	if (!held.length) holdFor(session.budget, waitMs);
	for (const budget of endpointBudgetsOf(session.endpointBudgets, held)) holdFor(budget, waitMs);
}

const perWindow = (requests: number, windowMs: number) =>
	windowMs === 60_000 ? `${requests} requests a minute` : `${requests} requests in ${Math.round(windowMs / 60_000)} minutes`;

/** The limits Zendesk reported for the request (or documents, per endpoint), for the error when the run stops waiting. */
export function limitsText(session: Session, limits: EndpointLimitRef[]): string {
	const parts: string[] = [];
	if (session.budget.limit !== undefined) parts.push(`the account allows ${perWindow(session.budget.limit, 60_000)}`);
	for (const [budget, limit] of endpointBudgetsOf(session.endpointBudgets, limits).map((b, i) => [b, limits[i]] as const)) {
		const { label, requests, windowMs } = ENDPOINT_LIMITS[limit.name];
		const total = budget.limit ?? requests;
		if (total !== undefined && windowMs !== undefined) parts.push(`${label} allows ${perWindow(total, windowMs)}`);
	}
	return parts.length ? parts.join(', ') : "Zendesk did not say the account's limit";
}
