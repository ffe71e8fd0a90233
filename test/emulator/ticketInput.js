'use strict';
// Applies a `ticket` request object to a draft ticket the way Zendesk's ticket
// create/update does, collecting RecordInvalid details instead of throwing, so
// single and bulk endpoints can report errors in their own formats.
const { stamp, isPlainObject } = require('./util');
const { refreshSearchText, blankTicket, STATUS_ORDER, PRIORITY_ORDER, TICKET_TYPES, VIA_API } = require('./state');
const { DEFAULT_STATUS_ID, makeUser } = require('./seed');

const FIELD_CLASS = {
	text: 'FieldText',
	textarea: 'FieldTextarea',
	checkbox: 'FieldCheckbox',
	date: 'FieldDate',
	integer: 'FieldInteger',
	decimal: 'FieldDecimal',
	regexp: 'FieldRegexp',
	partialcreditcard: 'FieldPartialCreditCard',
	tagger: 'FieldTagger',
	multiselect: 'FieldMultiselect',
	lookup: 'FieldLookup',
};
const { recordAudit } = require('./audits');
const { commentWords } = require('./serialize');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class Details {
	constructor() {
		/** @type {Record<string, Array<Record<string, unknown>>>} */
		this.map = {};
	}
	add(key, description, error = 'InvalidValue', extra = {}) {
		(this.map[key] ||= []).push({ description, error, ...extra });
	}
	get empty() {
		return Object.keys(this.map).length === 0;
	}
	/** One line per problem, for job_status results. */
	text() {
		return Object.values(this.map)
			.flat()
			.map((d) => d.description)
			.join(' ');
	}
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlFromText = (s) =>
	`<div class="zd-comment" dir="auto">${s
		.split(/\n{2,}/)
		.map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
		.join('')}</div>`;
const textFromHtml = (s) =>
	s
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/p>/gi, '\n\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.trim();

function normalizeTags(raw) {
	const list = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
	const out = [];
	for (const item of list) for (const t of String(item).split(/[\s,]+/)) if (t && !out.includes(t)) out.push(t);
	return out;
}

const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isAgent = (u) => !!u && (u.role === 'agent' || u.role === 'admin');
const findUserByEmail = (state, email) => {
	const e = String(email).toLowerCase();
	for (const u of state.users.values()) if (String(u.email).toLowerCase() === e) return u;
	return undefined;
};

function createEndUser(state, email, name) {
	const id = state.seq.user++;
	const now = stamp();
	// As Zendesk makes a requester it did not know: unverified, and restricted to their own requests.
	const user = makeUser(id, name || String(email).split('@')[0], String(email).toLowerCase(), 'end-user', {
		created_at: now,
		updated_at: now,
		verified: false,
		restricted_agent: true,
	});
	state.users.set(id, user);
	return user;
}

const asId = (v) => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN);

/** Validates and converts one custom field value; `undefined` means invalid. */
function convertFieldValue(state, f, value) {
	if (value === null || value === '') return null;
	switch (f.type) {
		case 'text':
		case 'textarea':
			return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
		case 'checkbox':
			if (typeof value === 'boolean') return value;
			return value === 'true' ? true : value === 'false' ? false : undefined;
		case 'date': {
			const s = String(value);
			const m = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(s);
			return m && !Number.isNaN(Date.parse(m[1])) ? m[1] : undefined;
		}
		case 'integer':
			return (typeof value === 'number' && Number.isInteger(value)) || /^-?\d+$/.test(String(value)) ? String(value) : undefined;
		case 'decimal':
			return typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value)) ? String(value) : undefined;
		case 'regexp':
			return new RegExp(f.regexp_for_validation).test(String(value)) ? String(value) : undefined;
		case 'partialcreditcard': {
			const digits = String(value).replace(/[\s-]/g, '');
			// Zendesk keeps only the last four digits.
			return /^\d{4,19}$/.test(digits) ? `${'X'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}` : undefined;
		}
		case 'tagger':
			return f.custom_field_options.some((o) => o.value === value) ? value : undefined;
		case 'multiselect': {
			const list = Array.isArray(value) ? value : [value];
			return list.every((v) => f.custom_field_options.some((o) => o.value === v)) ? [...new Set(list)] : undefined;
		}
		case 'lookup':
			return state.users.has(asId(value)) ? String(asId(value)) : undefined;
		default:
			return typeof value === 'object' ? undefined : value;
	}
}

/** Tags Zendesk derives from drop-down, multi-select and checkbox values. */
function syncFieldTags(state, t) {
	for (const f of state.ticketFields.values()) {
		if (!f._custom) continue;
		const v = t._cf[f.id];
		if (f.type === 'tagger' || f.type === 'multiselect') {
			const all = f.custom_field_options.map((o) => o.value);
			const on = v == null ? [] : Array.isArray(v) ? v : [v];
			t.tags = t.tags.filter((x) => !all.includes(x) || on.includes(x));
			for (const x of on) if (!t.tags.includes(x)) t.tags.push(x);
		} else if (f.type === 'checkbox' && f.tag) {
			t.tags = t.tags.filter((x) => x !== f.tag);
			if (v === true) t.tags.push(f.tag);
		}
	}
}

function draftOf(existing) {
	if (!existing) return blankTicket();
	return {
		...existing,
		tags: [...existing.tags],
		collaborator_ids: [...existing.collaborator_ids],
		follower_ids: [...existing.follower_ids],
		email_cc_ids: [...existing.email_cc_ids],
		_cf: { ...existing._cf },
		_comments: [...existing._comments],
	};
}

/**
 * @param {any} emu
 * @param {Record<string, any>} actor authenticated user
 * @param {Record<string, any>} input the `ticket` object of the request
 * @param {Record<string, any> | null} existing
 * @returns {{ ok: true, draft: any, comment: any, consumedUploads: string[] } | { ok: false, details: Details }}
 */
function applyTicketInput(emu, actor, input, existing) {
	const state = emu.state;
	const d = new Details();
	const t = draftOf(existing);
	const creating = !existing;
	if (!isPlainObject(input)) {
		d.add('base', 'Ticket: must be an object', 'InvalidValue');
		return { ok: false, details: d };
	}
	if (existing && existing.status === 'closed') {
		d.add('status', 'Status: closed prevents ticket update', 'InvalidValue');
		return { ok: false, details: d };
	}

	if (has(input, 'subject')) t.subject = input.subject == null ? null : String(input.subject);
	if (has(input, 'raw_subject')) t.raw_subject = input.raw_subject == null ? null : String(input.raw_subject);
	else if (has(input, 'subject')) t.raw_subject = t.subject;
	if (has(input, 'external_id')) t.external_id = input.external_id == null ? null : String(input.external_id);
	if (has(input, 'recipient')) t.recipient = input.recipient;

	/** @type {Array<[string, string[], string]>} */
	const enums = [
		['priority', PRIORITY_ORDER, 'Priority'],
		['type', TICKET_TYPES, 'Type'],
	];
	for (const [key, allowed, label] of enums) {
		if (!has(input, key)) continue;
		if (input[key] === null || input[key] === '' || input[key] === '-') t[key] = null;
		else if (allowed.includes(input[key])) t[key] = input[key];
		else d.add(key, `${label}: ${JSON.stringify(input[key])} is not valid`);
	}

	let statusGiven = false;
	if (has(input, 'status')) {
		if (STATUS_ORDER.includes(input.status)) {
			t.status = input.status;
			statusGiven = true;
		} else d.add('status', `Status: ${JSON.stringify(input.status)} is not valid`);
	}
	if (has(input, 'custom_status_id') && input.custom_status_id != null) {
		const cs = state.customStatuses.get(asId(input.custom_status_id));
		if (!cs || !cs.active) d.add('custom_status_id', 'Custom status: is invalid');
		else {
			t.custom_status_id = cs.id;
			t.status = cs.status_category;
			statusGiven = true;
		}
	} else if (statusGiven) {
		t.custom_status_id = DEFAULT_STATUS_ID[t.status];
	}

	const refOr = (key, map, label) => {
		if (!has(input, key)) return;
		if (input[key] === null) t[key] = null;
		else if (map.has(asId(input[key]))) t[key] = asId(input[key]);
		else d.add(key, `${label}: is invalid`);
	};
	refOr('group_id', state.groups, 'Group');
	refOr('organization_id', state.organizations, 'Organization');
	refOr('brand_id', state.brands, 'Brand');
	refOr('ticket_form_id', state.ticketForms, 'Ticket form');

	let assigneeGiven = false;
	if (has(input, 'assignee_id')) {
		assigneeGiven = true;
		if (input.assignee_id === null) t.assignee_id = null;
		else if (isAgent(state.users.get(asId(input.assignee_id)))) t.assignee_id = asId(input.assignee_id);
		else d.add('assignee_id', 'Assignee: is not an agent');
	}
	if (has(input, 'assignee_email') && input.assignee_email != null) {
		assigneeGiven = true;
		const u = findUserByEmail(state, input.assignee_email);
		if (isAgent(u)) t.assignee_id = u.id;
		else d.add('assignee_email', `Assignee: ${input.assignee_email} is not an agent`);
	}
	if (assigneeGiven && t.assignee_id && !has(input, 'group_id') && !t.group_id) {
		t.group_id = state.users.get(t.assignee_id).default_group_id ?? null;
	}

	let requester;
	if (isPlainObject(input.requester)) {
		const { email, name } = input.requester;
		if (email != null && !EMAIL.test(String(email))) d.add('requester', `Requester: Email ${email} is not properly formatted`);
		else if (email == null && !name) d.add('requester', 'Requester: Name is too short (minimum one character)');
		else {
			requester = email != null ? findUserByEmail(state, email) : undefined;
			if (!requester && email != null) requester = createEndUser(state, email, name);
			if (!requester) d.add('requester', 'Requester: Email is required to identify the requester');
		}
	} else if (has(input, 'requester_id')) {
		requester = state.users.get(asId(input.requester_id));
		if (!requester) d.add('requester_id', 'Requester: is invalid');
	}
	if (requester) t.requester_id = requester.id;
	if (has(input, 'submitter_id')) {
		if (state.users.has(asId(input.submitter_id))) t.submitter_id = asId(input.submitter_id);
		else d.add('submitter_id', 'Submitter: is invalid');
	}

	applyPeople(state, input, t, d, creating);

	if (has(input, 'due_at')) {
		if (input.due_at === null || input.due_at === '') t.due_at = null;
		else if (Number.isNaN(Date.parse(String(input.due_at)))) d.add('due_at', 'Due date: is invalid');
		else t.due_at = new Date(Date.parse(String(input.due_at))).toISOString().replace('.000Z', 'Z');
	}
	if (has(input, 'problem_id')) {
		if (input.problem_id === null) t.problem_id = null;
		else {
			const p = state.tickets.get(asId(input.problem_id));
			if (!p || p.type !== 'problem') d.add('problem_id', 'Problem: must be an existing ticket of type problem');
			else t.problem_id = p.id;
		}
	}

	if (has(input, 'tags')) t.tags = normalizeTags(input.tags);
	if (has(input, 'additional_tags')) for (const x of normalizeTags(input.additional_tags)) if (!t.tags.includes(x)) t.tags.push(x);
	if (has(input, 'remove_tags')) {
		const remove = normalizeTags(input.remove_tags);
		t.tags = t.tags.filter((x) => !remove.includes(x));
	}

	const cfInput = Array.isArray(input.custom_fields) ? input.custom_fields : Array.isArray(input.fields) ? input.fields : null;
	if (has(input, 'custom_fields') && !cfInput && input.custom_fields != null) d.add('custom_fields', 'Custom fields: must be an array');
	for (const entry of cfInput || []) {
		const f = isPlainObject(entry) ? state.ticketFields.get(asId(entry.id)) : undefined;
		if (!f || !f._custom) continue; // Zendesk ignores ids that are not custom ticket fields
		const v = convertFieldValue(state, f, entry.value);
		if (v === undefined) {
			d.add('base', `${f.title}: ${JSON.stringify(entry.value)} is invalid`, 'InvalidValue', {
				ticket_field_id: f.id,
				ticket_field_type: FIELD_CLASS[f.type],
			});
		} else if (v === null) delete t._cf[f.id];
		else t._cf[f.id] = v;
	}

	const { comment, consumedUploads } = buildComment(emu, actor, input.comment, t, d, creating);
	if (!d.empty) return { ok: false, details: d };

	// Defaults Zendesk fills in on creation.
	if (creating) {
		t.submitter_id ??= actor.id;
		t.requester_id ??= actor.id;
		if (!has(input, 'organization_id')) t.organization_id = state.users.get(t.requester_id)?.organization_id ?? null;
		t.brand_id ??= [...state.brands.values()].find((b) => b.default)?.id ?? null;
		t.ticket_form_id ??= [...state.ticketForms.values()].find((f) => f.default)?.id ?? null;
		if (!t.status) t.status = t.assignee_id ? 'open' : 'new';
	} else if (t.status === 'new' && t.assignee_id && !statusGiven) {
		t.status = 'open'; // assigning a new ticket opens it
	}
	if ((t.status === 'solved' || t.status === 'closed') && !t.assignee_id && isAgent(actor)) t.assignee_id = actor.id;
	if (!t.custom_status_id || !statusGiven) {
		const cs = state.customStatuses.get(t.custom_status_id);
		if (!cs || cs.status_category !== (t.status === 'closed' ? 'solved' : t.status)) t.custom_status_id = DEFAULT_STATUS_ID[t.status];
	}
	if (t.type !== 'task') t.due_at = null;
	if (t.type !== 'incident') t.problem_id = null;
	syncFieldTags(state, t);
	t.collaborator_ids = [...new Set([...t.email_cc_ids, ...t.follower_ids])];
	return { ok: true, draft: t, comment, consumedUploads };
}

/** email_ccs / followers ([{user_id|user_email, action}]) and the older collaborator fields. */
function applyPeople(state, input, t, d, creating) {
	const resolve = (entry, key) => {
		if (entry.user_id != null) {
			const u = state.users.get(asId(entry.user_id));
			if (!u) d.add(key, `${key === 'followers' ? 'Follower' : 'CC'}: user ${entry.user_id} not found`);
			return u;
		}
		if (entry.user_email != null) {
			if (!EMAIL.test(String(entry.user_email))) {
				d.add(key, `${key === 'followers' ? 'Follower' : 'CC'}: ${entry.user_email} is not a valid email`);
				return undefined;
			}
			return (
				findUserByEmail(state, entry.user_email) ||
				(key === 'email_ccs' ? createEndUser(state, entry.user_email, entry.user_name) : undefined)
			);
		}
		return undefined;
	};
	for (const [key, target] of [
		['email_ccs', 'email_cc_ids'],
		['followers', 'follower_ids'],
	]) {
		if (!Array.isArray(input[key])) continue;
		for (const entry of input[key]) {
			if (!isPlainObject(entry)) continue;
			const u = resolve(entry, key);
			if (!u) continue;
			if (key === 'followers' && !isAgent(u)) continue; // only agents can follow
			if (entry.action === 'delete') t[target] = t[target].filter((x) => x !== u.id);
			else if (!t[target].includes(u.id)) t[target].push(u.id);
		}
	}
	const legacy = [];
	if (creating && Array.isArray(input.collaborators)) legacy.push(...input.collaborators);
	if (Array.isArray(input.collaborator_ids)) legacy.push(...input.collaborator_ids);
	if (Array.isArray(input.additional_collaborators)) legacy.push(...input.additional_collaborators);
	if (Array.isArray(input.email_cc_ids)) legacy.push(...input.email_cc_ids);
	for (const c of legacy) {
		let u;
		if (isPlainObject(c)) u = c.email ? findUserByEmail(state, c.email) || createEndUser(state, c.email, c.name) : undefined;
		else if (typeof c === 'string' && c.includes('@')) u = findUserByEmail(state, c) || createEndUser(state, c);
		else u = state.users.get(asId(c));
		if (!u) d.add('collaborators', `Collaborator: ${JSON.stringify(c)} is invalid`);
		else if (!t.email_cc_ids.includes(u.id)) t.email_cc_ids.push(u.id);
	}
	if (Array.isArray(input.follower_ids)) {
		for (const id of input.follower_ids) {
			const u = state.users.get(asId(id));
			if (isAgent(u) && !t.follower_ids.includes(u.id)) t.follower_ids.push(u.id);
		}
	}
}

function buildComment(emu, actor, raw, t, d, creating) {
	const state = emu.state;
	const c = typeof raw === 'string' ? { body: raw } : isPlainObject(raw) ? raw : null;
	const body = c && typeof c.body === 'string' ? c.body : '';
	const html = c && typeof c.html_body === 'string' ? c.html_body : '';
	if (!body.trim() && !html.trim()) {
		if (creating) {
			d.add('base', 'Description: cannot be blank', 'BlankValue', { ticket_field_id: 5002, ticket_field_type: 'FieldDescription' });
		}
		return { comment: null, consumedUploads: [] };
	}
	let authorId = actor.id;
	if (c.author_id != null) {
		if (state.users.has(asId(c.author_id))) authorId = asId(c.author_id);
		else d.add('author_id', 'Comment author: is invalid');
	}
	const attachments = [];
	const consumedUploads = [];
	for (const token of Array.isArray(c.uploads) ? c.uploads : []) {
		const upload = state.uploads.get(String(token));
		if (!upload) {
			d.add('base', `Uploads: token ${token} is invalid or already used`, 'InvalidValue');
			continue;
		}
		attachments.push(...upload.attachments);
		consumedUploads.push(String(token));
	}
	const isPublic = typeof c.public === 'boolean' ? c.public : creating ? true : t._defaultPublic;
	const plain = body.trim() ? body : textFromHtml(html);
	return {
		comment: {
			id: null,
			author_id: authorId,
			body: plain,
			html_body: html.trim() ? html : htmlFromText(body),
			plain_body: plain,
			public: isPublic,
			attachments,
			audit_id: null,
			via: VIA_API,
			created_at: null,
		},
		consumedUploads,
	};
}

/**
 * Stores a validated draft: assigns ids and timestamps, appends the comment and
 * returns the audit Zendesk sends back with the ticket.
 */
function commitTicket(emu, actor, result, existing) {
	const state = emu.state;
	const t = result.draft;
	const now = stamp();
	if (!existing) {
		t.id = state.seq.ticket++;
		t.created_at = now;
	}
	t.updated_at = now;
	const auditId = state.seq.audit++;
	const events = [];
	if (result.comment) {
		const c = { ...result.comment, id: state.seq.comment++, audit_id: auditId, created_at: now };
		t._comments.push(c);
		if (!existing) {
			t.description = c.plain_body;
			t._defaultPublic = c.public;
			t.is_public = c.public;
		}
		events.push({
			id: state.seq.audit++,
			type: 'Comment',
			...commentWords(c),
			attachments: c.attachments.map((a) => a.id),
			audit_id: auditId,
		});
	}
	for (const token of result.consumedUploads) state.uploads.delete(token);
	for (const key of [
		'subject',
		'status',
		'priority',
		'type',
		'assignee_id',
		'group_id',
		'organization_id',
		'requester_id',
		'tags',
		'custom_status_id',
		'due_at',
	]) {
		const before = existing ? existing[key] : undefined;
		if (JSON.stringify(before) === JSON.stringify(t[key])) continue;
		events.push({
			id: state.seq.audit++,
			type: existing ? 'Change' : 'Create',
			field_name: key,
			value: t[key],
			...(existing ? { previous_value: before } : {}),
		});
	}
	if (t.problem_id) {
		const p = state.tickets.get(t.problem_id);
		if (p) p.has_incidents = true;
	}
	refreshSearchText(t);
	state.tickets.set(t.id, t);
	state.ticketVersion++;
	const audit = {
		id: auditId,
		ticket_id: t.id,
		created_at: now,
		author_id: actor.id,
		metadata: { system: {}, custom: {} },
		events,
		via: VIA_API,
	};
	// The ticket's history (audits.js) is what its writes answered with.
	recordAudit(t, audit);
	return { ticket: t, audit: structuredClone(audit) };
}

module.exports = { applyTicketInput, commitTicket, normalizeTags, findUserByEmail, isAgent, asId, Details };
