import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EndUserCall } from '../../../../common/api/requests';
import { updateRequest } from '../../../../common/api/requests';
import { requireText } from '../../../../common/helpers/validation';
import { endUserTicket } from '../../run/endUserInput';
import { commentMayBePosted } from '../../../../common/client';
import { validated } from '../../run/itemInput';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { shapeTicket, oneTicketId } from '../../run/tickets';
import { commentFrom } from '../../input/ticketBody';
import type { ZendeskClient } from '../../../../common/client';
import { updateTicket } from '../../../../common/api/tickets';
import { commentVisibilityProperty } from './descriptions/ticketFields';
import { optionsCollection, requestOptionsProperty, simplifyProperty, textFormatOption, ticketIdProperty } from '../common.descriptions';

/**
 * A comment and nothing else: what a bot adds when the customer says more, or
 * an agent's note. Its own operation, so that a tool set up for it tells the
 * model exactly that ("Add a comment to a ticket").
 */
const properties: INodeProperties[] = [
	ticketIdProperty('comment on', { many: false }),
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The text to add to the ticket',
	},
	commentVisibilityProperty('Visibility'),
	optionsCollection([textFormatOption('Comment Format', 'commentFormat')]),
	simplifyProperty,
	requestOptionsProperty(),
];

export const toolDescription = 'Add a comment to an existing Zendesk ticket, given the ticket ID and the text.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['addComment'] } }, properties);

function commentOf(ctx: IExecuteFunctions, i: number): { id: number; comment: IDataObject } {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return validated(ctx, i, () => {
		const id = oneTicketId(ctx, i);
		const isPublic = ctx.getNodeParameter('commentVisibility', i, 'internal') === 'public';
		return { id, comment: commentFrom('Comment', ctx.getNodeParameter('comment', i), options.commentFormat, isPublic) };
	});
}

/** One request per item, never repeated blindly: a repeat would post (and email) the comment again. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const { id, comment } = commentOf(this, i);
		const updated = await updateTicket(client, id, { comment }, { itemIndex: i, ifUnsure: commentMayBePosted(id) });
		return shapeTicket(this, i, updated);
	});
	return outcomes.toExecutionData();
}

/** As the end user: their comment, plain text and public (an internal note is refused before this). */
export async function asEndUser(this: IExecuteFunctions, i: number, call: EndUserCall, client: ZendeskClient): Promise<IDataObject> {
	const id = endUserTicket(this, i);
	const body = validated(this, i, () => requireText('Comment', this.getNodeParameter('comment', i)));
	return shapeTicket(this, i, await updateRequest(client, id, { comment: { body } }, call));
}
