import type { INodeProperties } from 'n8n-workflow';

import { PRIORITY_OPTIONS, STATUS_OPTIONS } from '../ticket/options';

/** The parameters both trigger nodes share: authentication, events, filters and Simplify. */

export { authenticationProperty } from '../authentication';

export function eventsProperty(withComments: boolean): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Ticket Created', value: 'created' },
			{ name: 'Ticket Updated', value: 'updated' },
			{ name: 'Ticket Solved', value: 'solved' },
			...(withComments ? [{ name: 'Comment Added', value: 'commentAdded' }] : []),
		],
		default: ['created', 'updated'],
		required: true,
		description: 'Which ticket changes start the workflow',
	};
}

export const commentVisibilityProperty: INodeProperties = {
	displayName: 'Comments',
	name: 'commentVisibility',
	type: 'options',
	options: [
		{ name: 'Public Only', value: 'public' },
		{ name: 'All (Public and Internal)', value: 'all' },
	],
	default: 'public',
	displayOptions: { show: { events: ['commentAdded'] } },
};

export const onlyWhenChangedProperty: INodeProperties = {
	displayName: 'Only When These Fields Change',
	name: 'onlyWhenChanged',
	type: 'multiOptions',
	options: [
		{ name: 'Assignee', value: 'assignee' },
		{ name: 'Group', value: 'group' },
		{ name: 'Priority', value: 'priority' },
		{ name: 'Status', value: 'status' },
		{ name: 'Tags', value: 'tags' },
	],
	default: [],
	displayOptions: { show: { events: ['updated'] } },
	description: 'With Ticket Updated: start only when one of these changed. None: any change.',
};

export const filtersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{ displayName: 'Brand IDs', name: 'brandIds', type: 'string', default: '', description: 'Comma-separated brand IDs' },
		{ displayName: 'Form IDs', name: 'formIds', type: 'string', default: '', description: 'Comma-separated ticket form IDs' },
		{ displayName: 'Group IDs', name: 'groupIds', type: 'string', default: '', description: 'Comma-separated group IDs' },
		{ displayName: 'Priorities', name: 'priorities', type: 'multiOptions', options: PRIORITY_OPTIONS, default: [] },
		{ displayName: 'Statuses', name: 'statuses', type: 'multiOptions', options: STATUS_OPTIONS, default: [] },
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			description: 'Comma-separated tags; a ticket with any of them matches',
		},
	],
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return the ticket fields most workflows use instead of the full ticket',
};
