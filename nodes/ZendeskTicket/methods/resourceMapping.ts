import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import type { TicketFieldDefinition } from '../../../common/helpers/customFields';
import { SYSTEM_FIELD_TYPES } from '../../../common/zendeskFacts';
import type { ZendeskClient } from '../../../common/client';
import { listAccountRecords, ticketFormFieldIds } from '../../../common/api/accountRecords';

const N8N_TYPES: Record<string, FieldType> = {
	checkbox: 'boolean',
	integer: 'number',
	decimal: 'number',
	date: 'dateTime',
	tagger: 'options',
};

function column(field: TicketFieldDefinition): ResourceMapperField {
	const options = (field.custom_field_options ?? []).map((o) => ({ name: o.name, value: o.value }));
	const multi = field.type === 'multiselect';
	return {
		id: String(field.id),
		// A multi-select takes several option values; the node converts names and values alike.
		displayName: multi
			? `${field.title} (comma-separated: ${options
					.map((o) => o.value)
					.slice(0, 3)
					.join(', ')})`
			: field.title,
		required: false,
		defaultMatch: false,
		display: true,
		type: N8N_TYPES[field.type] ?? 'string',
		...(field.type === 'tagger' ? { options } : {}),
	};
}

/**
 * One typed input per active custom ticket field, optionally only those of
 * the ticket form chosen in "Custom Fields of Form".
 */
export async function getCustomFieldColumns(this: ILoadOptionsFunctions, client: ZendeskClient): Promise<ResourceMapperFields> {
	const formId = this.getNodeParameter('customFieldsForm', '') as string | number;
	const fields = (await listAccountRecords(client, 'ticket_fields')) as unknown as TicketFieldDefinition[];
	let allowed: Set<number> | undefined;
	if (formId !== '' && formId !== undefined && formId !== null) {
		allowed = new Set(await ticketFormFieldIds(client, Number(formId)));
	}
	return {
		fields: fields
			.filter((f) => f.active !== false && !SYSTEM_FIELD_TYPES.has(f.type) && (!allowed || allowed.has(Number(f.id))))
			.map(column),
	};
}
