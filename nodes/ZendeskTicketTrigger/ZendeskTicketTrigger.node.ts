import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeCredentials } from '../../common/authentication';
import {
	authenticationProperty,
	commentVisibilityProperty,
	eventsProperty,
	filtersProperty,
	onlyWhenChangedProperty,
	simplifyProperty,
} from '../../common/triggers/descriptions';
import { checkExists, create, remove } from './webhook/lifecycle';
import { DEFAULT_REPLAY_WINDOW_SECONDS, receive } from './webhook/receive';

/**
 * Webhook mode: on activation a Zendesk webhook and one trigger per event
 * route the chosen events here; every call is verified (signature, replay
 * window, repeated deliveries). Polling lives in its own node, Zendesk
 * Ticket Poll Trigger: n8n starts a trigger by its type, not by a parameter.
 */
export class ZendeskTicketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zendesk Ticket Trigger',
		name: 'zendeskTicketTrigger',
		icon: { light: 'file:../../icons/zendeskTicket.svg', dark: 'file:../../icons/zendeskTicket.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Instant, signed" }}',
		// n8n's node panel lists this trigger inside the "Zendesk Ticket" entry (it merges a node X with
		// "X Trigger" by type name, as for its own Zendesk and Zendesk Trigger) and shows this description for
		// the entry: so it says what the entry holds, the actions first. The Events options become its triggers.
		description:
			'Create, update, search, merge and delete Zendesk Support tickets, apply macros, read history, hold side conversations, or start a workflow the moment tickets change (signed webhook)',
		defaults: { name: 'Zendesk Ticket Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			authenticationProperty,
			{
				displayName:
					'Activating creates a webhook and one trigger per event in Zendesk (admin rights needed) and deactivating deletes them. For changes while n8n is down, use the Zendesk Ticket Poll Trigger.',
				name: 'webhookNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty(true),
			commentVisibilityProperty,
			{
				...onlyWhenChangedProperty,
				description:
					'With Ticket Updated: start only when one of these changed (Zendesk has no trigger condition for tags). None: any change.',
			},
			filtersProperty,
			simplifyProperty,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindow',
						type: 'number',
						typeOptions: { minValue: 30 },
						default: DEFAULT_REPLAY_WINDOW_SECONDS,
						description: 'Calls signed longer ago than this (or this far ahead) are refused',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
