import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure, ZendeskClient } from '../client';
import { zendeskErrorText } from '../client';

/*
 * Side conversations (Zendesk's Collaboration add-on), below a ticket:
 * developer.zendesk.com/api-reference/ticketing/side_conversation/.
 * Their IDs are UUIDs; the ticket's is a number.
 */

/** Lists answer in offset pages; a ticket has few side conversations, so this only guards against a server going in circles. */
const MAX_PAGES = 50;

const listPath = (ticketId: number) => `/tickets/${ticketId}/side_conversations`;
const onePath = (ticketId: number, id: string) => `${listPath(ticketId)}/${id}`;

/** Zendesk refuses side conversations with 403 where the add-on is off or the credential is not an agent's. */
export function explainSideConversationRefusal(failure: HttpFailure): { message: string; description: string } | undefined {
	if (failure.status !== 403) return undefined;
	const zendesk = zendeskErrorText(failure.body);
	const said = [zendesk.message, zendesk.description].filter(Boolean).join(': ');
	return {
		message: 'Zendesk refused side conversations for this account or user',
		description: `Side conversations need Zendesk's Collaboration add-on (Suite Professional and above, or Support with the add-on), turned on in Admin Center under Objects and rules > Tickets > Side conversations, and an agent's credential. Ask a Zendesk admin to turn them on, or remove this step.${said ? ` Zendesk: ${said}.` : ''}`,
	};
}

/** Where a request goes and how its failures read. */
interface Call {
	itemIndex: number;
	context: string;
}

/** The query of Zendesk's `next_page`, only when it points at the same list (it is never followed as a URL). */
function nextQuery(nextPage: unknown, endpoint: string): IDataObject | undefined {
	if (typeof nextPage !== 'string' || nextPage === '') return undefined;
	let url: URL;
	try {
		url = new URL(nextPage);
	} catch {
		return undefined;
	}
	if (url.pathname.replace(/\.json$/, '') !== `/api/v2${endpoint}`) return undefined;
	return Object.fromEntries(url.searchParams.entries());
}

/** Every record of an offset-paged list, following `next_page` by its query only, so no request leaves the account. */
async function allPages(client: ZendeskClient, endpoint: string, property: string, call: Call): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	let qs: IDataObject | undefined = {};
	for (let page = 0; qs && page < MAX_PAGES; page++) {
		seen.add(JSON.stringify(qs));
		const response = await client.request({ method: 'GET', endpoint, qs, ...call, explain: explainSideConversationRefusal });
		out.push(...((response[property] as IDataObject[] | undefined) ?? []));
		qs = nextQuery(response.next_page, endpoint);
		if (qs && seen.has(JSON.stringify(qs))) qs = undefined;
	}
	return out;
}

/** List Side Conversations of a ticket. */
export async function listSideConversations(client: ZendeskClient, ticketId: number, itemIndex: number): Promise<IDataObject[]> {
	return await allPages(client, listPath(ticketId), 'side_conversations', { itemIndex, context: `Ticket ${ticketId}` });
}

/** List Side Conversation Events: its messages (create and reply events) and its state changes. */
export async function sideConversationEvents(
	client: ZendeskClient,
	ticketId: number,
	id: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await allPages(client, `${onePath(ticketId, id)}/events`, 'events', { itemIndex, context: `Side conversation ${id}` });
}

/** What to check after a connection broke off a POST that may have sent a message; it is never sent twice. */
function mayHaveSent(ticketId: number, what: string): string {
	return `Zendesk may have ${what} before the connection broke. It was not sent again, so that no one gets the message twice: list the side conversations of ticket ${ticketId} and check before running this item again.`;
}

/** Create Side Conversation: `message` holds subject, body or html_body, and `to`. Answers 201 with the side conversation and its event. */
export async function createSideConversation(
	client: ZendeskClient,
	ticketId: number,
	message: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await client.request({
		method: 'POST',
		endpoint: listPath(ticketId),
		body: { message },
		itemIndex,
		context: `Ticket ${ticketId}`,
		ifUnsure: mayHaveSent(ticketId, 'started the side conversation and sent its first message'),
		explain: explainSideConversationRefusal,
	});
}

/** Reply to Side Conversation: Zendesk requires `to` on every reply. */
export async function replyToSideConversation(
	client: ZendeskClient,
	ticketId: number,
	id: string,
	message: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await client.request({
		method: 'POST',
		endpoint: `${onePath(ticketId, id)}/reply`,
		body: { message },
		itemIndex,
		context: `Side conversation ${id}`,
		ifUnsure: mayHaveSent(ticketId, 'sent the reply'),
		explain: explainSideConversationRefusal,
	});
}

/** Update Side Conversation: its state (open or closed); the same state twice ends the same, so the client may repeat it. */
export async function updateSideConversation(
	client: ZendeskClient,
	ticketId: number,
	id: string,
	changes: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await client.request({
		method: 'PUT',
		endpoint: onePath(ticketId, id),
		body: { side_conversation: changes },
		itemIndex,
		context: `Side conversation ${id}`,
		explain: explainSideConversationRefusal,
	});
}
