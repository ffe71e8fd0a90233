import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ZendeskFunctions } from '../client/connection';
import { zendeskApiRequest } from '../client/request';
import { cursorList } from './pagination';

/*
 * Zendesk's webhooks and triggers APIs, as far as the webhook trigger needs
 * them. Admins (or agents whose role may manage webhooks) only.
 */

const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';
const rethrow = (ctx: ZendeskFunctions, error: unknown) =>
	error instanceof NodeApiError ? error : new NodeOperationError(ctx.getNode(), error as Error);

/** CreateWebhook: a JSON POST webhook fired by triggers (conditional_ticket_events). */
export async function createWebhook(ctx: ZendeskFunctions, name: string, endpoint: string): Promise<string> {
	const response = await zendeskApiRequest.call(ctx, {
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
export async function signingSecret(ctx: ZendeskFunctions, webhookId: string): Promise<string> {
	const response = await zendeskApiRequest.call(ctx, {
		method: 'GET',
		endpoint: `/webhooks/${encodeURIComponent(webhookId)}/signing_secret`,
	});
	return String((response.signing_secret as IDataObject).secret);
}

/** The webhook, or nothing when it is gone. */
export async function findWebhook(ctx: ZendeskFunctions, webhookId: string): Promise<IDataObject | undefined> {
	try {
		const response = await zendeskApiRequest.call(ctx, { method: 'GET', endpoint: `/webhooks/${encodeURIComponent(webhookId)}` });
		return response.webhook as IDataObject;
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw rethrow(ctx, error);
	}
}

/** The trigger, or nothing when it is gone. */
export async function findTrigger(ctx: ZendeskFunctions, triggerId: string): Promise<IDataObject | undefined> {
	try {
		const response = await zendeskApiRequest.call(ctx, { method: 'GET', endpoint: `/triggers/${encodeURIComponent(triggerId)}` });
		return response.trigger as IDataObject;
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw rethrow(ctx, error);
	}
}

export async function createTrigger(ctx: ZendeskFunctions, body: IDataObject): Promise<string> {
	const response = await zendeskApiRequest.call(ctx, {
		method: 'POST',
		endpoint: '/triggers',
		body,
		context: 'Creating the Zendesk trigger',
	});
	return String((response.trigger as IDataObject).id);
}

/** Deletes a webhook or trigger by its path (`/webhooks/1`, `/triggers/2`); one already gone is fine. */
export async function deleteOwn(ctx: ZendeskFunctions, path: string): Promise<void> {
	try {
		await zendeskApiRequest.call(ctx, { method: 'DELETE', endpoint: path });
	} catch (error) {
		if (!isNotFound(error)) throw rethrow(ctx, error);
	}
}

/** ListTriggers (every page), keeping those `keep` accepts. */
export async function listTriggers(ctx: ZendeskFunctions, keep: (trigger: IDataObject) => boolean): Promise<IDataObject[]> {
	return await cursorList.call(ctx, { endpoint: '/triggers', property: 'triggers', keep, context: 'Listing the Zendesk triggers' });
}

/** ListWebhooks (every page). */
export async function listWebhooks(ctx: ZendeskFunctions): Promise<IDataObject[]> {
	return await cursorList.call(ctx, { endpoint: '/webhooks', property: 'webhooks', context: 'Listing the Zendesk webhooks' });
}
