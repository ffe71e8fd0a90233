import nock from 'nock';

import { webhookTrigger } from '../../harness/trigger';
import { TRIGGER_TITLE, calls, triggerList, webhookCreated } from '../../harness/triggerApi';
import { recorded, zendesk } from '../../harness/zendesk';

/** Defect 6 of issue 22: Zendesk created a trigger, but its answer was lost (connection reset after the write). */

const SECRET = 'b3JwaGFuLXRlc3Qtc2VjcmV0';
const calling = (webhookId: string) => [{ field: 'notification_webhook', value: [webhookId, '{}'] }];

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('orphan triggers after a lost answer', () => {
	it('a trigger created whose answer was lost is found by its webhook id and deleted; the create is not repeated', async () => {
		webhookCreated('wh-lost', SECRET);
		zendesk()
			.post('/api/v2/triggers')
			.reply(201, { trigger: { id: 't1', active: true } });
		// Zendesk creates the second trigger (t2 below), then the connection breaks before its answer.
		zendesk()
			.post('/api/v2/triggers')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		triggerList(
			{ id: 't1', title: `${TRIGGER_TITLE}: created`, active: true, actions: calling('wh-lost') },
			{ id: 'other', title: 'Notify the team', active: true, actions: calling('wh-someone-else') },
			{ id: 't2', title: `${TRIGGER_TITLE}: solved`, active: true, actions: calling('wh-lost') },
		);
		zendesk().delete('/api/v2/triggers/t1').reply(204);
		zendesk().delete('/api/v2/triggers/t2').reply(204);
		zendesk().delete('/api/v2/webhooks/wh-lost').reply(204);
		const engine = webhookTrigger({ events: ['created', 'solved'] });
		await expect(engine.hook('create')).rejects.toThrow(/Creating the Zendesk trigger/);
		expect(calls()).toEqual([
			'POST /api/v2/webhooks',
			'GET /api/v2/webhooks/wh-lost/signing_secret',
			'POST /api/v2/triggers',
			'POST /api/v2/triggers',
			'GET /api/v2/triggers',
			'DELETE /api/v2/triggers/t1',
			'DELETE /api/v2/triggers/t2',
			'DELETE /api/v2/webhooks/wh-lost',
		]);
		expect(engine.staticData).toEqual({});
	});

	it("the next activation deletes the node's titled triggers that call a deleted webhook, never one calling a live webhook", async () => {
		// What an earlier activation left: its clean-up could not run, and n8n kept nothing of it.
		triggerList(
			{ id: 'o1', title: `${TRIGGER_TITLE}: solved`, active: true, actions: calling('wh-deleted') },
			{ id: 'twin', title: `${TRIGGER_TITLE}: solved`, active: true, actions: calling('wh-live') },
			{ id: 'other', title: 'Notify the team', active: true, actions: calling('wh-deleted') },
		);
		zendesk()
			.get('/api/v2/webhooks')
			.query(true)
			.reply(200, { webhooks: [{ id: 'wh-live' }], meta: { has_more: false } });
		zendesk().delete('/api/v2/triggers/o1').reply(204);
		const engine = webhookTrigger({ events: ['solved'] });
		expect(await engine.hook('checkExists')).toBe(false);
		expect(calls()).toEqual(['GET /api/v2/triggers', 'GET /api/v2/webhooks', 'DELETE /api/v2/triggers/o1']);
	});
});
