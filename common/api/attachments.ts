import type { IDataObject } from 'n8n-workflow';

import type { ZendeskClient } from '../client';
import { cursorList } from './pagination';

/** Uploads one file; Zendesk answers with a token that a comment's `uploads` attaches. */
export async function uploadFile(
	client: ZendeskClient,
	file: { data: Buffer; fileName: string; mimeType: string },
	itemIndex: number,
): Promise<string> {
	const response = await client.request({
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
export async function ticketAttachments(client: ZendeskClient, ticketId: number, itemIndex: number): Promise<CommentAttachment[]> {
	const comments = await cursorList(client, { endpoint: `/tickets/${ticketId}/comments`, property: 'comments', itemIndex });
	return comments.flatMap((c) => (c.attachments as CommentAttachment[] | undefined) ?? []);
}
