import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputError, itemLabel } from '../../../common/client/itemErrors';
import { buildSearchQuery } from '../helpers/searchQuery';
import type { TicketFieldsInput } from '../helpers/ticketBody';
import { commentFrom, isGiven, ticketFromFields } from '../helpers/ticketBody';
import { InputProblem, oneOf, requireText } from '../../../common/helpers/validation';
import { STATUSES } from '../../../common/zendeskFacts';
import type { EndUserCall } from '../../../common/api/requests';
import { createRequest, listRequests, requestComments, searchRequests, showRequest, updateRequest } from '../../../common/api/requests';
import { END_USER_FIELD, endUserOf } from './endUserIdentity';
import { refuseWhatEndUsersCannotDo } from './endUserOptions';
import { createMayHaveBeenDone, idempotencyKey, rememberUnsureCreate } from './idempotency';
import { listLimit, ticketFieldsOf, validated, withMappedCustomFields } from './itemInput';
import { ItemOutcomes } from './itemOutcomes';
import { TICKET_IDS_FIELD, TICKET_ID_FIELD, oneTicketId } from './ticketIds';
import { shapeTicket } from './ticketOutput';

/** What an end user may set on a new request (Zendesk ignores or refuses the rest). */
const CREATE_KEYS = new Set(['subject', 'comment', 'priority', 'type', 'due_at', 'custom_fields', 'ticket_form_id', 'custom_status_id']);

async function createBody(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { fields, definitions } = await ticketFieldsOf<TicketFieldsInput>(ctx, i, 'additionalFields');
	return validated(ctx, i, () => {
		const subject = requireText('Subject', ctx.getNodeParameter('subject', i), { maxBytes: 1020 });
		const comment = commentFrom('Description', ctx.getNodeParameter('description', i), fields.descriptionFormat, true);
		const request: IDataObject = { ...ticketFromFields(fields, definitions), subject, comment };
		// Attachments are not part of the ticket body, so they are named here rather than silently left out.
		const refused = [...Object.keys(request).filter((key) => !CREATE_KEYS.has(key)), ...(fields.attachments ? ['attachments'] : [])];
		if (refused.length)
			throw new InputProblem(END_USER_FIELD, `an end user cannot set ${refused.join(', ')}; remove those fields or act as the agent`);
		return request;
	});
}

function updateBody(ctx: IExecuteFunctions, i: number): IDataObject {
	// With the mapped custom field values, so that those are refused by name too rather than left out.
	const fields = withMappedCustomFields(ctx, i, ctx.getNodeParameter('updateFields', i, {}) as TicketFieldsInput);
	const { comment, status, ...rest } = fields;
	// How a comment looks and who sees it are not the customer's to choose: the Requests API takes plain public text.
	const ignored = new Set(['commentFormat', 'commentVisibility']);
	return validated(ctx, i, () => {
		const others = Object.keys(rest).filter((key) => !ignored.has(key) && isGiven(rest[key]));
		if (others.length)
			throw new InputProblem(END_USER_FIELD, `an end user can only add a comment or mark the ticket solved, not set ${others.join(', ')}`);
		const solved = isGiven(status) && oneOf('Status', status, STATUSES) === 'solved';
		if (isGiven(status) && !solved) throw new InputProblem('Status', 'an end user can only mark a ticket solved');
		const request: IDataObject = {};
		// A customer's comment is always public: it is their side of the conversation.
		// The Requests API takes a plain-text body only.
		if (isGiven(comment)) request.comment = { body: requireText('Comment', comment) };
		if (solved) request.solved = true;
		if (!Object.keys(request).length) throw new InputProblem('Update Fields', 'nothing to update: add a Comment, or set Status to Solved');
		return request;
	});
}

function ticketOf(ctx: IExecuteFunctions, operation: string, i: number): number {
	const field = operation === 'get' ? TICKET_IDS_FIELD : TICKET_ID_FIELD;
	return validated(ctx, i, () => oneTicketId(ctx, i, { field, several: 'takes one ticket per item when acting as an end user' }));
}

const REQUEST_MAY_EXIST =
	"Zendesk may have opened this request before the connection broke. It was not sent again, so that the customer does not get the same ticket twice: check the customer's tickets in Zendesk (or list them) before running this item again.";

/**
 * Opens the end user's request with its Idempotency-Key, at most once per key
 * in this process: when an answer was lost, n8n's Retry On Fail (the same key)
 * gets the same error instead of a second ticket.
 */
async function createOnce(ctx: IExecuteFunctions, i: number, request: IDataObject, call: EndUserCall): Promise<IDataObject> {
	const key = idempotencyKey(ctx, i);
	if (createMayHaveBeenDone(key)) {
		throw new NodeOperationError(ctx.getNode(), `An earlier try may have opened this request already${itemLabel(i)}`, {
			itemIndex: i,
			description: REQUEST_MAY_EXIST,
		});
	}
	return await createRequest.call(ctx, request, call, {
		idempotencyKey: key,
		ifUnsure: REQUEST_MAY_EXIST,
		onUnsure: () => rememberUnsureCreate(key),
	});
}

async function runOne(ctx: IExecuteFunctions, operation: string, i: number, call: EndUserCall): Promise<IDataObject | IDataObject[]> {
	switch (operation) {
		case 'create':
			return shapeTicket(ctx, i, await createOnce(ctx, i, await createBody(ctx, i), call));
		case 'get': {
			const id = ticketOf(ctx, operation, i);
			const shaped = shapeTicket(ctx, i, await showRequest.call(ctx, id, call));
			// Include Comments: what the customer sees, public replies only, whichever was chosen.
			const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
			if (options.comments === 'all' || options.comments === 'public') {
				shaped.comments = await requestComments.call(ctx, id, Number(options.commentsLimit ?? 10) || 10, call);
			}
			return shaped;
		}
		case 'update': {
			const id = ticketOf(ctx, operation, i);
			return shapeTicket(ctx, i, await updateRequest.call(ctx, id, updateBody(ctx, i), call));
		}
		case 'addComment': {
			const id = ticketOf(ctx, operation, i);
			const body = validated(ctx, i, () => requireText('Comment', ctx.getNodeParameter('comment', i)));
			return shapeTicket(ctx, i, await updateRequest.call(ctx, id, { comment: { body } }, call));
		}
		case 'getAll':
			return (await listRequests.call(ctx, listLimit(ctx, i), call)).map((r) => shapeTicket(ctx, i, r));
		case 'search': {
			const query = validated(ctx, i, () =>
				buildSearchQuery(ctx.getNodeParameter('query', i, ''), ctx.getNodeParameter('filters', i, {}) as IDataObject),
			);
			return (await searchRequests.call(ctx, query, listLimit(ctx, i), call)).map((r) => shapeTicket(ctx, i, r));
		}
		default: {
			const what = operation === 'delete' ? 'delete tickets' : `use the ${operation} operation`;
			throw inputError(ctx.getNode(), i, END_USER_FIELD, `an end user cannot ${what}; remove Act as End User to ${operation} as the agent`);
		}
	}
}

/**
 * Runs the operation for each item as its end user, one item after the
 * other, through the Requests API with X-On-Behalf-Of: Zendesk then shows
 * and changes only that customer's own requests.
 */
export async function runAsEndUser(ctx: IExecuteFunctions, operation: string, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(ctx, items.length);
	await outcomes.forEachPending(async (i) => {
		const endUser = endUserOf(ctx, i);
		refuseWhatEndUsersCannotDo(ctx, operation, i);
		return await runOne(ctx, operation, i, { endUser, itemIndex: i });
	});
	return outcomes.toExecutionData();
}
