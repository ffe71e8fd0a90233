import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { inputError } from '../../../common/client';
import type { TicketFieldDefinition } from '../../../common/helpers/customFields';
import type { TicketFieldsInput } from '../input/ticketBody';
import { needsCustomFieldDefinitions } from '../input/ticketBody';
import { InputProblem } from '../../../common/helpers/validation';
import { ticketFieldDefinitions } from '../../../common/api/ticketFields';

/** How many records the item asked for (Return All / Limit); undefined means all. */
export function listLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	return ctx.getNodeParameter('returnAll', itemIndex, false) ? undefined : (ctx.getNodeParameter('limit', itemIndex) as number);
}

/** Runs a pure builder and turns its InputProblem into an error that names the item. */
export function validated<T>(ctx: IExecuteFunctions, itemIndex: number, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof InputProblem) throw inputError(ctx.getNode(), itemIndex, error.field, error.problem);
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

async function definitionsFor(client: ZendeskClient, fields: TicketFieldsInput): Promise<Map<number, TicketFieldDefinition>> {
	return needsCustomFieldDefinitions(fields) ? await ticketFieldDefinitions(client) : new Map();
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

/**
 * A collection of ticket fields (Additional Fields, Update Fields) with the
 * item's mapped custom field values, and the definitions those need.
 */
export async function ticketFieldsOf<T extends TicketFieldsInput>(
	ctx: IExecuteFunctions,
	client: ZendeskClient,
	itemIndex: number,
	collection: 'additionalFields' | 'updateFields',
): Promise<{ fields: T; definitions: Map<number, TicketFieldDefinition> }> {
	const fields = withMappedCustomFields(ctx, itemIndex, ctx.getNodeParameter(collection, itemIndex, {}) as T);
	return { fields, definitions: await definitionsFor(client, fields) };
}
