import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';
import { ticketAfterMacro } from '../../../../common/api/macros';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { validated } from '../../run/itemInput';
import { macroIdOf } from '../../run/macros';
import { shapeTicket, oneTicketId } from '../../run/tickets';
import { requestOptionsProperty, simplifyProperty, ticketIdProperty } from '../common.descriptions';
import { macroProperty } from './descriptions/macro';

const properties: INodeProperties[] = [
	ticketIdProperty('preview the macro on', { many: false }),
	macroProperty('The macro whose result to show. Nothing is changed in Zendesk.'),
	simplifyProperty,
	requestOptionsProperty(),
];

export const toolDescription =
	"Show what a Zendesk macro would do to a ticket, given the ticket's ID and the macro's ID: the ticket as it would be and the comment it would add, rendered for that ticket. Changes nothing.";

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['previewMacro'] } }, properties);

/** The comment the macro would add, without Zendesk's per-channel copies (scoped_body). */
function commentOf(ticket: IDataObject): IDataObject | undefined {
	const comment = ticket.comment as IDataObject | undefined;
	if (!comment || typeof comment !== 'object') return undefined;
	const rest = { ...comment };
	delete rest.scoped_body;
	return rest;
}

/** One GET per item (ShowTicketAfterChanges): the ticket after the macro, its comment beside it. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const { id, macroId } = validated(this, i, () => ({ id: oneTicketId(this, i), macroId: macroIdOf(this, i) }));
		const after = await ticketAfterMacro(client, id, macroId, i);
		const comment = commentOf(after);
		return { ...shapeTicket(this, i, { id, ...after }), ...(comment ? { comment } : {}) };
	});
	return outcomes.toExecutionData();
}
