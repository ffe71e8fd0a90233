import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import type { TicketFieldsInput } from '../input/ticketBody';
import { commentFrom, isGiven, ticketFromFields } from '../input/ticketBody';
import { InputProblem, oneOf, requireText } from '../../../common/helpers/validation';
import { MAX_SHORT_TEXT_BYTES, STATUSES } from '../../../common/zendeskFacts';
import type { EndUserCall } from '../../../common/api/requests';
import { createRequest } from '../../../common/api/requests';
import { END_USER_FIELD } from './endUser';
import { createMayHaveBeenDone, idempotencyKey, rememberUnsureCreate } from './idempotency';
import { ticketFieldsOf, validated, withMappedCustomFields } from './itemInput';
import { TICKET_ID_FIELD, oneTicketId } from './tickets';

/*
 * What an end user's item asks, in the Requests API's words: the bodies of a
 * new request and of an update, the one ticket an item is about, and a
 * create that is never sent twice. Each operation's asEndUser uses these.
 */

/** What an end user may set on a new request (Zendesk ignores or refuses the rest). */
const CREATE_KEYS = new Set(['subject', 'comment', 'priority', 'type', 'due_at', 'custom_fields', 'ticket_form_id', 'custom_status_id']);

export async function endUserCreateBody(ctx: IExecuteFunctions, client: ZendeskClient, i: number): Promise<IDataObject> {
	const { fields, definitions } = await ticketFieldsOf<TicketFieldsInput>(ctx, client, i, 'additionalFields');
	return validated(ctx, i, () => {
		const subject = requireText('Subject', ctx.getNodeParameter('subject', i), { maxBytes: MAX_SHORT_TEXT_BYTES });
		const comment = commentFrom('Description', ctx.getNodeParameter('description', i), fields.descriptionFormat, true);
		const request: IDataObject = { ...ticketFromFields(fields, definitions), subject, comment };
		// Attachments are not part of the ticket body, so they are named here rather than silently left out.
		const refused = [...Object.keys(request).filter((key) => !CREATE_KEYS.has(key)), ...(fields.attachments ? ['attachments'] : [])];
		if (refused.length)
			throw new InputProblem(END_USER_FIELD, `an end user cannot set ${refused.join(', ')}; remove those fields or act as the agent`);
		return request;
	});
}

export function endUserUpdateBody(ctx: IExecuteFunctions, i: number): IDataObject {
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

/** The one ticket an end user's item is about (Get names its field Ticket IDs). */
export function endUserTicket(ctx: IExecuteFunctions, i: number, field = TICKET_ID_FIELD): number {
	return validated(ctx, i, () => oneTicketId(ctx, i, { field, several: 'takes one ticket per item when acting as an end user' }));
}

const REQUEST_MAY_EXIST =
	"Zendesk may have opened this request before the connection broke. It was not sent again, so that the customer does not get the same ticket twice: check the customer's tickets in Zendesk (or list them) before running this item again.";

/**
 * Opens the end user's request with its Idempotency-Key, at most once per key
 * in this process: when an answer was lost, n8n's Retry On Fail (the same key)
 * gets the same error instead of a second ticket.
 */
export async function createRequestOnce(
	ctx: IExecuteFunctions,
	client: ZendeskClient,
	i: number,
	request: IDataObject,
	call: EndUserCall,
): Promise<IDataObject> {
	const key = idempotencyKey(ctx, i);
	if (createMayHaveBeenDone(key)) {
		throw new NodeOperationError(ctx.getNode(), 'An earlier try may have opened this request already', {
			itemIndex: i,
			description: REQUEST_MAY_EXIST,
		});
	}
	return await createRequest(client, request, call, {
		idempotencyKey: key,
		ifUnsure: REQUEST_MAY_EXIST,
		onUnsure: () => rememberUnsureCreate(key),
	});
}
