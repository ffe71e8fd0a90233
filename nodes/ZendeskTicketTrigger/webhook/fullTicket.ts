import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { ZendeskFunctions } from '../../ZendeskTicket/transport/connection';
import { redactOutputs, zendeskApiRequest } from '../../ZendeskTicket/transport/request';

/**
 * The whole ticket a call is about, read with the node's credential (the
 * call itself carries only IDs and values, see triggerRules.ts). When it
 * cannot be read, the call's own values go out, with a note saying why.
 */
export async function fullTicket(ctx: IWebhookFunctions, snapshot: IDataObject): Promise<{ ticket: IDataObject; note?: string }> {
	// The webhook context has the execute context's helpers and credentials, which is all the transport core uses.
	const api = Object.create(ctx) as ZendeskFunctions;
	try {
		const response = await zendeskApiRequest.call(api, {
			method: 'GET',
			endpoint: `/tickets/${encodeURIComponent(String(snapshot.id))}`,
			context: `Ticket ${String(snapshot.id)}`,
		});
		const [item] = await redactOutputs.call(api, [{ json: (response.ticket as IDataObject) ?? snapshot }]);
		return { ticket: item.json };
	} catch (error) {
		return {
			ticket: snapshot,
			note: `Only the values Zendesk sent with the call: the full ticket could not be read (${(error as Error).message})`,
		};
	}
}
