'use strict';
// Ticket audits (ListAuditsForTicket, ShowTicketAudit): every create and update
// of a ticket stores the audit it answers with (ticketInput.js commitTicket), so
// a ticket's history is what was done to it. Agents only (end users get auth.js's 403).
const { notFound, json } = require('./util');
const { paginate } = require('./pagination');

const FIELDS_AT_CREATION = ['subject', 'status', 'priority', 'type', 'requester_id', 'assignee_id', 'group_id', 'tags'];

/** Adds an audit to a ticket's history (a new list, so that a discarded draft leaves the stored ticket alone). */
function recordAudit(t, audit) {
	t._audits = [...(t._audits || []), audit];
}

/** The audit a seeded ticket was created with: its first comment and its fields, as the requester left them. */
function creationAudit(t) {
	const comment = t._comments[0];
	const auditId = comment.audit_id;
	const events = [
		{
			id: comment.id,
			type: 'Comment',
			author_id: comment.author_id,
			body: comment.body,
			html_body: comment.html_body,
			plain_body: comment.plain_body,
			public: comment.public,
			attachments: [],
			audit_id: auditId,
		},
		...FIELDS_AT_CREATION.filter((key) => t[key] !== null && t[key] !== undefined).map((key, k) => ({
			id: auditId * 100 + k,
			type: 'Create',
			field_name: key,
			value: t[key],
		})),
	];
	return {
		id: auditId,
		ticket_id: t.id,
		created_at: t.created_at,
		author_id: comment.author_id,
		metadata: { system: {}, custom: {} },
		events,
		via: comment.via,
	};
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	const ticketOf = (ctx) => {
		const t = emu.state.tickets.get(Number(ctx.params.id));
		if (!t) throw notFound();
		return t;
	};
	return [
		[
			'GET',
			'/api/v2/tickets/:id/audits',
			(ctx) => {
				const t = ticketOf(ctx);
				return json(
					200,
					paginate(ctx, {
						key: 'audits',
						items: () => t._audits || [],
						sorts: { created_at: (a) => a.created_at, id: (a) => a.id },
						defaultSort: 'created_at',
						serialize: (a) => structuredClone(a),
					}),
				);
			},
		],
		[
			'GET',
			'/api/v2/tickets/:id/audits/:audit_id',
			(ctx) => {
				const audit = (ticketOf(ctx)._audits || []).find((a) => a.id === Number(ctx.params.audit_id));
				if (!audit) throw notFound();
				return json(200, { audit: structuredClone(audit) });
			},
		],
	];
}

module.exports = { routes, recordAudit, creationAudit };
