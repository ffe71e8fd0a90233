import type { IDataObject } from 'n8n-workflow';

import type { ZendeskCredential } from '../authentication';
import type { AccountPacing } from './account';
import { accountPacing } from './account';
import type { ClientContext, ZendeskConnection } from './connection';
import type { EndpointBudgets } from './endpointPacing';
import type { HttpFailure } from './failure';
import type { RateBudget } from './pacing';
import { getConnection } from './connection';

/** Limits a builder can set under "Request Options". */
export interface RequestPolicy {
	/** Total time one node run may spend waiting for Zendesk's rate limit. */
	maxRateLimitWaitMs: number;
	timeoutMs: number;
	/** Largest attachment the run downloads ("Max Attachment Size", Get only). */
	maxAttachmentBytes: number;
}

export const DEFAULT_POLICY: RequestPolicy = {
	maxRateLimitWaitMs: 300_000,
	timeoutMs: 120_000,
	maxAttachmentBytes: 100 * 1024 * 1024,
};

/** The limits the "Request Options" values set (seconds and megabytes); a value missing or out of range keeps its default. */
export function requestPolicyOf(options: IDataObject = {}): RequestPolicy {
	const seconds = (value: unknown, fallbackMs: number) => (typeof value === 'number' && value >= 0 ? value * 1000 : fallbackMs);
	return {
		maxRateLimitWaitMs: seconds(options.maxRateLimitWait, DEFAULT_POLICY.maxRateLimitWaitMs),
		timeoutMs: seconds(options.timeout, DEFAULT_POLICY.timeoutMs) || DEFAULT_POLICY.timeoutMs,
		maxAttachmentBytes:
			typeof options.maxAttachmentSize === 'number' && options.maxAttachmentSize > 0
				? Math.floor(options.maxAttachmentSize * 1024 * 1024)
				: DEFAULT_POLICY.maxAttachmentBytes,
	};
}

/** What one client (one node run, one poll, one webhook call) shares between its requests. */
export interface Session {
	connection: ZendeskConnection;
	policy: RequestPolicy;
	rateLimitWaitedMs: number;
	/** The account's, shared by every run of the process on it (account.ts), so that they pace themselves together. */
	budget: RateBudget;
	/** Per-endpoint budgets (Update Ticket, search export, …), each apart from the account's and the others; shared as `budget` is. */
	endpointBudgets: EndpointBudgets;
	/** The account's pacing in this process: the two budgets above, and its bulk job slots. */
	account: AccountPacing;
	/**
	 * The wait for another process to store the token it refreshed (rotation.ts): shared by the
	 * requests refused together, and once it found nothing, not waited again in this run.
	 */
	rotationWait?: Promise<boolean>;
	/** A refresh was refused and nobody rotated the token: the run's later requests fail with this at once. */
	refusedRefresh?: HttpFailure;
}

/** Reads the credential (once per client: it cannot change mid-run, and decrypting it is not free). */
export async function openSession(ctx: ClientContext, credential: ZendeskCredential, policy: RequestPolicy): Promise<Session> {
	const connection = await getConnection(ctx, credential);
	const account = accountPacing(connection.baseUrl);
	return { connection, policy, rateLimitWaitedMs: 0, budget: account.budget, endpointBudgets: account.endpointBudgets, account };
}
