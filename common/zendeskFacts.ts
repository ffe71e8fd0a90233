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
/** Short text fields (subject, a requester's name, external ID): 255 characters of up to 4 bytes each. */
export const MAX_SHORT_TEXT_BYTES = 1020;
/** Zendesk keeps an idempotency key for 2 hours and accepts up to 255 characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
export const IDEMPOTENCY_KEY_LIFETIME_MS = 2 * 60 * 60 * 1000;
/**
 * Where Zendesk documents the Idempotency-Key (Create Ticket). Elsewhere, e.g.
 * the Requests API's create, the key is sent but a repeat is not counted on.
 */
export const IDEMPOTENT_CREATE_ENDPOINTS: ReadonlySet<string> = new Set(['/tickets']);
/** /search/export's largest page; Zendesk recommends 100 when many results are archived tickets, which can time out. */
export const SEARCH_EXPORT_PAGE_SIZE = 1000;

/**
 * Limits of single endpoints, on top of the account's per-minute limit.
 * `header` names the `zendesk-ratelimit-<header>: total=…; remaining=…;
 * resets=…` header that reports the budget, where Zendesk sends one; without
 * it the node counts its own requests against `requests` per `windowMs`.
 */
export const ENDPOINT_LIMITS = {
	/** Update Ticket: 100 requests a minute per account (300 with High Volume API). */
	updateTicket: { label: 'Update Ticket', requests: 100, windowMs: 60_000, header: 'update-ticket' },
	/** Update Ticket: 30 updates in 10 minutes per user per ticket. */
	updateTicketPerTicket: { label: 'Update Ticket on one ticket', requests: 30, windowMs: 600_000, header: undefined },
	/** Export Search Results: 100 requests a minute per account. */
	searchExport: { label: 'Export Search Results', requests: 100, windowMs: 60_000, header: 'search-export' },
	/** Incremental exports: 10 requests a minute (30 with High Volume API). */
	incrementalExport: { label: 'the incremental exports', requests: 10, windowMs: 60_000, header: 'incremental-exports' },
	/** Delete Ticket: 400 requests a minute. */
	deleteTicket: { label: 'Delete Ticket', requests: 400, windowMs: 60_000, header: undefined },
	/** List Tickets: reported by `zendesk-ratelimit-tickets-index`. */
	ticketsIndex: { label: 'List Tickets', requests: undefined, windowMs: undefined, header: 'tickets-index' },
	/** Create or reply to a side conversation: 300 requests in 10 minutes. */
	sideConversationWrite: { label: 'Side Conversation Writes', requests: 300, windowMs: 600_000, header: undefined },
} as const;

/** A side conversation's states (Update Side Conversation's `state`). */
export const SIDE_CONVERSATION_STATES = { open: 'Open', closed: 'Closed' } as const;
/** Side conversation IDs are UUIDs, unlike tickets' numbers. */
export const SIDE_CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Incremental ticket export (cursor-based, admins only): up to 1,000 tickets a page, also the default. */
export const INCREMENTAL_EXPORT_PAGE_SIZE = 1000;
/** The incremental exports never return the most recent minute; `start_time` must be at least this old. */
export const INCREMENTAL_EXPORT_LAG_SECONDS = 60;
/**
 * Webhook calls are signed: base64(HMAC-SHA256(signing secret, timestamp + raw body)),
 * the timestamp being ISO 8601. Header names as n8n hands them over (lower case).
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';
export const WEBHOOK_INVOCATION_HEADER = 'x-zendesk-webhook-invocation-id';
/** A trigger's action that calls a webhook: value [webhook id, JSON body template]. */
export const TRIGGER_WEBHOOK_ACTION = 'notification_webhook';
