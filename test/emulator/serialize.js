'use strict';
// Turns stored records into the JSON shapes of Zendesk's OpenAPI schemas
// (TicketObject, UserForAdmin, ...). URLs are built on the emulator's base URL.

/**
 * Unix seconds of the ticket's last update of any kind: `updated_at` moves only
 * with an update that makes a ticket event; a system update (`emu.systemUpdate`:
 * archiving, SLA, …) moves only this (`_generatedAt`, ms).
 */
const generatedTimestamp = (t) => Math.floor(Math.max(Date.parse(t.updated_at), t._generatedAt || 0) / 1000);

/** @param {{url: string, state: any}} emu @param {Record<string, any>} t */
function ticketJson(emu, t) {
	const customFields = [];
	for (const f of emu.state.ticketFields.values()) {
		if (!f._custom || !f.active) continue;
		const v = Object.prototype.hasOwnProperty.call(t._cf, f.id) ? t._cf[f.id] : null;
		customFields.push({ id: f.id, value: Array.isArray(v) ? [...v] : v });
	}
	return {
		url: `${emu.url}/api/v2/tickets/${t.id}.json`,
		id: t.id,
		external_id: t.external_id,
		via: t.via,
		created_at: t.created_at,
		updated_at: t.updated_at,
		generated_timestamp: generatedTimestamp(t),
		type: t.type,
		subject: t.subject,
		raw_subject: t.raw_subject,
		description: t.description,
		priority: t.priority,
		status: t.status,
		recipient: t.recipient,
		requester_id: t.requester_id,
		submitter_id: t.submitter_id,
		assignee_id: t.assignee_id,
		organization_id: t.organization_id,
		group_id: t.group_id,
		collaborator_ids: [...t.collaborator_ids],
		follower_ids: [...t.follower_ids],
		email_cc_ids: [...t.email_cc_ids],
		forum_topic_id: null,
		problem_id: t.problem_id,
		has_incidents: t.has_incidents,
		is_public: t.is_public,
		due_at: t.due_at,
		tags: [...t.tags],
		custom_fields: customFields,
		satisfaction_rating: null,
		sharing_agreement_ids: [],
		custom_status_id: t.custom_status_id,
		fields: customFields.map((f) => ({ ...f })),
		followup_ids: [],
		ticket_form_id: t.ticket_form_id,
		brand_id: t.brand_id,
		allow_channelback: false,
		allow_attachments: true,
		from_messaging_channel: false,
	};
}

/** @param {{url: string}} emu @param {Record<string, any>} u */
function userJson(emu, u) {
	const { _password, ...rest } = u;
	return { url: `${emu.url}/api/v2/users/${u.id}.json`, ...rest };
}

/** A user's profile fields as Zendesk gives a new user: its time zone, no phone, photo or organization, English. */
function newProfile(timeZone, ianaTimeZone) {
	return {
		time_zone: timeZone,
		iana_time_zone: ianaTimeZone,
		phone: null,
		shared_phone_number: null,
		photo: null,
		locale_id: 1,
		locale: 'en-US',
		organization_id: null,
	};
}

/** The guest user Zendesk answers /users/me with when credentials are missing or wrong. */
function anonymousUser() {
	return {
		id: null,
		url: null,
		name: 'Anonymous user',
		email: 'invalid@example.com',
		created_at: null,
		updated_at: null,
		...newProfile('Etc/UTC', 'Etc/UTC'),
		role: 'end-user',
		verified: false,
		authenticity_token: 'anonymous-authenticity-token',
	};
}

/** Records stored with their own `url` path get it prefixed with the base URL. */
function withUrl(emu, collection, record) {
	const out = {};
	for (const [k, v] of Object.entries(record)) if (!k.startsWith('_')) out[k] = v;
	return { url: `${emu.url}/api/v2/${collection}/${record.id}.json`, ...out };
}

/** @param {{url: string}} emu @param {Record<string, any>} a */
function attachmentJson(emu, a) {
	return {
		url: `${emu.url}/api/v2/attachments/${a.id}.json`,
		id: a.id,
		file_name: a.file_name,
		content_url: `${emu.url}/attachments/token/${a._downloadToken}/?name=${encodeURIComponent(a.file_name)}`,
		mapped_content_url: `${emu.url}/attachments/token/${a._downloadToken}/?name=${encodeURIComponent(a.file_name)}`,
		content_type: a.content_type,
		size: a.size,
		width: null,
		height: null,
		inline: false,
		deleted: false,
		malware_access_override: false,
		malware_scan_result: 'malware_not_found',
		thumbnails: [],
	};
}

/** What a comment says and who said it, as its JSON and its audit event both carry it. */
function commentWords(c) {
	return { author_id: c.author_id, body: c.body, html_body: c.html_body, plain_body: c.plain_body, public: c.public };
}

/** @param {{url: string}} emu @param {Record<string, any>} c */
function commentJson(emu, c) {
	return {
		id: c.id,
		type: 'Comment',
		...commentWords(c),
		attachments: c.attachments.map((a) => attachmentJson(emu, a)),
		audit_id: c.audit_id,
		via: c.via,
		created_at: c.created_at,
		metadata: { system: {}, custom: {} },
	};
}

/** @param {{url: string}} emu @param {Record<string, any>} j */
function jobJson(emu, j) {
	return {
		id: j.id,
		job_type: j.job_type,
		url: `${emu.url}/api/v2/job_statuses/${j.id}.json`,
		total: j.total,
		progress: j.progress,
		status: j.status,
		message: j.message,
		results: j.results ? j.results.map((r) => ({ ...r })) : null,
	};
}

module.exports = {
	generatedTimestamp,
	ticketJson,
	userJson,
	anonymousUser,
	newProfile,
	commentWords,
	withUrl,
	attachmentJson,
	commentJson,
	jobJson,
};
