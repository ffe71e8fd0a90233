import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure, ZendeskClient } from '../client';
import { zendeskSaid } from './refusalText';
import { cursorList } from './pagination';

/** Zendesk's refusals of a ticket's audits, in words that say what to do. */
function explainAuditsRefusal(failure: HttpFailure): { message: string; description?: string } | undefined {
	if (failure.status !== 403) return undefined;
	return {
		message: "The credential may not read this ticket's history: use an agent who can see the ticket",
		description: `End users cannot read audits, and an OAuth2 token needs the global "read" scope ("tickets:read" is not enough).${zendeskSaid(failure)}`,
	};
}

/** ListAuditsForTicket: the ticket's audits, newest first, cursor-paged up to the limit. */
export async function ticketAudits(
	client: ZendeskClient,
	ticketId: number,
	{ limit, itemIndex }: { limit?: number; itemIndex: number },
): Promise<IDataObject[]> {
	return await cursorList(client, {
		endpoint: `/tickets/${ticketId}/audits`,
		property: 'audits',
		qs: { sort: '-created_at' },
		limit,
		itemIndex,
		context: `Ticket ${ticketId}`,
		explain: explainAuditsRefusal,
	});
}
