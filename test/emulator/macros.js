'use strict';
// Macros: the active list, search by title, show, and the two previews
// (ShowChangesToTicket, ShowTicketAfterChanges), which change nothing. As in
// Zendesk there is no apply endpoint: a client writes the preview's changes.
const { notFound, badRequest, json } = require('./util');
const { ticketJson, withUrl } = require('./serialize');
const { paginate } = require('./pagination');
const { asId } = require('./ticketInput');

const at = '2026-01-05T09:00:00Z';
const macro = (id, title, actions, extra = {}) => ({
	id,
	title,
	raw_title: title,
	description: null,
	active: true,
	position: id,
	default: false,
	restriction: null,
	actions,
	created_at: at,
	updated_at: at,
	...extra,
});

/** A few macros: a public reply, a reply with placeholders, a private note, an inactive one, one with a side conversation. */
function seedMacros() {
	return new Map(
		[
			macro(101, 'Billing::Refund issued', [
				{ field: 'status', value: 'solved' },
				{ field: 'current_tags', value: 'refund billing' },
				{ field: 'comment_value', value: ['channel:all', 'Your refund is on its way.'] },
				{ field: 'comment_mode_is_public', value: 'true' },
			]),
			macro(102, 'Greeting', [
				{ field: 'status', value: 'pending' },
				{ field: 'comment_value_html', value: '<p>Hi {{ticket.requester.first_name}},</p><p>About "{{ticket.title}}": we are on it.</p>' },
			]),
			macro(103, 'Escalate::Tier 2 note', [
				{ field: 'priority', value: 'urgent' },
				{ field: 'group_id', value: '4002' },
				{ field: 'comment_value', value: 'Escalated to tier 2.' },
				{ field: 'comment_mode_is_public', value: 'false' },
			]),
			macro(104, 'Old process', [{ field: 'status', value: 'hold' }], { active: false }),
			macro(105, 'Ask engineering in Slack', [{ field: 'side_conversation_slack', value: ['Question', 'Can you check?'] }]),
		].map((m) => [m.id, m]),
	);
}

/** Placeholders Zendesk renders for a ticket; an unknown one renders empty, as in Zendesk. */
function render(emu, text, ticket, actor) {
	const requester = emu.state.users.get(ticket.requester_id) || {};
	const first = (u) => String(u.name || '').split(' ')[0];
	const values = {
		'ticket.id': ticket.id,
		'ticket.title': ticket.subject,
		'ticket.status': ticket.status,
		'ticket.requester.name': requester.name,
		'ticket.requester.first_name': first(requester),
		'ticket.requester.email': requester.email,
		'current_user.name': actor.name,
		'current_user.first_name': first(actor),
	};
	return String(text).replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name) => String(values[name] ?? ''));
}

const textOf = (value) => (Array.isArray(value) ? String(value[value.length - 1]) : String(value ?? ''));
const words = (value) => textOf(value).split(/\s+/).filter(Boolean);
const idOrNull = (value, actor) => (value === 'current_user' ? actor.id : value === '' ? null : Number(value));

/** The comment the macro adds, rendered when there is a ticket. */
function commentOf(m, renderText) {
	const html = m.actions.find((a) => a.field === 'comment_value_html');
	const text = m.actions.find((a) => a.field === 'comment_value');
	if (!html && !text) return undefined;
	const mode = m.actions.find((a) => a.field === 'comment_mode_is_public');
	const isPublic = !(mode && String(mode.value) === 'false');
	const htmlBody = html ? renderText(textOf(html.value)) : undefined;
	const body =
		htmlBody !== undefined
			? htmlBody
					.replace(/<[^>]+>/g, ' ')
					.replace(/\s+/g, ' ')
					.trim()
			: renderText(textOf(text.value));
	return { body, ...(htmlBody !== undefined ? { html_body: htmlBody } : {}), public: isPublic, scoped_body: [['channel:all', body]] };
}

/** What the macro changes, over `base` (the ticket, or nothing for ShowChangesToTicket). */
function changes(m, base, actor, renderText) {
	const out = {};
	let tags = base.tags ? [...base.tags] : [];
	for (const { field, value } of m.actions) {
		if (['status', 'priority', 'type'].includes(field)) out[field] = value;
		else if (field === 'subject') out.subject = renderText(textOf(value));
		else if (['group_id', 'assignee_id', 'custom_status_id', 'ticket_form_id', 'brand_id'].includes(field))
			out[field] = idOrNull(value, actor);
		else if (field === 'set_tags') tags = words(value);
		else if (field === 'current_tags') tags = [...new Set([...tags, ...words(value)])];
		else if (field === 'remove_tags') tags = tags.filter((t) => !words(value).includes(t));
		else if (field.startsWith('custom_fields_')) {
			out.custom_fields = [...(out.custom_fields || []), { id: Number(field.slice(14)), value }];
		}
	}
	if (m.actions.some((a) => /_tags$/.test(a.field))) out.tags = tags;
	const comment = commentOf(m, renderText);
	if (comment) out.comment = comment;
	return out;
}

function find(emu, ctx) {
	const m = emu.state.macros.get(asId(ctx.params.macro_id));
	if (!m) throw notFound();
	return m;
}

function afterChanges(emu, ctx) {
	const m = find(emu, ctx);
	const ticket = emu.state.tickets.get(asId(ctx.params.ticket_id));
	if (!ticket) throw notFound();
	const rendered = changes(m, ticket, ctx.user, (text) => render(emu, text, ticket, ctx.user));
	const full = ticketJson(emu, ticket);
	return json(200, { result: { ticket: { ...full, ...rendered, custom_fields: rendered.custom_fields || full.custom_fields } } });
}

function list(emu, ctx, filter) {
	const sorts = {
		alphabetical: (m) => m.title.toLowerCase(),
		created_at: (m) => m.created_at,
		updated_at: (m) => m.updated_at,
		id: (m) => m.id,
	};
	const items = () => [...emu.state.macros.values()].filter(filter);
	return json(
		200,
		paginate(ctx, { key: 'macros', items, sorts, defaultSort: 'alphabetical', serialize: (m) => withUrl(emu, 'macros', m) }),
	);
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	emu.state.macros = emu.state.macros || seedMacros();
	const activeParam = (ctx) => (ctx.query.has('active') ? ctx.query.get('active') === 'true' : undefined);
	const search = (ctx) => {
		const query = String(ctx.query.get('query') || '').toLowerCase();
		if (!query) throw badRequest('InvalidParameter', 'query is required');
		const active = activeParam(ctx);
		return list(emu, ctx, (m) => m.title.toLowerCase().includes(query) && (active === undefined || m.active === active));
	};
	return [
		['GET', '/api/v2/macros/active', (ctx) => list(emu, ctx, (m) => m.active)],
		['GET', '/api/v2/macros/search', search],
		['GET', '/api/v2/macros', (ctx) => list(emu, ctx, (m) => activeParam(ctx) === undefined || m.active === activeParam(ctx))],
		['GET', '/api/v2/macros/:macro_id/apply', (ctx) => json(200, { result: { ticket: changes(find(emu, ctx), {}, ctx.user, String) } })],
		['GET', '/api/v2/macros/:macro_id', (ctx) => json(200, { macro: withUrl(emu, 'macros', find(emu, ctx)) })],
		['GET', '/api/v2/tickets/:ticket_id/macros/:macro_id/apply', (ctx) => afterChanges(emu, ctx)],
	];
}

module.exports = { routes };
