import type { IDataObject } from 'n8n-workflow';

import { readableComment } from '../ticket/conversation';
import { SHOW_MANY_LIMIT } from '../zendeskFacts';
import type { ZendeskClient } from '../client';
import { cursorList } from './pagination';
import { showUsers } from './users';

export interface CommentsWanted {
	publicOnly: boolean;
	limit: number;
	itemIndex: number;
}

/**
 * The ticket's conversation, newest first: cursor pages of its comments, then
 * the authors' names in one show_many request.
 */
export async function ticketComments(client: ZendeskClient, ticketId: number, wanted: CommentsWanted): Promise<IDataObject[]> {
	// Newest first, so the pages read stop at the one that fills the limit: public-only reads on past internal notes until then.
	const comments = await cursorList(client, {
		endpoint: `/tickets/${ticketId}/comments`,
		property: 'comments',
		qs: { sort: '-created_at' },
		limit: wanted.limit,
		keep: wanted.publicOnly ? (c) => c.public === true : undefined,
		itemIndex: wanted.itemIndex,
	});
	const ids = [...new Set(comments.map((c) => Number(c.author_id)).filter((id) => id > 0))].slice(0, SHOW_MANY_LIMIT);
	const authors = new Map<number, IDataObject>();
	if (ids.length) {
		for (const user of await showUsers(client, ids, wanted.itemIndex)) authors.set(Number(user.id), user);
	}
	return comments.map((c) => readableComment(c, authors));
}
