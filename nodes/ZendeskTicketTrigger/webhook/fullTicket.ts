import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { showTicket } from '../../../common/api/tickets';
import { triggerClient } from '../../../common/triggers/client';

/**
 * Zendesk waits 12 s for a webhook call's answer, then counts it failed and
 * sends it again; n8n answers only after this read. So the read gets part of
 * that time, and a slow one (rate limits, retries) gives way to the call's values.
 */
export const TICKET_READ_DEADLINE_MS = 5_000;

async function readTicket(client: ZendeskClient, snapshot: IDataObject): Promise<IDataObject> {
	const ticket = await showTicket(client, snapshot.id);
	const [item] = await client.redactOutputs([{ json: ticket ?? snapshot }]);
	return item.json;
}

/**
 * The whole ticket a call is about, read with the node's credential (the
 * call itself carries only IDs and values, see triggerRules.ts). When it
 * cannot be read in time, the call's own values go out, with a note saying why.
 */
export async function fullTicket(ctx: IWebhookFunctions, snapshot: IDataObject): Promise<{ ticket: IDataObject; note?: string }> {
	const reading = readTicket(triggerClient(ctx), snapshot).then(
		(ticket) => ({ ticket }),
		(error: Error) => ({ reason: `the full ticket could not be read (${error.message})` }),
	);
	const late = sleep(TICKET_READ_DEADLINE_MS).then(() => ({
		reason: `the full ticket was not read within ${TICKET_READ_DEADLINE_MS / 1000} s, and Zendesk waits only 12 s for an answer`,
	}));
	const outcome = await Promise.race([reading, late]);
	if ('ticket' in outcome) return outcome;
	return { ticket: snapshot, note: `Only the values Zendesk sent with the call: ${outcome.reason}` };
}
