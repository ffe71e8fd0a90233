import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WEBHOOK_INVOCATION_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../../common/zendeskFacts';
import type { SignedCall, Verdict } from '../helpers/signature';
import { callKeys, firstSighting, verifyCall } from '../helpers/signature';
import type { TicketEvent } from '../../../common/triggers/ticketEvents';
import { matchesFilters } from '../../../common/triggers/ticketEvents';
import { commentOf, ticketOf } from '../helpers/payload';
import { eventItem, settingsOf } from '../../../common/triggers/settings';
import { fullTicket } from './fullTicket';
import { gatherChange, joinChange } from './oneChange';
import { knownSecret, rereadSecret } from './currentSecret';
import type { OwnHooks } from './ownHooks';
import { ownHooks } from './ownHooks';
import { firstInProcess } from './recentCalls';

/** Keys of calls remembered to drop a repeated delivery (Zendesk retries) or a replay: two per call, 1,000 calls. */
export const MAX_RECENT_KEYS = 2000;
/** How old (or how far ahead) a signature may be. */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

function answer(ctx: IWebhookFunctions, status: number, text: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).send(text);
	return { noWebhookResponse: true };
}

const header = (headers: IDataObject, name: string) => {
	const value = headers[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Verifies a call with the newest secret known; one that does not match is
 * verified once more with the secret read again from Zendesk (rate-limited),
 * which then replaces the stored one: after a reset, the old secret is refused.
 */
async function verified(ctx: IWebhookFunctions, node: string, own: OwnHooks, call: SignedCall, windowMs: number): Promise<Verdict> {
	const now = Date.now();
	const verdict = verifyCall(call, knownSecret(node, own), now, windowMs);
	if (verdict !== 'forged' && verdict !== 'noSecret') return verdict;
	if (verdict === 'noSecret' && (!call.signature || !call.timestamp)) return verdict;
	const current = await rereadSecret(ctx, node, own, now);
	return current === undefined ? verdict : verifyCall(call, current, Date.now(), windowMs);
}

/**
 * One call from Zendesk. Only a call signed with this webhook's secret, within
 * the replay window and not seen before starts the workflow; the others are
 * answered (401, or 200 for a repeat so that Zendesk stops retrying) and start nothing.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const own = ownHooks(this);
	const headers = this.getHeaderData() as IDataObject;
	const request = this.getRequestObject() as unknown as { rawBody?: Buffer };
	const windowSeconds = this.getNodeParameter('options.replayWindow', DEFAULT_REPLAY_WINDOW_SECONDS) as number;
	const call = {
		signature: header(headers, WEBHOOK_SIGNATURE_HEADER),
		timestamp: header(headers, WEBHOOK_TIMESTAMP_HEADER),
		rawBody: request.rawBody,
	};
	const node = `${String(this.getWorkflow().id)}:${this.getNode().name}:${String(own.webhookId)}`;
	const verdict = await verified(this, node, own, call, windowSeconds * 1000);
	if (verdict !== 'valid') return answer(this, 401, `Refused: ${verdict}`);
	const body = this.getBodyData();
	const id = header(headers, WEBHOOK_INVOCATION_HEADER) ?? (typeof body.id === 'string' ? body.id : `${String(call.signature)}`);
	const keys = callKeys(id, String(call.signature));
	const sighting = firstSighting(own.recentIds ?? [], keys, MAX_RECENT_KEYS);
	const firstHere = firstInProcess(node, keys, MAX_RECENT_KEYS);
	if (!sighting.first || !firstHere) return answer(this, 200, 'Ignored: already received');
	own.recentIds = sighting.recent;
	const settings = settingsOf(this);
	const event = body.event as TicketEvent;
	if (!settings.events.includes(event)) return answer(this, 200, 'Ignored: event not chosen');
	const comment = event === 'commentAdded' ? commentOf(body) : undefined;
	// With Public Only, a comment Zendesk did not mark public is taken for a note: it never goes out.
	if (event === 'commentAdded' && settings.publicCommentsOnly && comment?.public !== true)
		return answer(this, 200, 'Ignored: not a public comment');
	const snapshot = ticketOf(body);
	// One change: the same ticket and `updated_at`; only with several events can one change fire several triggers.
	const change =
		settings.events.length > 1 && snapshot.updated_at ? `${node}:${String(snapshot.id)}:${String(snapshot.updated_at)}` : undefined;
	if (change && joinChange(change, event, comment)) return answer(this, 200, 'Ignored: part of a change that runs once');
	const reading = fullTicket(this, snapshot);
	const gathered = change ? await gatherChange(change, event, comment, reading) : { events: [event], comment, result: await reading };
	const { ticket, note } = gathered.result;
	if (!matchesFilters(ticket, settings.filters)) return answer(this, 200, 'Ignored: filtered out');
	const notes = [note, own.deactivated].filter(Boolean).join(' ');
	const extra = {
		events: gathered.events,
		invocationId: id,
		...(gathered.comment ? { comment: gathered.comment } : {}),
		...(notes ? { note: notes } : {}),
	};
	return { workflowData: [[eventItem(ticket, { event: gathered.events[0] }, settings.simplify, extra)]] };
}
