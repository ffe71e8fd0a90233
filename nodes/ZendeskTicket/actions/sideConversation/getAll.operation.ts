import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';
import { listSideConversations, sideConversationEvents } from '../../../../common/api/sideConversations';
import { sideConversationMessages } from '../../../../common/ticket/sideConversation';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { validated } from '../../run/itemInput';
import { shapeSideConversation } from '../../run/sideConversationItem';
import { oneTicketId } from '../../run/tickets';
import { requestOptionsProperty, ticketIdProperty } from '../common.descriptions';
import { simplifySideConversationProperty } from './descriptions';

const properties: INodeProperties[] = [
	ticketIdProperty('list the side conversations of', { many: false }),
	{
		displayName: 'Include Messages',
		name: 'includeMessages',
		type: 'boolean',
		default: false,
		description: 'Whether to add each side conversation\'s messages as "messages", oldest first (one more request per side conversation)',
	},
	simplifySideConversationProperty,
	requestOptionsProperty(),
];

export const toolDescription =
	'List the side conversations of a Zendesk ticket (email threads or child tickets with other teams): subject, state, participants; optionally their messages.';

export const description = updateDisplayOptions({ show: { resource: ['sideConversation'], operation: ['getAll'] } }, properties);

/** One item out per side conversation; a ticket without any gives no item, as n8n's lists do. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const ticketId = validated(this, i, () => oneTicketId(this, i));
		const withMessages = this.getNodeParameter('includeMessages', i, false) === true;
		const simplify = this.getNodeParameter('simplify', i, true) === true;
		const out = [];
		for (const sideConversation of await listSideConversations(client, ticketId, i)) {
			const shaped = shapeSideConversation(this, i, sideConversation);
			if (withMessages) {
				const events = await sideConversationEvents(client, ticketId, String(sideConversation.id), i);
				shaped.messages = sideConversationMessages(events, simplify);
			}
			out.push(shaped);
		}
		return out;
	});
	return outcomes.toExecutionData();
}
