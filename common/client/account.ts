import { MAX_CONCURRENT_JOBS } from '../zendeskFacts';
import type { EndpointBudgets } from './endpointPacing';
import type { RateBudget } from './pacing';

/*
 * What every run in this n8n process knows of one Zendesk account. Zendesk's
 * limits are the account's, not a run's: ten executions that each counted
 * only their own requests would each believe they had the whole budget. A
 * client is opened per run, so this lives at module level, by the account's
 * address. Other processes (queue-mode workers) are seen only through what
 * Zendesk's headers and 429s say: n8n gives a node no store shared between
 * workers.
 */

/** Bulk jobs of the account running now from this process, and the runs waiting for one. */
export interface JobSlots {
	running: number;
	waiting: Array<() => void>;
}

export interface AccountPacing {
	/** The account's per-minute limit (X-Rate-Limit…, ratelimit-…), and the hold after an account-wide 429. */
	budget: RateBudget;
	/** Per-endpoint limits (Update Ticket, search export, …), each with its own count and hold. */
	endpointBudgets: EndpointBudgets;
	jobs: JobSlots;
}

const accounts = new Map<string, AccountPacing>();

/** The shared pacing of the account at `baseUrl` (e.g. https://acme.zendesk.com). */
export function accountPacing(baseUrl: string): AccountPacing {
	let account = accounts.get(baseUrl);
	if (!account) {
		account = { budget: {}, endpointBudgets: new Map(), jobs: { running: 0, waiting: [] } };
		accounts.set(baseUrl, account);
	}
	return account;
}

/** Forgets every account's pacing: tests start each case with an account nobody has used. */
export function forgetAccounts(): void {
	accounts.clear();
}

/**
 * Takes up to `wanted` of the account's job slots, waiting until at least one
 * is free, so that the process's runs together stay under Zendesk's limit of
 * jobs running at once. Runs waiting are served in turn.
 */
export async function takeJobSlots(jobs: JobSlots, wanted: number): Promise<number> {
	while (jobs.running >= MAX_CONCURRENT_JOBS || jobs.waiting.length) {
		await new Promise<void>((resolve) => jobs.waiting.push(resolve));
		if (jobs.running < MAX_CONCURRENT_JOBS) break;
	}
	const granted = Math.max(1, Math.min(wanted, MAX_CONCURRENT_JOBS - jobs.running));
	jobs.running += granted;
	// Slots left over go to the next run in line.
	if (jobs.running < MAX_CONCURRENT_JOBS) jobs.waiting.shift()?.();
	return granted;
}

/** Gives back job slots whose jobs ended, and wakes the runs waiting for them. */
export function releaseJobSlots(jobs: JobSlots, count: number): void {
	jobs.running = Math.max(0, jobs.running - count);
	jobs.waiting.shift()?.();
}
