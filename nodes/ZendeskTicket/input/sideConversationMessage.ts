import type { IDataObject } from 'n8n-workflow';

import { MAX_SHORT_TEXT_BYTES, SIDE_CONVERSATION_ID } from '../../../common/zendeskFacts';
import { email, InputProblem, list, plainText, positiveId, requireText } from '../../../common/helpers/validation';

/** Who a side conversation's message goes to: email addresses, or a group (and agent) that gets a child ticket. */
export type RecipientType = 'email' | 'childTicket';

/** The item's values for one message, as the operation read them. */
export interface MessageInput {
	recipientType: unknown;
	to?: unknown;
	groupId?: unknown;
	agentId?: unknown;
	/** Only when starting a side conversation; a reply keeps its subject. */
	subject?: unknown;
	message: unknown;
	format?: unknown;
}

export const FIELDS = {
	to: 'To',
	groupId: 'Group ID',
	agentId: 'Agent ID',
	subject: 'Subject',
	message: 'Message',
	sideConversationId: 'Side Conversation ID',
} as const;

/** Zendesk takes one kind of participant per message: all emails, or one group (with an agent) for a child ticket. */
function recipients(input: MessageInput): IDataObject[] {
	if (input.recipientType === 'childTicket') {
		const group: IDataObject = { support_group_id: positiveId(FIELDS.groupId, input.groupId) };
		const agent = plainText(FIELDS.agentId, input.agentId).trim();
		if (agent !== '') group.support_agent_id = positiveId(FIELDS.agentId, agent);
		return [group];
	}
	if (input.recipientType !== 'email') throw new InputProblem('Recipient Type', 'must be email or childTicket');
	const addresses = list(input.to, FIELDS.to);
	if (!addresses.length) throw new InputProblem(FIELDS.to, 'is empty: give at least one email address');
	return addresses.map((address) => ({ email: email(FIELDS.to, address) }));
}

/** A Create or Reply `message`: subject, body (or html_body) and `to`. */
export function sideConversationMessage(input: MessageInput): IDataObject {
	const text = requireText(FIELDS.message, input.message);
	const message: IDataObject = {};
	if (input.subject !== undefined) message.subject = requireText(FIELDS.subject, input.subject, { maxBytes: MAX_SHORT_TEXT_BYTES });
	message[input.format === 'html' ? 'html_body' : 'body'] = text;
	message.to = recipients(input);
	return message;
}

/** A side conversation's ID as Zendesk gives it (a UUID), so that nothing else reaches the request's path. */
export function sideConversationId(value: unknown): string {
	const text = plainText(FIELDS.sideConversationId, value).trim();
	if (!SIDE_CONVERSATION_ID.test(text)) {
		throw new InputProblem(
			FIELDS.sideConversationId,
			`"${text.slice(0, 60)}" is not a side conversation ID (a UUID such as 8566255a-ece5-11e8-857d-493066fa7b17; list the ticket's side conversations to find it)`,
		);
	}
	return text;
}
