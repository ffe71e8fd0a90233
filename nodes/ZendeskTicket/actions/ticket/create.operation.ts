import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EndUserCall } from '../../../../common/api/requests';
import { createRequestOnce, endUserCreateBody } from '../../run/endUserInput';
import { MAX_SHORT_TEXT_BYTES } from '../../../../common/zendeskFacts';
import { ItemOutcomes } from '../../run/itemOutcomes';
import type { TicketFieldsInput } from '../../input/ticketBody';
import { commentFrom, isGiven, ticketFromFields } from '../../input/ticketBody';
import { positiveId, requireText } from '../../../../common/helpers/validation';
import { newTicketWithMacro } from '../../input/macroChanges';
import { MACRO_FIELD, MacroBook } from '../../run/macros';
import { macroField } from './descriptions/macro';
import { explainIdempotencyConflict, idempotencyKey } from '../../run/idempotency';
import type { ZendeskClient } from '../../../../common/client';
import { createTicket } from '../../../../common/api/tickets';
import { uploadAttachments } from '../../run/itemFiles';
import type { BulkEntry } from '../../run/bulkWrite';
import { usesBulk, writeInBulk } from '../../run/bulkWrite';
import { ticketFieldsOf, validated } from '../../run/itemInput';
import { shapeTicket } from '../../run/tickets';
import { requestOptionsProperty, simplifyProperty, textFormatOption } from '../common.descriptions';
import { customFieldMapperProperties, customFieldsCollection } from './descriptions/customFields';
import { attachmentsField, byName, choosableTicketFields, ticketFields as f } from './descriptions/ticketFields';
import { bulkOutputProperty } from './descriptions/bulkOutput';

const properties: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Order #1042 arrived damaged',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		required: true,
		typeOptions: { rows: 4 },
		default: '',
		description: 'The first comment of the ticket. It cannot be changed later; use a comment on Update to add to it.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			textFormatOption('Description Format', 'descriptionFormat'),
			{
				displayName: 'Description Is Public',
				name: 'publicDescription',
				type: 'boolean',
				default: true,
				description: 'Whether the requester can see the description; off makes it an internal note',
			},
			...byName([
				...choosableTicketFields,
				attachmentsField('description'),
				...[f.assigneeEmail, f.assigneeId, f.brandId, customFieldsCollection, f.customStatusId, f.dueAt, f.emailCcs],
				...[f.externalId, f.followers, f.groupId, f.jsonFields, f.organizationId, f.problemId],
				...[f.requesterEmail, f.requesterId, f.requesterName, f.tags, f.ticketFormId, macroField('create')],
			]),
		],
	},
	...customFieldMapperProperties,
	simplifyProperty,
	bulkOutputProperty('create'),
	requestOptionsProperty({ create: true, bulk: true }),
];

export const toolDescription =
	'Open a new Zendesk ticket from a short subject and a description of the problem. Returns the new ticket with its ID.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['create'] } }, properties);

function hasOwnKey(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return Boolean((ctx.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject).idempotencyKey);
}

/**
 * create_many takes no Idempotency-Key, so a batch sent twice creates its
 * tickets twice. Bulk is therefore used only where nothing sends the items
 * again: items with their own key, and a node that n8n retries on failure
 * (Retry On Fail runs every item again), go one by one, each with its key.
 */
function createsInBulk(ctx: IExecuteFunctions, items: INodeExecutionData[]): boolean {
	return usesBulk(ctx, items.length) && !ctx.getNode().retryOnFail && !items.some((_, i) => hasOwnKey(ctx, i));
}

/** One item's new ticket: its own fields, over the macro's changes when it names one. */
async function buildCreate(ctx: IExecuteFunctions, client: ZendeskClient, macros: MacroBook, i: number): Promise<IDataObject> {
	const { fields, definitions } = await ticketFieldsOf<TicketFieldsInput & { macro?: string }>(ctx, client, i, 'additionalFields');
	const built = validated(ctx, i, () => {
		const subject = requireText('Subject', ctx.getNodeParameter('subject', i), { maxBytes: MAX_SHORT_TEXT_BYTES });
		const comment = commentFrom(
			'Description',
			ctx.getNodeParameter('description', i),
			fields.descriptionFormat,
			fields.publicDescription !== false,
		);
		const macroId = isGiven(fields.macro) ? positiveId(MACRO_FIELD, fields.macro) : undefined;
		return { macroId, ticket: { ...ticketFromFields(fields, definitions), subject, comment } as IDataObject };
	});
	let ticket = built.ticket;
	if (built.macroId !== undefined) {
		const { plan } = await macros.get(built.macroId, i);
		ticket = validated(ctx, i, () => newTicketWithMacro(plan, built.macroId!, built.ticket));
	}
	if (fields.attachments) {
		(ticket.comment as IDataObject).uploads = await uploadAttachments(ctx, client, i, fields.attachments);
	}
	return ticket;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	const macros = new MacroBook(this, client);
	const build = async (i: number): Promise<IDataObject> => await buildCreate(this, client, macros, i);

	if (createsInBulk(this, items)) {
		const entries: BulkEntry[] = [];
		await outcomes.forEachPending(async (i) => {
			entries.push({ item: i, ticket: await build(i) });
			return undefined;
		});
		await writeInBulk(this, client, entries, 'create', outcomes);
		return outcomes.toExecutionData();
	}

	await outcomes.forEachPending(async (i) => {
		const ticket = await build(i);
		const created = await createTicket(client, ticket, idempotencyKey(this, i), { itemIndex: i, explain: explainIdempotencyConflict });
		return shapeTicket(this, i, created);
	});
	return outcomes.toExecutionData();
}

/** As the end user: a request with what a customer may set, opened at most once. */
export async function asEndUser(this: IExecuteFunctions, i: number, call: EndUserCall, client: ZendeskClient): Promise<IDataObject> {
	return shapeTicket(this, i, await createRequestOnce(this, client, i, await endUserCreateBody(this, client, i), call));
}
