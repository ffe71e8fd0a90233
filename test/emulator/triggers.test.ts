import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { emulatorOverHttp } from '../harness/emulator';
import { commentOf } from '../../nodes/ZendeskTicketTrigger/helpers/payload';
import { conditionsFor, payloadTemplate } from '../../nodes/ZendeskTicketTrigger/helpers/triggerRules';

/** The emulator's incremental ticket export, webhooks, triggers and signed deliveries. */
const emu = emulatorOverHttp({ seed: { tickets: 30 }, webhookRetryDelayMs: 10 });
beforeEach(() => emu.configure({ endpointLimits: null, exportLagMs: 60_000 }));

const call = async (method: string, path: string, body?: unknown, auth = emu.credentials.basicAuth) => {
	const res = await fetch(`${emu.httpUrl}${path}`, {
		method,
		headers: { Authorization: auth, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	const type = res.headers.get('content-type') ?? '';
	return { status: res.status, body: text && type.includes('json') ? JSON.parse(text) : text || undefined, headers: res.headers };
};
const agent = () => emu.basicAuth('alice@acme.test', 'emulator-agent-token');
const EXPORT = '/api/v2/incremental/tickets/cursor.json';

describe('incremental ticket export', () => {
	it('pages from start_time by cursor to end_of_stream, each ticket once, oldest change first', async () => {
		const first = await call('GET', `${EXPORT}?start_time=0&per_page=20`);
		expect(first.status).toBe(200);
		expect(first.body.tickets).toHaveLength(20);
		expect(first.body.end_of_stream).toBe(false);
		const second = await call('GET', `${EXPORT}?cursor=${first.body.after_cursor}`);
		expect(second.body.end_of_stream).toBe(true);
		const ids = [...first.body.tickets, ...second.body.tickets].map((t: { id: number }) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBeGreaterThanOrEqual(30);
		// Nothing new: the last cursor gives an empty page and can be kept.
		const none = await call('GET', `${EXPORT}?cursor=${second.body.after_cursor}`);
		expect(none.body).toMatchObject({ tickets: [], end_of_stream: true });
	});

	it('leaves out the most recent minute', async () => {
		const { body: created } = await call('POST', '/api/v2/tickets', { ticket: { subject: 'just now', comment: { body: 'hi' } } });
		const all = async () => (await call('GET', `${EXPORT}?start_time=0`)).body.tickets.map((t: { id: number }) => t.id);
		expect(await all()).not.toContain(created.ticket.id);
		emu.configure({ exportLagMs: 0 });
		expect(await all()).toContain(created.ticket.id);
	});

	it('refuses a start_time within the last minute, agents (admins only), and expired cursors', async () => {
		expect((await call('GET', `${EXPORT}?start_time=${Math.floor(Date.now() / 1000)}`)).status).toBe(400);
		expect((await call('GET', `${EXPORT}?start_time=0`, undefined, agent())).status).toBe(403);
		const { body } = await call('GET', `${EXPORT}?start_time=0&per_page=5`);
		emu.expireExportCursors();
		const expired = await call('GET', `${EXPORT}?cursor=${body.after_cursor}`);
		expect(expired.status).toBe(400);
		expect(expired.body.error).toBe('InvalidCursor');
	});

	it('a system update moves generated_timestamp, not updated_at; the time-based export goes by it, from start_time inclusive', async () => {
		emu.configure({ exportLagMs: 0 });
		const { body: created } = await call('POST', '/api/v2/tickets', { ticket: { subject: 'system', comment: { body: 'hi' } } });
		const id = created.ticket.id as number;
		const updatedAt = created.ticket.updated_at as string;
		await new Promise((resolve) => setTimeout(resolve, 1100));
		emu.systemUpdate(id);
		const { body: shown } = await call('GET', `/api/v2/tickets/${id}`);
		expect(shown.ticket.updated_at).toBe(updatedAt);
		const generated = shown.ticket.generated_timestamp as number;
		expect(generated).toBeGreaterThan(Math.floor(Date.parse(updatedAt) / 1000));
		const byTime = await call('GET', `/api/v2/incremental/tickets.json?start_time=${generated}`);
		expect(byTime.status).toBe(200);
		expect(byTime.body.tickets.map((t: { id: number }) => t.id)).toEqual([id]);
		expect(byTime.body).toMatchObject({ end_time: generated, end_of_stream: true, count: 1 });
		expect(byTime.body.tickets[0]).toMatchObject({ updated_at: updatedAt, generated_timestamp: generated });
		expect((await call('GET', `/api/v2/incremental/tickets.json?start_time=0`, undefined, agent())).status).toBe(403);
	});

	it('ticket events: each comment as an audit with the comment itself (include=comment_events), from start_time, oldest first', async () => {
		emu.configure({ exportLagMs: 0 });
		const { body: created } = await call('POST', '/api/v2/tickets', { ticket: { subject: 'events', comment: { body: 'first' } } });
		await call('PUT', `/api/v2/tickets/${created.ticket.id}`, { ticket: { comment: { body: 'internal', public: false } } });
		const since = Math.floor(Date.parse(created.ticket.created_at) / 1000);
		const { body } = await call(
			'GET',
			`/api/v2/incremental/ticket_events.json?start_time=${Math.min(since, Math.floor(Date.now() / 1000) - 60)}&include=comment_events`,
		);
		const mine = body.ticket_events.filter((e: { ticket_id: number }) => e.ticket_id === created.ticket.id);
		expect(mine.map((e: any) => [e.child_events[0].event_type, e.child_events[0].body, e.child_events[0].public])).toEqual([
			['Comment', 'first', true],
			['Comment', 'internal', false],
		]);
		expect(body).toMatchObject({ end_of_stream: true, end_time: expect.any(Number) });
		expect((await call('GET', `/api/v2/incremental/ticket_events.json?start_time=0`, undefined, agent())).status).toBe(403);
	});

	it('allows 10 requests a minute with endpoint limits on, then 429', async () => {
		emu.configure({ endpointLimits: {} });
		const statuses = [];
		for (let i = 0; i < 11; i++) statuses.push((await call('GET', `${EXPORT}?start_time=0&per_page=1`)).status);
		expect(statuses).toEqual([...Array(10).fill(200), 429]);
	});
});

describe('webhooks, triggers and signed deliveries', () => {
	const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
	let answers: number[] = [];
	const receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ headers: req.headers, body });
			res.statusCode = answers.shift() ?? 200;
			res.end();
		});
	});
	let endpoint = '';
	beforeAll(async () => {
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	});
	afterAll(async () => new Promise((resolve) => receiver.close(resolve)));
	beforeEach(() => {
		received.length = 0;
		answers = [];
	});

	const webhookBody = () => ({
		webhook: {
			name: 'n8n',
			endpoint,
			http_method: 'POST',
			request_format: 'json',
			status: 'active',
			subscriptions: ['conditional_ticket_events'],
		},
	});

	it('creates a webhook with a signing secret, and a trigger that delivers signed calls (retried with the same invocation id)', async () => {
		const { body: created } = await call('POST', '/api/v2/webhooks', webhookBody());
		const { body: secretBody } = await call('GET', `/api/v2/webhooks/${created.webhook.id}/signing_secret`);
		const secret = secretBody.signing_secret.secret;
		const template = JSON.stringify({ event: 'updated', ticket: { id: '{{ticket.id}}', status: '{{ticket.status}}' } });
		const { body: trigger } = await call('POST', '/api/v2/triggers', {
			trigger: {
				title: 't',
				conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Change' }], any: [{ field: 'priority', operator: 'changed' }] },
				actions: [{ field: 'notification_webhook', value: [created.webhook.id, template] }],
			},
		});
		expect(trigger.trigger.id).toEqual(expect.any(Number));
		answers = [503];
		await call('PUT', '/api/v2/tickets/3', { ticket: { subject: 'not watched' } });
		const before = (await call('GET', '/api/v2/tickets/3')).body.ticket.priority;
		await call('PUT', '/api/v2/tickets/3', { ticket: { priority: before === 'urgent' ? 'low' : 'urgent' } });
		await emu.settleDeliveries();
		expect(received).toHaveLength(2);
		expect(received[0].headers['x-zendesk-webhook-invocation-id']).toBe(received[1].headers['x-zendesk-webhook-invocation-id']);
		const { headers, body } = received[1];
		expect(JSON.parse(body)).toEqual({ event: 'updated', ticket: { id: '3', status: expect.any(String) } });
		const ts = String(headers['x-zendesk-webhook-signature-timestamp']);
		expect(headers['x-zendesk-webhook-signature']).toBe(
			createHmac('sha256', secret)
				.update(ts + body)
				.digest('base64'),
		);
		expect(Math.abs(Date.parse(ts) - Date.now())).toBeLessThan(60_000);
		// A redelivery: same body and invocation id, a fresh signature.
		const [delivery] = emu.webhookDeliveries().filter((d) => d.webhookId === created.webhook.id);
		expect((await emu.redeliver(delivery.invocationId)).status).toBe(200);
		expect(received[2]).toMatchObject({ body, headers: { 'x-zendesk-webhook-invocation-id': delivery.invocationId } });

		expect((await call('DELETE', `/api/v2/triggers/${trigger.trigger.id}`)).status).toBe(204);
		expect((await call('DELETE', `/api/v2/webhooks/${created.webhook.id}`)).status).toBe(204);
		expect((await call('GET', `/api/v2/webhooks/${created.webhook.id}`)).status).toBe(404);
	});

	it('fires Create triggers for new tickets and "status changed to (value) solved" once', async () => {
		const { body: created } = await call('POST', '/api/v2/webhooks', webhookBody());
		const action = (event: string) => [
			{ field: 'notification_webhook', value: [created.webhook.id, JSON.stringify({ event, id: '{{ticket.id}}' })] },
		];
		await call('POST', '/api/v2/triggers', {
			trigger: { title: 'c', conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] }, actions: action('created') },
		});
		await call('POST', '/api/v2/triggers', {
			trigger: {
				title: 's',
				conditions: { all: [{ field: 'status', operator: 'value', value: 'solved' }] },
				actions: action('solved'),
			},
		});
		const { body: ticket } = await call('POST', '/api/v2/tickets', {
			ticket: { subject: 'new', comment: { body: 'x' }, assignee_id: 1002 },
		});
		await call('PUT', `/api/v2/tickets/${ticket.ticket.id}`, { ticket: { status: 'solved' } });
		await call('PUT', `/api/v2/tickets/${ticket.ticket.id}`, { ticket: { subject: 'still solved' } });
		await emu.settleDeliveries();
		expect(received.map((r) => JSON.parse(r.body))).toEqual([
			{ event: 'created', id: String(ticket.ticket.id) },
			{ event: 'solved', id: String(ticket.ticket.id) },
		]);
	});

	it('resets a signing secret (POST …/signing_secret): later deliveries are signed with the new one only', async () => {
		const { body: created } = await call('POST', '/api/v2/webhooks', webhookBody());
		const path = `/api/v2/webhooks/${created.webhook.id}/signing_secret`;
		const old = (await call('GET', path)).body.signing_secret.secret;
		const reset = await call('POST', path);
		expect(reset.status).toBe(201);
		expect(reset.body).toEqual({ signing_secret: { algorithm: 'SHA256', secret: expect.any(String) } });
		const secret = reset.body.signing_secret.secret;
		expect(secret).not.toBe(old);
		expect((await call('GET', path)).body.signing_secret.secret).toBe(secret);
		await call('POST', '/api/v2/triggers', {
			trigger: {
				title: 'c',
				conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] },
				actions: [{ field: 'notification_webhook', value: [created.webhook.id, '{"id":"{{ticket.id}}"}'] }],
			},
		});
		await call('POST', '/api/v2/tickets', { ticket: { subject: 'after reset', comment: { body: 'x' } } });
		await emu.settleDeliveries();
		const [{ headers, body }] = received.filter((r) => r.headers['x-zendesk-webhook-id'] === created.webhook.id);
		const ts = String(headers['x-zendesk-webhook-signature-timestamp']);
		const signed = (key: string) =>
			createHmac('sha256', key)
				.update(ts + body)
				.digest('base64');
		expect(headers['x-zendesk-webhook-signature']).toBe(signed(secret));
		expect(headers['x-zendesk-webhook-signature']).not.toBe(signed(old));
		expect((await call('POST', '/api/v2/webhooks/nope/signing_secret')).status).toBe(404);
		expect((await call('POST', path, undefined, agent())).status).toBe(403);
	});

	it('refuses a condition operator Zendesk does not have, as Zendesk does', async () => {
		const { body: created } = await call('POST', '/api/v2/webhooks', webhookBody());
		const refused = await call('POST', '/api/v2/triggers', {
			trigger: {
				title: 's',
				conditions: { all: [{ field: 'status', operator: 'changed_to', value: 'solved' }] },
				actions: [{ field: 'notification_webhook', value: [created.webhook.id, '{}'] }],
			},
		});
		expect(refused.status).toBe(422);
		expect(refused.body).toEqual({
			error: 'RecordInvalid',
			description: 'Record validation errors',
			details: { base: [{ description: 'Invalid operator: status changed_to' }] },
		});
	});

	it("renders the Comment Added payload's Liquid: the newest comment, its text escaped as JSON, notes marked not public", async () => {
		const { body: created } = await call('POST', '/api/v2/webhooks', webhookBody());
		await call('POST', '/api/v2/triggers', {
			trigger: {
				title: 'comments',
				conditions: conditionsFor('commentAdded', [], false),
				actions: [{ field: 'notification_webhook', value: [created.webhook.id, payloadTemplate('commentAdded')] }],
			},
		});
		const text = 'He wrote "help"\nC:\\path — ✓';
		await call('PUT', '/api/v2/tickets/4', { ticket: { comment: { body: text, public: true } } });
		await call('PUT', '/api/v2/tickets/4', { ticket: { comment: { body: 'internal', public: false } } });
		await emu.settleDeliveries();
		const comments = received.map((r) => JSON.parse(r.body)).filter((b) => b.event === 'commentAdded');
		const latest = (emu.state.tickets.get(4) as any)._comments.slice(-2);
		expect(comments.map((b) => [b.ticket.id, commentOf(b)])).toEqual([
			[
				'4',
				expect.objectContaining({ id: latest[0].id, body: text, public: true, author_name: expect.stringMatching(/\S/), attachments: [] }),
			],
			['4', expect.objectContaining({ id: latest[1].id, body: 'internal', public: false })],
		]);
	});

	it('is for admins, and delivers only to loopback', async () => {
		expect((await call('POST', '/api/v2/webhooks', webhookBody(), agent())).status).toBe(403);
		const outside = { webhook: { ...webhookBody().webhook, endpoint: 'https://example.com/hook' } };
		expect((await call('POST', '/api/v2/webhooks', outside)).status).toBe(400);
	});
});
