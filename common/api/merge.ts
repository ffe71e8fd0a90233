import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure, ZendeskClient } from '../client';
import { zendeskSaid } from './refusalText';

/** What a merge sends besides the sources: the comments that explain it, private unless asked otherwise. */
export interface MergeComments {
	targetComment?: string;
	sourceComment?: string;
	targetCommentIsPublic: boolean;
	sourceCommentIsPublic: boolean;
}

/** Zendesk's merge rules, said where a refusal may come from any of them. */
export const MERGE_RULES =
	'Zendesk merges only sources that are not solved or closed, not shared with another account, and (when CCs are off) of the same requester as the target; on Enterprise the agent\'s role needs the "merge tickets" permission.';

/** Zendesk's refusals of a merge request, in words that say what to do. */
export function explainMergeRefusal(failure: HttpFailure): { message: string; description: string } | undefined {
	const tail = zendeskSaid(failure);
	if (failure.status === 403) {
		return {
			message: 'The credential may not merge tickets: use an agent whose role has the "merge tickets" permission',
			description: `End users cannot merge, and on Enterprise an agent's role needs the permission (Admin Center > People > Roles).${tail}`,
		};
	}
	if (failure.status === 404) {
		return {
			message: 'The target or a source ticket was not found: check the ticket IDs',
			description: `A ticket that was deleted or already merged (and closed) cannot take part in a merge.${tail}`,
		};
	}
	if (failure.status === 400 || failure.status === 422) {
		return { message: 'Zendesk refused the merge: check the source tickets against its merge rules', description: `${MERGE_RULES}${tail}` };
	}
	return undefined;
}

/**
 * MergeTicketsIntoTargetTicket: answers at once with a job_status and merges
 * later (see jobs.ts). Never sent twice: a repeat after a lost answer could
 * merge again with a second pair of comments.
 */
export async function mergeTickets(
	client: ZendeskClient,
	target: number,
	sources: number[],
	comments: MergeComments,
	call: { itemIndex: number; ifUnsure: string },
): Promise<IDataObject> {
	const body: IDataObject = {
		ids: sources,
		...(comments.targetComment ? { target_comment: comments.targetComment } : {}),
		...(comments.sourceComment ? { source_comment: comments.sourceComment } : {}),
		target_comment_is_public: comments.targetCommentIsPublic,
		source_comment_is_public: comments.sourceCommentIsPublic,
	};
	return await client.request({
		method: 'POST',
		endpoint: `/tickets/${target}/merge`,
		body,
		context: `Merging into ticket ${target}`,
		explain: explainMergeRefusal,
		...call,
	});
}
