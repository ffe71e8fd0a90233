import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';
import { createSideConversation } from '../../../../common/api/sideConversations';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { validated } from '../../run/itemInput';
import { answeredSideConversation, messageOf } from '../../run/sideConversationItem';
import { oneTicketId } from '../../run/tickets';
import { requestOptionsProperty, ticketIdProperty } from '../common.descriptions';
import { messageProperties, recipientProperties, simplifySideConversationProperty } from './descriptions';

const properties: INodeProperties[] = [
	ticketIdProperty('start a side conversation on', { many: false }),
	...recipientProperties,
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: "The side conversation's subject (the email's, or the child ticket's)",
	},
	...messageProperties,
	simplifySideConversationProperty,
	requestOptionsProperty(),
];

export const toolDescription =
	'Start a side conversation on a Zendesk ticket: email people outside the ticket, or open a child ticket for another group. Give the ticket ID, the recipients, a subject and the message.';

export const description = updateDisplayOptions({ show: { resource: ['sideConversation'], operation: ['start'] } }, properties);

/** One POST per item, never repeated after a broken connection: a repeat would email the recipients (or open a child ticket) again. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const ticketId = validated(this, i, () => oneTicketId(this, i));
		const message = messageOf(this, i, { withSubject: true });
		return answeredSideConversation(this, i, await createSideConversation(client, ticketId, message, i));
	});
	return outcomes.toExecutionData();
}
