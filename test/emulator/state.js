'use strict';
// In-memory account data. Records are kept close to Zendesk's JSON; tickets
// carry a few private `_` fields (comments, custom field values, search text).

/**
 * @typedef {Object} TicketRecord
 * @property {number} id
 * @property {string} created_at
 * @property {string} updated_at
 * @property {string[]} tags
 * @property {Record<string, unknown>} _cf custom field values by field id
 * @property {Array<Record<string, unknown>>} _comments
 * @property {string} _text lower-cased subject, description and comments, for search
 */

const emptyOAuthCounts = () => ({
	authorizationCodeGrants: 0,
	refreshGrants: 0,
	clientCredentialsGrants: 0,
	invalidGrant: 0,
	spentRefreshTokens: 0,
});

function createState() {
	return {
		/** @type {Map<number, TicketRecord & Record<string, any>>} */
		tickets: new Map(),
		/** @type {Map<number, TicketRecord & Record<string, any>>} soft-deleted tickets */
		deletedTickets: new Map(),
		/** @type {Map<number, Record<string, any>>} */
		users: new Map(),
		/** @type {Map<number, Record<string, any>>} */
		organizations: new Map(),
		/** @type {Map<number, Record<string, any>>} */
		groups: new Map(),
		/** @type {Map<number, Record<string, any>>} */
		ticketFields: new Map(),
		/** @type {Map<number, Record<string, any>>} */
		brands: new Map(),
		/** @type {Map<number, Record<string, any>>} */
		ticketForms: new Map(),
		/** @type {Map<number, Record<string, any>>} */
		customStatuses: new Map(),
		/** @type {Map<string, Record<string, any>>} */
		jobStatuses: new Map(),
		/** @type {Map<string, {token: string, attachments: Array<Record<string, any>>}>} upload token -> pending upload */
		uploads: new Map(),
		/** @type {Map<number, Record<string, any>>} attachment id -> attachment incl. `_data` */
		attachments: new Map(),
		/** @type {Map<string, Record<string, any>>} */
		oauthClients: new Map(),
		/** @type {Map<string, Record<string, any>>} authorization codes */
		oauthCodes: new Map(),
		/** @type {Map<string, Record<string, any>>} access token -> grant */
		tokens: new Map(),
		/** @type {Map<string, Record<string, any>>} refresh token -> grant */
		refreshTokens: new Map(),
		/**
		 * Token-endpoint counters (oauth.js): in total, per client id and per lineage (one
		 * authorization and its refreshes), which token belongs to which lineage (also once
		 * revoked), and one event per answer.
		 */
		oauthStats: {
			total: emptyOAuthCounts(),
			/** @type {Map<string, Record<string, number>>} */
			byClient: new Map(),
			/** @type {Map<number, Record<string, any>>} */
			lineages: new Map(),
			/** @type {Map<string, number>} access or refresh token -> lineage id */
			tokenLineage: new Map(),
			/** @type {Array<{at: number, grantType: string | null, clientId: string | null, lineage: number | null, outcome: string, reason: string | null}>} */
			events: [],
			seq: 0,
		},
		/** @type {Array<{email: string, token: string, active: boolean}>} */
		apiTokens: [],
		/** @type {Map<string, {hash: string, at: number, reply: any}>} */
		idempotency: new Map(),
		/** @type {Map<string, Record<string, any>>} side conversations by id, each with its `_events` */
		sideConversations: new Map(),
		seq: { ticket: 1, user: 5001, comment: 1, audit: 1, attachment: 1, organization: 3100 },
		// Bumped on every ticket write so cached sort orders are rebuilt lazily.
		ticketVersion: 0,
	};
}

const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'];
const TICKET_TYPES = ['question', 'incident', 'problem', 'task'];

/** How a request through the API shows in `via`, on tickets, comments and audits. */
const VIA_API = Object.freeze({ channel: 'api', source: { from: {}, to: {}, rel: null } });

/** A ticket record with nothing set yet, its fields in Zendesk's order: what a create starts from and seeding fills in. */
function blankTicket() {
	return {
		id: null,
		external_id: null,
		via: VIA_API,
		created_at: null,
		updated_at: null,
		type: null,
		subject: null,
		raw_subject: null,
		description: '',
		priority: null,
		status: null,
		recipient: null,
		requester_id: null,
		submitter_id: null,
		assignee_id: null,
		organization_id: null,
		group_id: null,
		collaborator_ids: [],
		follower_ids: [],
		email_cc_ids: [],
		problem_id: null,
		has_incidents: false,
		is_public: true,
		due_at: null,
		tags: [],
		custom_status_id: null,
		ticket_form_id: null,
		brand_id: null,
		_cf: {},
		_comments: [],
		_defaultPublic: true,
		_text: '',
	};
}

/** @param {Record<string, any>} t */
function refreshSearchText(t) {
	const parts = [t.subject || '', t.description || ''];
	for (const c of t._comments) parts.push(String(c.plain_body || ''));
	t._text = parts.join('\n').toLowerCase();
}

module.exports = { createState, emptyOAuthCounts, refreshSearchText, blankTicket, STATUS_ORDER, PRIORITY_ORDER, TICKET_TYPES, VIA_API };
