import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
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
import { pollTickets } from './poll';

/**
 * Polling mode: Zendesk's incremental ticket export, with the cursor in the
 * workflow's static data. A node of its own because n8n decides how to start
 * a trigger by its type (poll() or webhooks), not by a parameter.
 */
export class ZendeskTicketPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zendesk Ticket Poll Trigger',
		name: 'zendeskTicketPollTrigger',
		icon: { light: 'file:../../icons/zendeskTicket.svg', dark: 'file:../../icons/zendeskTicket.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Every change, polled" }}',
		description:
			'Starts the workflow when Zendesk tickets are created or change, by polling the incremental ticket export (no gaps, no duplicates)',
		defaults: { name: 'Zendesk Ticket Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName:
					"Polls Zendesk's incremental ticket export, which only admins may use, at most 10 requests a minute, and which never includes the most recent minute. Activating starts from now; use Backfill From to catch up from a date.",
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty(true),
			commentVisibilityProperty,
			onlyWhenChangedProperty,
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
						displayName: 'Backfill From',
						name: 'backfillFrom',
						type: 'dateTime',
						default: '',
						description: 'On the first activation, emit the changes since this date instead of starting from now',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTickets.call(this);
	}
}
