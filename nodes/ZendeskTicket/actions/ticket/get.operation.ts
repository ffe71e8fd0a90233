import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';

import type { EndUserCall } from '../../../../common/api/requests';
import { requestComments, showRequest } from '../../../../common/api/requests';
import { endUserTicket } from '../../run/endUserInput';
import { ticketsNotFound } from '../../../../common/client';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { ticketComments } from '../../../../common/api/comments';
import { showTickets } from '../../../../common/api/tickets';
import { downloadTicketAttachments } from '../../run/itemFiles';
import { shapeTicket, TICKET_IDS_FIELD, gatherTicketIds } from '../../run/tickets';
import { optionsCollection, requestOptionsProperty, simplifyProperty, ticketIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	ticketIdProperty('get'),
	optionsCollection([
		{
			displayName: 'Include Related Records',
			name: 'include',
			type: 'multiOptions',
			options: [
				{ name: 'Groups', value: 'groups', description: 'Adds the group object as "group"' },
				{ name: 'Organizations', value: 'organizations', description: 'Adds the organization object as "organization"' },
				{ name: 'Users', value: 'users', description: 'Adds "requester", "submitter" and "assignee" user objects' },
			],
			default: [],
			description: 'Records to load with the tickets in the same request (Zendesk side-loading)',
		},
		{
			displayName: 'Include Comments',
			name: 'comments',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'All Comments', value: 'all', description: 'Public replies and internal notes' },
				{
					name: 'Public Replies Only',
					value: 'public',
					description: 'What the requester sees. Reads on past internal notes, 100 comments a request, until the limit is met.',
				},
			],
			default: 'none',
			description:
				'Whether to add the conversation as "comments", newest first, with author names (per ticket: one request per 100 comments read, plus one for the authors)',
		},
		{
			displayName: 'Comments Limit',
			name: 'commentsLimit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'Max number of comments to add per ticket, newest first',
		},
		{
			displayName: 'Download Attachments',
			name: 'downloadAttachments',
			type: 'boolean',
			default: false,
			description:
				"Whether to add the files attached to the ticket's comments as binary properties attachment_0, attachment_1, … (one extra request per ticket plus one per file)",
		},
	]),
	simplifyProperty,
	requestOptionsProperty({ download: true }),
];

export const toolDescription = 'Get Zendesk tickets by ID (several IDs comma-separated): subject, status, priority and dates.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['get'] } }, properties);

/**
 * All ids of all items are fetched together: one GET for a single id, else
 * show_many in chunks of 100, whichever item they came from. Tickets come out
 * in the order asked for; an id Zendesk does not return is an error for its item.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	const { wanted, allIds, ownerOf } = gatherTicketIds(this, items, outcomes);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const include = (options.include as string[] | undefined) ?? [];
	const download = options.downloadAttachments === true;
	const qs: IDataObject = include.length ? { include: include.join(',') } : {};
	const conversation =
		options.comments === 'all' || options.comments === 'public'
			? { publicOnly: options.comments === 'public', limit: Number(options.commentsLimit ?? 10) || 10 }
			: undefined;

	const { found, failed: failedIds } = await showTickets(client, allIds, { qs, ownerOf });

	for (const { item, ids } of wanted) {
		const requestError = ids.map((id) => failedIds.get(id)).find(Boolean);
		const missing = ids.filter((id) => !found.has(id) && !failedIds.has(id));
		for (const id of ids) {
			const ticket = found.get(id);
			if (!ticket) continue;
			try {
				const binary = download ? await downloadTicketAttachments(this, client, id, item) : undefined;
				const shaped = shapeTicket(this, item, ticket);
				if (conversation) shaped.comments = await ticketComments(client, id, { ...conversation, itemIndex: item });
				outcomes.ok(item, shaped, binary);
			} catch (error) {
				outcomes.fail(item, error as Error);
			}
		}
		if (requestError) {
			outcomes.fail(item, requestError);
		} else if (missing.length) {
			outcomes.fail(item, ticketsNotFound(this.getNode(), missing, item));
		}
	}
	return outcomes.toExecutionData();
}

/** As the end user: their own request, with the conversation as they see it (public replies only, whichever was chosen). */
export async function asEndUser(this: IExecuteFunctions, i: number, call: EndUserCall, client: ZendeskClient): Promise<IDataObject> {
	const id = endUserTicket(this, i, TICKET_IDS_FIELD);
	const shaped = shapeTicket(this, i, await showRequest(client, id, call));
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (options.comments === 'all' || options.comments === 'public') {
		shaped.comments = await requestComments(client, id, Number(options.commentsLimit ?? 10) || 10, call);
	}
	return shaped;
}
