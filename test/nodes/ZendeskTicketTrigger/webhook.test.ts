import { createHmac } from 'node:crypto';

import nock from 'nock';

import { webhookTrigger } from '../../harness/trigger';
import { calls, triggerList, webhookCreated, zendeskHas } from '../../harness/triggerApi';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

const URL_HERE = 'http://localhost:5678/webhook/hook-1/webhook';
const SECRET = 'dGhlLXNpZ25pbmctc2VjcmV0';

/** Zendesk answering the calls that create a webhook (id `wh`) and triggers (ids t1, t2, …). */
function zendeskCreates(wh = 'wh1') {
	let trigger = 0;
	zendesk()
		.post('/api/v2/webhooks')
		.reply(201, (_uri, body: any) => ({ webhook: { id: wh, ...body.webhook } }));
	zendesk()
		.get(`/api/v2/webhooks/${wh}/signing_secret`)
		.reply(200, { signing_secret: { algorithm: 'SHA256', secret: SECRET } });
	zendesk()
		.post('/api/v2/triggers')
		.times(5)
		.reply(201, (_uri, body: any) => ({ trigger: { id: `t${++trigger}`, active: true, ...body.trigger } }));
}

const LIST = 'GET /api/v2/triggers';
/** The node's one trigger, active in Zendesk. */
const T1 = { id: 't1', active: true };

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('webhook lifecycle', () => {
	it('creates a webhook to this workflow, reads its secret and creates one trigger per event', async () => {
		zendeskCreates();
		const engine = webhookTrigger({ events: ['created', 'solved'] });
		expect(await engine.hook('create')).toBe(true);
		expect(calls()).toEqual([
			'POST /api/v2/webhooks',
			'GET /api/v2/webhooks/wh1/signing_secret',
			'POST /api/v2/triggers',
			'POST /api/v2/triggers',
		]);
		expect(recorded[0].body).toEqual({
			webhook: expect.objectContaining({
				endpoint: URL_HERE,
				http_method: 'POST',
				request_format: 'json',
				status: 'active',
				subscriptions: ['conditional_ticket_events'],
			}),
		});
		const trigger = (recorded[2].body as any).trigger;
		expect(trigger.conditions.all).toEqual([{ field: 'update_type', operator: 'is', value: 'Create' }]);
		// "Status changed to Solved": Zendesk's operator for "changed to" is `value`.
		expect((recorded[3].body as any).trigger.conditions).toEqual({
			all: [{ field: 'status', operator: 'value', value: 'solved' }],
			any: [],
		});
		expect(trigger.actions[0].field).toBe('notification_webhook');
		expect(trigger.actions[0].value[0]).toBe('wh1');
		expect(JSON.parse(trigger.actions[0].value[1]).event).toBe('created');
		expect(engine.staticData).toMatchObject({ webhookId: 'wh1', triggerIds: ['t1', 't2'], secret: SECRET, url: URL_HERE });
	});

	it('removes the webhook it created when a trigger cannot be created', async () => {
		webhookCreated('wh9', SECRET);
		zendesk().post('/api/v2/triggers').reply(422, { error: 'RecordInvalid', description: 'Record validation errors' });
		triggerList();
		zendesk().delete('/api/v2/webhooks/wh9').reply(204);
		const engine = webhookTrigger({ events: ['created'] });
		await expect(engine.hook('create')).rejects.toThrow(/Creating the Zendesk trigger/);
		expect(calls()).toContain('DELETE /api/v2/webhooks/wh9');
		expect(engine.staticData.webhookId).toBeUndefined();
	});

	it('checks that its webhook and triggers still exist', async () => {
		const engine = webhookTrigger({}, { staticData: { webhookId: 'wh1', triggerIds: ['t1'], secret: SECRET, url: URL_HERE } });
		zendeskHas({ id: 'wh1', endpoint: URL_HERE }, T1);
		zendesk()
			.get('/api/v2/webhooks/wh1/signing_secret')
			.reply(200, { signing_secret: { algorithm: 'SHA256', secret: SECRET } });
		expect(await engine.hook('checkExists')).toBe(true);
		// The secret is read again: an admin may have reset it while n8n was down.
		expect(calls()).toEqual(['GET /api/v2/webhooks/wh1', 'GET /api/v2/triggers/t1', 'GET /api/v2/webhooks/wh1/signing_secret']);
		expect(engine.staticData.secret).toBe(SECRET);
	});

	it('a webhook deactivated in Zendesk counts as gone: its own are removed, to be created again', async () => {
		const engine = webhookTrigger({}, { staticData: { webhookId: 'wh1', triggerIds: ['t1'], secret: SECRET, url: URL_HERE } });
		zendeskHas({ id: 'wh1', endpoint: URL_HERE, status: 'inactive' }, T1);
		triggerList({ id: 't1', active: true });
		zendesk().delete('/api/v2/triggers/t1').reply(204);
		zendesk().delete('/api/v2/webhooks/wh1').reply(204);
		expect(await engine.hook('checkExists')).toBe(false);
		expect(calls()).toEqual([
			'GET /api/v2/webhooks/wh1',
			'GET /api/v2/triggers/t1',
			LIST,
			'DELETE /api/v2/triggers/t1',
			'DELETE /api/v2/webhooks/wh1',
		]);
		expect(engine.staticData.webhookId).toBeUndefined();
	});

	it.each(['delete', 'checkExists'] as const)(
		'a failed activation whose clean-up fails in part keeps what is left; %s removes it',
		async (hook) => {
			webhookCreated('wh9', SECRET);
			zendesk()
				.post('/api/v2/triggers')
				.reply(201, { trigger: { id: 't1', active: true } });
			zendesk().post('/api/v2/triggers').reply(422, { error: 'RecordInvalid', description: 'Record validation errors' });
			triggerList({ id: 't1', active: true });
			zendesk().delete('/api/v2/triggers/t1').reply(403, { error: 'Forbidden', description: 'Not now' });
			zendesk().delete('/api/v2/webhooks/wh9').reply(204);
			const engine = webhookTrigger({ events: ['created', 'solved'] });
			await expect(engine.hook('create')).rejects.toThrow(/Creating the Zendesk trigger/);
			// The webhook is deleted although the trigger before it could not be; the trigger is remembered.
			expect(calls().filter((c) => c.startsWith('DELETE'))).toEqual(['DELETE /api/v2/triggers/t1', 'DELETE /api/v2/webhooks/wh9']);
			expect(engine.staticData).toMatchObject({ triggerIds: ['t1'] });
			expect(engine.staticData.webhookId).toBeUndefined();
			recorded.length = 0;
			triggerList({ id: 't1', active: true });
			zendesk().delete('/api/v2/triggers/t1').reply(204);
			expect(await engine.hook(hook)).toBe(hook === 'delete');
			expect(calls()).toEqual([LIST, 'DELETE /api/v2/triggers/t1']);
			expect(engine.staticData.triggerIds).toBeUndefined();
		},
	);

	it('recreates what vanished: a deleted trigger makes it remove the rest of its own and create all again', async () => {
		const engine = webhookTrigger(
			{ events: ['created', 'updated'] },
			{ staticData: { webhookId: 'wh1', triggerIds: ['t1', 't2'], secret: SECRET, url: URL_HERE } },
		);
		zendeskHas({ id: 'wh1', endpoint: URL_HERE }, T1);
		zendesk().get('/api/v2/triggers/t2').reply(404, { error: 'RecordNotFound' });
		// t2 is gone from the list as well: only t1 is deleted.
		triggerList({ id: 't1', active: true });
		zendesk().delete('/api/v2/triggers/t1').reply(204);
		zendesk().delete('/api/v2/webhooks/wh1').reply(204);
		expect(await engine.hook('checkExists')).toBe(false);
		zendeskCreates('wh2');
		expect(await engine.hook('create')).toBe(true);
		expect(engine.staticData).toMatchObject({ webhookId: 'wh2', triggerIds: ['t1', 't2'] });
	});

	it("deletes exactly what it created, never a sibling workflow's webhook or triggers", async () => {
		const engine = webhookTrigger({}, { staticData: { webhookId: 'mine', triggerIds: ['tm1', 'tm2'], secret: SECRET, url: URL_HERE } });
		triggerList({ id: 'tm1', active: true }, { id: 'sibling', active: true }, { id: 'tm2', active: true });
		zendesk().delete('/api/v2/triggers/tm1').reply(204);
		zendesk().delete('/api/v2/triggers/tm2').reply(204);
		zendesk().delete('/api/v2/webhooks/mine').reply(204);
		expect(await engine.hook('delete')).toBe(true);
		expect(calls()).toEqual([LIST, 'DELETE /api/v2/triggers/tm1', 'DELETE /api/v2/triggers/tm2', 'DELETE /api/v2/webhooks/mine']);
		expect(engine.staticData.webhookId).toBeUndefined();
		// Nothing left to delete: no request at all.
		recorded.length = 0;
		expect(await engine.hook('delete')).toBe(true);
		expect(calls()).toEqual([]);
	});
});

describe('signature table', () => {
	const body = Buffer.from(JSON.stringify({ event: 'created', ticket: { id: '42', status: 'New', group_id: '300', tags: 'vip billing' } }));
	const sign = (secret: string, timestamp: string, raw: Buffer) =>
		createHmac('sha256', secret)
			.update(timestamp + raw.toString('utf8'))
			.digest('base64');
	const fresh = () => new Date().toISOString();
	let calls = 0;
	const headersFor = (timestamp: string, signature: string, invocation = `inv-${++calls}`) => ({
		'content-type': 'application/json',
		'x-zendesk-webhook-signature': signature,
		'x-zendesk-webhook-signature-timestamp': timestamp,
		'x-zendesk-webhook-invocation-id': invocation,
	});
	const armed = (parameters = {}, webhookId = 'wh1') =>
		webhookTrigger(
			{ events: ['created'], ...parameters },
			{ staticData: { webhookId, triggerIds: ['t1'], secret: SECRET, url: URL_HERE } },
		);

	/** Zendesk answering the read of the whole ticket 42. */
	const ticket42 = (times = 1) =>
		zendesk()
			.get('/api/v2/tickets/42')
			.times(times)
			.reply(200, { ticket: ticket(42, { status: 'new' }) });

	it('valid: starts the workflow with the event and the whole ticket', async () => {
		ticket42();
		const ts = fresh();
		const { result } = await armed().webhook({ headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: body });
		expect(result.workflowData?.[0].map((i) => i.json)).toEqual([
			{ event: 'created', events: ['created'], invocationId: expect.stringMatching(/^inv-/), ticket: ticket(42, { status: 'new' }) },
		]);
	});

	it('valid, but the ticket cannot be read: the values Zendesk sent, with a note', async () => {
		zendesk().get('/api/v2/tickets/42').reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const ts = fresh();
		const { result } = await armed().webhook({ headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: body });
		const [item] = result.workflowData?.[0] ?? [];
		expect(item.json.ticket).toEqual({ id: 42, status: 'new', group_id: 300, tags: ['vip', 'billing'] });
		expect(item.json.note).toMatch(/full ticket could not be read/);
	});

	it("valid, but the ticket read is slow: the values Zendesk sent, within Zendesk's answer time, with a note", async () => {
		// Slower than the read may take (5 s; Zendesk waits 12 s for the answer), e.g. a rate limit waited out.
		zendesk()
			.get('/api/v2/tickets/42')
			.delay(60_000)
			.reply(200, { ticket: ticket(42, { status: 'new' }) });
		const ts = fresh();
		const { result } = await armed().webhook({ headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: body });
		const [item] = result.workflowData?.[0] ?? [];
		expect(item.json.ticket).toEqual({ id: 42, status: 'new', group_id: 300, tags: ['vip', 'billing'] });
		expect(item.json.note).toBe(
			'Only the values Zendesk sent with the call: the full ticket was not read within 5 s, and Zendesk waits only 12 s for an answer',
		);
	});

	it('a replay of a captured call with its invocation ID changed or left out runs nothing: the signature was seen', async () => {
		ticket42();
		const engine = armed();
		const ts = fresh();
		const headers = headersFor(ts, sign(SECRET, ts, body));
		const first = await engine.webhook({ headers, rawBody: body });
		const { 'x-zendesk-webhook-invocation-id': _id, ...withoutId } = headers;
		const changed = await engine.webhook({ headers: { ...headers, 'x-zendesk-webhook-invocation-id': 'inv-forged' }, rawBody: body });
		const missing = await engine.webhook({ headers: withoutId, rawBody: body });
		expect(first.result.workflowData).toHaveLength(1);
		for (const replay of [changed, missing]) {
			expect(replay.result.workflowData).toBeUndefined();
			expect(replay.response.statusCode).toBe(200);
		}
	});

	const refused: Array<[string, () => { headers: Record<string, string>; rawBody: Buffer }]> = [
		['wrong secret', () => ((ts) => ({ headers: headersFor(ts, sign('another-secret', ts, body)), rawBody: body }))(fresh())],
		[
			'body altered by one byte',
			() =>
				((ts) => {
					const altered = Buffer.from(body);
					altered[altered.length - 3] ^= 1;
					return { headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: altered };
				})(fresh()),
		],
		[
			'stale timestamp',
			() => ((ts) => ({ headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: body }))(new Date(Date.now() - 600_000).toISOString()),
		],
		['missing headers', () => ({ headers: { 'content-type': 'application/json' }, rawBody: body })],
		['missing timestamp', () => ((ts) => ({ headers: { 'x-zendesk-webhook-signature': sign(SECRET, ts, body) }, rawBody: body }))(fresh())],
	];

	it.each(refused)('%s: 401 and no execution', async (label, request) => {
		// A signature that does not match makes the node read the secret again (Zendesk still has the same one).
		const webhookId = `wh-${label.replace(/\W+/g, '-')}`;
		const mismatch = ['wrong secret', 'body altered by one byte'].includes(label);
		if (mismatch)
			zendesk()
				.get(`/api/v2/webhooks/${webhookId}/signing_secret`)
				.reply(200, { signing_secret: { algorithm: 'SHA256', secret: SECRET } });
		const { result, response } = await armed({}, webhookId).webhook(request());
		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBe(true);
		expect(response.statusCode).toBe(401);
		expect(recorded.map((r) => new URL(r.url).pathname)).toEqual(mismatch ? [`/api/v2/webhooks/${webhookId}/signing_secret`] : []);
	});

	it('refuses every call while no signing secret is stored (never accepts unsigned calls)', async () => {
		const ts = fresh();
		const engine = webhookTrigger({ events: ['created'] });
		const { result, response } = await engine.webhook({ headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: body });
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(401);
	});

	it('replayed event id (or a retried delivery): runs once, then 200 ignored', async () => {
		ticket42();
		const engine = armed();
		const ts = fresh();
		const request = { headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: body };
		const first = await engine.webhook(request);
		const again = await engine.webhook(request);
		expect(first.result.workflowData).toHaveLength(1);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response.statusCode).toBe(200);
		const id = request.headers['x-zendesk-webhook-invocation-id'];
		expect((engine.staticData.recentIds as string[]).filter((seen) => seen === id)).toHaveLength(1);
	});

	it('a retried delivery is dropped even when n8n did not keep the static data of the first call (queue mode)', async () => {
		ticket42();
		const ts = fresh();
		const request = { headers: headersFor(ts, sign(SECRET, ts, body)), rawBody: body };
		const first = await armed().webhook(request);
		// Another copy of the workflow with the static data as it was before the first call.
		const again = await armed().webhook(request);
		expect(first.result.workflowData).toHaveLength(1);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.response.statusCode).toBe(200);
	});

	it('a valid call for a ticket outside the filters: 200 ignored, no execution', async () => {
		const ts = fresh();
		ticket42();
		const { result, response } = await armed({ filters: { priorities: ['urgent'] } }).webhook({
			headers: headersFor(ts, sign(SECRET, ts, body)),
			rawBody: body,
		});
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(200);
	});
});
