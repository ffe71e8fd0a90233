import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ZendeskCredential } from '../authentication';
import { refreshTokenOf } from '../authentication';
import { CONSENT_PAGE_PATH, TOKEN_ENDPOINT_PATH, resolveBaseUrl } from '../zendeskUrl';

/**
 * What the client uses of a node's context. Every n8n context (execute, load
 * options, poll, hook, webhook) has it, so each passes as it is.
 */
export interface ClientContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
	helpers: {
		httpRequestWithAuthentication(this: ClientContext, credentialsType: string, options: IHttpRequestOptions): Promise<unknown>;
		/** Without the credential: only for Zendesk's attachment host, which takes a token in the URL. */
		httpRequest(options: IHttpRequestOptions): Promise<unknown>;
	};
}

export interface ZendeskConnection {
	credential: ZendeskCredential;
	baseUrl: string;
	/** Values that must never appear in messages, outputs or logs. */
	secrets: string[];
	/** The OAuth2 refresh token the run started with, to see another process rotate it. */
	refreshToken?: string;
}

/**
 * The secrets of the credential as it is stored now: a refresh in the middle
 * of the run replaces the tokens that `getConnection` saw. Meant for building
 * error messages, so it never throws (it returns [] when the credential cannot
 * be read); use it together with the connection's own `secrets`.
 */
export async function currentSecrets(ctx: ClientContext, credential: ZendeskCredential): Promise<string[]> {
	try {
		return credential.secretsOf(await ctx.getCredentials(credential.type));
	} catch {
		return [];
	}
}

const OAUTH_URL_FIELDS = [
	{ field: 'authUrl', label: 'Authorization URL', path: CONSENT_PAGE_PATH, query: false },
	{ field: 'accessTokenUrl', label: 'Access Token URL', path: TOKEN_ENDPOINT_PATH, query: true },
] as const;

/**
 * Whether `raw` is exactly `{baseUrl}{path}`, optionally followed by a query:
 * same scheme, host and port, no user info, the same path, no fragment, and
 * nothing the URL parser would rewrite or drop (tabs, backslashes, dot
 * segments, default ports), so that what is checked is what is sent.
 */
export function isOwnUrl(raw: unknown, baseUrl: string, path: string, allowQuery: boolean): boolean {
	if (typeof raw !== 'string') return false;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return false;
	}
	return (
		url.origin + url.pathname === `${baseUrl}${path}` &&
		url.username === '' &&
		url.password === '' &&
		url.hash === '' &&
		(allowQuery || url.search === '') &&
		// Only the letter case of the scheme and host may differ from the parsed form.
		raw.toLowerCase() === url.href.toLowerCase()
	);
}

/**
 * n8n sends the client secret and the refresh token to the OAuth2 credential's
 * Access Token URL, and the user to its Authorization URL. Both are hidden
 * fields built from the subdomain, but a stored or imported credential can
 * carry its own values. Returns the first field that is not this account's
 * own URL, if any.
 */
export function foreignOAuthUrl(credentials: IDataObject, baseUrl: string): { field: string; label: string; expected: string } | undefined {
	for (const { field, label, path, query } of OAUTH_URL_FIELDS) {
		if (!isOwnUrl(credentials[field], baseUrl, path, query)) {
			return { field, label, expected: `${baseUrl}${path}` };
		}
	}
	return undefined;
}

/** Which credential the node uses, and the only host it may talk to. */
export async function getConnection(ctx: ClientContext, credential: ZendeskCredential): Promise<ZendeskConnection> {
	const credentials = await ctx.getCredentials(credential.type);
	let baseUrl: string;
	try {
		baseUrl = resolveBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description:
				'Open the credential and correct the Subdomain (or, with Use Local Emulator on, the Local Emulator URL). No request was sent.',
		});
	}
	const foreign = credential.hasOAuthUrls ? foreignOAuthUrl(credentials, baseUrl) : undefined;
	if (foreign) {
		// The stored value is not echoed: its query could hold anything.
		throw new NodeOperationError(
			ctx.getNode(),
			`The credential's ${foreign.label} is not this Zendesk account's own ${foreign.expected}, so n8n could send the client secret or tokens to another address`,
			{
				description: `The hidden ${foreign.label} field (${foreign.field}) must be the one n8n builds from the Subdomain. Recreate the credential, or remove the stored ${foreign.label} from its data (e.g. in the imported JSON) so that n8n builds it again. No request was sent.`,
			},
		);
	}
	return { credential, baseUrl, secrets: credential.secretsOf(credentials), refreshToken: refreshTokenOf(credentials) };
}
