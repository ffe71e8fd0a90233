import type { TicketFieldDefinition } from '../helpers/customFields';
import type { ZendeskClient } from '../client';
import { cursorList } from './pagination';

const cache = new WeakMap<ZendeskClient, Promise<Map<number, TicketFieldDefinition>>>();

/** The account's ticket fields, read at most once per client (node run). */
export function ticketFieldDefinitions(client: ZendeskClient): Promise<Map<number, TicketFieldDefinition>> {
	let definitions = cache.get(client);
	if (!definitions) {
		definitions = cursorList(client, { endpoint: '/ticket_fields', property: 'ticket_fields' }).then(
			(fields) => new Map(fields.map((f) => [Number(f.id), f as unknown as TicketFieldDefinition])),
		);
		cache.set(client, definitions);
		definitions.catch(() => cache.delete(client));
	}
	return definitions;
}
