import type { HttpFailure } from './failure';

/*
 * What the request core tells the builder about the ways a request can end
 * without an answer to show: a redirect, a rate limit, a broken connection.
 */

/** Said when a request that could do its work twice was not repeated. */
export const MAY_HAVE_TAKEN_EFFECT =
	'Zendesk may have carried out this request before the connection broke. It was not sent again, so that nothing is done twice: check in Zendesk before running the item again.';

/** How long the run waited, and the limits it waited for: the account is often shared with other workflows. */
function waitBudget(waitedMs: number, budgetMs: number, limits: string): string {
	return `this run already waited ${Math.round(waitedMs / 1000)} of the ${Math.round(budgetMs / 1000)} seconds allowed by "Max Rate Limit Wait"; ${limits}`;
}

/** A 429 whose wait would pass the run's budget. */
export function rateLimitNote(askedSeconds: string, waitedMs: number, budgetMs: number, limits: string): string {
	return `Zendesk asked to wait ${askedSeconds} seconds (Retry-After); ${waitBudget(waitedMs, budgetMs, limits)}`;
}

/** Pacing that would pass the run's budget. */
export function pacingNote(delayMs: number, waitedMs: number, budgetMs: number, limits: string): string {
	return `Zendesk's rate limit is nearly used up and its window resets in ${Math.ceil(delayMs / 1000)} seconds; ${waitBudget(waitedMs, budgetMs, limits)}`;
}

export function rateLimitStormNote(attempts: number): string {
	return `Zendesk answered ${attempts} attempts in a row with a rate limit; the node stopped trying`;
}

/** Redirects are never followed: n8n would hand the credential to whatever host they name. */
export function redirectNote(failure: HttpFailure, requestUrl: string, baseUrl: string): { message: string; description: string } {
	let target = 'an unknown host';
	try {
		target = new URL(failure.headers.location ?? '', requestUrl).host || target;
	} catch {
		// an unreadable Location stays "an unknown host"
	}
	return {
		message: `Zendesk answered with a redirect (${failure.status}) to ${target}, which the node does not follow`,
		description: `Credentials are only ever sent to ${baseUrl}. A redirect usually means a wrong subdomain or an account that moved: check the credential's Subdomain.`,
	};
}
