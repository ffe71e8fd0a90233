import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';

import type { EndUserCall } from '../../../../common/api/requests';
import { listRequests } from '../../../../common/api/requests';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { positiveId } from '../../../../common/helpers/validation';
import type { TicketListOwner } from '../../../../common/api/tickets';
import { listTickets } from '../../../../common/api/tickets';
import { listLimit, validated } from '../../run/itemInput';
import { shapeTicket } from '../../run/tickets';
import { limitProperties, optionsCollection, requestOptionsProperty, simplifyProperty, sortOrderOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Tickets',
		name: 'listScope',
		type: 'options',
		options: [
			{ name: 'All Tickets', value: 'all' },
			{ name: 'Assigned to a User', value: 'assigned' },
			{ name: 'CCed to a User', value: 'ccd' },
			{ name: 'Of an Organization', value: 'organization' },
			{ name: 'Requested by a User', value: 'requested' },
		],
		default: 'all',
		description: 'Which tickets to list',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { listScope: ['requested', 'assigned', 'ccd'] } },
	},
	{
		displayName: 'Organization ID',
		name: 'organizationId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { listScope: ['organization'] } },
	},
	...limitProperties,
	optionsCollection([
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'Only tickets with this external ID (all tickets scope only)',
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			options: [
				{ name: 'ID', value: 'id' },
				{ name: 'Status', value: 'status' },
				{ name: 'Updated At', value: 'updated_at' },
			],
			default: 'id',
		},
		sortOrderOption('asc'),
	]),
	simplifyProperty,
	requestOptionsProperty(),
];

export const toolDescription = 'List Zendesk tickets: all of them, or those of one user or organization.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getAll'] } }, properties);

/** Whose tickets to list (the account's when no owner is given). */
function ownerOf(ctx: IExecuteFunctions, i: number, scope: string): TicketListOwner {
	if (scope === 'organization') return { organizationId: positiveId('Organization ID', ctx.getNodeParameter('organizationId', i)) };
	if (scope === 'requested' || scope === 'assigned' || scope === 'ccd') {
		return { userId: positiveId('User ID', ctx.getNodeParameter('userId', i)), relation: scope };
	}
	return undefined;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const scope = this.getNodeParameter('listScope', i, 'all') as string;
		const owner = validated(this, i, () => ownerOf(this, i, scope));
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const qs: IDataObject = {};
		if (options.sortBy || options.sortOrder) {
			// Cursor pagination sorts with one parameter; a leading minus means descending.
			qs.sort = `${options.sortOrder === 'desc' ? '-' : ''}${(options.sortBy as string) || 'id'}`;
		}
		if (options.externalId && scope === 'all') qs.external_id = options.externalId;
		const tickets = await listTickets(client, owner, { qs, limit: listLimit(this, i), itemIndex: i });
		return tickets.map((t) => shapeTicket(this, i, t));
	});
	return outcomes.toExecutionData();
}

/** As the end user: their own requests, newest first. */
export async function asEndUser(this: IExecuteFunctions, i: number, call: EndUserCall, client: ZendeskClient): Promise<IDataObject[]> {
	return (await listRequests(client, listLimit(this, i), call)).map((r) => shapeTicket(this, i, r));
}
