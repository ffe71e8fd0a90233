import type { IDataObject } from 'n8n-workflow';

import { InputProblem, list, oneOf, plainText } from '../../../common/helpers/validation';
import { PRIORITIES, STATUSES, TYPES } from '../../../common/zendeskFacts';

/** Quotes a value for Zendesk search when it holds spaces or quotes. */
function term(value: string): string {
	return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/** Filters that name one person or group, by the keyword Zendesk search uses for them, and their labels. */
const PERSON_FILTERS = [
	['assignee', 'Assignee'],
	['requester', 'Requester'],
	['group', 'Group'],
] as const;

function day(field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	const date = new Date(text);
	if (Number.isNaN(date.getTime())) throw new InputProblem(field, `"${text.slice(0, 40)}" is not a date`);
	return date.toISOString().slice(0, 10);
}

/**
 * The structured filters, in Zendesk search syntax, appended to the builder's
 * own query. `type:ticket` is left out: /search gets it added, while
 * /search/export takes the type as filter[type] and refuses it in the query.
 */
export function buildSearchQuery(query: unknown, filters: IDataObject): string {
	const parts: string[] = [];
	const text = plainText('Query', query).trim();
	if (text) parts.push(text.replace(/(^|\s)type:ticket(?=\s|$)/gi, ' ').trim());
	for (const status of list(filters.status, 'Status')) parts.push(`status:${oneOf('Status', status, STATUSES)}`);
	for (const priority of list(filters.priority, 'Priority')) parts.push(`priority:${oneOf('Priority', priority, PRIORITIES)}`);
	for (const type of list(filters.ticketType, 'Type')) parts.push(`ticket_type:${oneOf('Type', type, TYPES)}`);
	for (const tag of list(filters.tags, 'Tags')) parts.push(`tags:${term(tag)}`);
	for (const [key, field] of PERSON_FILTERS) {
		const value = plainText(field, filters[key]).trim();
		if (value) parts.push(`${key}:${term(value)}`);
	}
	if (filters.createdAfter) parts.push(`created>${day('Created After', filters.createdAfter)}`);
	if (filters.createdBefore) parts.push(`created<${day('Created Before', filters.createdBefore)}`);
	if (filters.updatedAfter) parts.push(`updated>${day('Updated After', filters.updatedAfter)}`);
	if (filters.updatedBefore) parts.push(`updated<${day('Updated Before', filters.updatedBefore)}`);
	const built = parts.filter(Boolean).join(' ');
	if (!built) throw new InputProblem('Query', 'is empty: enter a search query or at least one filter');
	return built;
}
