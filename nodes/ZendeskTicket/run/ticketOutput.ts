import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { answerWithoutTicket } from '../../../common/client';
import { simplifyTicket } from '../../../common/ticket/simplify';

/**
 * A ticket as the node outputs it: whole, or simplified when the builder
 * asked. An answer without one fails the item rather than dropping it.
 */
export function shapeTicket(ctx: IExecuteFunctions, itemIndex: number, ticket: unknown): IDataObject {
	if (typeof ticket !== 'object' || ticket === null || Array.isArray(ticket)) throw answerWithoutTicket(ctx.getNode(), itemIndex);
	return ctx.getNodeParameter('simplify', itemIndex, false) ? simplifyTicket(ticket as IDataObject) : (ticket as IDataObject);
}
