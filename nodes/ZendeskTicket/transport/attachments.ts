import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZendeskFunctions } from './credentials';
import { zendeskApiRequest } from './index';
import { cursorList } from './pagination';
import { sessionFor } from './session';

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

/**
 * Downloads an attachment. The account's own host gets the credential (secure
 * downloads need it); Zendesk's attachment host takes the token in the URL and
 * gets no credential; any other host is refused, so no secret can leak.
 */
export async function downloadAttachment(this: IExecuteFunctions, url: string): Promise<Buffer> {
	const { baseUrl, credentialType } = (await sessionFor(this)).connection;
	const target = new URL(url);
	const base = new URL(baseUrl);
	const options = { method: 'GET' as const, url, encoding: 'arraybuffer' as const, json: false };
	if (target.origin === base.origin) {
		return Buffer.from((await this.helpers.httpRequestWithAuthentication.call(this, credentialType, options)) as ArrayBuffer);
	}
	if (target.protocol === 'https:' && /\.zdusercontent\.com$/.test(target.hostname)) {
		return Buffer.from((await this.helpers.httpRequest(options)) as ArrayBuffer);
	}
	throw new Error(`Attachment host ${target.hostname} is not a Zendesk host`);
}
