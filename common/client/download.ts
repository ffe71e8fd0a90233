import type { IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from './apiError';
import { redactSecrets } from './redact';
import { discard, errorBody, isStream, readBody, untilAborted, withDeadline } from './body';
import type { ClientContext } from './connection';
import { currentSecrets } from './connection';
import type { HttpFailure } from './failure';
import { isRefusedRefresh, refreshMayHelp, rotatedElsewhere } from './rotation';
import { lowerCaseHeaders, toHttpFailure } from './failure';
import type { Session } from './session';
import type { DownloadableFile, Server } from './attachmentHosts';
import { hostOf, serverOf, sizeText } from './attachmentHosts';

const MAX_REDIRECTS = 3;
/** `size` is metadata: allow the bytes to differ a little from it. */
const SIZE_SLACK_BYTES = 64 * 1024;

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * One attachment download; n8n follows no redirect, each hop is checked first. The account's
 * origin gets the credential (secure downloads need it); Zendesk's attachment host
 * (https://*.zdusercontent.com) takes the token in the URL and gets none; any other target is
 * refused before anything is sent to it. At most 3 redirects. The run's Timeout covers the whole
 * download; the body is cut off past the file's `size` (plus slack) or Max Attachment Size.
 */
class AttachmentDownload {
	private readonly fileName: string;

	private readonly context: string;

	private readonly base: URL;

	private readonly timed: ReturnType<typeof withDeadline<ClientContext>>;

	private readonly startedAt = Date.now();

	/** What to redact: the run's secrets, and tokens refreshed since (see learnSecrets). */
	private secrets: string[];

	constructor(
		private readonly ctx: ClientContext,
		private readonly session: Session,
		private readonly file: DownloadableFile,
		private readonly itemIndex: number,
	) {
		this.secrets = session.connection.secrets;
		this.fileName = String(file.file_name ?? file.id);
		this.context = `Downloading attachment "${this.fileName}"`;
		this.base = new URL(session.connection.baseUrl);
		this.timed = withDeadline(ctx, session.policy.timeoutMs);
	}

	private refuse(message: string, description: string): NodeOperationError {
		const { secrets } = this;
		return new NodeOperationError(this.ctx.getNode(), redactSecrets(message, secrets), {
			itemIndex: this.itemIndex,
			description: redactSecrets(description, secrets),
		});
	}

	/** Tokens an OAuth2 refresh obtained during the download are redacted too. */
	private async learnSecrets(): Promise<void> {
		this.secrets = [...new Set([...this.secrets, ...(await currentSecrets(this.ctx, this.session.connection.credential))])];
	}

	private overMax(size: string, description: string): NodeOperationError {
		const max = sizeText(this.session.policy.maxAttachmentBytes);
		const message = `Attachment "${this.fileName}"${size} is larger than Max Attachment Size (${max}); raise Max Attachment Size under Request Options, or turn off Download Attachments`;
		return this.refuse(message, description);
	}

	private async failed(failure: HttpFailure, explained?: { message: string; description?: string }) {
		await this.learnSecrets();
		const { secrets } = this;
		const { credential } = this.session.connection;
		return apiError(this.ctx.getNode(), failure, { itemIndex: this.itemIndex, secrets, context: this.context, explained, credential });
	}

	private async timedOut() {
		const seconds = this.session.policy.timeoutMs / 1000;
		return await this.failed(
			{ headers: {}, body: undefined, code: 'ETIMEDOUT' },
			{
				message: `not finished within the Timeout of ${seconds} s`,
				description: 'Raise "Timeout" under Request Options for large attachments or slow networks.',
			},
		);
	}

	/** The largest body accepted: the listed size plus slack, or Max Attachment Size. */
	private cap(): number {
		const max = this.session.policy.maxAttachmentBytes;
		const listed = typeof this.file.size === 'number' && this.file.size >= 0 ? this.file.size : undefined;
		if (listed !== undefined && listed > max) {
			throw this.overMax(` (${sizeText(listed)})`, 'Zendesk lists the file at this size. Nothing was downloaded.');
		}
		return Math.min(max, listed !== undefined ? listed + SIZE_SLACK_BYTES : Infinity);
	}

	private firstTarget(): { target: URL; server: Server } {
		let target: URL;
		try {
			target = new URL(String(this.file.content_url));
		} catch {
			throw this.refuse(
				`${this.context}: Zendesk gave no valid download URL`,
				'The attachment has no usable content_url. Nothing was downloaded.',
			);
		}
		const server = serverOf(target, this.base);
		if (server) return { target, server };
		throw this.refuse(
			`${this.context}: attachment host ${hostOf(target)} is not a Zendesk host`,
			`Attachments are only downloaded from ${this.base.origin} and https://*.zdusercontent.com, so that no credential or request goes elsewhere. Nothing was sent to ${target.host}.`,
		);
	}

	/** One hop: only the account gets the credential; redirects and errors come back as answers to inspect. */
	private async fetch(target: URL, server: Server): Promise<FullResponse> {
		const answer = await this.fetchOnce(target, server, true);
		if (server !== 'account' || !refreshMayHelp(answer.statusCode, this.session.connection)) return answer;
		discard(answer.body);
		return await this.fetchOnce(target, server, false);
	}

	private async fetchOnce(target: URL, server: Server, answerErrors: boolean, afterRotation = false): Promise<FullResponse> {
		const { signal } = this.timed;
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: target.href,
			encoding: 'stream',
			json: false,
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: answerErrors,
			returnFullResponse: true,
			timeout: Math.max(1, this.session.policy.timeoutMs - (Date.now() - this.startedAt)),
			abortSignal: signal,
		};
		const credentialType = this.session.connection.credential.type;
		const helpers = this.ctx.helpers;
		const pending = (
			server === 'account'
				? helpers.httpRequestWithAuthentication.call(this.timed.ctx, credentialType, options)
				: helpers.httpRequest(options)
		) as Promise<FullResponse>;
		try {
			return await untilAborted(pending, signal);
		} catch (error) {
			if (signal.aborted) {
				// Should the answer still come, nobody reads it.
				pending.then(
					(late) => discard(late?.body),
					() => undefined,
				);
				if (this.timed.deadline.aborted) throw await this.timedOut();
			}
			// Another process refreshed the shared credential first: once more, with the token it stored.
			const refused = isRefusedRefresh(error);
			if (refused && !afterRotation && (await rotatedElsewhere(this.ctx, this.session))) {
				return await this.fetchOnce(target, server, answerErrors, true);
			}
			const failure = { ...toHttpFailure(error), refreshRefused: refused };
			// In throwing mode a redirect or an error answer is still an answer.
			if (!answerErrors && !refused && failure.status !== undefined) {
				return { statusCode: failure.status, headers: failure.headers, body: failure.body };
			}
			discard(failure.body);
			throw await this.failed({ ...failure, body: isStream(failure.body) ? undefined : failure.body });
		}
	}

	/** Where a redirect leads, checked before anything is sent there. */
	private redirect(target: URL, location: string, redirects: number): { target: URL; server: Server } {
		let next: URL;
		try {
			next = new URL(location, target);
		} catch {
			throw this.refuse(`${this.context}: redirected to an invalid URL`, 'Nothing was downloaded.');
		}
		if (redirects >= MAX_REDIRECTS) {
			throw this.refuse(
				`${this.context}: more than ${MAX_REDIRECTS} redirects (the last to ${hostOf(next)})`,
				'The download was stopped; the attachment URL keeps redirecting.',
			);
		}
		const server = serverOf(next, this.base);
		if (server) return { target: next, server };
		throw this.refuse(
			`${this.context}: ${hostOf(target)} redirected to ${hostOf(next)}, which is not a Zendesk host`,
			`Redirects are only followed to ${this.base.origin} and https://*.zdusercontent.com, so that no credential or request goes elsewhere. Nothing was sent to ${next.host}.`,
		);
	}

	/** The file's bytes, up to the cap; past it the request itself is ended. */
	private async body(response: FullResponse, cap: number): Promise<Buffer> {
		try {
			const { data, complete } = await readBody(response.body, cap, this.timed.signal);
			if (complete) return data;
		} catch (error) {
			if (this.timed.deadline.aborted) throw await this.timedOut();
			throw await this.failed(toHttpFailure(error));
		}
		this.timed.stop();
		if (cap < this.session.policy.maxAttachmentBytes) {
			throw this.refuse(
				`Attachment "${this.fileName}" is larger than its size in Zendesk (${sizeText(this.file.size ?? 0)}); the download was stopped`,
				`The answer went on past the size Zendesk lists for the file, and was not read to the end. Try again later; if it keeps happening, the file in Zendesk may be damaged.`,
			);
		}
		throw this.overMax('', `The download was stopped after ${sizeText(cap)}; the rest was not read.`);
	}

	async run(): Promise<Buffer> {
		// A token refreshed by an earlier request of the run may be echoed in the file's name.
		await this.learnSecrets();
		const cap = this.cap();
		let { target, server } = this.firstTarget();
		for (let redirects = 0; ; redirects++) {
			const response = await this.fetch(target, server);
			await this.learnSecrets();
			const status = Number(response.statusCode);
			const headers = lowerCaseHeaders(response.headers);
			if (status >= 300 && status < 400 && headers.location) {
				discard(response.body);
				({ target, server } = this.redirect(target, headers.location, redirects));
				continue;
			}
			if (status >= 200 && status < 300) return await this.body(response, cap);
			const body = await errorBody(response.body, this.timed.signal);
			throw await this.failed({ status, headers, body });
		}
	}
}

/** Downloads one comment attachment (see AttachmentDownload). */
export async function download(ctx: ClientContext, session: Session, file: DownloadableFile, itemIndex: number): Promise<Buffer> {
	return await new AttachmentDownload(ctx, session, file, itemIndex).run();
}
