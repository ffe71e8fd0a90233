import type { IDataObject } from 'n8n-workflow';

import type { ZendeskClient } from '../client';
import { cursorList } from './pagination';

/*
 * The account's own records that the editor offers in dropdowns: groups,
 * brands, ticket forms, custom statuses and ticket fields.
 */

/** Each list's endpoint is its name; ticket forms and custom statuses come whole, without pagination. */
const WHOLE = new Set(['ticket_forms', 'custom_statuses']);

export type AccountList = 'groups' | 'brands' | 'ticket_forms' | 'custom_statuses' | 'ticket_fields';

/** Every record of one of the account's lists. */
export async function listAccountRecords(client: ZendeskClient, list: AccountList): Promise<IDataObject[]> {
	const endpoint = `/${list}`;
	if (!WHOLE.has(list)) return await cursorList(client, { endpoint, property: list });
	return ((await client.request({ method: 'GET', endpoint }))[list] as IDataObject[] | undefined) ?? [];
}

/** ShowTicketForm: the IDs of the fields one form shows. */
export async function ticketFormFieldIds(client: ZendeskClient, formId: number): Promise<number[]> {
	const response = await client.request({ method: 'GET', endpoint: `/ticket_forms/${formId}` });
	return ((response.ticket_form as IDataObject | undefined)?.ticket_field_ids as number[] | undefined) ?? [];
}
