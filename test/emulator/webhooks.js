'use strict';
// Webhooks (with signing secrets) and triggers, admins only, and the signed
// deliveries they cause: after every write request the tickets are compared
// with how they were, each active trigger whose conditions hold renders its
// notification_webhook template and the webhook POSTs it, signed
// base64(HMAC-SHA256(secret, timestamp + body)) with an ISO 8601 timestamp,
// to its endpoint, which must be on loopback. Deliveries are retried (409,
// 429/503 with a short Retry-After, 5xx, timeouts, refused connections) with
// the same invocation id, up to `webhookRetries` (default 3) more times.
const crypto = require('node:crypto');
const http = require('node:http');
const { ApiError, badRequest, json, notFound, randomToken, recordInvalid, sleep } = require('./util');
const { forbidden } = require('./auth');
const { renderLiquid, jsonText } = require('./liquid');
const { attachmentJson } = require('./serialize');

const TITLES = {
	new: 'New',
	open: 'Open',
	pending: 'Pending',
	hold: 'On-hold',
	solved: 'Solved',
	closed: 'Closed',
	urgent: 'Urgent',
	high: 'High',
	normal: 'Normal',
	low: 'Low',
};

const adminOnly = (ctx) => {
	if (ctx.user.role !== 'admin') throw forbidden();
};

/** What conditions and placeholders read of a ticket. */
function snapshotOf(t) {
	const comments = t._comments || [];
	const latest = comments[comments.length - 1];
	return {
		id: t.id,
		status: t.status,
		priority: t.priority,
		type: t.type,
		assignee_id: t.assignee_id,
		group_id: t.group_id,
		brand_id: t.brand_id,
		ticket_form_id: t.ticket_form_id,
		requester_id: t.requester_id,
		tags: [...(t.tags || [])],
		updated_at: t.updated_at,
		comments: comments.length,
		latestPublic: latest ? latest.public !== false : null,
	};
}

function conditionHolds(c, prev, cur) {
	const newComment = prev && cur.comments > prev.comments;
	if (c.field === 'update_type') return c.value === (prev ? 'Change' : 'Create');
	if (c.field === 'comment_is_public') {
		if (!newComment) return false;
		return c.value === 'not_relevant' || (c.value === 'true') === cur.latestPublic;
	}
	const now = String(cur[c.field] ?? '');
	const before = prev ? String(prev[c.field] ?? '') : '';
	switch (c.operator) {
		case 'is':
			return now === String(c.value);
		case 'is_not':
			return now !== String(c.value);
		case 'changed':
			return !!prev && now !== before;
		case 'not_changed':
			return !prev || now === before;
		// Zendesk's "Changed to" and "Changed from", and their negations.
		case 'value':
			return (!prev || now !== before) && now === String(c.value);
		case 'value_previous':
			return !!prev && now !== before && before === String(c.value);
		case 'not_value':
			return !((!prev || now !== before) && now === String(c.value));
		case 'not_value_previous':
			return !(!!prev && now !== before && before === String(c.value));
		default:
			return false;
	}
}

/** The condition operators Zendesk's triggers take (others are refused with 422, as Zendesk does). */
const OPERATORS = new Set([
	'is',
	'is_not',
	'changed',
	'not_changed',
	'value',
	'value_previous',
	'not_value',
	'not_value_previous',
	'less_than',
	'greater_than',
	'includes',
	'not_includes',
]);

function triggerFires(trigger, prev, cur) {
	const { all = [], any = [] } = trigger.conditions || {};
	return all.every((c) => conditionHolds(c, prev, cur)) && (any.length === 0 || any.some((c) => conditionHolds(c, prev, cur)));
}

/** The ticket's comments as Zendesk's Liquid sees them: newest first, with author and attachments. */
function liquidComments(emu, t) {
	return [...((t && t._comments) || [])].reverse().map((c) => ({
		id: c.id,
		is_public: c.public !== false,
		value: c.plain_body ?? c.body,
		author: { id: c.author_id, name: emu.state.users.get(c.author_id)?.name },
		attachments: (c.attachments || []).map((a) => ({ filename: a.file_name, url: attachmentJson(emu, a).content_url })),
	}));
}

/**
 * Renders the placeholders the triggers of this package use (and a few more);
 * unknown ones become empty, as in Zendesk. In a JSON webhook's body every
 * value is placed as JSON string content (quotes and newlines escaped), which
 * is how this package reads Zendesk (see the README's Triggers section).
 */
function render(emu, template, s, webhook) {
	const ticket = {
		id: s.id,
		status: TITLES[s.status] || s.status,
		priority: TITLES[s.priority] || s.priority || '',
		ticket_type: s.type ? s.type[0].toUpperCase() + s.type.slice(1) : '',
		group: { id: s.group_id },
		assignee: { id: s.assignee_id },
		requester: { id: s.requester_id },
		brand: { id: s.brand_id },
		ticket_form_id: s.ticket_form_id,
		tags: s.tags.join(' '),
		updated_at_with_timestamp: s.updated_at,
		link: `${emu.url.replace(/^https?:\/\//, '')}/agent/tickets/${s.id}`,
		comments: liquidComments(emu, emu.state.tickets.get(s.id)),
	};
	return renderLiquid(template, { ticket }, webhook.request_format === 'json' ? jsonText : undefined);
}

const signature = (secret, timestamp, body) =>
	crypto
		.createHmac('sha256', secret)
		.update(timestamp + body)
		.digest('base64');

function post(url, body, headers, timeoutMs) {
	return new Promise((resolve) => {
		const req = http.request(
			url,
			{ method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs },
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode, retryAfter: Number(res.headers['retry-after']) }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve({ status: 0, error: e.message }));
		req.end(body);
	});
}

const retryable = (r) => r.status === 0 || r.status === 409 || r.status >= 500 || (r.status === 429 && !(r.retryAfter >= 60));

/** One invocation: signed anew on every attempt, with the same invocation id. */
async function deliver(emu, webhook, body, delivery) {
	const retries = emu.options.webhookRetries ?? 3;
	for (let attempt = 0; attempt <= retries; attempt++) {
		const timestamp = new Date().toISOString();
		const result = await post(
			webhook.endpoint,
			body,
			{
				'content-type': 'application/json; charset=utf-8',
				'x-zendesk-account-id': '1',
				'x-zendesk-webhook-id': webhook.id,
				'x-zendesk-webhook-invocation-id': delivery.invocationId,
				'x-zendesk-webhook-signature-timestamp': timestamp,
				'x-zendesk-webhook-signature': signature(webhook._secret, timestamp, body),
			},
			emu.options.webhookTimeoutMs ?? 12_000,
		);
		delivery.attempts.push(result);
		if (!retryable(result)) break;
		await sleep(emu.options.webhookRetryDelayMs ?? 200);
	}
	delivery.done = true;
}

/** Compares the tickets with the last look and fires the triggers; called after every write request. */
function afterWrite(emu) {
	const s = emu.state;
	const active = [...s.triggers.values()].filter((t) => t.active);
	// No trigger, no look at the tickets: writes stay as cheap as without this module.
	if (!active.length) {
		s.ticketSnapshots = null;
		return;
	}
	const previous = s.ticketSnapshots;
	s.ticketSnapshots = new Map([...s.tickets.values()].map((t) => [t.id, snapshotOf(t)]));
	if (!previous) return;
	for (const cur of s.ticketSnapshots.values()) {
		const prev = previous.get(cur.id);
		if (prev && prev.updated_at === cur.updated_at) continue;
		for (const trigger of active) {
			if (!triggerFires(trigger, prev, cur)) continue;
			for (const action of trigger.actions || []) {
				const webhook = action.field === 'notification_webhook' && s.webhooks.get(String(action.value[0]));
				if (!webhook || webhook.status !== 'active') continue;
				const body = render(emu, action.value[1], cur, webhook);
				const delivery = {
					invocationId: randomToken(12),
					webhookId: webhook.id,
					triggerId: trigger.id,
					ticketId: cur.id,
					body,
					attempts: [],
					done: false,
				};
				s.webhookDeliveries.push(delivery);
				delivery.promise = deliver(emu, webhook, body, delivery);
			}
		}
	}
}

const publicWebhook = (w) => Object.fromEntries(Object.entries(w).filter(([k]) => !k.startsWith('_')));

function createWebhook(emu, ctx) {
	adminOnly(ctx);
	const w = (ctx.body && ctx.body.webhook) || {};
	const missing = ['name', 'endpoint', 'http_method', 'request_format', 'status'].filter((k) => !w[k]);
	if (missing.length) throw recordInvalid(Object.fromEntries(missing.map((k) => [k, [{ description: `${k} is required` }]])));
	let host;
	try {
		host = new URL(w.endpoint).hostname;
	} catch {
		host = '';
	}
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
		throw badRequest('InvalidEndpoint', 'The emulator delivers only to loopback endpoints');
	const id = `01EMU${randomToken(9).toUpperCase()}`;
	const at = new Date().toISOString();
	const webhook = {
		id,
		name: w.name,
		endpoint: w.endpoint,
		http_method: w.http_method,
		request_format: w.request_format,
		status: w.status,
		subscriptions: w.subscriptions || [],
		created_at: at,
		updated_at: at,
		_secret: randomToken(32),
	};
	emu.state.webhooks.set(id, webhook);
	return json(201, { webhook: publicWebhook(webhook) });
}

function createTrigger(emu, ctx) {
	adminOnly(ctx);
	const t = (ctx.body && ctx.body.trigger) || {};
	if (!t.title || !t.conditions || !Array.isArray(t.actions))
		throw recordInvalid({ base: [{ description: 'title, conditions and actions are required' }] });
	const unknown = [...(t.conditions.all || []), ...(t.conditions.any || [])].filter((c) => !OPERATORS.has(c.operator));
	if (unknown.length)
		throw recordInvalid({ base: [{ description: `Invalid operator: ${unknown.map((c) => `${c.field} ${c.operator}`).join(', ')}` }] });
	const id = (emu.state.seq.trigger = (emu.state.seq.trigger || 360000000) + 1);
	const at = new Date().toISOString();
	const trigger = {
		id,
		title: t.title,
		active: t.active !== false,
		description: t.description || null,
		conditions: t.conditions,
		actions: t.actions,
		created_at: at,
		updated_at: at,
	};
	emu.state.triggers.set(id, trigger);
	if (!emu.state.ticketSnapshots) afterWrite(emu);
	return json(201, { trigger });
}

function found(map, key) {
	const record = map.get(key);
	if (!record) throw notFound();
	return record;
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	const s = emu.state;
	s.webhooks = s.webhooks || new Map();
	s.triggers = s.triggers || new Map();
	s.webhookDeliveries = s.webhookDeliveries || [];
	emu.afterWrite = () => afterWrite(emu);
	/** Every delivery so far (`promise` settles when its last attempt is done). */
	emu.webhookDeliveries = () => s.webhookDeliveries;
	emu.settleDeliveries = async () => Promise.all(s.webhookDeliveries.map((d) => d.promise));
	/** Sends a delivery again, as Zendesk does when it did not see the answer: same body and invocation id, signed anew. */
	emu.redeliver = async (invocationId) => {
		const delivery = s.webhookDeliveries.find((d) => d.invocationId === invocationId);
		const webhook = delivery && s.webhooks.get(delivery.webhookId);
		if (!webhook) throw new Error(`redeliver: no delivery ${invocationId} or its webhook is gone`);
		await deliver(emu, webhook, delivery.body, delivery);
		return delivery.attempts[delivery.attempts.length - 1];
	};
	const guarded = (handler) => (ctx) => (adminOnly(ctx), handler(ctx));
	return [
		['POST', '/api/v2/webhooks', (ctx) => createWebhook(emu, ctx)],
		[
			'GET',
			'/api/v2/webhooks',
			guarded(() => json(200, { webhooks: [...s.webhooks.values()].map(publicWebhook), meta: { has_more: false }, links: {} })),
		],
		['GET', '/api/v2/webhooks/:id', guarded((ctx) => json(200, { webhook: publicWebhook(found(s.webhooks, ctx.params.id)) }))],
		[
			'GET',
			'/api/v2/webhooks/:id/signing_secret',
			guarded((ctx) => json(200, { signing_secret: { algorithm: 'SHA256', secret: found(s.webhooks, ctx.params.id)._secret } })),
		],
		// ResetWebhookSigningSecret: a new secret at once; deliveries from now on are signed with it.
		[
			'POST',
			'/api/v2/webhooks/:id/signing_secret',
			guarded((ctx) => {
				const webhook = found(s.webhooks, ctx.params.id);
				webhook._secret = randomToken(32);
				return json(201, { signing_secret: { algorithm: 'SHA256', secret: webhook._secret } });
			}),
		],
		[
			'DELETE',
			'/api/v2/webhooks/:id',
			guarded((ctx) => (found(s.webhooks, ctx.params.id), s.webhooks.delete(ctx.params.id), { status: 204 })),
		],
		['POST', '/api/v2/triggers', (ctx) => createTrigger(emu, ctx)],
		[
			'GET',
			'/api/v2/triggers',
			guarded(() => json(200, { triggers: [...s.triggers.values()], next_page: null, previous_page: null, count: s.triggers.size })),
		],
		['GET', '/api/v2/triggers/:id', guarded((ctx) => json(200, { trigger: found(s.triggers, Number(ctx.params.id)) }))],
		[
			'DELETE',
			'/api/v2/triggers/:id',
			guarded((ctx) => (found(s.triggers, Number(ctx.params.id)), s.triggers.delete(Number(ctx.params.id)), { status: 204 })),
		],
	];
}

module.exports = { routes, signature, ApiError };
