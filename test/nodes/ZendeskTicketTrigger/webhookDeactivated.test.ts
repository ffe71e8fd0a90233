import { createHmac } from 'node:crypto';

import nock from 'nock';

import { webhookTrigger } from '../../harness/trigger';
import { TRIGGER_TITLE, calls, triggerList, zendeskHas } from '../../harness/triggerApi';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

/** Defect 7 of issue 22: an admin deactivates one of the node's triggers in Zendesk. */

const URL_HERE = 'http://localhost:5678/webhook/hook-1/webhook';
const SECRET = 'ZGVhY3RpdmF0ZWQtdGVzdC1zZWNyZXQ=';
const OFF = `The Zendesk trigger "${TRIGGER_TITLE}: solved" (ID t2) of this node was deactivated in Zendesk, so its events do not reach this workflow; the node leaves it off. To receive its events, activate it again in Zendesk (Admin Center, Objects and rules, Triggers), or delete it there to let the node create it anew; then activate this workflow again.`;

const t1 = { id: 't1', title: `${TRIGGER_TITLE}: created`, active: true };
const t2 = { id: 't2', title: `${TRIGGER_TITLE}: solved`, active: false };
const armed = () =>
	webhookTrigger(
		{ events: ['created', 'solved'] },
		{ staticData: { webhookId: 'wh-off', triggerIds: ['t1', 't2'], secret: SECRET, secretReadAt: Date.now(), url: URL_HERE } },
	);

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('a trigger an admin deactivated in Zendesk', () => {
	it('activating fails with a sentence saying what to do; the trigger is never deleted or created again as active', async () => {
		const engine = armed();
		zendeskHas({ id: 'wh-off', endpoint: URL_HERE, status: 'active' }, t1, t2);
		await expect(engine.hook('checkExists', { activation: 'activate' })).rejects.toThrow(OFF);
		expect(calls()).toEqual(['GET /api/v2/webhooks/wh-off', 'GET /api/v2/triggers/t1', 'GET /api/v2/triggers/t2']);
		// n8n then removes the failed activation's webhooks: the node's own go, the deactivated trigger stays as the admin left it.
		recorded.length = 0;
		triggerList(t1, { id: 'other', active: true }, t2);
		zendesk().delete('/api/v2/triggers/t1').reply(204);
		zendesk().delete('/api/v2/webhooks/wh-off').reply(204);
		expect(await engine.hook('delete')).toBe(true);
		expect(calls()).toEqual(['GET /api/v2/triggers', 'DELETE /api/v2/triggers/t1', 'DELETE /api/v2/webhooks/wh-off']);
		expect(engine.staticData).toEqual({ triggerIds: ['t2'] });
		// Activating again reports it again, and creates nothing.
		recorded.length = 0;
		triggerList(t2);
		await expect(engine.hook('checkExists', { activation: 'activate' })).rejects.toThrow(OFF);
		expect(calls()).toEqual(['GET /api/v2/triggers']);
		// Once the admin activates it again in Zendesk, it is the node's to replace.
		recorded.length = 0;
		triggerList({ ...t2, active: true });
		zendesk().delete('/api/v2/triggers/t2').reply(204);
		expect(await engine.hook('checkExists', { activation: 'activate' })).toBe(false);
		expect(calls()).toEqual(['GET /api/v2/triggers', 'DELETE /api/v2/triggers/t2']);
		expect(engine.staticData.triggerIds).toBeUndefined();
	});

	it('after a restart the other events keep running, and each output carries a note saying which trigger is off', async () => {
		const engine = armed();
		zendeskHas({ id: 'wh-off', endpoint: URL_HERE, status: 'active' }, t1, t2);
		zendesk()
			.get('/api/v2/webhooks/wh-off/signing_secret')
			.reply(200, { signing_secret: { algorithm: 'SHA256', secret: SECRET } });
		expect(await engine.hook('checkExists', { activation: 'init' })).toBe(true);
		expect(engine.staticData).toMatchObject({ webhookId: 'wh-off', triggerIds: ['t1', 't2'], deactivated: OFF });
		const body = Buffer.from(JSON.stringify({ event: 'created', ticket: { id: '42', status: 'New' } }));
		const timestamp = new Date().toISOString();
		const signature = createHmac('sha256', SECRET)
			.update(timestamp + body.toString('utf8'))
			.digest('base64');
		zendesk()
			.get('/api/v2/tickets/42')
			.reply(200, { ticket: ticket(42, { status: 'new' }) });
		const { result } = await engine.webhook({
			headers: {
				'x-zendesk-webhook-signature': signature,
				'x-zendesk-webhook-signature-timestamp': timestamp,
				'x-zendesk-webhook-invocation-id': 'inv-off-1',
			},
			rawBody: body,
		});
		expect(result.workflowData?.[0].map((i) => i.json)).toEqual([
			{ event: 'created', events: ['created'], invocationId: 'inv-off-1', note: OFF, ticket: ticket(42, { status: 'new' }) },
		]);
		expect(calls().filter((c) => !c.startsWith('GET'))).toEqual([]);
	});
});
