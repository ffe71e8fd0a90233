import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { triggerClient } from '../../../common/triggers/client';
import { currentPayload, triggerBody } from '../helpers/triggerRules';
import { settingsOf } from '../../../common/triggers/settings';
import { createTrigger, createWebhook, findTrigger, findWebhook, signingSecret } from '../../../common/api/webhooks';
import { deactivatedMessage, removeOwn } from './ownTriggers';
import type { OwnHooks } from './ownHooks';
import { ownHooks } from './ownHooks';

/** What every title of this node's triggers holds (workflow ID and node name), to find those whose create answer was lost. */
const titleMarkOf = (ctx: IHookFunctions) => `(${ctx.getWorkflow().id ?? '?'}) / ${ctx.getNode().name}: `;

/** Restarts and leader changes; the other activations are someone activating or saving the workflow. */
const RESTARTS = ['init', 'leadershipChange'];

/**
 * Whether the webhook and every trigger this node created still exist and
 * point here; if not, what is left of them goes and all are created again.
 * A trigger an admin deactivated in Zendesk is never deleted or recreated:
 * activating the workflow then fails with a sentence saying what to do; after
 * a restart the other events keep running, each output with a `note`.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const own = ownHooks(this);
	const zendesk = triggerClient(this);
	if (own.webhookId) {
		const webhook = await findWebhook(zendesk, own.webhookId);
		const triggers = await Promise.all((own.triggerIds ?? []).map(async (id) => await findTrigger(zendesk, id)));
		const url = this.getNodeWebhookUrl('default');
		// A webhook deactivated in Zendesk delivers nothing: it counts as gone.
		const working = webhook && webhook.endpoint === url && webhook.status !== 'inactive';
		// A trigger whose payload an older version wrote is replaced, so that its calls carry what this version reads.
		const current = triggers.every((t) => t && (t.active === false || currentPayload(t)));
		if (working && own.secret && current) {
			const off = triggers.filter((t): t is IDataObject => t?.active === false);
			if (off.length && !RESTARTS.includes(this.getActivationMode())) throw new NodeOperationError(this.getNode(), deactivatedMessage(off));
			if (off.length) own.deactivated = deactivatedMessage(off);
			else delete own.deactivated;
			// An admin may have reset the secret while n8n was down: the stored one must not outlive it.
			own.secret = await signingSecret(zendesk, own.webhookId);
			own.secretReadAt = Date.now();
			return true;
		}
	}
	// Also triggers left without their webhook by a failed activation; with nothing listed, nothing is sent.
	const leftAlone = await removeOwn(zendesk, own, titleMarkOf(this));
	if (leftAlone.length) throw new NodeOperationError(this.getNode(), deactivatedMessage(leftAlone));
	return false;
}

/** Creates the webhook, reads its signing secret and creates one trigger per chosen event; on a failure, removes what it created. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const settings = settingsOf(this);
	const url = this.getNodeWebhookUrl('default') as string;
	const workflow = this.getWorkflow();
	const label = `n8n: ${workflow.name ?? 'workflow'} (${workflow.id ?? '?'}) / ${this.getNode().name}`;
	const zendesk = triggerClient(this);
	const own = ownHooks(this);
	const created: OwnHooks = { triggerIds: [] };
	try {
		created.webhookId = await createWebhook(zendesk, label, url);
		created.secret = await signingSecret(zendesk, created.webhookId);
		for (const event of settings.events) {
			const body = triggerBody(event, created.webhookId, `${label}: ${event}`, settings.onlyWhenChanged, settings.publicCommentsOnly);
			created.triggerIds?.push(await createTrigger(zendesk, body as unknown as IDataObject));
		}
	} catch (error) {
		// What could not be removed is kept in the node's data, so that the next activation or deactivation removes it.
		await removeOwn(zendesk, created, titleMarkOf(this)).catch(() =>
			Object.assign(own, { webhookId: created.webhookId, triggerIds: created.triggerIds }),
		);
		throw error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error);
	}
	Object.assign(own, { ...created, secretReadAt: Date.now(), url, recentIds: [] });
	return true;
}

/** Deletes exactly what this node created, except triggers an admin deactivated in Zendesk; one already gone is fine. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const own = ownHooks(this);
	await removeOwn(triggerClient(this), own, own.webhookId || own.triggerIds?.length ? titleMarkOf(this) : undefined);
	return true;
}
