'use strict';
// Side conversations (Collaboration add-on), below a ticket: list (offset pages),
// show, create (email or child ticket), reply, update (state, subject) and events.
// Off with `sideConversations: false`: Zendesk's 403 for a feature the account lacks.
const crypto = require('node:crypto');
const { ApiError, json, notFound, stamp } = require('./util');
const { applyTicketInput, commitTicket, asId, isAgent } = require('./ticketInput');

const forbidden = () =>
	new ApiError(403, {
		error: 'Forbidden',
		description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
	});
const invalid = (description) => new ApiError(400, { error: 'InvalidParameter', description });

function ticketOf(emu, ctx) {
	if (emu.options.sideConversations === false || !isAgent(ctx.user)) throw forbidden();
	const t = emu.state.tickets.get(asId(ctx.params.id));
	if (!t) throw notFound();
	return t;
}

function sideConversationOf(emu, ctx) {
	const t = ticketOf(emu, ctx);
	const sc = emu.state.sideConversations.get(String(ctx.params.sc));
	if (!sc || sc.ticket_id !== t.id) throw notFound();
	return sc;
}

const url = (emu, sc) => `${emu.url}/api/v2/tickets/${sc.ticket_id}/side_conversations/${sc.id}`;
function scJson(emu, sc) {
	const out = { ...sc, url: url(emu, sc) };
	delete out._events;
	return out;
}

/** One offset page of `items` with Zendesk's next_page/previous_page links. */
function offsetPage(ctx, base, key, items) {
	const perPage = Math.min(Math.max(Number(ctx.query.get('per_page')) || 100, 1), 100);
	const page = Math.max(Number(ctx.query.get('page')) || 1, 1);
	const link = (p) => `${base}?page=${p}&per_page=${perPage}`;
	const start = (page - 1) * perPage;
	return {
		[key]: items.slice(start, start + perPage),
		next_page: start + perPage < items.length ? link(page + 1) : null,
		previous_page: page > 1 ? link(page - 1) : null,
		count: items.length,
	};
}

/** Zendesk reads the participants' kind from `to`: all emails (or users), or one support group for a child ticket. */
function recipientsOf(message) {
	if (!message || typeof message !== 'object') throw invalid('Invalid parameter: message is required');
	if (!Array.isArray(message.to) || message.to.length === 0) throw invalid('Invalid parameter: to is required');
	if (!message.body && !message.html_body) throw invalid('Invalid parameter: body is required');
	const groups = message.to.filter((p) => p && p.support_group_id !== undefined);
	if (groups.length && groups.length !== message.to.length) throw invalid('Invalid parameter: to mixes participant types');
	if (!groups.length && message.to.some((p) => !p || (!p.email && !p.user_id))) throw invalid('Invalid parameter: to needs an email');
	return { to: message.to, childTicket: groups[0] };
}

function addEvent(emu, ctx, sc, type, message, updates) {
	const event = {
		id: crypto.randomUUID(),
		side_conversation_id: sc.id,
		ticket_id: sc.ticket_id,
		actor: { user_id: ctx.user.id, name: ctx.user.name, email: ctx.user.email },
		type,
		via: 'api',
		created_at: stamp(),
		...(message ? { message: { ...message, from: { user_id: ctx.user.id, name: ctx.user.name, email: ctx.user.email } } } : {}),
		...(updates ? { updates } : {}),
	};
	sc._events.push(event);
	sc.updated_at = event.created_at;
	if (message) sc.message_added_at = event.created_at;
	return { ...event, url: `${url(emu, sc)}/events/${event.id}` };
}

/** A child ticket for the group (and agent), as Zendesk opens one from a side conversation. */
function childTicket(emu, ctx, message, group) {
	if (!emu.state.groups.has(asId(group.support_group_id))) throw invalid('Invalid parameter: support_group_id');
	const input = { subject: message.subject || 'Side conversation', comment: { body: message.body || message.html_body, public: false } };
	input.group_id = asId(group.support_group_id);
	if (group.support_agent_id !== undefined) input.assignee_id = asId(group.support_agent_id);
	const result = applyTicketInput(emu, ctx.user, input, null);
	if (result.ok === false) throw new ApiError(422, { error: 'RecordInvalid', details: result.details.map });
	return commitTicket(emu, ctx.user, result, null).ticket.id;
}

function create(emu, ctx) {
	const t = ticketOf(emu, ctx);
	const message = (ctx.body || {}).message;
	const { to, childTicket: group } = recipientsOf(message);
	const at = stamp();
	const sc = {
		id: crypto.randomUUID(),
		ticket_id: t.id,
		subject: message.subject || '',
		preview_text: String(message.body || message.html_body).slice(0, 100),
		state: 'open',
		state_updated_at: at,
		participants: [{ user_id: ctx.user.id, name: ctx.user.name, email: ctx.user.email }, ...to],
		external_ids: group ? { targetTicketId: String(childTicket(emu, ctx, message, group)) } : {},
		created_at: at,
		updated_at: at,
		message_added_at: at,
		_events: [],
	};
	emu.state.sideConversations.set(sc.id, sc);
	const event = addEvent(emu, ctx, sc, 'create', message);
	return json(201, { side_conversation: scJson(emu, sc), event, updates: {} });
}

function reply(emu, ctx) {
	const sc = sideConversationOf(emu, ctx);
	const message = (ctx.body || {}).message;
	recipientsOf(message);
	sc.preview_text = String(message.body || message.html_body).slice(0, 100);
	const event = addEvent(emu, ctx, sc, 'reply', message);
	return json(200, { side_conversation: scJson(emu, sc), event });
}

function update(emu, ctx) {
	const sc = sideConversationOf(emu, ctx);
	const changes = (ctx.body || {}).side_conversation;
	if (!changes || typeof changes !== 'object') throw invalid('Invalid parameter: side_conversation is required');
	if (changes.state !== undefined && !['open', 'closed'].includes(changes.state)) throw invalid('Invalid parameter: state');
	const updates = {};
	if (changes.state !== undefined && changes.state !== sc.state) {
		updates.state = changes.state;
		sc.state = changes.state;
		sc.state_updated_at = stamp();
	}
	if (typeof changes.subject === 'string') sc.subject = updates.subject = changes.subject;
	if (Object.keys(updates).length) addEvent(emu, ctx, sc, 'update', null, updates);
	return json(200, { side_conversation: scJson(emu, sc) });
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	const base = '/api/v2/tickets/:id/side_conversations';
	const listOf = (ctx) => {
		const t = ticketOf(emu, ctx);
		const all = [...emu.state.sideConversations.values()].filter((sc) => sc.ticket_id === t.id).map((sc) => scJson(emu, sc));
		return json(200, offsetPage(ctx, `${emu.url}/api/v2/tickets/${t.id}/side_conversations.json`, 'side_conversations', all));
	};
	const eventsOf = (ctx) => {
		const sc = sideConversationOf(emu, ctx);
		const events = sc._events.map((e) => ({ ...e, url: `${url(emu, sc)}/events/${e.id}` }));
		return json(200, offsetPage(ctx, `${url(emu, sc)}/events.json`, 'events', events));
	};
	return [
		['GET', base, listOf],
		['POST', base, (ctx) => create(emu, ctx)],
		['GET', `${base}/:sc`, (ctx) => json(200, { side_conversation: scJson(emu, sideConversationOf(emu, ctx)) })],
		['PUT', `${base}/:sc`, (ctx) => update(emu, ctx)],
		['POST', `${base}/:sc/reply`, (ctx) => reply(emu, ctx)],
		['GET', `${base}/:sc/events`, eventsOf],
	];
}

module.exports = { routes };
