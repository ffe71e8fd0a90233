import type { IDataObject, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** What the package knows about one of its credential types: nothing else compares credential names. */
export interface ZendeskCredential {
	/** The node's Authentication value that selects it. */
	choice: 'oAuth2' | 'apiToken';
	type: 'zendeskTicketOAuth2Api' | 'zendeskTicketApi';
	/** Only an OAuth2 token (an admin's, with the impersonate scope) can act for a customer through X-On-Behalf-Of. */
	canImpersonate: boolean;
	/** n8n refreshes its token when a request is refused with 401 (OAuth2 only). */
	refreshesOn401: boolean;
	/** It carries URLs (authorization, token) that n8n sends secrets to, which must be the account's own. */
	hasOAuthUrls: boolean;
	/** Values of a stored credential of this type that must never appear in messages, outputs or logs. */
	secretsOf(data: IDataObject): string[];
}

const stringsOf = (...values: unknown[]) => values.filter((v): v is string => typeof v === 'string' && v !== '');

const CREDENTIALS: readonly ZendeskCredential[] = [
	{
		choice: 'oAuth2',
		type: 'zendeskTicketOAuth2Api',
		canImpersonate: true,
		refreshesOn401: true,
		hasOAuthUrls: true,
		secretsOf: (data) => {
			const token = data.oauthTokenData as IDataObject | undefined;
			return stringsOf(data.clientSecret, token?.access_token, token?.refresh_token);
		},
	},
	{
		choice: 'apiToken',
		type: 'zendeskTicketApi',
		canImpersonate: false,
		refreshesOn401: false,
		hasOAuthUrls: false,
		// Basic auth's plain text, `{email}/token:{token}`, which a server may echo back, goes first so that it is redacted whole.
		secretsOf: (data) =>
			stringsOf(typeof data.email === 'string' && data.apiToken ? `${data.email}/token:${String(data.apiToken)}` : '', data.apiToken),
	},
];

/** The credential for an Authentication value; OAuth2 is the default. */
export function credentialOf(authentication: unknown): ZendeskCredential {
	return CREDENTIALS.find((c) => c.choice === authentication) ?? CREDENTIALS[0];
}

/** The OAuth2 refresh token a stored credential holds, to see another process rotate it. */
export function refreshTokenOf(data: IDataObject): string | undefined {
	const token = (data.oauthTokenData as IDataObject | undefined)?.refresh_token;
	return typeof token === 'string' ? token : undefined;
}

/** Which credential a node uses; every node of the package offers the same choice. OAuth2 is the default. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Recommended)', value: 'oAuth2' },
		{ name: 'API Token (Legacy, Ends 2027-04-30)', value: 'apiToken' },
	],
	default: 'oAuth2',
};

/** The node's credentials, each shown for its Authentication choice. */
export const nodeCredentials: INodeCredentialDescription[] = CREDENTIALS.map(({ choice, type }) => ({
	name: type,
	required: true,
	displayOptions: { show: { authentication: [choice] } },
}));
