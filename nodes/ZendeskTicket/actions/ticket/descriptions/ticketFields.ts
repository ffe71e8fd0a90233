import type { INodeProperties } from 'n8n-workflow';

import { PRIORITY_OPTIONS, STATUS_OPTIONS, TYPE_OPTIONS } from '../../../../../common/ticket/options';
import { userLocator } from '../../common.descriptions';
import { PRIORITY_CHOICE, STATUS_CHOICE, TYPE_CHOICE, modelChoosable } from './modelChoice';

/*
 * The ticket's fields as parameters, one definition each. Create and Update
 * pick from these in their own files. Parameter names are saved in users'
 * workflows: keep them stable.
 */

export const ticketFields = {
	assigneeEmail: {
		displayName: 'Assignee Email',
		name: 'assigneeEmail',
		type: 'string',
		placeholder: 'agent@example.com',
		default: '',
		description: 'Email of the agent to assign the ticket to',
	},
	assigneeId: userLocator('Assignee', 'assigneeId', 'searchAgents', 'The agent to assign the ticket to'),
	brandId: {
		displayName: 'Brand Name or ID',
		name: 'brandId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBrands' },
		default: '',
		description:
			'Brand the ticket belongs to (multi-brand accounts). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	customStatusId: {
		displayName: 'Custom Status Name or ID',
		name: 'customStatusId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCustomStatuses' },
		default: '',
		description:
			'For accounts with custom ticket statuses. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	dueAt: {
		displayName: 'Due At',
		name: 'dueAt',
		type: 'dateTime',
		default: '',
		description: 'When a task is due. Zendesk only keeps it for tickets of type Task.',
	},
	emailCcs: {
		displayName: 'Email CCs',
		name: 'emailCcs',
		type: 'string',
		default: '',
		placeholder: 'a@example.com, b@example.com',
		description: 'Comma-separated emails or user IDs to copy on the ticket emails',
	},
	externalId: {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'An ID from another system, to find the ticket by later',
	},
	followers: {
		displayName: 'Followers',
		name: 'followers',
		type: 'string',
		default: '',
		placeholder: 'agent@example.com',
		description: 'Comma-separated emails or user IDs of agents who follow the ticket',
	},
	groupId: {
		displayName: 'Group Name or ID',
		name: 'groupId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getGroups' },
		default: '',
		description:
			'Group to assign the ticket to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	organizationId: {
		displayName: 'Organization ID',
		name: 'organizationId',
		type: 'string',
		default: '',
		description: "Must be one of the requester's organizations",
	},
	priority: {
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: PRIORITY_OPTIONS,
		default: 'normal',
	},
	problemId: {
		displayName: 'Problem Ticket ID',
		name: 'problemId',
		type: 'string',
		default: '',
		description: 'For tickets of type Incident: the problem ticket it belongs to',
	},
	requesterEmail: {
		displayName: 'Requester Email',
		name: 'requesterEmail',
		type: 'string',
		placeholder: 'customer@example.com',
		default: '',
		description: 'The person who asked for help. Zendesk creates the user if the email is new.',
	},
	requesterId: userLocator('Requester', 'requesterId', 'searchUsers', 'An existing Zendesk user; use instead of Requester Email'),
	requesterName: {
		displayName: 'Requester Name',
		name: 'requesterName',
		type: 'string',
		default: '',
		description: 'Name for a requester that Zendesk creates from Requester Email',
	},
	status: {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: STATUS_OPTIONS,
		default: 'open',
	},
	ticketFormId: {
		displayName: 'Ticket Form Name or ID',
		name: 'ticketFormId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTicketForms' },
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	type: {
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: TYPE_OPTIONS,
		default: 'question',
	},
	subject: {
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
	},
	tags: {
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'billing, vip',
		description: 'Comma-separated tags',
	},
	replaceTags: {
		displayName: 'Tags (Replace All)',
		name: 'tags',
		type: 'string',
		default: '',
		description: "Comma-separated tags that replace all of the ticket's tags. To keep the others, use Add Tags or Remove Tags.",
	},
	addTags: {
		displayName: 'Add Tags',
		name: 'addTags',
		type: 'string',
		default: '',
		placeholder: 'vip, escalated',
		description: 'Comma-separated tags to add; the ticket keeps its other tags',
	},
	removeTags: {
		displayName: 'Remove Tags',
		name: 'removeTags',
		type: 'string',
		default: '',
		description: 'Comma-separated tags to remove; the ticket keeps its other tags',
	},
	jsonFields: {
		displayName: 'Other Fields (JSON)',
		name: 'jsonFields',
		type: 'json',
		default: '{}',
		description:
			'Any other ticket properties, in Zendesk\'s words, e.g. {"via_followup_source_id": 123}. Fields set above take precedence.',
	},
} satisfies Record<string, INodeProperties>;

/** Priority, Status and Type: dropdowns in workflow steps, the model's choice in tools (see modelChoice). */
export const choosableTicketFields: INodeProperties[] = [
	...modelChoosable(ticketFields.priority, PRIORITY_CHOICE),
	...modelChoosable(ticketFields.status, STATUS_CHOICE),
	...modelChoosable(ticketFields.type, TYPE_CHOICE),
];

/** Item files to attach: to the description on create, to the comment on update. */
export const attachmentsField = (to: 'description' | 'comment'): INodeProperties => ({
	displayName: 'Attachments',
	name: 'attachments',
	type: 'string',
	default: 'data',
	placeholder: 'data, invoice',
	description:
		to === 'comment'
			? 'Comma-separated names of binary properties of the input item to attach to the comment (needs a Comment)'
			: 'Comma-separated names of binary properties of the input item to attach to the description',
});

/** A collection's options as the editor lists them: by name. */
export const byName = (fields: INodeProperties[]): INodeProperties[] =>
	[...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Internal note or public reply: a reply to the customer is a choice the builder makes, never a default. */
export const commentVisibilityProperty = (displayName: string): INodeProperties => ({
	displayName,
	name: 'commentVisibility',
	type: 'options',
	options: [
		{ name: 'Internal Note', value: 'internal', description: 'Only agents see it; nobody is emailed' },
		{ name: 'Public Reply', value: 'public', description: 'The requester sees it and Zendesk emails it to them' },
	],
	default: 'internal',
	description: 'Whether the comment is an internal note or a public reply that Zendesk emails to the requester',
});
