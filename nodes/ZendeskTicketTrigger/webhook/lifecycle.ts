import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ZendeskFunctions } from '../../ZendeskTicket/transport/connection';
import { triggerBody } from '../helpers/triggerRules';
import { settingsOf } from '../settings';
import { createTrigger, createWebhook, deleteOwn, findTrigger, findWebhook, signingSecret } from '../zendesk/webhooks';

/*
 * What this workflow's trigger node created in Zendesk, by id, in the node's
 * static data: only these are ever checked, recreated or deleted.
 */

export interface OwnHooks {
	webhookId?: string;
	triggerIds?: string[];
	secret?: string;
	url?: string;
	/** Invocation ids of the calls already run, newest last. */
	recentIds?: string[];
}

/** The hook context has the execute context's helpers and credentials, which is all the transport core uses. */
const api = (ctx: IHookFunctions) => Object.create(ctx) as ZendeskFunctions;

export const ownHooks = (ctx: { getWorkflowStaticData(type: string): IDataObject }) => ctx.getWorkflowStaticData('node') as OwnHooks;

async function removeOwn(zendesk: ZendeskFunctions, own: OwnHooks): Promise<void> {
	// Triggers first: they point at the webhook.
	for (const id of own.triggerIds ?? []) await deleteOwn(zendesk, `/triggers/${encodeURIComponent(id)}`);
	if (own.webhookId) await deleteOwn(zendesk, `/webhooks/${encodeURIComponent(own.webhookId)}`);
	delete own.webhookId;
	delete own.triggerIds;
	delete own.secret;
	delete own.url;
}

/** Whether the webhook and every trigger this node created still exist and point here; if not, what is left of them goes. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const own = ownHooks(this);
	if (!own.webhookId) return false;
	const zendesk = api(this);
	const webhook = await findWebhook(zendesk, own.webhookId);
	const triggers = await Promise.all((own.triggerIds ?? []).map(async (id) => await findTrigger(zendesk, id)));
	const url = this.getNodeWebhookUrl('default');
	if (webhook && webhook.endpoint === url && own.secret && triggers.every((t) => t && t.active !== false)) return true;
	await removeOwn(zendesk, own);
	return false;
}

/** Creates the webhook, reads its signing secret and creates one trigger per chosen event; on a failure, removes what it created. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const settings = settingsOf(this);
	const publicOnly = (this.getNodeParameter('commentVisibility', 'public') as string) === 'public';
	const url = this.getNodeWebhookUrl('default') as string;
	const workflow = this.getWorkflow();
	const label = `n8n: ${workflow.name ?? 'workflow'} (${workflow.id ?? '?'}) / ${this.getNode().name}`;
	const zendesk = api(this);
	const own = ownHooks(this);
	const created: OwnHooks = { triggerIds: [] };
	try {
		created.webhookId = await createWebhook(zendesk, label, url);
		created.secret = await signingSecret(zendesk, created.webhookId);
		for (const event of settings.events) {
			const body = triggerBody(event, created.webhookId, `${label}: ${event}`, settings.onlyWhenChanged, publicOnly);
			created.triggerIds?.push(await createTrigger(zendesk, body as unknown as IDataObject));
		}
	} catch (error) {
		await removeOwn(zendesk, created).catch(() => undefined);
		throw error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error);
	}
	Object.assign(own, { ...created, url, recentIds: [] });
	return true;
}

/** Deletes exactly what this node created; one already gone is fine. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	await removeOwn(api(this), ownHooks(this));
	return true;
}
