import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ItemOutcomes } from '../../helpers/outcomes';
import type { TicketFieldsInput } from '../../helpers/ticketBody';
import { commentFrom, ticketFromFields } from '../../helpers/ticketBody';
import { InputProblem, positiveId } from '../../helpers/validation';
import { zendeskApiRequest } from '../../transport';
import { definitionsFor, shapeTicket, validated } from './common';
import { simplifyProperty, ticketFieldOptions } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123',
		description: 'ID of the ticket to update',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description:
					'Adds a comment to the ticket. The description (first comment) cannot be changed after creation, so this is how to add to it.',
			},
			{
				displayName: 'Comment Format',
				name: 'commentFormat',
				type: 'options',
				options: [
					{ name: 'Plain Text', value: 'text' },
					{ name: 'HTML', value: 'html' },
				],
				default: 'text',
			},
			{
				displayName: 'Comment Visibility',
				name: 'commentVisibility',
				type: 'options',
				options: [
					{ name: 'Public Reply', value: 'public', description: 'The requester sees it and is emailed' },
					{ name: 'Internal Note', value: 'internal', description: 'Only agents see it' },
				],
				default: 'public',
			},
			...ticketFieldOptions({ forUpdate: true }),
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ticket'], operation: ['update'] } },
	properties,
);

interface UpdateFields extends TicketFieldsInput {
	comment?: string;
	commentFormat?: string;
	commentVisibility?: string;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const fields = this.getNodeParameter('updateFields', i, {}) as UpdateFields;
		const definitions = await definitionsFor(this, fields);
		const { id, ticket } = validated(this, i, () => {
			const ticketId = positiveId('Ticket ID', this.getNodeParameter('ticketId', i));
			const changes = ticketFromFields(fields, definitions);
			if (fields.comment !== undefined) {
				changes.comment = commentFrom('Comment', fields.comment, fields.commentFormat, fields.commentVisibility !== 'internal');
			}
			if (Object.keys(changes).length === 0) {
				throw new InputProblem('Update Fields', 'nothing to update: add at least one field');
			}
			return { id: ticketId, ticket: changes };
		});
		const response = await zendeskApiRequest.call(this, {
			method: 'PUT',
			endpoint: `/tickets/${id}`,
			body: { ticket },
			itemIndex: i,
			context: `Ticket ${id}`,
		});
		return shapeTicket(this, i, response.ticket as IDataObject);
	});
	return outcomes.toExecutionData();
}
