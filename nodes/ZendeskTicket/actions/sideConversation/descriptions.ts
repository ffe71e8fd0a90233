import type { INodeProperties } from 'n8n-workflow';

import { textFormatOption } from '../common.descriptions';

/*
 * Fields several side-conversation operations share. Their display names are
 * also the keys n8n derives for a model's $fromAI values ("Side_Conversation_ID", "To").
 */

export const sideConversationIdProperty: INodeProperties = {
	displayName: 'Side Conversation ID',
	name: 'sideConversationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '8566255a-ece5-11e8-857d-493066fa7b17',
	description: 'The side conversation, as "Get Many" lists it (a UUID)',
};

/** Email recipients, or a group that gets a child ticket (optionally assigned to one of its agents). */
export const recipientProperties: INodeProperties[] = [
	{
		displayName: 'Recipient Type',
		name: 'recipientType',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email', description: 'Email people outside the ticket' },
			{ name: 'Child Ticket', value: 'childTicket', description: 'Create a ticket for another group, linked to this one' },
		],
		default: 'email',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'supplier@example.com, billing@example.com',
		description: 'Email addresses, comma-separated or a list',
		displayOptions: { show: { recipientType: ['email'] } },
	},
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		required: true,
		default: '',
		description: 'The group that gets the child ticket',
		displayOptions: { show: { recipientType: ['childTicket'] } },
	},
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		default: '',
		description: "An agent of that group to assign the child ticket to; empty leaves it to the group's queue",
		displayOptions: { show: { recipientType: ['childTicket'] } },
	},
];

export const messageProperties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The text to send',
	},
	textFormatOption('Message Format', 'messageFormat'),
];

export const simplifySideConversationProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a short form (subject, state, participants as text, child ticket ID, dates) instead of everything Zendesk sends',
};
