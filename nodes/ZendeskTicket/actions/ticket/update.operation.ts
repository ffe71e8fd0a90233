import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EndUserCall } from '../../../../common/api/requests';
import { updateRequest } from '../../../../common/api/requests';
import { endUserTicket, endUserUpdateBody } from '../../run/endUserInput';
import type { HttpFailure, ZendeskClient } from '../../../../common/client';
import { commentMayBePosted, zendeskErrorText } from '../../../../common/client';
import { ItemOutcomes, isToolRun } from '../../run/itemOutcomes';
import type { TicketFieldsInput } from '../../input/ticketBody';
import { commentFrom, isGiven, ticketFromFields } from '../../input/ticketBody';
import { InputProblem, isoDate } from '../../../../common/helpers/validation';
import { updateTicket } from '../../../../common/api/tickets';
import { uploadAttachments } from '../../run/itemFiles';
import type { BulkEntry } from '../../run/bulkWrite';
import { usesBulk, writeInBulk } from '../../run/bulkWrite';
import { ticketFieldsOf, validated } from '../../run/itemInput';
import { shapeTicket, oneTicketId } from '../../run/tickets';
import { optionsCollection, requestOptionsProperty, simplifyProperty, textFormatOption, ticketIdProperty } from '../common.descriptions';
import { customFieldMapperProperties, customFieldsCollection } from './descriptions/customFields';
import { attachmentsField, byName, choosableTicketFields, commentVisibilityProperty, ticketFields as f } from './descriptions/ticketFields';
import { bulkOutputProperty } from './descriptions/bulkOutput';

const properties: INodeProperties[] = [
	ticketIdProperty('update', { many: false }),
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
			textFormatOption('Comment Format', 'commentFormat'),
			commentVisibilityProperty('Comment Visibility'),
			...byName([
				...choosableTicketFields,
				f.addTags,
				attachmentsField('comment'),
				...[f.assigneeEmail, f.assigneeId, f.brandId, customFieldsCollection, f.customStatusId, f.dueAt, f.emailCcs],
				...[f.externalId, f.followers, f.groupId, f.jsonFields, f.organizationId, f.problemId],
				...[f.removeTags, f.requesterEmail, f.requesterId, f.requesterName, f.subject, f.replaceTags],
				...[f.ticketFormId],
			]),
		],
	},
	optionsCollection([
		{
			displayName: 'Safe Update',
			name: 'safeUpdate',
			type: 'boolean',
			default: false,
			description: 'Whether to refuse the update when someone changed the ticket since it was read, instead of overwriting their change',
		},
		{
			displayName: 'Updated Stamp',
			name: 'updatedStamp',
			type: 'string',
			default: '',
			placeholder: '2026-11-02T10:00:00Z',
			description: "The ticket's updated_at when it was read. When empty, the input item's updated_at is used.",
		},
	]),
	...customFieldMapperProperties,
	simplifyProperty,
	bulkOutputProperty('update'),
	requestOptionsProperty({ bulk: true }),
];

export const toolDescription = 'Change an existing Zendesk ticket, given its ID: its fields, a comment, or both.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['update'] } }, properties);

/** Zendesk compares updated_stamp with the ticket's updated_at to the second. */
function updatedStamp(given: unknown, fromItem: unknown): string {
	const value = given !== undefined && given !== '' ? given : fromItem;
	if (value === undefined || value === null || value === '') {
		throw new InputProblem('Updated Stamp', "is needed for Safe Update: give it, or pass the ticket's updated_at in the input item");
	}
	return isoDate('Updated Stamp', value).replace(/\.\d{3}Z$/, 'Z');
}

interface UpdateFields extends TicketFieldsInput {
	comment?: string;
	commentFormat?: string;
	commentVisibility?: string;
}

function safeUpdateConflict(failure: HttpFailure): { message: string; description: string } {
	const zendesk = zendeskErrorText(failure.body);
	const said = [zendesk.message, zendesk.description].filter(Boolean).join(': ').replace(/\.$/, '');
	return {
		message: 'changed since you read it (Safe Update)',
		description: `${said ? `Zendesk: ${said}. ` : ''}Safe Update stopped this update so that nobody's change is overwritten. Get the ticket again and repeat the update with its new updated_at.`,
	};
}

function safeUpdateOf(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return Boolean((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).safeUpdate);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	const asTool = isToolRun(this);
	const build = async (i: number) => {
		const { fields, definitions } = await ticketFieldsOf<UpdateFields>(this, client, i, 'updateFields');
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const built = validated(this, i, () => {
			const ticketId = oneTicketId(this, i);
			const changes = ticketFromFields(fields, definitions);
			// A model leaves Comment empty when it only changes the status: no comment then. In a workflow
			// step an empty Comment is more likely a mapping gone wrong, and is refused as before.
			if (fields.comment !== undefined && (isGiven(fields.comment) || !asTool)) {
				changes.comment = commentFrom('Comment', fields.comment, fields.commentFormat, fields.commentVisibility === 'public');
			}
			if (fields.attachments && !changes.comment) {
				throw new InputProblem('Attachments', 'need a Comment to be attached to');
			}
			if (Object.keys(changes).length === 0) {
				throw new InputProblem('Update Fields', 'nothing to update: add at least one field');
			}
			if (options.safeUpdate) {
				Object.assign(changes, { safe_update: true, updated_stamp: updatedStamp(options.updatedStamp, items[i].json.updated_at) });
			}
			return { id: ticketId, ticket: changes };
		});
		if (fields.attachments) {
			(built.ticket.comment as IDataObject).uploads = await uploadAttachments(this, client, i, fields.attachments);
		}
		return built;
	};

	if (usesBulk(this, items.length) && !items.some((_, i) => safeUpdateOf(this, i))) {
		const entries: BulkEntry[] = [];
		await outcomes.forEachPending(async (i) => {
			const { id, ticket } = await build(i);
			entries.push({ item: i, ticket: { ...ticket, id } });
			return undefined;
		});
		await writeInBulk(this, client, entries, 'update', outcomes);
		return outcomes.toExecutionData();
	}

	await outcomes.forEachPending(async (i) => {
		const { id, ticket } = await build(i);
		const updated = await updateTicket(client, id, ticket, {
			itemIndex: i,
			ifUnsure: ticket.comment ? commentMayBePosted(id) : undefined,
			explain: (failure) => (failure.status === 409 && safeUpdateOf(this, i) ? safeUpdateConflict(failure) : undefined),
		});
		return shapeTicket(this, i, updated);
	});
	return outcomes.toExecutionData();
}

/** As the end user: their comment (always public), or marking their request solved. */
export async function asEndUser(this: IExecuteFunctions, i: number, call: EndUserCall, client: ZendeskClient): Promise<IDataObject> {
	const id = endUserTicket(this, i);
	return shapeTicket(this, i, await updateRequest(client, id, endUserUpdateBody(this, i), call));
}
