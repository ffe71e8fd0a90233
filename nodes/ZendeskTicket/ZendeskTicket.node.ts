import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { authenticationProperty, nodeCredentials } from '../../common/authentication';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { subtitleOf } from './actions/subtitle';
import { descriptionTypeProperty } from './actions/tool.descriptions';
import * as sideConversation from './actions/sideConversation/SideConversation.resource';
import * as ticket from './actions/ticket/Ticket.resource';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class ZendeskTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zendesk Ticket',
		name: 'zendeskTicket',
		icon: { light: 'file:../../icons/zendeskTicket.svg', dark: 'file:../../icons/zendeskTicket.dark.svg' },
		group: ['output'],
		// 1.1: custom fields are set one way only, through "Custom Field Values"; 1 keeps the older list for saved workflows.
		version: [1, 1.1],
		defaultVersion: 1.1,
		// The action as the Operation options say it, e.g. "Create a ticket".
		subtitle: subtitleOf({ ticket: ticket.operationProperty, sideConversation: sideConversation.operationProperty }),
		description:
			'Create, update, get, list, search, delete and merge Zendesk Support tickets, apply macros, read their history and hold side conversations on them',
		defaults: { name: 'Zendesk Ticket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: [
			// First, where n8n puts its own: only in tools.
			descriptionTypeProperty,
			...ticket.toolDescriptions,
			...sideConversation.toolDescriptions,
			authenticationProperty,
			{
				displayName:
					'Zendesk stops accepting API tokens on 30 April 2027 and no new ones can be created. Switch this node to OAuth2 before then.',
				name: 'apiTokenNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['apiToken'] } },
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Side Conversation', value: 'sideConversation' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'ticket',
			},
			...ticket.description,
			...sideConversation.description,
		],
	};

	methods = { loadOptions, listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
