import type { IDataObject } from 'n8n-workflow';

/*
 * Which ticket changes a trigger reports and which tickets it lets through.
 * Pure: the same rules serve the polling and the webhook trigger.
 */

export type TicketEvent = 'created' | 'updated' | 'solved' | 'commentAdded';
/** The order of a change's `events` in both triggers' outputs; `event` is the first of them. */
export const EVENT_ORDER: TicketEvent[] = ['created', 'solved', 'commentAdded', 'updated'];
export type WatchedField = 'status' | 'priority' | 'assignee' | 'group' | 'tags';

/** The ticket property each watched field reads. */
export const WATCHED_FIELDS: Record<WatchedField, string> = {
	status: 'status',
	priority: 'priority',
	assignee: 'assignee_id',
	group: 'group_id',
	tags: 'tags',
};

export interface TicketFilters {
	statuses: string[];
	priorities: string[];
	groupIds: string[];
	brandIds: string[];
	formIds: string[];
	/** A ticket matches when it has any of them. */
	tags: string[];
}

/** Splits "1, 2 ,3" into ["1", "2", "3"]; numbers and arrays too. */
export function listOf(value: unknown): string[] {
	if (Array.isArray(value))
		return value
			.map(String)
			.map((s) => s.trim())
			.filter(Boolean);
	if (typeof value === 'number') return [String(value)];
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

const matchesOne = (wanted: string[], value: unknown) =>
	wanted.length === 0 || (value !== null && value !== undefined && wanted.includes(String(value)));

/** Whether a ticket passes every filter that is set. */
export function matchesFilters(ticket: IDataObject, filters: TicketFilters): boolean {
	// Zendesk keeps tags in lower case, so a filter typed as "VIP" means the tag vip.
	const tags = Array.isArray(ticket.tags) ? ticket.tags.map((tag) => String(tag).toLowerCase()) : [];
	return (
		matchesOne(filters.statuses, ticket.status) &&
		matchesOne(filters.priorities, ticket.priority) &&
		matchesOne(filters.groupIds, ticket.group_id) &&
		matchesOne(filters.brandIds, ticket.brand_id) &&
		matchesOne(filters.formIds, ticket.ticket_form_id) &&
		(filters.tags.length === 0 || filters.tags.some((tag) => tags.includes(tag.toLowerCase())))
	);
}

/** The watched fields of a ticket, in WATCHED_FIELDS order, as text (tags sorted), to compare with a later version. */
export function fingerprint(ticket: IDataObject): string[] {
	return Object.values(WATCHED_FIELDS).map((key) => {
		const value = ticket[key];
		if (Array.isArray(value)) return value.map(String).sort().join(' ');
		return value === null || value === undefined ? '' : String(value);
	});
}

export type Changes = Record<string, { previous: unknown; current: unknown }>;

/** What changed between two fingerprints, by ticket property; tags as arrays. */
export function changesBetween(previous: string[], current: string[]): Changes {
	const out: Changes = {};
	Object.values(WATCHED_FIELDS).forEach((key, i) => {
		if (previous[i] === current[i]) return;
		const read = (text: string | undefined) => (key === 'tags' ? (text ? text.split(' ') : []) : text === '' ? null : text);
		out[key] = { previous: read(previous[i]), current: read(current[i]) };
	});
	return out;
}

export interface Classification {
	event: TicketEvent;
	/** Every chosen event the change matched, in EVENT_ORDER (`event` first), as the webhook trigger reports them. */
	events?: TicketEvent[];
	/** Present when the trigger knew the ticket's previous version. */
	changes?: Changes;
}

export interface ClassifyOptions {
	events: TicketEvent[];
	/** With "updated": only report changes of these fields (none = any change). */
	onlyWhenChanged: WatchedField[];
	/** Unix seconds: tickets created at or after it are new to the trigger. */
	since: number;
	/** Whether the trigger has seen this ticket before, even if it no longer knows its fields. */
	seenBefore?: boolean;
}

const unix = (value: unknown) => (typeof value === 'string' ? Math.floor(Date.parse(value) / 1000) : NaN);

/** Whether a change that is not a creation passes "Ticket Updated" with its "only when these fields change". */
function passesUpdated(changes: Changes | undefined, options: ClassifyOptions): boolean {
	if (!options.events.includes('updated')) return false;
	const watched = options.onlyWhenChanged.map((field) => WATCHED_FIELDS[field]);
	// Unknown previous version: the change may be one of the watched fields, so it is reported.
	if (changes && watched.length > 0 && !watched.some((key) => key in changes)) return false;
	return !(changes && Object.keys(changes).length === 0 && watched.length > 0);
}

/**
 * The events a changed ticket stands for, or nothing when the builder asked
 * for none of them. `previous` is the ticket's fingerprint when last seen, if
 * known. A creation is only "created" (Zendesk's update triggers do not fire
 * on it either); a solve is "solved" and, when it passes, "updated".
 */
export function classify(ticket: IDataObject, previous: string[] | undefined, options: ClassifyOptions): Classification | undefined {
	const current = fingerprint(ticket);
	const changes = previous ? changesBetween(previous, current) : undefined;
	const created = previous === undefined && !options.seenBefore && unix(ticket.created_at) >= options.since;
	if (created) return options.events.includes('created') ? { event: 'created', events: ['created'] } : undefined;
	const becameSolved = ticket.status === 'solved' && (changes ? 'status' in changes : true);
	const events: TicketEvent[] = [];
	if (becameSolved && options.events.includes('solved')) events.push('solved');
	if (passesUpdated(changes, options)) events.push('updated');
	return events.length ? { event: events[0], events, changes } : undefined;
}
