import type { IDataObject } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { deleteOwn, listTriggers, listWebhooks } from '../../../common/api/webhooks';
import { TRIGGER_WEBHOOK_ACTION } from '../../../common/zendeskFacts';
import type { OwnHooks } from './ownHooks';

/*
 * Removing what the node created in Zendesk, found by what it owns (listed
 * ids, its webhook id in a trigger's actions, its titles), except what an admin chose:
 * a trigger deactivated in Zendesk is left as it is (neither deleted nor
 * created again as active) and stays listed, so that every later check reports it.
 */

/** The webhook a trigger calls, if it calls one. */
export function webhookOf(trigger: IDataObject): string | undefined {
	const actions = Array.isArray(trigger.actions) ? (trigger.actions as IDataObject[]) : [];
	const action = actions.find((a) => a.field === TRIGGER_WEBHOOK_ACTION && Array.isArray(a.value));
	return action ? String((action.value as unknown[])[0]) : undefined;
}

/**
 * Whether a trigger is surely one this node created: listed by id, or calling
 * its webhook (a trigger whose create answer was lost has no listed id).
 */
export function ownedBy(own: OwnHooks): (trigger: IDataObject) => boolean {
	const ids = new Set(own.triggerIds ?? []);
	return (trigger) => ids.has(String(trigger.id)) || (own.webhookId !== undefined && webhookOf(trigger) === own.webhookId);
}

/**
 * The node's own triggers in Zendesk: those `ownedBy` says, and those titled
 * by this node (`titleMark`: workflow ID and node name) whose webhook no
 * longer exists, left behind by an activation that lost an answer. A trigger
 * with this node's title that calls a live webhook (another n8n with the same
 * workflow ID, or a copy an admin made) is not the node's.
 */
async function ownTriggers(zendesk: ZendeskClient, own: OwnHooks, titleMark: string | undefined): Promise<IDataObject[]> {
	const sure = ownedBy(own);
	const titled = (t: IDataObject) => titleMark !== undefined && String(t.title ?? '').includes(titleMark);
	const listed = await listTriggers(zendesk, (t) => sure(t) || (titled(t) && t.active !== false && webhookOf(t) !== undefined));
	const candidates = listed.filter((t) => !sure(t));
	if (!candidates.length) return listed;
	const live = new Set((await listWebhooks(zendesk)).map((w) => String(w.id)));
	return listed.filter((t) => sure(t) || !live.has(String(webhookOf(t))));
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
 * Deletes the node's own triggers (see ownTriggers; with `titleMark`, also
 * those a lost answer left behind) and its webhook, each one even when another
 * fails, but not a trigger deactivated in Zendesk: those are returned, and stay
 * listed. What could not be deleted stays listed too (so that the next check or
 * deactivation tries again), and the first failure is thrown.
 */
export async function removeOwn(zendesk: ZendeskClient, own: OwnHooks, titleMark?: string): Promise<IDataObject[]> {
	let failure: unknown;
	const deleted = async (path: string) =>
		await deleteOwn(zendesk, path).then(
			() => true,
			(error: unknown) => ((failure ??= error), false),
		);
	const anything = own.triggerIds?.length || own.webhookId || titleMark !== undefined;
	// Not listed: the listed ones stay listed, for the next check or deactivation.
	const unlisted = (error: unknown) => ((failure ??= error), (own.triggerIds ?? []).map((id) => ({ id, listed: false })));
	const triggers: IDataObject[] = anything ? await ownTriggers(zendesk, own, titleMark).catch(unlisted) : [];
	const leftAlone = triggers.filter((t) => t.active === false);
	// Triggers first: they point at the webhook.
	const triggersLeft = [...leftAlone, ...triggers.filter((t) => t.listed === false)].map((t) => String(t.id));
	for (const t of triggers.filter((x) => x.active !== false && x.listed !== false))
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
