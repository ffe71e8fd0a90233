import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ZendeskFunctions } from '../../../common/client/connection';
import { triggerBody } from '../helpers/triggerRules';
import { settingsOf } from '../../../common/triggers/settings';
import { createTrigger, createWebhook, deleteOwn, findTrigger, findWebhook, signingSecret } from '../../../common/api/webhooks';

/*
 * What this workflow's trigger node created in Zendesk, by id, in the node's
 * static data: only these are ever checked, recreated or deleted.
 */

export interface OwnHooks {
	webhookId?: string;
	triggerIds?: string[];
	secret?: string;
	/** When the secret was last read from Zendesk (ms since 1970), read or attempted. */
	secretReadAt?: number;
	url?: string;
	/** Keys (invocation IDs and signatures) of the calls already run, newest last. */
	recentIds?: string[];
}

/** The hook context has the execute context's helpers and credentials, which is all the transport core uses. */
const api = (ctx: IHookFunctions) => Object.create(ctx) as ZendeskFunctions;

export const ownHooks = (ctx: { getWorkflowStaticData(type: string): IDataObject }) => ctx.getWorkflowStaticData('node') as OwnHooks;

/**
 * Deletes what `own` lists, each one even when another fails. What could not
 * be deleted stays listed (so that the next check or deactivation tries
 * again), and the first failure is thrown.
 */
async function removeOwn(zendesk: ZendeskFunctions, own: OwnHooks): Promise<void> {
	let failure: unknown;
	const deleted = async (path: string) =>
		await deleteOwn(zendesk, path).then(
			() => true,
			(error: unknown) => ((failure ??= error), false),
		);
	// Triggers first: they point at the webhook.
	const triggersLeft: string[] = [];
	for (const id of own.triggerIds ?? []) if (!(await deleted(`/triggers/${encodeURIComponent(id)}`))) triggersLeft.push(id);
	const webhookLeft = own.webhookId && !(await deleted(`/webhooks/${encodeURIComponent(own.webhookId)}`)) ? own.webhookId : undefined;
	delete own.secret;
	delete own.secretReadAt;
	delete own.url;
	if (triggersLeft.length) own.triggerIds = triggersLeft;
	else delete own.triggerIds;
	if (webhookLeft) own.webhookId = webhookLeft;
	else delete own.webhookId;
	if (failure !== undefined) throw failure;
}

/** Whether the webhook and every trigger this node created still exist and point here; if not, what is left of them goes. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const own = ownHooks(this);
	const zendesk = api(this);
	if (own.webhookId) {
		const webhook = await findWebhook(zendesk, own.webhookId);
		const triggers = await Promise.all((own.triggerIds ?? []).map(async (id) => await findTrigger(zendesk, id)));
		const url = this.getNodeWebhookUrl('default');
		// A webhook deactivated in Zendesk delivers nothing: it counts as gone.
		const working = webhook && webhook.endpoint === url && webhook.status !== 'inactive';
		if (working && own.secret && triggers.every((t) => t && t.active !== false)) {
			// An admin may have reset the secret while n8n was down: the stored one must not outlive it.
			own.secret = await signingSecret(zendesk, own.webhookId);
			own.secretReadAt = Date.now();
			return true;
		}
	}
	// Also triggers left without their webhook by a failed activation; with nothing listed, nothing is sent.
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
		// What could not be removed is kept in the node's data, so that the next activation or deactivation removes it.
		await removeOwn(zendesk, created).catch(() => Object.assign(own, { webhookId: created.webhookId, triggerIds: created.triggerIds }));
		throw error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error);
	}
	Object.assign(own, { ...created, secretReadAt: Date.now(), url, recentIds: [] });
	return true;
}

/** Deletes exactly what this node created; one already gone is fine. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	await removeOwn(api(this), ownHooks(this));
	return true;
}
