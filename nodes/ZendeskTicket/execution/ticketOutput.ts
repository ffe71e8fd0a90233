import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyTicket } from '../helpers/simplify';

/** A ticket as the node outputs it: whole, or simplified when the builder asked. */
export function shapeTicket(ctx: IExecuteFunctions, itemIndex: number, ticket: IDataObject): IDataObject {
	return ctx.getNodeParameter('simplify', itemIndex, false) ? simplifyTicket(ticket) : ticket;
}
