import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';
import { replyToSideConversation } from '../../../../common/api/sideConversations';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { answeredSideConversation, messageOf, sideConversationOf } from '../../run/sideConversationItem';
import { requestOptionsProperty, ticketIdProperty } from '../common.descriptions';
import { messageProperties, recipientProperties, sideConversationIdProperty, simplifySideConversationProperty } from './descriptions';

const properties: INodeProperties[] = [
	ticketIdProperty('reply on', { many: false }),
	sideConversationIdProperty,
	// Zendesk requires the recipients on every reply ("to is required").
	...recipientProperties,
	...messageProperties,
	simplifySideConversationProperty,
	requestOptionsProperty(),
];

export const toolDescription =
	'Reply in a side conversation of a Zendesk ticket. Give the ticket ID, the side conversation ID (from listing them), the recipients and the message.';

export const description = updateDisplayOptions({ show: { resource: ['sideConversation'], operation: ['reply'] } }, properties);

/** One POST per item, never repeated after a broken connection: a repeat would send the reply twice. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const { ticketId, id } = sideConversationOf(this, i);
		const message = messageOf(this, i, { withSubject: false });
		return answeredSideConversation(this, i, await replyToSideConversation(client, ticketId, id, message, i));
	});
	return outcomes.toExecutionData();
}
