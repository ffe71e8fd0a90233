import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { inputError } from '../../../common/client';
import type { EndUserCall } from '../../../common/api/requests';
import { END_USER_FIELD, endUserOf } from './endUserIdentity';
import { refuseWhatEndUsersCannotDo } from './endUserOptions';
import { ItemOutcomes } from './itemOutcomes';

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
