import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { credentialOf } from '../../../common/authentication';
import { headerValue } from '../input/headerValue';
import { InputProblem, email, isPositiveId } from '../../../common/helpers/validation';
import type { ZendeskClient } from '../../../common/client';
import { inputError } from '../../../common/client';
import type { EndUserCall } from '../../../common/api/requests';
import { validated } from './itemInput';
import { refuseWhatEndUsersCannotDo } from './endUserOptions';
import { ItemOutcomes } from './itemOutcomes';

export const END_USER_FIELD = 'Act as End User';
const OPTION = 'onBehalfOf';

const hasOption = (options: unknown): boolean => typeof options === 'object' && options !== null && Object.hasOwn(options, OPTION);

/**
 * Whether the node acts for a customer. Decided by the option being there,
 * in the node as saved or in any item's options, never by its value: an
 * expression that resolves to nothing must not turn the customer's run into
 * the admin's (their view of every ticket of the account).
 */
export function actsAsEndUser(ctx: IExecuteFunctions, items: INodeExecutionData[]): boolean {
	if (hasOption(ctx.getNode().parameters.requestOptions)) return true;
	return items.some((_, i) => hasOption(ctx.getNodeParameter('requestOptions', i, {})));
}

function checkedEndUser(value: unknown): string {
	if (value !== null && typeof value === 'object') {
		throw new InputProblem(END_USER_FIELD, `is ${Array.isArray(value) ? 'a list' : 'an object'}; map the customer's email or user ID`);
	}
	const text = String(value ?? '').trim();
	if (text === '') {
		throw new InputProblem(
			END_USER_FIELD,
			"is set but empty for this item, so nothing was sent rather than acting as the admin; give the customer's email or user ID, or remove the option to act as the agent",
		);
	}
	const sent = headerValue(
		END_USER_FIELD,
		text,
		"give the customer's Zendesk user ID, or an address in plain ASCII (an international domain in its xn-- form)",
	);
	return isPositiveId(sent) ? sent : email(END_USER_FIELD, sent);
}

/**
 * The customer the item acts for, exactly as it will be sent in
 * X-On-Behalf-Of; an error for the item (nothing sent) when it cannot be.
 */
export function endUserOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = (ctx.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject)[OPTION];
	return validated(ctx, itemIndex, () => {
		if (!credentialOf(ctx.getNodeParameter('authentication', 0, 'oAuth2')).canImpersonate) {
			throw new InputProblem(
				END_USER_FIELD,
				'needs an OAuth2 credential of an admin with the impersonate scope; an API token cannot act for a customer',
			);
		}
		return checkedEndUser(value);
	});
}

/** An operation's way of doing one item as the end user, through the Requests API. */
export type EndUserRun = (
	this: IExecuteFunctions,
	itemIndex: number,
	call: EndUserCall,
	client: ZendeskClient,
) => Promise<IDataObject | IDataObject[]>;

export interface EndUserOperation {
	/** As the Operation parameter saves it, e.g. `delete`. */
	name: string;
	/** As the Operation option says it, e.g. "Delete tickets". */
	action: string;
	/** Absent where Zendesk has no end-user form of the operation. */
	asEndUser?: EndUserRun;
}

/**
 * Runs the operation for each item as its end user, one item after the
 * other, through the Requests API with X-On-Behalf-Of: Zendesk then shows
 * and changes only that customer's own requests. The customer is checked
 * first, then what the item asks; nothing is sent for an item that fails.
 */
export async function runAsEndUser(
	ctx: IExecuteFunctions,
	client: ZendeskClient,
	operation: EndUserOperation,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(ctx, items.length);
	await outcomes.forEachPending(async (i) => {
		const endUser = endUserOf(ctx, i);
		refuseWhatEndUsersCannotDo(ctx, operation.name, i);
		if (!operation.asEndUser) {
			const what = operation.action.charAt(0).toLowerCase() + operation.action.slice(1);
			throw inputError(ctx.getNode(), i, END_USER_FIELD, `an end user cannot ${what}; remove Act as End User to do this as the agent`);
		}
		return await operation.asEndUser.call(ctx, i, { endUser, itemIndex: i }, client);
	});
	return outcomes.toExecutionData();
}
