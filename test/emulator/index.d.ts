// Types for the JavaScript emulator, so TypeScript tests can import it.

export interface EmulatorOptions {
	/** 0 picks a free port. The server always binds 127.0.0.1. */
	port?: number;
	/**
	 * Keep the account data in this JSON file: loaded instead of seeding when it exists, written
	 * after each changing request (debounced) and on close. Bulk jobs in flight are not kept.
	 */
	dataFile?: string;
	latencyMs?: number;
	/** Requests per sliding minute for /api/v2; 0 turns the limit off. */
	rateLimitPerMinute?: number;
	/** The window `rateLimitPerMinute` counts in (default 60,000): shorter for benchmarks, the headers then speak of it. */
	rateLimitWindowMs?: number;
	/** Time from queued to completed for bulk jobs (default 100; "working" at half). */
	jobDelayMs?: number;
	/** Queued plus working jobs allowed before bulk endpoints answer 429 TooManyJobs (default 30). */
	maxConcurrentJobs?: number;
	/** Overrides the lifetime of every issued access token and always issues refresh tokens. */
	accessTokenTtlSeconds?: number | null;
	/** /users/me answers bad Basic credentials with the anonymous user (default true), else 401. */
	anonymousMe?: boolean;
	/** Jobs finish with status "failed" and no results. */
	failJobs?: boolean;
	/** User the OAuth authorize step approves as (default: the client's owner, 1001). */
	oauthUserId?: number | null;
	/**
	 * Extra time before /oauth/tokens answers (default 0), like a real token endpoint's round trip.
	 * The grant is done first: a refresh has already rotated the tokens while the answer is on its way.
	 */
	tokenLatencyMs?: number;
	/**
	 * Zendesk's per-endpoint limits (Update Ticket 100/min per account and 30 per 10 min per user per
	 * ticket, search export 100/min, incremental exports 10/min), with `zendesk-ratelimit-*` headers and
	 * text/plain 429s. Off when null (default). `timeScale` shortens every window (0.01: a minute lasts
	 * 600 ms); the other keys replace a limit's request count.
	 */
	endpointLimits?: EndpointLimitsOption | null;
	/** Incremental export (incremental.js): how recent a change the export leaves out (default 60,000, Zendesk's minute); cursors older than `exportCursorTtlMs` are refused. */
	exportLagMs?: number;
	exportCursorTtlMs?: number | null;
	/** Webhook deliveries (webhooks.js): retries after a failed attempt (default 3), the wait between them (200) and an attempt's timeout (12,000). */
	webhookRetries?: number;
	webhookRetryDelayMs?: number;
	webhookTimeoutMs?: number;
	/** Zendesk's "secure downloads" setting: attachment content_urls (uploads.js) answer 401 without a valid agent credential (default false). */
	secureDownloads?: boolean;
	/** Zendesk's CCs setting (default true): with it off, merge.js merges only tickets of the same requester. */
	ccsEnabled?: boolean;
	/** The Collaboration add-on (sideConversations.js): false answers side conversations with Zendesk's 403 (default true). */
	sideConversations?: boolean;
	/** Tickets to seed (default 50); false seeds none. */
	seed?: { tickets?: number } | false;
	/** Also serve HTTPS on 127.0.0.1 with this PEM key and certificate; `port` 0 or absent picks a free port. */
	tls?: { key: string | Buffer; cert: string | Buffer; port?: number };
	/** Base URL written into response links (`url`, `next_page`, `links.next`, `Location`, job URLs), e.g. "https://acme.zendesk.com"; default the HTTP listener's URL. */
	publicUrl?: string;
}

export interface EndpointLimitsOption {
	timeScale?: number;
	updateTicket?: number;
	updateTicketPerTicket?: number;
	searchExport?: number;
	incrementalExport?: number;
}

export type ConfigurableOptions = Pick<
	EmulatorOptions,
	| 'latencyMs'
	| 'rateLimitPerMinute'
	| 'jobDelayMs'
	| 'maxConcurrentJobs'
	| 'accessTokenTtlSeconds'
	| 'anonymousMe'
	| 'failJobs'
	| 'oauthUserId'
	| 'tokenLatencyMs'
	| 'endpointLimits'
	| 'exportLagMs'
	| 'exportCursorTtlMs'
	| 'webhookRetries'
	| 'webhookRetryDelayMs'
	| 'webhookTimeoutMs'
	| 'secureDownloads'
	| 'ccsEnabled'
	| 'sideConversations'
>;

interface FaultMatch {
	method?: string;
	/** Exact path (".json" optional) or a RegExp tested against the path without query. */
	path?: string | RegExp;
	/** How many matching requests the fault applies to (default 1). */
	times?: number;
}

export type FaultSpec = FaultMatch &
	(
		| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
		/** Destroys the socket without a response; `after: true` processes the request first. */
		| { kind: 'reset'; after?: boolean }
		/** Processes the request, sends half the body, then destroys the socket (`clean: true` ends a chunked body instead). */
		| { kind: 'truncate'; clean?: boolean }
		| { kind: 'delay'; ms: number }
		/** The OAuth2 access token the request presents expires just before it is answered (its lifetime ended mid-run). */
		| { kind: 'expireToken' }
	);

export interface LoggedRequest {
	method: string;
	url: string;
	path: string;
	query: Record<string, string>;
	body: any;
	headers: Record<string, string | string[] | undefined>;
	/** 0 when a reset fault cut the connection. */
	status: number | null;
	at: number;
	fault?: FaultSpec['kind'];
}

export interface EmulatorCredentials {
	email: string;
	apiToken: string;
	agentEmail: string;
	agentApiToken: string;
	endUserEmail: string;
	endUserApiToken: string;
	clientId: string;
	clientSecret: string;
	publicClientId: string;
	/** "Basic ..." header value for the admin API token. */
	basicAuth: string;
	authorizeUrl: string;
	tokenUrl: string;
}

export interface EmulatorState {
	tickets: Map<number, any>;
	deletedTickets: Map<number, any>;
	users: Map<number, any>;
	organizations: Map<number, any>;
	groups: Map<number, any>;
	ticketFields: Map<number, any>;
	brands: Map<number, any>;
	ticketForms: Map<number, any>;
	customStatuses: Map<number, any>;
	jobStatuses: Map<string, any>;
	uploads: Map<string, any>;
	attachments: Map<number, any>;
	oauthClients: Map<string, any>;
	oauthCodes: Map<string, any>;
	tokens: Map<string, any>;
	refreshTokens: Map<string, any>;
	oauthStats: {
		total: OAuthCounts;
		byClient: Map<string, OAuthCounts>;
		lineages: Map<number, any>;
		tokenLineage: Map<string, number>;
		events: OAuthEvent[];
		seq: number;
	};
	apiTokens: Array<{ email: string; token: string; active: boolean }>;
	idempotency: Map<string, any>;
	/** Webhooks by id (`_secret` is the signing secret) and triggers by id (webhooks.js). */
	webhooks: Map<string, any>;
	triggers: Map<number, any>;
	seq: Record<string, number>;
	ticketVersion: number;
}

/** Token-endpoint answers (see oauth.js). */
export interface OAuthCounts {
	authorizationCodeGrants: number;
	refreshGrants: number;
	clientCredentialsGrants: number;
	/** Every 400 invalid_grant answer. */
	invalidGrant: number;
	/** invalid_grant for a refresh token that was issued and then rotated away (a refresh race lost). */
	spentRefreshTokens: number;
}

/** `{ clientId }`, `{ token }` (any access or refresh token of a lineage, also revoked ones) or `{ lineage }`; none: totals. */
export interface OAuthFilter {
	clientId?: string;
	token?: string;
	lineage?: number;
}

/** One authorization (or client-credentials token) and the refreshes that followed it. */
export interface OAuthLineage {
	id: number;
	clientId: string;
	grantType: 'authorization_code' | 'client_credentials' | 'refresh_token';
	/** Tokens issued in it (the first one included). */
	tokens: number;
	counts: OAuthCounts;
	/** The newest tokens: what a client should hold now. */
	current: { access_token: string; refresh_token: string | null; revoked: boolean; expired: boolean; created_at: number } | null;
}

export interface OAuthEvent {
	at: number;
	grantType: string | null;
	clientId: string | null;
	lineage: number | null;
	/** "issued", or the OAuth error code (invalid_grant, invalid_client, ...). */
	outcome: string;
	reason: string | null;
}

export interface Emulator {
	/** Base of the links in responses: `publicUrl` when given, else `httpUrl`. */
	url: string;
	/** The HTTP listener, always http://127.0.0.1:{port}. */
	httpUrl: string;
	port: number;
	/** The HTTPS listener's port and URL when `tls` was given, else null. */
	tlsPort: number | null;
	tlsUrl: string | null;
	state: EmulatorState;
	requests: LoggedRequest[];
	credentials: EmulatorCredentials;
	fieldIds: Readonly<Record<string, number>>;
	options: Required<Omit<EmulatorOptions, 'seed' | 'tls' | 'publicUrl' | 'dataFile'>>;
	/** The data file the account was loaded from, or null when it was seeded. */
	loadedFrom: string | null;
	/** Writes the data file now (no-op without `dataFile`). */
	save(): void;
	fault(spec: FaultSpec): Emulator;
	clearFaults(): void;
	configure(changes: ConfigurableOptions): Emulator;
	/** Appends n tickets with sequential ids; returns the ids. */
	seedTickets(n: number): number[];
	/** Expires one access token, or all of them when called without one. */
	expireAccessToken(token?: string): void;
	/** Token-endpoint counters (a copy): totals, per client, or per lineage. */
	oauthStats(filter?: OAuthFilter): OAuthCounts;
	oauthLineage(filter: { token?: string; lineage?: number }): OAuthLineage | null;
	oauthEvents(): OAuthEvent[];
	/** Registers another OAuth client (confidential with a secret, else public). */
	addOAuthClient(client: { identifier: string; secret?: string | null; userId?: number }): {
		clientId: string;
		clientSecret: string | null;
	};
	/** Completes all queued/working jobs now. */
	flushJobs(): void;
	clearRequests(): void;
	/** Refuses every incremental-export cursor issued so far (incremental.js). */
	expireExportCursors(): void;
	/** A system update of a ticket (archiving, SLA…): moves its generated_timestamp, not its updated_at (incremental.js). */
	systemUpdate(id: number): void;
	/** Webhook deliveries so far, oldest first (webhooks.js). */
	webhookDeliveries(): WebhookDelivery[];
	/** Waits until every delivery so far has had its last attempt. */
	settleDeliveries(): Promise<unknown>;
	/** Sends a delivery again (same body and invocation id, signed anew); resolves with that attempt. */
	redeliver(invocationId: string): Promise<{ status: number; error?: string }>;
	basicAuth(email?: string, token?: string): string;
	close(): Promise<void>;
}

export function createEmulator(options?: EmulatorOptions): Promise<Emulator>;
export function basicAuth(email?: string, token?: string): string;
export const CREDENTIALS: Omit<EmulatorCredentials, 'basicAuth' | 'authorizeUrl' | 'tokenUrl'>;
export const FIELD_IDS: Readonly<Record<string, number>>;

export interface WebhookDelivery {
	invocationId: string;
	webhookId: string;
	triggerId: number;
	ticketId: number;
	/** The rendered template, as sent. */
	body: string;
	attempts: Array<{ status: number; error?: string; retryAfter?: number }>;
	done: boolean;
	promise: Promise<void>;
}
