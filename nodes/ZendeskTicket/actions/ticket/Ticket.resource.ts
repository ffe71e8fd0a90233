import type { INodeProperties } from 'n8n-workflow';

import * as addComment from './addComment.operation';
import * as applyMacro from './applyMacro.operation';
import * as create from './create.operation';
import * as deleteTicket from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getHistory from './getHistory.operation';
import * as merge from './merge.operation';
import * as previewMacro from './previewMacro.operation';
import * as search from './search.operation';
import * as update from './update.operation';
import type { ZendeskTicketMap } from '../node.type';
import { toolDescriptionProperties } from '../tool.descriptions';

/** The ticket operations by the names the node's Operation parameter saves. */
export const operations = {
	addComment,
	applyMacro,
	create,
	delete: deleteTicket,
	get,
	getAll,
	getHistory,
	merge,
	previewMacro,
	search,
	update,
} satisfies Record<ZendeskTicketMap['ticket'], { execute: unknown; toolDescription: string; asEndUser?: unknown }>;

/** The manual tool description, one per operation (see tool.descriptions). */
export const toolDescriptions = toolDescriptionProperties('ticket', operations);

/** The Operation parameter: its options' actions are the node's subtitle and what the model is told by default. */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['ticket'] } },
	options: [
		{
			name: 'Add Comment',
			value: 'addComment',
			description: 'Add an internal note or a public reply to a ticket',
			action: 'Add a comment to a ticket',
		},
		{
			name: 'Apply Macro',
			value: 'applyMacro',
			description: "Apply a macro's changes and comment to tickets, as an agent does in Zendesk",
			action: 'Apply a macro to a ticket',
		},
		{ name: 'Create', value: 'create', description: 'Create a ticket', action: 'Create a ticket' },
		{ name: 'Delete', value: 'delete', description: 'Delete one ticket or many', action: 'Delete tickets' },
		{ name: 'Get', value: 'get', description: 'Get one ticket or many by ID', action: 'Get tickets by ID' },
		{
			name: 'Get History',
			value: 'getHistory',
			description: "A ticket's changes: who changed what, when, and how",
			action: 'Get the history of a ticket',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List tickets, optionally of one user or organization',
			action: 'Get many tickets',
		},
		{ name: 'Merge', value: 'merge', description: 'Merge tickets into a target ticket', action: 'Merge tickets' },
		{
			name: 'Preview Macro',
			value: 'previewMacro',
			description: 'Show a ticket as a macro would leave it, without changing it',
			action: 'Preview a macro on a ticket',
		},
		{ name: 'Search', value: 'search', description: 'Find tickets with Zendesk search', action: 'Search tickets' },
		{ name: 'Update', value: 'update', description: 'Update a ticket or add a comment', action: 'Update a ticket' },
	],
	default: 'create',
};

export const description: INodeProperties[] = [
	operationProperty,
	...addComment.description,
	...create.description,
	...update.description,
	...get.description,
	...getAll.description,
	...search.description,
	...deleteTicket.description,
	...merge.description,
	...getHistory.description,
	...applyMacro.description,
	...previewMacro.description,
];
