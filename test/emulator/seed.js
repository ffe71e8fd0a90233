'use strict';
// Deterministic seed data: the same ids and values on every run, so tests can
// refer to them directly.
const { refreshSearchText, blankTicket, STATUS_ORDER, PRIORITY_ORDER, TICKET_TYPES, VIA_API } = require('./state');
const { creationAudit } = require('./audits');
const { newProfile } = require('./serialize');

const SEED_TIME = '2024-01-01T00:00:00.000Z';
// Seeded tickets are created one minute apart from this instant (ticket id N at
// BASE + N minutes), so date searches have predictable answers.
const TICKET_BASE_MS = Date.parse('2024-01-01T00:00:00Z');

const CREDENTIALS = Object.freeze({
	email: 'admin@acme.test',
	apiToken: 'emulator-api-token',
	agentEmail: 'alice@acme.test',
	agentApiToken: 'emulator-agent-token',
	endUserEmail: 'eve@example.test',
	endUserApiToken: 'emulator-end-user-token',
	clientId: 'n8n-emulator',
	clientSecret: 'emulator-client-secret',
	publicClientId: 'n8n-emulator-public',
});

function makeUser(id, name, email, role, extra = {}) {
	return {
		id,
		name,
		email,
		created_at: SEED_TIME,
		updated_at: SEED_TIME,
		...newProfile('Eastern Time (US & Canada)', 'America/New_York'),
		role,
		verified: true,
		external_id: null,
		tags: [],
		alias: null,
		active: true,
		shared: false,
		shared_agent: false,
		last_login_at: null,
		two_factor_auth_enabled: null,
		signature: null,
		details: '',
		notes: '',
		role_type: role === 'end-user' ? null : role === 'admin' ? null : 0,
		custom_role_id: null,
		moderator: role !== 'end-user',
		ticket_restriction: role === 'end-user' ? 'requested' : null,
		only_private_comments: false,
		restricted_agent: role === 'agent',
		suspended: false,
		default_group_id: null,
		report_csv: false,
		user_fields: {},
		...extra,
	};
}

function field(id, type, title, extra = {}) {
	return {
		id,
		type,
		title,
		raw_title: title,
		description: '',
		raw_description: '',
		position: id,
		active: true,
		required: false,
		collapsed_for_agents: false,
		regexp_for_validation: null,
		title_in_portal: title,
		raw_title_in_portal: title,
		visible_in_portal: true,
		editable_in_portal: false,
		required_in_portal: false,
		tag: null,
		created_at: SEED_TIME,
		updated_at: SEED_TIME,
		removable: false,
		key: null,
		agent_description: null,
		...extra,
	};
}

function options(startId, pairs) {
	return pairs.map(([name, value], i) => ({ id: startId + i, name, raw_name: name, value, position: i, default: false }));
}

/** Field ids by type, for tests and for the seeded ticket values. */
const FIELD_IDS = Object.freeze({
	subject: 5001,
	description: 5002,
	status: 5003,
	tickettype: 5004,
	priority: 5005,
	group: 5006,
	assignee: 5007,
	text: 6001,
	textarea: 6002,
	checkbox: 6003,
	date: 6004,
	integer: 6005,
	decimal: 6006,
	regexp: 6007,
	partialcreditcard: 6008,
	tagger: 6009,
	multiselect: 6010,
	lookup: 6011,
});

/** @param {ReturnType<import('./state').createState>} s */
function seedAccount(s) {
	const users = [
		makeUser(1001, 'Ada Admin', 'admin@acme.test', 'admin', { default_group_id: 4001 }),
		makeUser(1002, 'Alice Agent', 'alice@acme.test', 'agent', { default_group_id: 4001 }),
		makeUser(1003, 'Bob Agent', 'bob@acme.test', 'agent', { default_group_id: 4002 }),
		makeUser(1004, 'Carol Agent', 'carol@acme.test', 'agent', { default_group_id: 4003 }),
		makeUser(2001, 'Eve Customer', 'eve@example.test', 'end-user', { organization_id: 3001 }),
		makeUser(2002, 'Frank Customer', 'frank@example.test', 'end-user', { organization_id: 3001 }),
		makeUser(2003, 'Grace Customer', 'grace@globex.test', 'end-user', { organization_id: 3002 }),
		makeUser(2004, 'Heidi Customer', 'heidi@example.test', 'end-user'),
		makeUser(2005, 'Ivan Customer', 'ivan@initech.test', 'end-user', { organization_id: 3003 }),
	];
	for (const u of users) s.users.set(u.id, u);

	/** @type {Array<[number, string, string[]]>} */
	const orgs = [
		[3001, 'Acme Customers', ['example.test']],
		[3002, 'Globex', ['globex.test']],
		[3003, 'Initech', ['initech.test']],
	];
	for (const [id, name, domains] of orgs) {
		s.organizations.set(id, {
			id,
			name,
			shared_tickets: false,
			shared_comments: false,
			external_id: null,
			created_at: SEED_TIME,
			updated_at: SEED_TIME,
			domain_names: domains,
			details: '',
			notes: '',
			group_id: null,
			tags: [],
			organization_fields: {},
		});
	}

	/** @type {Array<[number, string, boolean]>} */
	const groups = [
		[4001, 'Support', true],
		[4002, 'Billing', false],
		[4003, 'Escalations', false],
	];
	for (const [id, name, isDefault] of groups) {
		s.groups.set(id, {
			id,
			name,
			description: `${name} team`,
			default: isDefault,
			deleted: false,
			is_public: true,
			created_at: SEED_TIME,
			updated_at: SEED_TIME,
		});
	}

	const system = [
		field(5001, 'subject', 'Subject', { required: true }),
		field(5002, 'description', 'Description', { required: true }),
		field(5003, 'status', 'Status', {
			system_field_options: STATUS_ORDER.filter((x) => x !== 'closed').map((v) => ({ name: v[0].toUpperCase() + v.slice(1), value: v })),
		}),
		field(5004, 'tickettype', 'Type', {
			system_field_options: TICKET_TYPES.map((v) => ({ name: v[0].toUpperCase() + v.slice(1), value: v })),
		}),
		field(5005, 'priority', 'Priority', {
			system_field_options: PRIORITY_ORDER.map((v) => ({ name: v[0].toUpperCase() + v.slice(1), value: v })),
		}),
		field(5006, 'group', 'Group'),
		field(5007, 'assignee', 'Assignee', { required: true }),
	];
	const custom = [
		field(6001, 'text', 'Order number'),
		field(6002, 'textarea', 'Steps to reproduce'),
		field(6003, 'checkbox', 'VIP', { tag: 'vip_customer' }),
		field(6004, 'date', 'Renewal date'),
		field(6005, 'integer', 'Seats'),
		field(6006, 'decimal', 'Refund amount'),
		field(6007, 'regexp', 'Asset tag', { regexp_for_validation: '^[A-Z]{3}-\\d{4}$' }),
		field(6008, 'partialcreditcard', 'Card'),
		field(6009, 'tagger', 'Product', {
			custom_field_options: options(7001, [
				['Hardware', 'product_hardware'],
				['Software', 'product_software'],
				['Services', 'product_services'],
			]),
		}),
		field(6010, 'multiselect', 'Platforms', {
			custom_field_options: options(7101, [
				['Windows', 'platform_windows'],
				['macOS', 'platform_macos'],
				['Linux', 'platform_linux'],
			]),
		}),
		field(6011, 'lookup', 'Account manager', { relationship_target_type: 'zen:user', relationship_filter: {} }),
	];
	for (const f of system) s.ticketFields.set(f.id, { ...f, removable: false, _custom: false });
	for (const f of custom) s.ticketFields.set(f.id, { ...f, removable: true, _custom: true });

	/** @type {Array<[number, string, string, boolean]>} */
	const brands = [
		[8001, 'Acme', 'acme', true],
		[8002, 'Acme Labs', 'acme-labs', false],
	];
	for (const [id, name, sub, isDefault] of brands) {
		s.brands.set(id, {
			id,
			name,
			brand_url: `https://${sub}.zendesk.com`,
			subdomain: sub,
			host_mapping: null,
			has_help_center: false,
			help_center_state: 'disabled',
			active: true,
			default: isDefault,
			is_deleted: false,
			logo: null,
			ticket_form_ids: [9001, 9002],
			signature_template: '{{agent.signature}}',
			created_at: SEED_TIME,
			updated_at: SEED_TIME,
		});
	}

	const allFieldIds = [...system, ...custom].map((f) => f.id);
	/** @type {Array<[number, string, boolean, number[]]>} */
	const forms = [
		[9001, 'Default Ticket Form', true, allFieldIds],
		[9002, 'Bug report', false, [5001, 5002, 5003, 5005, 6002, 6010]],
	];
	forms.forEach(([id, name, isDefault, fieldIds], i) => {
		s.ticketForms.set(id, {
			id,
			name,
			raw_name: name,
			display_name: name,
			raw_display_name: name,
			end_user_visible: true,
			position: i,
			ticket_field_ids: fieldIds,
			active: true,
			default: isDefault,
			in_all_brands: true,
			restricted_brand_ids: [],
			end_user_conditions: [],
			agent_conditions: [],
			created_at: SEED_TIME,
			updated_at: SEED_TIME,
		});
	});

	// Zendesk accounts always have one default status per category; the two
	// extra ones are agent-defined statuses.
	/** @type {Array<[number, string, string, boolean]>} */
	const statuses = [
		[10001, 'new', 'New', true],
		[10002, 'open', 'Open', true],
		[10003, 'pending', 'Pending', true],
		[10004, 'hold', 'On-hold', true],
		[10005, 'solved', 'Solved', true],
		[10101, 'open', 'In progress', false],
		[10102, 'pending', 'Waiting on vendor', false],
	];
	for (const [id, category, label, isDefault] of statuses) {
		s.customStatuses.set(id, {
			id,
			status_category: category,
			agent_label: label,
			raw_agent_label: label,
			end_user_label: label,
			raw_end_user_label: label,
			description: '',
			raw_description: '',
			end_user_description: '',
			raw_end_user_description: '',
			active: true,
			default: isDefault,
			created_at: SEED_TIME,
			updated_at: SEED_TIME,
		});
	}

	s.apiTokens.push(
		{ email: CREDENTIALS.email, token: CREDENTIALS.apiToken, active: true },
		{ email: CREDENTIALS.agentEmail, token: CREDENTIALS.agentApiToken, active: true },
		{ email: CREDENTIALS.endUserEmail, token: CREDENTIALS.endUserApiToken, active: true },
	);
	s.oauthClients.set(CREDENTIALS.clientId, {
		identifier: CREDENTIALS.clientId,
		secret: CREDENTIALS.clientSecret,
		kind: 'confidential',
		user_id: 1001,
		redirect_uris: [],
	});
	s.oauthClients.set(CREDENTIALS.publicClientId, {
		identifier: CREDENTIALS.publicClientId,
		secret: null,
		kind: 'public',
		user_id: 1001,
		redirect_uris: [],
	});
}

const WORDS = ['printer', 'login', 'refund', 'invoice', 'password', 'shipping', 'crash', 'billing', 'upgrade', 'outage'];
const REQUESTERS = [2001, 2002, 2003, 2004, 2005];
const ASSIGNEES = [1001, 1002, 1003, 1004, null];
const GROUP_OF = { 1001: 4001, 1002: 4001, 1003: 4002, 1004: 4003 };
const DEFAULT_STATUS_ID = { new: 10001, open: 10002, pending: 10003, hold: 10004, solved: 10005, closed: 10005 };

/**
 * Appends `n` tickets with sequential ids, bypassing validation so that tens of
 * thousands take milliseconds. Values cycle with different periods so that
 * combinations of status, priority, type and tags vary.
 * @param {ReturnType<import('./state').createState>} s
 */
function seedTickets(s, n) {
	const ids = [];
	for (let k = 0; k < n; k++) {
		const id = s.seq.ticket++;
		const word = WORDS[id % WORDS.length];
		const status = STATUS_ORDER[id % 6];
		const priority = id % 5 === 4 ? null : PRIORITY_ORDER[id % 5];
		const type = id % 7 === 6 ? null : TICKET_TYPES[(id % 7) % 4];
		const requesterId = REQUESTERS[id % REQUESTERS.length];
		// Zendesk requires an assignee to solve a ticket; other statuses may be unassigned.
		const assigneeId =
			status === 'new' ? null : status === 'solved' || status === 'closed' ? ASSIGNEES[id % 4] : ASSIGNEES[id % 3 === 0 ? 4 : id % 4];
		const created = TICKET_BASE_MS + id * 60_000;
		const createdAt = new Date(created).toISOString();
		const updatedAt = new Date(created + (id % 11) * 3_600_000).toISOString();
		const description = `Seeded ticket ${id} about ${word}. The customer reports a ${word} problem.`;
		const tags = [word, 'seeded'];
		if (id % 10 === 7) tags.push('vip');
		const comment = {
			id: s.seq.comment++,
			author_id: requesterId,
			body: description,
			html_body: `<div class="zd-comment" dir="auto"><p dir="auto">${description}</p></div>`,
			plain_body: description,
			public: true,
			attachments: [],
			audit_id: s.seq.audit++,
			via: VIA_API,
			created_at: createdAt,
		};
		const t = {
			...blankTicket(),
			id,
			external_id: id % 3 === 0 ? `ext-${id}` : null,
			created_at: createdAt,
			updated_at: updatedAt,
			type,
			subject: `${word[0].toUpperCase()}${word.slice(1)} issue #${id}`,
			description,
			priority,
			status,
			requester_id: requesterId,
			submitter_id: requesterId,
			assignee_id: assigneeId,
			organization_id: s.users.get(requesterId)?.organization_id ?? null,
			group_id: assigneeId ? GROUP_OF[assigneeId] : id % 2 ? 4001 : null,
			tags,
			custom_status_id: DEFAULT_STATUS_ID[status],
			ticket_form_id: 9001,
			brand_id: id % 4 === 3 ? 8002 : 8001,
			_comments: [comment],
		};
		t.raw_subject = t.subject;
		t._audits = [creationAudit(t)];
		if (id % 5 === 0) t._cf[FIELD_IDS.integer] = String(id % 50);
		refreshSearchText(t);
		s.tickets.set(id, t);
		ids.push(id);
	}
	s.ticketVersion++;
	return ids;
}

module.exports = { seedAccount, seedTickets, makeUser, CREDENTIALS, FIELD_IDS, TICKET_BASE_MS, DEFAULT_STATUS_ID };
