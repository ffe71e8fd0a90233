/**
 * Zendesk's facts and limits, each said once. Sources: Zendesk's API
 * reference and OpenAPI spec (job statuses, pagination, search, bulk
 * endpoints, idempotency keys).
 */

/** Ticket values Zendesk accepts, in Zendesk's order, with the labels of its agent interface. */
export const PRIORITIES = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' } as const;
export const STATUSES = { new: 'New', open: 'Open', pending: 'Pending', hold: 'On-Hold', solved: 'Solved', closed: 'Closed' } as const;
export const TYPES = { question: 'Question', incident: 'Incident', problem: 'Problem', task: 'Task' } as const;

/** Ticket field types that have parameters of their own; only the other (custom) fields are set as custom fields. */
export const SYSTEM_FIELD_TYPES: ReadonlySet<string> = new Set([
	'subject',
	'description',
	'status',
	'tickettype',
	'priority',
	'group',
	'assignee',
	'custom_status',
]);

/** Cursor pagination's largest page, for tickets, users and most lists. */
export const PAGE_SIZE = 100;
/** IDs per show_many and destroy_many request, and jobs per job_statuses/show_many. */
export const SHOW_MANY_LIMIT = 100;
/** Tickets per create_many and update_many request. */
export const BULK_LIMIT = 100;
/** Zendesk runs at most this many jobs of an account at once; more are refused. */
export const MAX_CONCURRENT_JOBS = 30;
/** /search answers 422 past this many results; /search/export has no cap. */
export const SEARCH_RESULT_CAP = 1000;
/** A comment body may be up to 64 KB. */
export const MAX_TEXT_BYTES = 65535;
/** Zendesk keeps an idempotency key for 2 hours and accepts up to 255 characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
