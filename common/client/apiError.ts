import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactSecrets } from './redact';
import { zendeskErrorText } from './zendeskErrorBody';
import type { HttpFailure } from './failure';

const STATUS_TEXT: Record<number, string> = {
	400: 'Zendesk rejected the request',
	401: 'Zendesk did not accept the credentials',
	403: 'The credential is not allowed to do this (check its role and OAuth scopes)',
	404: 'Not found in Zendesk',
	409: 'The ticket was changed by someone else at the same time',
	422: 'Zendesk could not process the request',
	429: 'Zendesk rate limit reached',
};

const CODE_TEXT: Record<string, string> = {
	ECONNRESET: 'The connection to Zendesk was reset',
	ECONNREFUSED: 'Zendesk refused the connection',
	ENOTFOUND: "Zendesk's address could not be found: check the subdomain and the network",
	EAI_AGAIN: "Zendesk's address could not be looked up: check the network",
	ETIMEDOUT: 'Zendesk did not answer in time',
	ECONNABORTED: 'Zendesk did not answer in time',
	TRUNCATED_BODY: "Zendesk's answer was cut short",
	ERR_BAD_RESPONSE: "Zendesk's answer was cut short",
	ERR_STREAM_PREMATURE_CLOSE: "Zendesk's answer was cut short",
	ANSWER_TOO_LARGE: "Zendesk's answer was larger than the node reads (64 MB), so it was cut off",
};

/**
 * A request that failed inside n8n, before Zendesk answered: mostly the
 * credential's state. Said in words that tell the builder what to do.
 */
function credentialProblem(failure: HttpFailure): { message: string; description?: string } | undefined {
	const said = failure.n8n;
	if (!said || failure.status !== undefined || (failure.code !== undefined && CODE_TEXT[failure.code])) return undefined;
	if (/not connected/i.test(said.message)) {
		return {
			message: 'The OAuth2 credential is not connected to Zendesk yet',
			description:
				'Open the credential and click "Connect my account" (Authorization Code), or set its Grant Type to Client Credentials so that n8n gets a token by itself. No request was sent to Zendesk.',
		};
	}
	if (failure.refreshRefused) {
		return {
			message: 'Zendesk refused to refresh the OAuth2 token',
			description:
				'The refresh token was revoked, expired, or already used. When several workflows or workers share this credential on n8n 1.x, one may have refreshed it at the same moment (see "Sharing one credential" in the README); otherwise open the credential and reconnect it.',
		};
	}
	return { message: said.message, description: said.description };
}

export interface ApiErrorOptions {
	itemIndex?: number;
	secrets?: string[];
	context?: string;
	/** Added to the description, e.g. how long Zendesk asked to wait. */
	note?: string;
	/** A clearer message for a failure the caller knows, e.g. a safe-update conflict. */
	explained?: { message: string; description?: string };
}

/** Turns a failed request into a NodeApiError that carries no secret and names the item. */
export function apiError(node: INode, failure: HttpFailure, options: ApiErrorOptions): NodeApiError {
	const { itemIndex, secrets = [], context, note } = options;
	const explained = options.explained ?? credentialProblem(failure);
	const zendesk = zendeskErrorText(failure.body);
	// Rate limits and outages come as plain text or HTML pages: lead with what happened.
	const statusFirst = failure.status !== undefined && (failure.status === 429 || failure.status >= 500);
	const statusText =
		failure.status && failure.status >= 400
			? (STATUS_TEXT[failure.status] ?? (failure.status >= 500 ? `Zendesk is temporarily unavailable (${failure.status})` : undefined))
			: undefined;
	const base =
		explained?.message ??
		(statusFirst ? statusText : undefined) ??
		zendesk.message ??
		statusText ??
		(failure.code ? (CODE_TEXT[failure.code] ?? `Could not reach Zendesk (${failure.code})`) : 'The request to Zendesk failed');
	const zendeskDetail = statusFirst ? [zendesk.message, zendesk.description].filter(Boolean).join(': ') : zendesk.description;
	const message = redactSecrets(`${context ? `${context}: ` : ''}${base}`, secrets);
	const parts = [explained ? explained.description : zendeskDetail, note].filter(Boolean);
	const description = parts.length ? redactSecrets(parts.join(' — '), secrets) : undefined;
	// A clean object, never the raw error: that one holds the request and its Authorization header.
	const clean: JsonObject = { message, ...(description ? { description } : {}) };
	if (failure.status) clean.httpCode = String(failure.status);
	return new NodeApiError(node, clean, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}
