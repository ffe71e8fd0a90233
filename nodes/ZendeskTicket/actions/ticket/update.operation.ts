import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EndUserCall } from '../../../../common/api/requests';
import { updateRequest } from '../../../../common/api/requests';
import { endUserTicket, endUserUpdateBody } from '../../run/endUserInput';
import type { ZendeskClient } from '../../../../common/client';
import { commentMayBePosted } from '../../../../common/client';
import { ItemOutcomes, isToolRun } from '../../run/itemOutcomes';
import type { TicketFieldsInput } from '../../input/ticketBody';
import { commentFrom, isGiven, ticketFromFields } from '../../input/ticketBody';
import { InputProblem, positiveId } from '../../../../common/helpers/validation';
import { checkBesideMacro, underMacro } from '../../input/macroChanges';
import { MACRO_FIELD, MacroBook, macroChanges } from '../../run/macros';
import { macroField } from './descriptions/macro';
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
import { safeUpdateOptions } from './descriptions/safeUpdate';
import { safeUpdateConflict, safeUpdateOf, withSafeUpdate } from '../../run/safeUpdate';

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
				...[f.ticketFormId, macroField('update')],
			]),
		],
	},
	optionsCollection(safeUpdateOptions),
	...customFieldMapperProperties,
	simplifyProperty,
	bulkOutputProperty('update'),
	requestOptionsProperty({ bulk: true }),
];

export const toolDescription = 'Change an existing Zendesk ticket, given its ID: its fields, a comment, or both.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['update'] } }, properties);

interface UpdateFields extends TicketFieldsInput {
	comment?: string;
	macro?: string;
	commentFormat?: string;
	commentVisibility?: string;
}

/** One item's update: its own fields, and the macro's changes under them when it names one. */
async function buildUpdate(ctx: IExecuteFunctions, client: ZendeskClient, macros: MacroBook, items: INodeExecutionData[], i: number) {
	const { fields, definitions } = await ticketFieldsOf<UpdateFields>(ctx, client, i, 'updateFields');
	const built = validated(ctx, i, () => {
		const ticketId = oneTicketId(ctx, i);
		const macroId = isGiven(fields.macro) ? positiveId(MACRO_FIELD, fields.macro) : undefined;
		const changes = ticketFromFields(fields, definitions);
		// A model leaves Comment empty when it only changes the status: no comment then. In a workflow
		// step an empty Comment is more likely a mapping gone wrong, and is refused as before.
		if (fields.comment !== undefined && (isGiven(fields.comment) || !isToolRun(ctx))) {
			changes.comment = commentFrom('Comment', fields.comment, fields.commentFormat, fields.commentVisibility === 'public');
		}
		if (macroId === undefined && fields.attachments && !changes.comment) {
			throw new InputProblem('Attachments', 'need a Comment to be attached to');
		}
		if (macroId === undefined && Object.keys(changes).length === 0) {
			throw new InputProblem('Update Fields', 'nothing to update: add at least one field');
		}
		return { id: ticketId, macroId, changes };
	});
	let changes = built.changes;
	if (built.macroId !== undefined) {
		const macro = await macros.get(built.macroId, i);
		validated(ctx, i, () => checkBesideMacro(macro.plan, changes, Boolean(fields.attachments)));
		changes = underMacro(await macroChanges(client, macro, built.id, i), changes);
	}
	const ticket = validated(ctx, i, () => withSafeUpdate(ctx, i, changes, items[i].json.updated_at));
	if (fields.attachments) {
		(ticket.comment as IDataObject).uploads = await uploadAttachments(ctx, client, i, fields.attachments);
	}
	return { id: built.id, ticket };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	const macros = new MacroBook(this, client);
	const build = async (i: number) => await buildUpdate(this, client, macros, items, i);

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
