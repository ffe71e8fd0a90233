import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { HttpFailure } from '../../../common/client';
import { zendeskErrorText } from '../../../common/client';
import { InputProblem, isoDate } from '../../../common/helpers/validation';

/** Zendesk compares updated_stamp with the ticket's updated_at to the second. */
function updatedStamp(given: unknown, fromItem: unknown): string {
	const value = given !== undefined && given !== '' ? given : fromItem;
	if (value === undefined || value === null || value === '') {
		throw new InputProblem('Updated Stamp', "is needed for Safe Update: give it, or pass the ticket's updated_at in the input item");
	}
	return isoDate('Updated Stamp', value).replace(/\.\d{3}Z$/, 'Z');
}

/** Whether the item asked for Safe Update (its Options collection). */
export function safeUpdateOf(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return Boolean((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).safeUpdate);
}

/** The changes with safe_update and the stamp, when the item asked for it; for use inside `validated`. */
export function withSafeUpdate(ctx: IExecuteFunctions, itemIndex: number, changes: IDataObject, itemUpdatedAt: unknown): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (!options.safeUpdate) return changes;
	return { ...changes, safe_update: true, updated_stamp: updatedStamp(options.updatedStamp, itemUpdatedAt) };
}

/** Zendesk's 409 to a Safe Update, in words that say what to do. */
export function safeUpdateConflict(failure: HttpFailure): { message: string; description: string } {
	const zendesk = zendeskErrorText(failure.body);
	const said = [zendesk.message, zendesk.description].filter(Boolean).join(': ').replace(/\.$/, '');
	return {
		message: 'changed since you read it (Safe Update)',
		description: `${said ? `Zendesk: ${said}. ` : ''}Safe Update stopped this update so that nobody's change is overwritten. Get the ticket again and repeat the update with its new updated_at.`,
	};
}
