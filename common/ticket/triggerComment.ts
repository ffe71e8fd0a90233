import type { IDataObject } from 'n8n-workflow';

/*
 * The comment a "Comment Added" event reports, in one shape for both
 * triggers: the poll trigger shapes the event export's comment, the webhook
 * trigger the comment its Zendesk trigger sent. Pure.
 */

export interface TriggerComment extends IDataObject {
	id: number | string | null;
	body: string;
	plain_body: string;
	/** True only when Zendesk said so: a comment of unknown visibility counts as an internal note. */
	public: boolean;
	author_id: number | string | null;
	author_name: string | null;
	created_at: string | null;
	attachments: Array<{ file_name: string; content_url: string }>;
}

/** A number when it is one ("123" → 123): Zendesk's ids come as numbers from the API and as text from a trigger. */
const idOf = (value: unknown): number | string | null => {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string' || value.trim() === '') return null;
	return /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function attachmentsOf(value: unknown): TriggerComment['attachments'] {
	if (!Array.isArray(value)) return [];
	return (value as unknown[])
		.filter((a): a is IDataObject => typeof a === 'object' && a !== null)
		.map((a) => ({ file_name: text(a.file_name), content_url: text(a.content_url) }))
		.filter((a) => a.file_name !== '' || a.content_url !== '');
}

/**
 * The comment as both triggers output it, from a comment with Zendesk's API
 * names (`id`, `body`, `plain_body`, `public`, `author_id`, `created_at`,
 * `attachments[].file_name` / `content_url`) and its author's name, if known.
 */
export function triggerComment(comment: IDataObject, authorName?: unknown): TriggerComment {
	const body = text(comment.body);
	return {
		id: idOf(comment.id),
		body,
		plain_body: typeof comment.plain_body === 'string' ? comment.plain_body : body,
		public: comment.public === true,
		author_id: idOf(comment.author_id),
		author_name: typeof authorName === 'string' && authorName !== '' ? authorName : null,
		created_at: typeof comment.created_at === 'string' && comment.created_at !== '' ? comment.created_at : null,
		attachments: attachmentsOf(comment.attachments),
	};
}
