import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HttpFailure } from '../errors/apiError';
import { apiError, itemLabel, lowerCaseHeaders, redactSecrets, toHttpFailure } from '../errors/apiError';

import type { ZendeskFunctions } from '../transport/connection';
import { currentSecrets } from '../transport/connection';
import { zendeskApiRequest } from '../transport/request';
import { discard, isStream, readBody, untilAborted, withDeadline } from '../transport/body';
import { cursorList } from './pagination';
import { sessionFor } from '../transport/session';

/** Uploads one file; Zendesk answers with a token that a comment's `uploads` attaches. */
export async function uploadFile(
	this: ZendeskFunctions,
	file: { data: Buffer; fileName: string; mimeType: string },
	itemIndex: number,
): Promise<string> {
	const response = await zendeskApiRequest.call(this, {
		method: 'POST',
		endpoint: '/uploads',
		qs: { filename: file.fileName },
		binaryBody: { data: file.data, contentType: file.mimeType || 'application/octet-stream' },
		itemIndex,
		context: `Uploading "${file.fileName}"`,
	});
	return String((response.upload as IDataObject | undefined)?.token ?? '');
}

export interface CommentAttachment {
	id: number;
	file_name: string;
	content_type: string;
	content_url: string;
	size?: number;
}

/** Every attachment of every comment of a ticket, oldest first. */
export async function ticketAttachments(this: ZendeskFunctions, ticketId: number, itemIndex: number): Promise<CommentAttachment[]> {
	const comments = await cursorList.call(this, { endpoint: `/tickets/${ticketId}/comments`, property: 'comments', itemIndex });
	return comments.flatMap((c) => (c.attachments as CommentAttachment[] | undefined) ?? []);
}

const MAX_REDIRECTS = 3;
/** `size` is metadata: allow the bytes to differ a little from it. */
const SIZE_SLACK_BYTES = 64 * 1024;
/** How much of an error page is read for its message. */
const ERROR_BODY_BYTES = 64 * 1024;
const MIB = 1024 * 1024;

/** Who may serve an attachment: the account itself (with the credential) or Zendesk's attachment host (without). */
type Server = 'account' | 'attachmentHost';

function serverOf(target: URL, base: URL): Server | undefined {
	if (target.username || target.password) return undefined;
	// The base URL is https://{subdomain}.zendesk.com, or the loopback emulator over http.
	if (target.origin === base.origin) return 'account';
	if (target.protocol === 'https:' && target.port === '' && target.hostname.endsWith('.zdusercontent.com')) {
		return 'attachmentHost';
	}
	return undefined;
}

/** Where a URL points, without its path and query (they hold the download token). */
function hostOf(target: URL): string {
	return `${target.protocol}//${target.host}`;
}

function sizeText(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < MIB) return `${Math.round(bytes / 1024)} KB`;
	const mb = bytes / MIB;
	return `${Number(mb.toFixed(mb >= 10 ? 0 : 1))} MB`;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * Downloads one comment attachment.
 *
 * n8n never follows a redirect here: each hop is checked first. The account's
 * own origin gets the credential (secure downloads need it); Zendesk's
 * attachment host (https://*.zdusercontent.com) takes the token in the URL and
 * gets no credential; any other target is refused before anything is sent to
 * it. At most 3 redirects are followed. The run's Timeout covers the whole
 * download, body included, and the body is cut off past the attachment's
 * `size` (plus a little slack) or Max Attachment Size, whichever is smaller.
 */
export async function downloadAttachment(this: IExecuteFunctions, file: CommentAttachment, itemIndex: number): Promise<Buffer> {
	const session = await sessionFor(this);
	const { baseUrl, credentialType, secrets } = session.connection;
	const { timeoutMs, maxAttachmentBytes } = session.policy;
	const node = this.getNode();
	const fileName = String(file.file_name ?? file.id);
	const context = `Downloading attachment "${fileName}"`;
	const refuse = (message: string, description: string) =>
		new NodeOperationError(node, redactSecrets(`${message}${itemLabel(itemIndex)}`, secrets), {
			itemIndex,
			description: redactSecrets(description, secrets),
		});
	const overMax = (size: string, description: string) =>
		refuse(
			`Attachment "${fileName}"${size} is larger than Max Attachment Size (${sizeText(maxAttachmentBytes)}); raise Max Attachment Size under Request Options, or turn off Download Attachments`,
			description,
		);

	const expected = typeof file.size === 'number' && file.size >= 0 ? file.size : undefined;
	if (expected !== undefined && expected > maxAttachmentBytes) {
		throw overMax(` (${sizeText(expected)})`, 'Zendesk lists the file at this size. Nothing was downloaded.');
	}
	const cap = Math.min(maxAttachmentBytes, expected !== undefined ? expected + SIZE_SLACK_BYTES : Infinity);

	const base = new URL(baseUrl);
	let target: URL;
	try {
		target = new URL(String(file.content_url));
	} catch {
		throw refuse(`${context}: Zendesk gave no valid download URL`, 'The attachment has no usable content_url. Nothing was downloaded.');
	}
	let server = serverOf(target, base);
	if (!server) {
		throw refuse(
			`${context}: attachment host ${hostOf(target)} is not a Zendesk host`,
			`Attachments are only downloaded from ${base.origin} and https://*.zdusercontent.com, so that no credential or request goes elsewhere. Nothing was sent to ${target.host}.`,
		);
	}

	// One deadline for every hop and the body; the execution's own cancel signal still counts.
	const { ctx: timed, signal, deadline, stop } = withDeadline(this, timeoutMs);
	const startedAt = Date.now();
	// Tokens an OAuth2 refresh obtained during the download are redacted too.
	const failed = async (failure: HttpFailure, explained?: { message: string; description?: string }) =>
		apiError(node, failure, { itemIndex, secrets: [...new Set([...secrets, ...(await currentSecrets(this))])], context, explained });
	const timedOut = async () =>
		await failed(
			{ headers: {}, body: undefined, code: 'ETIMEDOUT' },
			{
				message: `not finished within the Timeout of ${timeoutMs / 1000} s`,
				description: 'Raise "Timeout" under Request Options for large attachments or slow networks.',
			},
		);

	for (let redirects = 0; ; redirects++) {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: target.href,
			encoding: 'stream',
			json: false,
			disableFollowRedirect: true,
			// Redirects and errors come back as answers to inspect; only a 401 from the
			// account still throws, so that n8n refreshes an OAuth2 token and retries.
			ignoreHttpStatusErrors: server === 'account' ? { ignore: true, except: [401] } : true,
			returnFullResponse: true,
			timeout: Math.max(1, timeoutMs - (Date.now() - startedAt)),
			abortSignal: signal,
		};
		const pending = (
			server === 'account'
				? this.helpers.httpRequestWithAuthentication.call(timed, credentialType, options)
				: this.helpers.httpRequest(options)
		) as Promise<FullResponse>;
		let response: FullResponse;
		try {
			response = await untilAborted(pending, signal);
		} catch (error) {
			if (signal.aborted) {
				// Should the answer still come, nobody reads it.
				pending.then((late) => discard(late?.body), () => undefined);
				if (deadline.aborted) throw await timedOut();
			}
			const failure = toHttpFailure(error);
			discard(failure.body);
			throw await failed({ ...failure, body: isStream(failure.body) ? undefined : failure.body });
		}
		const status = Number(response.statusCode);
		const headers = lowerCaseHeaders(response.headers);

		if (status >= 300 && status < 400 && headers.location) {
			discard(response.body);
			let next: URL;
			try {
				next = new URL(headers.location, target);
			} catch {
				throw refuse(`${context}: redirected to an invalid URL`, 'Nothing was downloaded.');
			}
			if (redirects >= MAX_REDIRECTS) {
				throw refuse(
					`${context}: more than ${MAX_REDIRECTS} redirects (the last to ${hostOf(next)})`,
					'The download was stopped; the attachment URL keeps redirecting.',
				);
			}
			server = serverOf(next, base);
			if (!server) {
				throw refuse(
					`${context}: ${hostOf(target)} redirected to ${hostOf(next)}, which is not a Zendesk host`,
					`Redirects are only followed to ${base.origin} and https://*.zdusercontent.com, so that no credential or request goes elsewhere. Nothing was sent to ${next.host}.`,
				);
			}
			target = next;
			continue;
		}

		if (status < 200 || status >= 300) {
			let body: Buffer | undefined;
			try {
				body = (await readBody(response.body, ERROR_BODY_BYTES, signal)).data;
			} catch {
				// the status alone says enough
			}
			throw await failed({ status, headers, body });
		}

		try {
			const { data, complete } = await readBody(response.body, cap, signal);
			if (complete) return data;
		} catch (error) {
			if (deadline.aborted) throw await timedOut();
			throw await failed(toHttpFailure(error));
		}
		// Past the cap: end the request itself, so that the socket stops reading too.
		stop();
		if (cap < maxAttachmentBytes) {
			throw refuse(
				`Attachment "${fileName}" is larger than its size in Zendesk (${sizeText(expected ?? 0)}); the download was stopped`,
				`The answer went on past the size Zendesk lists for the file, and was not read to the end. Try again later; if it keeps happening, the file in Zendesk may be damaged.`,
			);
		}
		throw overMax('', `The download was stopped after ${sizeText(cap)}; the rest was not read.`);
	}
}
