import type { IDataObject } from 'n8n-workflow';

/**
 * A comment as a reader of the conversation needs it, with its author's name and role
 * (from users read or side-loaded with it). The same shape through the Tickets API and,
 * as the end user, through the Requests API.
 */
export function readableComment(comment: IDataObject, authors: ReadonlyMap<number, IDataObject>): IDataObject {
	const author = authors.get(Number(comment.author_id));
	return {
		id: comment.id,
		author_id: comment.author_id,
		author: author?.name ?? null,
		author_role: author?.role ?? null,
		public: comment.public,
		body: comment.plain_body ?? comment.body,
		created_at: comment.created_at,
	};
}
