import type { TicketFieldDefinition } from '../helpers/customFields';
import type { ZendeskFunctions } from '../client/connection';
import { cursorList } from './pagination';

const cache = new WeakMap<object, Promise<Map<number, TicketFieldDefinition>>>();

/** The account's ticket fields, read at most once per node run. */
export function ticketFieldDefinitions(this: ZendeskFunctions): Promise<Map<number, TicketFieldDefinition>> {
	let definitions = cache.get(this);
	if (!definitions) {
		definitions = cursorList
			.call(this, { endpoint: '/ticket_fields', property: 'ticket_fields' })
			.then((fields) => new Map(fields.map((f) => [Number(f.id), f as unknown as TicketFieldDefinition])));
		cache.set(this, definitions);
		definitions.catch(() => cache.delete(this));
	}
	return definitions;
}
