import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { inputError, itemLabel } from '../errors/apiError';
import type { TicketFieldDefinition } from '../helpers/customFields';
import { simplifyTicket } from '../helpers/simplify';
import type { TicketFieldsInput } from '../helpers/ticketBody';
import { needsCustomFieldDefinitions } from '../helpers/ticketBody';
import { InputProblem } from '../helpers/validation';
import { ticketFieldDefinitions } from '../zendesk/ticketFields';

/** Runs a pure builder and turns its InputProblem into an error that names the item. */
export function validated<T>(ctx: IExecuteFunctions, itemIndex: number, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof InputProblem) throw inputError(ctx.getNode(), itemIndex, error.field, error.problem);
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

export async function definitionsFor(
	ctx: IExecuteFunctions,
	fields: TicketFieldsInput,
): Promise<Map<number, TicketFieldDefinition>> {
	return needsCustomFieldDefinitions(fields) ? await ticketFieldDefinitions.call(ctx) : new Map();
}

export function shapeTicket(ctx: IExecuteFunctions, itemIndex: number, ticket: IDataObject): IDataObject {
	return ctx.getNodeParameter('simplify', itemIndex, false) ? simplifyTicket(ticket) : ticket;
}

/** A failure Zendesk reported for one ticket inside a bulk job. */
export function ticketError(ctx: IExecuteFunctions, id: number | undefined, problem: string, itemIndex: number | undefined): NodeApiError {
	const message = `${id === undefined ? 'Ticket' : `Ticket ${id}`}: ${problem}${itemLabel(itemIndex)}`;
	return new NodeApiError(ctx.getNode(), { message }, { message, itemIndex });
}

/**
 * Custom field values from the resource mapper, as entries of the same list
 * as the "Custom Fields" collection, so that one conversion serves both.
 * Fields left empty are not sent.
 */
export function withMappedCustomFields<T extends TicketFieldsInput>(ctx: IExecuteFunctions, itemIndex: number, fields: T): T {
	const mapped = ctx.getNodeParameter('customFieldValues.value', itemIndex, null) as IDataObject | null;
	const entries = Object.entries(mapped ?? {})
		.filter(([, value]) => value !== null && value !== undefined && value !== '')
		.map(([fieldId, value]) => ({ fieldId, value }) as IDataObject);
	if (!entries.length) return fields;
	return { ...fields, customFields: { field: [...(fields.customFields?.field ?? []), ...entries] } };
}
