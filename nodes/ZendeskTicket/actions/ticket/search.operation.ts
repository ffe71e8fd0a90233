import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';

import type { EndUserCall } from '../../../../common/api/requests';
import { searchRequests } from '../../../../common/api/requests';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { buildSearchQuery } from '../../input/searchQuery';
import { searchTickets } from '../../../../common/api/search';
import { listLimit, validated } from '../../run/itemInput';
import { shapeTicket } from '../../run/tickets';
import { limitProperties, optionsCollection, requestOptionsProperty, simplifyProperty, sortOrderOption } from '../common.descriptions';
import { PRIORITY_OPTIONS, STATUS_OPTIONS, TYPE_OPTIONS } from '../../../../common/ticket/options';
import { PRIORITY_CHOICE, STATUS_CHOICE, TYPE_CHOICE, modelChoosable } from './descriptions/modelChoice';

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'status<solved priority>normal tags:vip',
		description:
			'Zendesk search syntax; "type:ticket" is added for you. Example: status&lt;solved created&gt;2026-01-01 "refund". Can be empty when filters are set.',
	},
	{
		displayName:
			"More than 1,000 matches: with Return All (or a limit above 1,000) the node switches to Zendesk's search export, which returns every match ordered by creation time and ignores Sort By.",
		name: 'searchExportNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { returnAll: [true] } },
	},
	...limitProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Assignee', name: 'assignee', type: 'string', default: '', placeholder: 'me, agent@example.com or an ID' },
			{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
			{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
			{ displayName: 'Group', name: 'group', type: 'string', default: '', placeholder: 'Group name or ID' },
			...modelChoosable(
				{ displayName: 'Priority', name: 'priority', type: 'multiOptions', options: PRIORITY_OPTIONS, default: [] },
				{ ...PRIORITY_CHOICE, says: 'Only tickets with these priorities', many: true },
			),
			{ displayName: 'Requester', name: 'requester', type: 'string', default: '', placeholder: 'customer@example.com or an ID' },
			...modelChoosable(
				{ displayName: 'Status', name: 'status', type: 'multiOptions', options: STATUS_OPTIONS, default: [] },
				{ ...STATUS_CHOICE, says: 'Only tickets with these statuses', many: true },
			),
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'vip, billing',
				description: 'Comma-separated; each tag must be present',
			},
			...modelChoosable(
				{ displayName: 'Type', name: 'ticketType', type: 'multiOptions', options: TYPE_OPTIONS, default: [] },
				{ ...TYPE_CHOICE, says: 'Only tickets of these types', many: true },
			),
			{ displayName: 'Updated After', name: 'updatedAfter', type: 'dateTime', default: '' },
			{ displayName: 'Updated Before', name: 'updatedBefore', type: 'dateTime', default: '' },
		],
	},
	optionsCollection([
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			options: [
				{ name: 'Created At', value: 'created_at' },
				{ name: 'Priority', value: 'priority' },
				{ name: 'Relevance', value: '' },
				{ name: 'Status', value: 'status' },
				{ name: 'Ticket Type', value: 'ticket_type' },
				{ name: 'Updated At', value: 'updated_at' },
			],
			default: '',
		},
		sortOrderOption('desc'),
	]),
	simplifyProperty,
	requestOptionsProperty(),
];

export const toolDescription =
	'Find Zendesk tickets by words or Zendesk search syntax (e.g. status<solved tags:vip). Returns the matching tickets.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const query = validated(this, i, () => buildSearchQuery(this.getNodeParameter('query', i, ''), filters));
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const tickets = await searchTickets(client, {
			query,
			limit: listLimit(this, i),
			sortBy: (options.sortBy as string) || undefined,
			sortOrder: options.sortBy ? (options.sortOrder as string) : undefined,
			itemIndex: i,
		});
		return tickets.map((t) => shapeTicket(this, i, t));
	});
	return outcomes.toExecutionData();
}

/** As the end user: their own requests that match the search. */
export async function asEndUser(this: IExecuteFunctions, i: number, call: EndUserCall, client: ZendeskClient): Promise<IDataObject[]> {
	const query = validated(this, i, () =>
		buildSearchQuery(this.getNodeParameter('query', i, ''), this.getNodeParameter('filters', i, {}) as IDataObject),
	);
	return (await searchRequests(client, query, listLimit(this, i), call)).map((r) => shapeTicket(this, i, r));
}
