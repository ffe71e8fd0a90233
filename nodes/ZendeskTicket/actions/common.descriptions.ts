import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

// Zendesk's own values; the names read as in Zendesk's agent interface.
export const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Closed', value: 'closed' },
	{ name: 'New', value: 'new' },
	{ name: 'On-Hold', value: 'hold' },
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Solved', value: 'solved' },
];

export const PRIORITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Urgent', value: 'urgent' },
	{ name: 'High', value: 'high' },
	{ name: 'Normal', value: 'normal' },
	{ name: 'Low', value: 'low' },
];

export const TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Question', value: 'question' },
	{ name: 'Incident', value: 'incident' },
	{ name: 'Problem', value: 'problem' },
	{ name: 'Task', value: 'task' },
];

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

/**
 * Ticket fields shared by create's "Additional Fields" and update's "Update
 * Fields". Parameter names are saved in users' workflows: keep them stable.
 */
export function ticketFieldOptions({ forUpdate }: { forUpdate: boolean }): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Assignee Email',
			name: 'assigneeEmail',
			type: 'string',
			placeholder: 'agent@example.com',
			default: '',
			description: 'Email of the agent to assign the ticket to',
		},
		userLocator('Assignee', 'assigneeId', 'searchAgents', 'The agent to assign the ticket to'),
		{
			displayName: 'Attachments',
			name: 'attachments',
			type: 'string',
			default: 'data',
			placeholder: 'data, invoice',
			description: forUpdate
				? 'Comma-separated names of binary properties of the input item to attach to the comment (needs a Comment)'
				: 'Comma-separated names of binary properties of the input item to attach to the description',
		},
		{
			displayName: 'Brand Name or ID',
			name: 'brandId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getBrands' },
			default: '',
			description:
				'Brand the ticket belongs to (multi-brand accounts). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			placeholder: 'Add Custom Field',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'fieldId',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getCustomFields' },
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description:
								'Converted to the field type: a number, true/false for a checkbox, YYYY-MM-DD for a date, the option value or name for a dropdown, comma-separated options for a multi-select. Leave empty to clear.',
						},
					],
				},
			],
		},
		{
			displayName: 'Custom Status Name or ID',
			name: 'customStatusId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getCustomStatuses' },
			default: '',
			description:
				'For accounts with custom ticket statuses. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Due At',
			name: 'dueAt',
			type: 'dateTime',
			default: '',
			description: 'When a task is due. Zendesk only keeps it for tickets of type Task.',
		},
		{
			displayName: 'Email CCs',
			name: 'emailCcs',
			type: 'string',
			default: '',
			placeholder: 'a@example.com, b@example.com',
			description: 'Comma-separated emails or user IDs to copy on the ticket emails',
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'An ID from another system, to find the ticket by later',
		},
		{
			displayName: 'Followers',
			name: 'followers',
			type: 'string',
			default: '',
			placeholder: 'agent@example.com',
			description: 'Comma-separated emails or user IDs of agents who follow the ticket',
		},
		{
			displayName: 'Group Name or ID',
			name: 'groupId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getGroups' },
			default: '',
			description:
				'Group to assign the ticket to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description: "Must be one of the requester's organizations",
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'options',
			options: PRIORITY_OPTIONS,
			default: 'normal',
		},
		{
			displayName: 'Problem Ticket ID',
			name: 'problemId',
			type: 'string',
			default: '',
			description: 'For tickets of type Incident: the problem ticket it belongs to',
		},
		{
			displayName: 'Requester Email',
			name: 'requesterEmail',
			type: 'string',
			placeholder: 'customer@example.com',
			default: '',
			description: 'The person who asked for help. Zendesk creates the user if the email is new.',
		},
		userLocator('Requester', 'requesterId', 'searchUsers', 'An existing Zendesk user; use instead of Requester Email'),
		{
			displayName: 'Requester Name',
			name: 'requesterName',
			type: 'string',
			default: '',
			description: 'Name for a requester that Zendesk creates from Requester Email',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: STATUS_OPTIONS,
			default: 'open',
		},
		{
			displayName: 'Ticket Form Name or ID',
			name: 'ticketFormId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTicketForms' },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: TYPE_OPTIONS,
			default: 'question',
		},
	];
	if (forUpdate) {
		fields.push(
			{
				displayName: 'Add Tags',
				name: 'addTags',
				type: 'string',
				default: '',
				placeholder: 'vip, escalated',
				description: 'Comma-separated tags to add; the ticket keeps its other tags',
			},
			{
				displayName: 'Remove Tags',
				name: 'removeTags',
				type: 'string',
				default: '',
				description: 'Comma-separated tags to remove; the ticket keeps its other tags',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Tags (Replace All)',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Comma-separated tags that replace all of the ticket\'s tags. To keep the others, use Add Tags or Remove Tags.',
			},
		);
	} else {
		fields.push({
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'billing, vip',
			description: 'Comma-separated tags',
		});
	}
	fields.push(jsonFieldsOption);
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return only the most used ticket fields instead of the full ticket',
};

/**
 * The ticket as n8n's resource locator: picked from a searchable list, typed
 * as an ID, or pasted as the agent URL Zendesk shows in the browser.
 */
export const ticketIdProperty = (action: string, { many = true, extra = '' } = {}): INodeProperties => ({
	displayName: many ? 'Ticket(s)' : 'Ticket',
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
export const userLocator = (displayName: string, name: string, method: 'searchUsers' | 'searchAgents', description: string): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search by name or email…',
			typeOptions: { searchListMethod: method, searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '12345' },
	],
});

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

/** Retry limits for every operation; create adds its idempotency key, get the attachment size cap. */
export function requestOptionsProperty({
	create = false,
	bulk = false,
	download = false,
}: { create?: boolean; bulk?: boolean; download?: boolean } = {}): INodeProperties {
	const options: INodeProperties[] = [
		...(download
			? [
					{
						displayName: 'Max Attachment Size (MB)',
						name: 'maxAttachmentSize',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 100,
						description:
							'Largest file "Download Attachments" accepts; a larger one fails its item without being read to the end',
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Max Rate Limit Wait (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description:
				'When Zendesk answers 429 the node waits as long as Zendesk asks (Retry-After), and near the end of the rate budget it holds requests until the window resets. This caps all that waiting per run; 0 fails at once.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description: 'How long one request may take, from sending it to the end of the answer (a download: all of it). A request that takes longer is stopped.',
		},
	];
	if (bulk) {
		const description = create
			? "Whether to send many input items to Zendesk's create_many endpoint, 100 tickets a request, instead of one request per item. Bulk jobs run asynchronously and count against Zendesk's limit of 30 concurrent jobs. Items with their own Idempotency Key always go one by one."
			: "Whether to send many input items to Zendesk's update_many endpoint, 100 tickets a request, instead of one request per item. Bulk jobs run asynchronously and count against Zendesk's limit of 30 concurrent jobs. Safe Update always goes one by one.";
		options.unshift({
			displayName: 'Use Bulk Requests',
			name: 'batching',
			type: 'boolean',
			default: true,
			description,
		});
	}
	if (create) {
		options.unshift({
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: '={{ $json.eventId }}',
			description:
				'Zendesk creates one ticket per key within 2 hours, so a retry or re-run cannot create a duplicate. Use an ID of the source event; when empty, a key from this execution, node and item is used.',
		});
	}
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

export const jsonFieldsOption: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: 'jsonFields',
	type: 'json',
	default: '{}',
	description:
		'Any other ticket properties, in Zendesk\'s words, e.g. {"via_followup_source_id": 123}. Fields set above take precedence.',
};

/** Custom fields as n8n's resource mapper: one typed input per field, optionally of one form. */
export const customFieldMapperProperties: INodeProperties[] = [
	{
		displayName: 'Custom Fields of Form Name or ID',
		name: 'customFieldsForm',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTicketFormFilter' },
		default: '',
		description:
			'Show only the custom fields of this ticket form below. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Custom Field Values',
		name: 'customFieldValues',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		typeOptions: {
			loadOptionsDependsOn: ['customFieldsForm'],
			resourceMapper: {
				resourceMapperMethod: 'getCustomFieldColumns',
				mode: 'add',
				fieldWords: { singular: 'custom field', plural: 'custom fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
	},
];
