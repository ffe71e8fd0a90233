import type { IDataObject } from 'n8n-workflow';

import type { ZendeskFunctions } from '../../../common/client/connection';
import { deleteOwn, listTriggers } from '../../../common/api/webhooks';
import type { OwnHooks } from './ownHooks';

/*
 * Removing what the node created in Zendesk, except what an admin chose:
 * a trigger deactivated in Zendesk is left as it is (neither deleted nor
 * created again as active) and stays listed, so that every later check reports it.
 */

/** Whether a trigger is one this node created. */
export function ownedBy(own: OwnHooks): (trigger: IDataObject) => boolean {
	const ids = new Set(own.triggerIds ?? []);
	return (trigger) => ids.has(String(trigger.id));
}

/** The sentence that says which triggers an admin deactivated and what to do. */
export function deactivatedMessage(triggers: IDataObject[]): string {
	const one = triggers.length === 1;
	const names = triggers.map((t) => `"${String(t.title)}" (ID ${String(t.id)})`).join(', ');
	return (
		`The Zendesk trigger${one ? '' : 's'} ${names} of this node ${one ? 'was' : 'were'} deactivated in Zendesk, ` +
		`so ${one ? 'its' : 'their'} events do not reach this workflow; the node leaves ${one ? 'it' : 'them'} off. ` +
		`To receive ${one ? 'its' : 'their'} events, activate ${one ? 'it' : 'them'} again in Zendesk (Admin Center, Objects and rules, Triggers), ` +
		`or delete ${one ? 'it' : 'them'} there to let the node create ${one ? 'it' : 'them'} anew; then activate this workflow again.`
	);
}

/**
 * Deletes what `own` lists, each one even when another fails, but not a
 * trigger deactivated in Zendesk: those are returned, and stay listed. What
 * could not be deleted stays listed too (so that the next check or
 * deactivation tries again), and the first failure is thrown.
 */
export async function removeOwn(zendesk: ZendeskFunctions, own: OwnHooks): Promise<IDataObject[]> {
	let failure: unknown;
	const deleted = async (path: string) =>
		await deleteOwn(zendesk, path).then(
			() => true,
			(error: unknown) => ((failure ??= error), false),
		);
	const triggers = own.triggerIds?.length ? await listTriggers(zendesk, ownedBy(own)) : [];
	const leftAlone = triggers.filter((t) => t.active === false);
	// Triggers first: they point at the webhook.
	const triggersLeft = leftAlone.map((t) => String(t.id));
	for (const t of triggers.filter((x) => x.active !== false))
		if (!(await deleted(`/triggers/${encodeURIComponent(String(t.id))}`))) triggersLeft.push(String(t.id));
	const webhookLeft = own.webhookId && !(await deleted(`/webhooks/${encodeURIComponent(own.webhookId)}`)) ? own.webhookId : undefined;
	for (const key of ['secret', 'secretReadAt', 'url', 'deactivated'] as const) delete own[key];
	if (triggersLeft.length) own.triggerIds = triggersLeft;
	else delete own.triggerIds;
	if (webhookLeft) own.webhookId = webhookLeft;
	else delete own.webhookId;
	if (failure !== undefined) throw failure;
	return leftAlone;
}
