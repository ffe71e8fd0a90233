import { createHmac } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject, INodeType } from 'n8n-workflow';

import { ZendeskTicketApi } from '../../credentials/ZendeskTicketApi.credentials';
import { ZendeskTicketOAuth2Api } from '../../credentials/ZendeskTicketOAuth2Api.credentials';
import { ZendeskTicketPollTrigger } from '../../nodes/ZendeskTicketPollTrigger/ZendeskTicketPollTrigger.node';
import { ZendeskTicketTrigger } from '../../nodes/ZendeskTicketTrigger/ZendeskTicketTrigger.node';
import { TEST_CREDENTIALS } from './run';
import { buildTriggerEngine } from './triggerEngine';
import type { TriggerEngine } from './triggerEngine';

function engineOf(
	nodeType: INodeType,
	name: string,
	parameters: IDataObject,
	{ credentials = TEST_CREDENTIALS, ...options }: { staging?: boolean; staticData?: IDataObject; credentials?: object } = {},
): TriggerEngine {
	return buildTriggerEngine({
		nodeType,
		typeName: `n8n-nodes-zendesk-ticket.${name}`,
		nodeName: nodeType.description.defaults.name as string,
		credentialTypes: [new ZendeskTicketApi(), new ZendeskTicketOAuth2Api()],
		credentials: credentials as Record<string, ICredentialDataDecryptedObject>,
		parameters: { authentication: 'apiToken', events: ['created', 'updated'], simplify: false, ...parameters },
		...options,
	});
}

/** The Zendesk Ticket Poll Trigger in n8n-core's PollContext (API token credential unless told). */
export const pollTrigger = (
	parameters: IDataObject = {},
	options: { staging?: boolean; staticData?: IDataObject; credentials?: object } = {},
) => engineOf(new ZendeskTicketPollTrigger(), 'zendeskTicketPollTrigger', parameters, options);

/** The Zendesk Ticket Trigger (webhook) in n8n-core's HookContext and WebhookContext. */
export const webhookTrigger = (parameters: IDataObject = {}, options: { staticData?: IDataObject; credentials?: object } = {}) =>
	engineOf(new ZendeskTicketTrigger(), 'zendeskTicketTrigger', parameters, options);

/** A call to the webhook trigger as Zendesk sends it: `payload` as JSON, signed now with `secret`. */
export function signedCall(secret: string, payload: object, invocation: string) {
	const rawBody = Buffer.from(JSON.stringify(payload));
	// Date.now(), so that a test that moves the clock signs at its time.
	const timestamp = new Date(Date.now()).toISOString();
	const signature = createHmac('sha256', secret)
		.update(timestamp + rawBody.toString('utf8'))
		.digest('base64');
	const headers = {
		'x-zendesk-webhook-signature': signature,
		'x-zendesk-webhook-signature-timestamp': timestamp,
		'x-zendesk-webhook-invocation-id': invocation,
	};
	return { headers, rawBody };
}
