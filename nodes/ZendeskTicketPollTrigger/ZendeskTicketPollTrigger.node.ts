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
 * Polling mode: Zendesk's incremental ticket export (admins) or the ticket
 * list (any agent), with the position in the workflow's static data. A node of its own because n8n decides how to start
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
		description: 'Starts the workflow when Zendesk tickets are created or change, by polling Zendesk (no gaps, no duplicates)',
		defaults: { name: 'Zendesk Ticket Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName:
					"With an admin's credential, polls Zendesk's incremental ticket export (at most 10 requests a minute; it never includes the most recent minute); with an agent's, the ticket list (see Options → Source). Activating starts from now; use Backfill From to catch up from a date.",
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			// Not labelled "Events": n8n's node panel turns a trigger's "Events" options into entries of their own and
			// then lists the node without "Trigger" in its name ("Zendesk Ticket Poll"); so it stays one trigger entry.
			{ ...eventsProperty(true), displayName: 'Ticket Events' },
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
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: [
							{
								name: 'Automatic',
								value: 'auto',
								description: "The incremental export when the credential is an admin's, else the ticket list (also after a 403)",
							},
							{
								name: 'Incremental Export (Admins)',
								value: 'export',
								description: 'Every change, including those of tickets later deleted; Comment Added works',
							},
							{
								name: 'Ticket List (Any Agent)',
								value: 'list',
								description: 'The tickets the credential can see, each at its latest change; up to 5,000 changes a poll; no Comment Added',
							},
						],
						default: 'auto',
						description: 'Where the trigger reads the changes from',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTickets.call(this);
	}
}
