import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { ZendeskCredential } from '../authentication';
import { credentialOf } from '../authentication';
import { releaseJobSlots, takeJobSlots } from './account';
import type { DownloadableFile } from './attachmentHosts';
import type { ClientContext } from './connection';
import { download } from './download';
import { parallelism } from './pacing';
import { redactFileNames, redactKnownSecrets, redactSecrets } from './redact';
import type { ZendeskRequest } from './request';
import { secretsNow, send } from './request';
import type { RequestPolicy, Session } from './session';
import { DEFAULT_POLICY, openSession, requestPolicyOf } from './session';

/** What a client needs from its caller: the client reads no node parameter. */
export interface ClientPolicy {
	/** The credential the node's Authentication parameter chose. */
	credential: ZendeskCredential;
	/** The limits under Request Options; the defaults where the node has none. */
	limits?: RequestPolicy;
}

/** The policy a node's Authentication value and Request Options values say. */
export function nodePolicy(authentication: unknown, requestOptions?: IDataObject): ClientPolicy {
	return { credential: credentialOf(authentication), limits: requestPolicyOf(requestOptions) };
}

/**
 * The single way the package talks to Zendesk. One client serves one node
 * run (or one poll, one webhook call): its requests share the credential,
 * read once, and one pacing and rate-limit wait.
 */
export class ZendeskClient {
	private session?: Promise<Session>;

	constructor(
		private readonly ctx: ClientContext,
		private readonly policy: ClientPolicy,
	) {}

	get node(): INode {
		return this.ctx.getNode();
	}

	private opened(): Promise<Session> {
		if (!this.session) {
			this.session = openSession(this.ctx, this.policy.credential, this.policy.limits ?? DEFAULT_POLICY);
			// A credential that could not be read is read again by the next request.
			this.session.catch(() => (this.session = undefined));
		}
		return this.session;
	}

	/** The secrets to redact; none when the credential was never read, so nothing was sent. */
	private async secretsIfSent(): Promise<string[] | undefined> {
		const session = await this.session?.catch(() => undefined);
		return session && (await secretsNow(this.ctx, session));
	}

	async request(request: ZendeskRequest): Promise<IDataObject> {
		return await send(this.ctx, await this.opened(), request);
	}

	/** Downloads one comment attachment, from the account or Zendesk's attachment host only. */
	async download(file: DownloadableFile, itemIndex: number): Promise<Buffer> {
		return await download(this.ctx, await this.opened(), file, itemIndex);
	}

	/** The account's address, e.g. https://acme.zendesk.com (links to the agent interface). */
	async baseUrl(): Promise<string> {
		return (await this.opened()).connection.baseUrl;
	}

	/** The Timeout, and the time the run has waited for the rate limit so far: what is left of a request's time is its own. */
	async timing(): Promise<{ timeoutMs: number; rateLimitWaitedMs: () => number }> {
		const session = await this.opened();
		return { timeoutMs: session.policy.timeoutMs, rateLimitWaitedMs: () => session.rateLimitWaitedMs };
	}

	/** How many independent requests the run may have in flight right now (a few, fewer when the budget runs low). */
	async parallelism(): Promise<() => number> {
		const session = await this.opened();
		return () => parallelism(session.budget);
	}

	/**
	 * Up to `wanted` of the account's bulk job slots, once they are free: every run of the process
	 * on the account shares Zendesk's limit of jobs at once. `release(1)` as each job ends, so that
	 * its slot is handed on at once; `release()` gives back all still held.
	 */
	async jobSlots(wanted: number): Promise<{ granted: number; release: (count?: number) => void }> {
		const { jobs } = (await this.opened()).account;
		const granted = await takeJobSlots(jobs, wanted);
		let held = granted;
		const release = (count = held) => {
			const given = Math.min(count, held);
			held -= given;
			if (given > 0) releaseJobSlots(jobs, given);
		};
		return { granted, release };
	}

	/** Redacts every form of the run's secrets from text that Zendesk sent, for messages and outputs. */
	async redactor(): Promise<(text: string) => string> {
		const secrets = await secretsNow(this.ctx, await this.opened());
		return (text) => redactSecrets(text, secrets);
	}

	/**
	 * What Zendesk sent, without the run's secrets in any form: for what the
	 * editor shows (dropdowns, lists, field inputs). A client that never read
	 * its credential sent nothing, so it has nothing to redact.
	 */
	async redactAnswer<T>(value: T): Promise<T> {
		const secrets = await this.secretsIfSent();
		return secrets ? redactKnownSecrets(value, secrets) : value;
	}

	/** Outputs carry what Zendesk sent: a server that echoed a secret into a ticket must not pass it on. */
	async redactOutputs(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const secrets = await this.secretsIfSent();
		if (!secrets) return items;
		return items.map((item) => {
			const json = redactKnownSecrets(item.json, secrets);
			const binary = item.binary && redactFileNames(item.binary, secrets);
			return json === item.json && binary === item.binary ? item : { ...item, json, ...(binary ? { binary } : {}) };
		});
	}
}

/** Opens a client for one run of a node (see ZendeskClient); nothing is read or sent until its first request. */
export function openClient(ctx: ClientContext, policy: ClientPolicy): ZendeskClient {
	return new ZendeskClient(ctx, policy);
}
