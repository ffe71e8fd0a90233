import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactSecrets } from './redact';
import type { ZendeskCredential } from '../authentication';
import { zendeskErrorText } from './zendeskErrorBody';
import type { HttpFailure } from './failure';
import type { CredentialKind } from './failureSentences';
import { codeSentence, fitsInMessage, knowsCode, sentence, statusSentence, zendeskCodeSentence } from './failureSentences';

/**
 * A request that failed inside n8n, before Zendesk answered: mostly the
 * credential's state. Said in words that tell the builder what to do.
 */
function credentialProblem(failure: HttpFailure): { message: string; description?: string } | undefined {
	const said = failure.n8n;
	if (!said || failure.status !== undefined || knowsCode(failure.code)) return undefined;
	// n8n: "OAuth credentials not connected" (Authorization Code without token data); client-oauth2: "Unable to sign
	// without access token" (token data without one: a Connect that never finished); PKCE without token data fails on reading it.
	if (/not connected|without access token|reading 'accessToken'/i.test(said.message)) {
		return {
			message:
				'The OAuth2 credential is not connected to Zendesk yet: open it and click "Connect my account", or set its Grant Type to Client Credentials',
			description:
				'With Authorization Code or PKCE, a Zendesk user approves access once; with Client Credentials, n8n gets a token by itself. No request was sent to Zendesk.',
		};
	}
	if (/Failed to acquire OAuth2 access token/i.test(said.message)) {
		return {
			message:
				"Zendesk gave no OAuth2 token for the client credentials: check the credential's Client ID and Client Secret, and that the OAuth client may use the client credentials grant",
			description: `n8n said: ${said.message}. No request was sent to Zendesk's API.`,
		};
	}
	if (failure.refreshRefused) {
		return {
			message: 'Zendesk refused to refresh the OAuth2 token: reconnect the credential',
			description:
				'The refresh token was revoked, expired, or already used. When several workflows or workers share this credential on n8n 1.x, one may have refreshed it at the same moment (see "Sharing one credential" in the README); otherwise open the credential and reconnect it.',
		};
	}
	return { message: said.message, description: said.description };
}

/** What happened and what to do, with Zendesk's own `error` beside it where it fits, and the rest of its words. */
function told(failure: HttpFailure, credential: CredentialKind): { message: string; description?: string } {
	const zendesk = zendeskErrorText(failure.body);
	const status = failure.status;
	if (status === undefined || status < 400) return { message: sentence(codeSentence(failure.code)) };
	// Rate limits and outages come as plain text or HTML pages: Zendesk's words go to the description.
	const inMessage = status !== 429 && status < 500 && fitsInMessage(zendesk.message);
	const known = zendeskCodeSentence(zendesk.message) ?? statusSentence(status, credential);
	const description = inMessage ? zendesk.description : [zendesk.message, zendesk.description].filter(Boolean).join(': ');
	return { message: sentence(known, inMessage ? zendesk.message : undefined), description: description || undefined };
}

export interface ApiErrorOptions {
	itemIndex?: number;
	secrets?: string[];
	context?: string;
	/** Added to the description, e.g. how long Zendesk asked to wait. */
	note?: string;
	/** A clearer message for a failure the caller knows, e.g. a safe-update conflict. */
	explained?: { message: string; description?: string };
	/** The credential the request used: what to check differs between OAuth2 and an API token. */
	credential?: ZendeskCredential;
}

/** A failed request as a message and a description that say what happened and what to do, without any secret. */
export function failureText(failure: HttpFailure, options: ApiErrorOptions): { message: string; description?: string } {
	const { secrets = [], context, note } = options;
	const said = options.explained ?? credentialProblem(failure) ?? told(failure, options.credential?.choice);
	const message = redactSecrets(`${context ? `${context}: ` : ''}${said.message}`, secrets);
	const parts = [said.description, note].filter(Boolean);
	return { message, description: parts.length ? redactSecrets(parts.join(' — '), secrets) : undefined };
}

/** Turns a failed request into a NodeApiError that carries no secret; n8n shows the item beside it. */
export function apiError(node: INode, failure: HttpFailure, options: ApiErrorOptions): NodeApiError {
	const { message, description } = failureText(failure, options);
	// A clean object, never the raw error: that one holds the request and its Authorization header.
	const clean: JsonObject = { message, ...(description ? { description } : {}) };
	if (failure.status) clean.httpCode = String(failure.status);
	return new NodeApiError(node, clean, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: options.itemIndex,
	});
}
