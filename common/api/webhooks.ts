import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ZendeskClient } from '../client';
import { cursorList } from './pagination';

/*
 * Zendesk's webhooks and triggers APIs, as far as the webhook trigger needs
 * them. Admins (or agents whose role may manage webhooks) only.
 */

const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';
const rethrow = (client: ZendeskClient, error: unknown) =>
	error instanceof NodeApiError ? error : new NodeOperationError(client.node, error as Error);

/** CreateWebhook: a JSON POST webhook fired by triggers (conditional_ticket_events). */
export async function createWebhook(client: ZendeskClient, name: string, endpoint: string): Promise<string> {
	const response = await client.request({
		method: 'POST',
		endpoint: '/webhooks',
		body: {
			webhook: {
				name,
				endpoint,
				http_method: 'POST',
				request_format: 'json',
				status: 'active',
				subscriptions: ['conditional_ticket_events'],
			},
		},
		context: 'Creating the Zendesk webhook',
	});
	return String((response.webhook as IDataObject).id);
}

/** ShowWebhookSigningSecret. */
export async function signingSecret(client: ZendeskClient, webhookId: string): Promise<string> {
	const response = await client.request({
		method: 'GET',
		endpoint: `/webhooks/${encodeURIComponent(webhookId)}/signing_secret`,
	});
	return String((response.signing_secret as IDataObject).secret);
}

/** The webhook, or nothing when it is gone. */
export async function findWebhook(client: ZendeskClient, webhookId: string): Promise<IDataObject | undefined> {
	try {
		const response = await client.request({ method: 'GET', endpoint: `/webhooks/${encodeURIComponent(webhookId)}` });
		return response.webhook as IDataObject;
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw rethrow(client, error);
	}
}

/** The trigger, or nothing when it is gone. */
export async function findTrigger(client: ZendeskClient, triggerId: string): Promise<IDataObject | undefined> {
	try {
		const response = await client.request({ method: 'GET', endpoint: `/triggers/${encodeURIComponent(triggerId)}` });
		return response.trigger as IDataObject;
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw rethrow(client, error);
	}
}

export async function createTrigger(client: ZendeskClient, body: IDataObject): Promise<string> {
	const response = await client.request({
		method: 'POST',
		endpoint: '/triggers',
		body,
		context: 'Creating the Zendesk trigger',
	});
	return String((response.trigger as IDataObject).id);
}

/** Deletes a webhook or trigger by its path (`/webhooks/1`, `/triggers/2`); one already gone is fine. */
export async function deleteOwn(client: ZendeskClient, path: string): Promise<void> {
	try {
		await client.request({ method: 'DELETE', endpoint: path });
	} catch (error) {
		if (!isNotFound(error)) throw rethrow(client, error);
	}
}

/** ListTriggers (every page), keeping those `keep` accepts. */
export async function listTriggers(client: ZendeskClient, keep: (trigger: IDataObject) => boolean): Promise<IDataObject[]> {
	return await cursorList(client, { endpoint: '/triggers', property: 'triggers', keep, context: 'Listing the Zendesk triggers' });
}

/** ListWebhooks (every page). */
export async function listWebhooks(client: ZendeskClient): Promise<IDataObject[]> {
	return await cursorList(client, { endpoint: '/webhooks', property: 'webhooks', context: 'Listing the Zendesk webhooks' });
}
