import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { simplifySideConversation } from '../../../common/ticket/sideConversation';
import { sideConversationId, sideConversationMessage } from '../input/sideConversationMessage';
import { validated } from './itemInput';
import { oneTicketId } from './tickets';

/** The ticket and the side conversation an item names, checked before anything is sent. */
export function sideConversationOf(ctx: IExecuteFunctions, i: number): { ticketId: number; id: string } {
	return validated(ctx, i, () => ({
		ticketId: oneTicketId(ctx, i),
		id: sideConversationId(ctx.getNodeParameter('sideConversationId', i)),
	}));
}

/** The item's message (with a subject when starting one), checked before anything is sent. */
export function messageOf(ctx: IExecuteFunctions, i: number, { withSubject }: { withSubject: boolean }): IDataObject {
	return validated(ctx, i, () =>
		sideConversationMessage({
			recipientType: ctx.getNodeParameter('recipientType', i),
			to: ctx.getNodeParameter('to', i, ''),
			groupId: ctx.getNodeParameter('groupId', i, ''),
			agentId: ctx.getNodeParameter('agentId', i, ''),
			subject: withSubject ? ctx.getNodeParameter('subject', i) : undefined,
			message: ctx.getNodeParameter('message', i),
			format: ctx.getNodeParameter('messageFormat', i, 'text'),
		}),
	);
}

/** Short or whole, as the item's Simplify says. */
export function shapeSideConversation(ctx: IExecuteFunctions, i: number, sideConversation: IDataObject): IDataObject {
	return ctx.getNodeParameter('simplify', i, true) ? simplifySideConversation(sideConversation) : sideConversation;
}

/** The side conversation of a write's answer; a 2xx without it may still have been done, so the builder checks. */
export function answeredSideConversation(ctx: IExecuteFunctions, i: number, response: IDataObject): IDataObject {
	const sideConversation = response.side_conversation;
	if (sideConversation && typeof sideConversation === 'object') return shapeSideConversation(ctx, i, sideConversation as IDataObject);
	const message = 'Zendesk answered without the side conversation';
	const description =
		"The answer held no side conversation, so there is nothing to output. Zendesk may still have done it: list the ticket's side conversations before running this item again.";
	throw new NodeApiError(ctx.getNode(), { message, description }, { message, description, itemIndex: i });
}
