import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure, ZendeskClient } from '../client';
import { zendeskErrorText } from '../client';

/*
 * The macro endpoints. Zendesk has no "apply macro" write: a macro is
 * rendered for a ticket by ShowTicketAfterChanges (nothing changes), and its
 * changes are then written with Update Ticket or update_many.
 */

/** Zendesk's refusals of a macro, in words that say what to do. */
export function explainMacroRefusal(macroId: number, failure: HttpFailure): { message: string; description: string } | undefined {
	const zendesk = zendeskErrorText(failure.body);
	const said = [zendesk.message, zendesk.description].filter(Boolean).join(': ').replace(/\.$/, '');
	const tail = said ? ` Zendesk: ${said}.` : '';
	if (failure.status === 403) {
		return {
			message: `Macro ${macroId} may not be used with this credential`,
			description: `Only agents and admins apply macros, and a personal or group macro only by its owner or group; personal macros also need a Professional plan or above. Use the credential of an agent who can apply this macro in Zendesk, or pick a shared macro.${tail}`,
		};
	}
	if (failure.status === 404) {
		return {
			message: `Macro ${macroId} or its ticket was not found`,
			description: `Check the macro's ID (Admin Center → Workspaces → Macros) and the ticket's ID, and that the credential's Zendesk user can see both.${tail}`,
		};
	}
	return undefined;
}

/** ShowMacro: the macro with its actions. */
export async function showMacro(client: ZendeskClient, macroId: number, itemIndex?: number): Promise<IDataObject> {
	const response = await client.request({
		method: 'GET',
		endpoint: `/macros/${macroId}`,
		itemIndex,
		explain: (failure) => explainMacroRefusal(macroId, failure),
	});
	return (response.macro as IDataObject | undefined) ?? {};
}

/**
 * ShowTicketAfterChanges: the ticket as the macro would leave it, its
 * placeholders rendered for that ticket; nothing is changed.
 */
export async function ticketAfterMacro(client: ZendeskClient, ticketId: number, macroId: number, itemIndex?: number): Promise<IDataObject> {
	const response = await client.request({
		method: 'GET',
		endpoint: `/tickets/${ticketId}/macros/${macroId}/apply`,
		itemIndex,
		context: `Ticket ${ticketId}`,
		explain: (failure) => explainMacroRefusal(macroId, failure),
	});
	const result = (response.result as IDataObject | undefined) ?? {};
	return (result.ticket as IDataObject | undefined) ?? {};
}

/** ListActiveMacros (nothing typed) or SearchMacro (a title typed, active ones only): one offset page, by title. */
export async function macrosPage(client: ZendeskClient, query: string, page: number, perPage: number): Promise<IDataObject> {
	const qs: IDataObject = { page, per_page: perPage, sort_by: 'alphabetical', sort_order: 'asc' };
	if (!query) return await client.request({ method: 'GET', endpoint: '/macros/active', qs });
	return await client.request({ method: 'GET', endpoint: '/macros/search', qs: { ...qs, query, active: true } });
}
