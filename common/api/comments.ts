import type { IDataObject } from 'n8n-workflow';

import { readableComment } from '../ticket/conversation';
import { SHOW_MANY_LIMIT } from '../zendeskFacts';
import type { ZendeskFunctions } from '../client/connection';
import { zendeskApiRequest } from '../client/request';
import { cursorList } from './pagination';

export interface CommentsWanted {
	publicOnly: boolean;
	limit: number;
	itemIndex: number;
}

/**
 * The ticket's conversation, newest first: cursor pages of its comments, then
 * the authors' names in one show_many request.
 */
export async function ticketComments(this: ZendeskFunctions, ticketId: number, wanted: CommentsWanted): Promise<IDataObject[]> {
	// Newest first, so the pages read stop at the one that fills the limit: public-only reads on past internal notes until then.
	const comments = await cursorList.call(this, {
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
		const response = await zendeskApiRequest.call(this, {
			method: 'GET',
			endpoint: '/users/show_many',
			qs: { ids: ids.join(',') },
			itemIndex: wanted.itemIndex,
		});
		for (const user of (response.users as IDataObject[] | undefined) ?? []) authors.set(Number(user.id), user);
	}
	return comments.map((c) => readableComment(c, authors));
}
