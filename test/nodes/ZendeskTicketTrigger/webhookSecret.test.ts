import { createHmac } from 'node:crypto';

import nock from 'nock';

import { webhookTrigger } from '../../harness/trigger';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

/** Defect 1 of issue 22: an admin resets the webhook's signing secret in Zendesk (e.g. after a leak). */

const URL_HERE = 'http://localhost:5678/webhook/hook-1/webhook';
const OLD = 'b2xkLWxlYWtlZC1zZWNyZXQ=';
const NEW = 'bmV3LXNlY3JldC1hZnRlci1yZXNldA==';
const body = Buffer.from(JSON.stringify({ event: 'created', ticket: { id: '42', status: 'New' } }));

const calls = () => recorded.map((r) => `${r.method} ${new URL(r.url).pathname}`);
const realNow = Date.now.bind(Date);
let offsetMs = 0;
/** Fake time: the node's clock runs `offsetMs` ahead of the real one, no waiting. */
const later = (ms: number) => (offsetMs += ms);

let invocation = 0;
function signedWith(secret: string) {
	const timestamp = new Date(Date.now()).toISOString();
	const signature = createHmac('sha256', secret)
		.update(timestamp + body.toString('utf8'))
		.digest('base64');
	const headers = {
		'content-type': 'application/json',
		'x-zendesk-webhook-signature': signature,
		'x-zendesk-webhook-signature-timestamp': timestamp,
		'x-zendesk-webhook-invocation-id': `inv-secret-${++invocation}`,
	};
	return { headers, rawBody: body };
}

const secretIs = (webhookId: string, secret: string, times = 1) =>
	zendesk()
		.get(`/api/v2/webhooks/${webhookId}/signing_secret`)
		.times(times)
		.reply(200, { signing_secret: { algorithm: 'SHA256', secret } });
const ticket42 = () =>
	zendesk()
		.get('/api/v2/tickets/42')
		.reply(200, { ticket: ticket(42, { status: 'new' }) });
/** Activated with OLD `minutesAgo` minutes ago (each test its own webhook: the process remembers reads per webhook). */
const armed = (webhookId: string, minutesAgo = 2) =>
	webhookTrigger(
		{ events: ['created'] },
		{ staticData: { webhookId, triggerIds: ['t1'], secret: OLD, secretReadAt: Date.now() - minutesAgo * 60_000, url: URL_HERE } },
	);

beforeEach(() => {
	recorded.length = 0;
	offsetMs = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
});
afterEach(() => {
	jest.restoreAllMocks();
	nock.cleanAll();
});

describe('signing secret reset in Zendesk', () => {
	it('a call signed with the new secret reads the secret again and runs, without a restart; the old secret is refused from then on', async () => {
		const engine = armed('wh-reset');
		secretIs('wh-reset', NEW);
		ticket42();
		const genuine = await engine.webhook(signedWith(NEW));
		expect(genuine.result.workflowData?.[0].map((i) => i.json)).toEqual([
			{ event: 'created', events: ['created'], invocationId: 'inv-secret-1', ticket: ticket(42, { status: 'new' }) },
		]);
		expect(engine.staticData.secret).toBe(NEW);
		const leaked = await engine.webhook(signedWith(OLD));
		expect(leaked.result.workflowData).toBeUndefined();
		expect(leaked.response.statusCode).toBe(401);
		expect(leaked.response.body).toBe('Refused: forged');
		expect(calls()).toEqual(['GET /api/v2/webhooks/wh-reset/signing_secret', 'GET /api/v2/tickets/42']);
		// No secret in what the node answers.
		expect(JSON.stringify([genuine, leaked])).not.toMatch(new RegExp(`${NEW}|${OLD}`.replace(/[+=/]/g, '\\$&')));
	});

	it('forged calls read the secret at most once a minute per webhook, across calls, copies and restarts', async () => {
		const engine = armed('wh-limit');
		const before = structuredClone(engine.staticData);
		secretIs('wh-limit', OLD, 2);
		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) statuses.push((await engine.webhook(signedWith('forger'))).response.statusCode);
		// A copy with the static data as it was before (queue mode, where webhook() writes are not kept).
		statuses.push(
			(await webhookTrigger({ events: ['created'] }, { staticData: before }).webhook(signedWith('forger'))).response.statusCode,
		);
		// A restart: the stored time of the read holds.
		statuses.push(
			(await webhookTrigger({ events: ['created'] }, { staticData: engine.staticData }).webhook(signedWith('forger'))).response.statusCode,
		);
		expect(calls()).toEqual(['GET /api/v2/webhooks/wh-limit/signing_secret']);
		later(59_000);
		statuses.push((await engine.webhook(signedWith('forger'))).response.statusCode);
		expect(calls()).toHaveLength(1);
		later(1_000);
		statuses.push((await engine.webhook(signedWith('forger'))).response.statusCode);
		expect(calls()).toEqual(['GET /api/v2/webhooks/wh-limit/signing_secret', 'GET /api/v2/webhooks/wh-limit/signing_secret']);
		expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401]);
		expect(engine.staticData.secret).toBe(OLD);
	});

	it('a failed read refuses the call, counts as a read, and says nothing of the secret', async () => {
		const engine = armed('wh-down');
		zendesk().get('/api/v2/webhooks/wh-down/signing_secret').reply(403, { error: 'Forbidden', description: 'No access' });
		const first = await engine.webhook(signedWith(NEW));
		const second = await engine.webhook(signedWith(NEW));
		expect([first.response.statusCode, second.response.statusCode]).toEqual([401, 401]);
		expect(first.response.body).toBe('Refused: forged');
		expect(calls()).toEqual(['GET /api/v2/webhooks/wh-down/signing_secret']);
		expect(engine.staticData.secret).toBe(OLD);
	});

	it('after a restart, the check reads the secret again: a reset while n8n was down is taken, the old secret refused', async () => {
		const engine = armed('wh-restart', 60);
		zendesk()
			.get('/api/v2/webhooks/wh-restart')
			.reply(200, { webhook: { id: 'wh-restart', endpoint: URL_HERE, status: 'active' } });
		zendesk()
			.get('/api/v2/triggers/t1')
			.reply(200, { trigger: { id: 't1', active: true } });
		secretIs('wh-restart', NEW);
		expect(await engine.hook('checkExists')).toBe(true);
		expect(engine.staticData.secret).toBe(NEW);
		const leaked = await engine.webhook(signedWith(OLD));
		expect(leaked.response.statusCode).toBe(401);
		ticket42();
		expect((await engine.webhook(signedWith(NEW))).result.workflowData).toHaveLength(1);
		expect(calls()).toEqual([
			'GET /api/v2/webhooks/wh-restart',
			'GET /api/v2/triggers/t1',
			'GET /api/v2/webhooks/wh-restart/signing_secret',
			'GET /api/v2/tickets/42',
		]);
	});
});
