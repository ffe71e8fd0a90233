import type { IWebhookFunctions } from 'n8n-workflow';

import { triggerClient } from '../../../common/triggers/client';
import { signingSecret } from '../../../common/api/webhooks';
import type { OwnHooks } from './ownHooks';

/*
 * The webhook's signing secret as Zendesk has it now. An admin may reset it
 * (after a leak): then Zendesk signs with the new one, and the stored one must
 * stop being accepted. A call that does not match makes the node read the
 * secret again, at most once a minute per webhook, so that forged calls cannot
 * make it hammer Zendesk. The time of the last read is kept in the node's
 * static data (across restarts) and in this process (n8n does not always keep
 * what webhook() writes into static data, e.g. in queue mode).
 */

/** The shortest time between two reads of one webhook's secret. */
export const SECRET_READ_INTERVAL_MS = 60_000;
/** Trigger nodes remembered at most; the one unused longest goes first. */
const MAX_NODES = 500;

interface SecretRead {
	at: number;
	secret?: string;
}
const readsByNode = new Map<string, SecretRead>();

function remember(node: string, read: SecretRead): void {
	readsByNode.delete(node);
	readsByNode.set(node, read);
	for (const oldest of [...readsByNode.keys()].slice(0, Math.max(0, readsByNode.size - MAX_NODES))) readsByNode.delete(oldest);
}

/** The newest secret known: the static data's, or one this process read later. */
export function knownSecret(node: string, own: OwnHooks): string | undefined {
	const here = readsByNode.get(node);
	return here?.secret !== undefined && here.at >= (own.secretReadAt ?? 0) ? here.secret : own.secret;
}

/** Whether the secret may be read again at `nowMs` (a clock that went back allows it). */
export function mayReadSecret(node: string, own: OwnHooks, nowMs: number): boolean {
	const last = Math.max(own.secretReadAt ?? 0, readsByNode.get(node)?.at ?? 0);
	return nowMs < last || nowMs - last >= SECRET_READ_INTERVAL_MS;
}

/**
 * Reads the secret again, if allowed, and keeps it in place of the old one.
 * Returns it, or nothing when it may not be read yet or the read failed (the
 * failure is not reported: the call is refused all the same, and the attempt counts).
 */
export async function rereadSecret(ctx: IWebhookFunctions, node: string, own: OwnHooks, nowMs: number): Promise<string | undefined> {
	if (!own.webhookId || !mayReadSecret(node, own, nowMs)) return undefined;
	// The attempt is recorded first, so that calls arriving during the read do not read too.
	remember(node, { at: nowMs, secret: knownSecret(node, own) });
	own.secretReadAt = nowMs;
	try {
		const secret = await signingSecret(triggerClient(ctx), own.webhookId);
		remember(node, { at: nowMs, secret });
		own.secret = secret;
		return secret;
	} catch {
		return undefined;
	}
}
