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

/** Bulk jobs of the account running now from this process, and the runs waiting for slots (how many each wants). */
export interface JobSlots {
	running: number;
	waiting: Array<{ wanted: number; wake: (granted: number) => void }>;
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

const free = (jobs: JobSlots) => MAX_CONCURRENT_JOBS - jobs.running;

function grant(jobs: JobSlots, wanted: number): number {
	const granted = Math.min(wanted, free(jobs));
	jobs.running += granted;
	return granted;
}

/**
 * Serves the runs in line, each once the slots it wants are free (or all
 * are), granting them at once so that no later run takes them first. Jobs end
 * one by one: a run woken for each single slot would send its batches in waves
 * of one, each wave a status poll more on the account's budget.
 */
function wakeWaiting(jobs: JobSlots): void {
	for (let next = jobs.waiting[0]; next && free(jobs) >= Math.min(next.wanted, MAX_CONCURRENT_JOBS); next = jobs.waiting[0]) {
		jobs.waiting.shift();
		next.wake(grant(jobs, next.wanted));
	}
}

/**
 * Takes up to `wanted` of the account's job slots: what is free now if no run
 * is in line, else in turn once they are free, so that the process's runs
 * together stay under Zendesk's limit of jobs running at once.
 */
export async function takeJobSlots(jobs: JobSlots, wanted: number): Promise<number> {
	if (free(jobs) > 0 && !jobs.waiting.length) return grant(jobs, Math.max(1, wanted));
	return await new Promise<number>((wake) => jobs.waiting.push({ wanted: Math.max(1, wanted), wake }));
}

/** Gives back job slots whose jobs ended (one by one, as each is seen done), and serves the runs waiting for them. */
export function releaseJobSlots(jobs: JobSlots, count: number): void {
	jobs.running = Math.max(0, jobs.running - count);
	wakeWaiting(jobs);
}
