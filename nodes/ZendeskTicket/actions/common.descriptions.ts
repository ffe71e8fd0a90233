import type { INodeProperties } from 'n8n-workflow';

import { listOrIdLocator } from './locator.descriptions';

/*
 * Properties every resource uses: pickers, output shape, limits and the
 * request options. Resource-specific fields live in the resource's folder.
 */

/** Zendesk takes a comment as `body` (plain text) or `html_body`. */
export const textFormatOption = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	options: [
		{ name: 'Plain Text', value: 'text' },
		{ name: 'HTML', value: 'html' },
	],
	default: 'text',
});

export const sortOrderOption = (defaultOrder: 'asc' | 'desc'): INodeProperties => ({
	displayName: 'Sort Order',
	name: 'sortOrder',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: defaultOrder,
});

/** An operation's "Options" collection. */
export const optionsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options,
});

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	// On, as in n8n's own nodes: a full ticket has some 40 keys, most of them rarely used.
	default: true,
	description: 'Whether to return only the most used ticket fields instead of the full ticket',
};

/**
 * The ticket as n8n's resource locator: picked from a searchable list, typed
 * as an ID, or pasted as the agent URL Zendesk shows in the browser.
 */
export const ticketIdProperty = (action: string, { many = true, extra = '' } = {}): INodeProperties => ({
	// Also the key n8n derives for a model's $fromAI value: "Ticket_IDs", "Ticket_ID".
	displayName: many ? 'Ticket IDs' : 'Ticket ID',
	name: 'ticketId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: `The ticket to ${action}.${many ? ' By ID also takes several IDs as a comma-separated list, an array, or an expression.' : ''}${extra}`,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a ticket…',
			typeOptions: { searchListMethod: 'searchTickets', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: many ? '123 or 123, 124, 125' : '123',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: many ? '^\\s*[0-9]+(\\s*,\\s*[0-9]+)*\\s*$' : '^\\s*[0-9]+\\s*$',
						errorMessage: many ? 'Enter ticket IDs: numbers separated by commas' : 'Enter a ticket ID: a number',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://acme.zendesk.com/agent/tickets/123',
			extractValue: { type: 'regex', regex: 'https?://[^/]+/agent/tickets/([0-9]+)' },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: 'https?://[^/]+/agent/tickets/([0-9]+).*',
						errorMessage: 'Paste a ticket URL such as https://acme.zendesk.com/agent/tickets/123',
					},
				},
			],
		},
	],
});

/** A user picked from a search of names and emails, or given by ID. */
export const userLocator = (
	displayName: string,
	name: string,
	method: 'searchUsers' | 'searchAgents',
	description: string,
): INodeProperties =>
	listOrIdLocator({ displayName, name, description }, { method, placeholder: 'Search by name or email…' }, { placeholder: '12345' });

export const limitProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		default: 50,
		description: 'Max number of results to return',
	},
];

const maxAttachmentSizeOption: INodeProperties = {
	displayName: 'Max Attachment Size (MB)',
	name: 'maxAttachmentSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 100,
	description: 'Largest file "Download Attachments" accepts; a larger one fails its item without being read to the end',
};

const maxRateLimitWaitOption: INodeProperties = {
	displayName: 'Max Rate Limit Wait (Seconds)',
	name: 'maxRateLimitWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 300,
	description:
		'When Zendesk answers 429 the node waits as long as Zendesk asks (Retry-After), and near the end of the rate budget it holds requests until the window resets. This caps all that waiting per run; 0 fails at once.',
};

const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 120,
	description:
		'How long one request may take, from sending it to the end of the answer (a download: all of it). A request that takes longer is stopped.',
};

const BULK_HINT = {
	create:
		"Whether to send many input items to Zendesk's create_many endpoint, 100 tickets a request, instead of one request per item. Bulk jobs run asynchronously and count against Zendesk's limit of 30 concurrent jobs. Items with their own Idempotency Key, and nodes with Retry On Fail on, always go one by one, so that a repeat is recognised.",
	update:
		"Whether to send many input items to Zendesk's update_many endpoint, 100 tickets a request, instead of one request per item. Bulk jobs run asynchronously and count against Zendesk's limit of 30 concurrent jobs. Safe Update always goes one by one.",
};

const bulkOption = (kind: 'create' | 'update'): INodeProperties => ({
	displayName: 'Use Bulk Requests',
	name: 'batching',
	type: 'boolean',
	default: true,
	description: BULK_HINT[kind],
});

const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: '={{ $json.eventId }}',
	description:
		'Zendesk creates one ticket per key within 2 hours, so a retry or re-run cannot create a duplicate. Use an ID of the source event; when empty, a key from this execution, node and item is used.',
};

const actAsEndUserOption: INodeProperties = {
	displayName: 'Act as End User',
	name: 'onBehalfOf',
	type: 'string',
	default: '',
	placeholder: 'customer@example.com or 12345',
	description:
		"The customer's email or user ID. Zendesk then answers as that customer (their own tickets only, through the Requests API). Needs an OAuth2 credential of an admin with the impersonate scope. Delete, Merge and Get History are not possible as an end user.",
};

/**
 * Request Options: the limits every operation has, plus what applies to one
 * operation only (create's idempotency key, bulk writes, get's downloads).
 */
export function requestOptionsProperty({
	create = false,
	bulk = false,
	download = false,
}: { create?: boolean; bulk?: boolean; download?: boolean } = {}): INodeProperties {
	const options: INodeProperties[] = [
		...(create ? [idempotencyKeyOption] : []),
		...(bulk ? [bulkOption(create ? 'create' : 'update')] : []),
		...(download ? [maxAttachmentSizeOption] : []),
		actAsEndUserOption,
		maxRateLimitWaitOption,
		timeoutOption,
	];
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
