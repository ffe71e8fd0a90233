import type nock from 'nock';

import { recorded, zendesk } from './zendesk';

/** The title the webhook trigger gives its Zendesk triggers in the harness's workflow (then ": created", ": solved"…). */
export const TRIGGER_TITLE = 'n8n: test (wf-test) / Zendesk Ticket Trigger';

/** The requests recorded, as `METHOD path` without the query. */
export const calls = () => recorded.map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** Zendesk's list of triggers (one page); the node deletes only its own among them. */
export const triggerList = (...triggers: object[]): nock.Scope =>
	zendesk()
		.get('/api/v2/triggers')
		.query(true)
		.reply(200, { triggers, meta: { has_more: false } });

/** Zendesk creating webhook `id` and handing over its signing secret, the first two calls of an activation. */
export function webhookCreated(id: string, secret: string): nock.Scope {
	return zendesk()
		.post('/api/v2/webhooks')
		.reply(201, { webhook: { id } })
		.get(`/api/v2/webhooks/${id}/signing_secret`)
		.reply(200, { signing_secret: { secret } });
}

/** A record as Zendesk shows it: its id and whatever else the test gives. */
type Shown = { id: string; [field: string]: unknown };

/** Zendesk showing the node's webhook and each of its triggers, as checkExists reads them first. */
export function zendeskHas(webhook: Shown, ...triggers: Shown[]): void {
	zendesk().get(`/api/v2/webhooks/${webhook.id}`).reply(200, { webhook });
	for (const trigger of triggers) zendesk().get(`/api/v2/triggers/${trigger.id}`).reply(200, { trigger });
}
