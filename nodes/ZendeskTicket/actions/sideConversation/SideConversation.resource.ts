import type { INodeProperties } from 'n8n-workflow';

import * as close from './close.operation';
import * as getAll from './getAll.operation';
import * as reopen from './reopen.operation';
import * as reply from './reply.operation';
import * as start from './start.operation';
import type { ZendeskTicketMap } from '../node.type';
import { toolDescriptionProperties } from '../tool.descriptions';

/*
 * Side conversations: a ticket's threads with people outside it (email) or
 * with another group (a child ticket). Zendesk's Collaboration add-on.
 * None has an end-user form, so Act as End User is refused by name.
 */
export const operations = { close, getAll, reopen, reply, start } satisfies Record<
	ZendeskTicketMap['sideConversation'],
	{ execute: unknown; toolDescription: string }
>;

export const toolDescriptions = toolDescriptionProperties('sideConversation', operations);

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['sideConversation'] } },
	options: [
		{ name: 'Close', value: 'close', description: 'Close a side conversation', action: 'Close a side conversation' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: "List a ticket's side conversations, optionally with their messages",
			action: 'Get many side conversations',
		},
		{ name: 'Reopen', value: 'reopen', description: 'Reopen a closed side conversation', action: 'Reopen a side conversation' },
		{ name: 'Reply', value: 'reply', description: 'Reply in a side conversation', action: 'Reply to a side conversation' },
		{
			name: 'Start',
			value: 'start',
			description: 'Email people outside the ticket, or open a child ticket for another group',
			action: 'Start a side conversation',
		},
	],
	default: 'getAll',
};

export const description: INodeProperties[] = [
	operationProperty,
	...getAll.description,
	...start.description,
	...reply.description,
	...close.description,
	...reopen.description,
];
