import type { IDataObject } from 'n8n-workflow';

/*
 * A ticket's audits read as changes: one entry per field change or comment,
 * with a line a person (or a model) reads at once, e.g.
 * "status: open → pending by Jane via web". Pure, so that the action node's
 * Get History and the triggers' "what changed" read audits the same way.
 */

/** The audit event types read as changes; notifications and the like are left out (Zendesk asks to ignore types it does not document). */
const READ_EVENTS = new Set(['Create', 'Change', 'Comment', 'CommentPrivacyChange']);
/** Characters of a comment quoted in its line. */
const EXCERPT_LENGTH = 100;
/** Zendesk's author of changes made by the system itself. */
const SYSTEM_AUTHOR = -1;

/** A field's value as a line shows it: lists joined, nothing as "none". */
export function valueText(value: unknown): string {
	if (value === null || value === undefined || value === '') return 'none';
	if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v)).join(', ') : 'none';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** How a change came in: the channel, or the business rule that made it ("trigger \"Notify requester\""). */
export function viaText(via: unknown): string | null {
	if (typeof via !== 'object' || via === null) return null;
	const { channel, source } = via as IDataObject;
	const from = ((source as IDataObject | undefined)?.from ?? {}) as IDataObject;
	const rel = (source as IDataObject | undefined)?.rel;
	if (typeof from.title === 'string' && from.title) return `${typeof rel === 'string' && rel ? rel : String(channel)} "${from.title}"`;
	return typeof channel === 'string' && channel ? channel : null;
}

function authorName(id: unknown, authors: ReadonlyMap<number, string>): string {
	const known = authors.get(Number(id));
	if (known) return known;
	if (Number(id) === SYSTEM_AUTHOR) return 'Zendesk';
	return id === undefined || id === null ? 'unknown' : `user ${String(id)}`;
}

function excerpt(text: unknown): string {
	const flat = String(text ?? '')
		.replace(/\s+/g, ' ')
		.trim();
	return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/** What one event did, before "by … via …". */
function whatChanged(event: IDataObject): { field: string; from?: unknown; to?: unknown; what: string } {
	if (event.type === 'Comment') {
		const kind = event.public === false ? 'internal note' : 'public reply';
		return { field: 'comment', to: excerpt(event.plain_body ?? event.body), what: `${kind}: "${excerpt(event.plain_body ?? event.body)}"` };
	}
	if (event.type === 'CommentPrivacyChange') return { field: 'comment', what: `comment ${String(event.comment_id)} made private` };
	const field = String(event.field_name);
	if (event.type === 'Create') return { field, to: event.value, what: `${field}: set to ${valueText(event.value)}` };
	return {
		field,
		from: event.previous_value,
		to: event.value,
		what: `${field}: ${valueText(event.previous_value)} → ${valueText(event.value)}`,
	};
}

/**
 * One audit's changes, in the order Zendesk lists its events. An event's own
 * `via` (a trigger's change inside an agent's update) wins over the audit's.
 */
export function auditChanges(audit: IDataObject, authors: ReadonlyMap<number, string>): IDataObject[] {
	const events = Array.isArray(audit.events) ? (audit.events as IDataObject[]) : [];
	return events
		.filter((event) => typeof event === 'object' && event !== null && READ_EVENTS.has(String(event.type)))
		.map((event) => {
			const { field, from, to, what } = whatChanged(event);
			const authorId = event.type === 'Comment' && event.author_id !== undefined ? event.author_id : audit.author_id;
			const by = authorName(authorId, authors);
			const via = viaText(event.via ?? audit.via);
			return {
				ticket_id: audit.ticket_id,
				audit_id: audit.id,
				created_at: audit.created_at,
				author_id: authorId ?? null,
				author: by,
				via,
				field,
				...(from !== undefined ? { from } : {}),
				...(to !== undefined ? { to } : {}),
				change: `${what} by ${by}${via ? ` via ${via}` : ''}`,
			};
		});
}

/** The users whose names the changes of these audits show (system changes need none). */
export function auditAuthorIds(audits: IDataObject[]): number[] {
	const ids = audits.flatMap((audit) => [
		audit.author_id,
		...(Array.isArray(audit.events) ? (audit.events as IDataObject[]).map((e) => (e?.type === 'Comment' ? e.author_id : undefined)) : []),
	]);
	return [...new Set(ids.map(Number).filter((id) => Number.isInteger(id) && id > 0))];
}
