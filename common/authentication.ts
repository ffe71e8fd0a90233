import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/**
 * The credential type each choice of the Authentication parameter uses, and
 * what it can do: only an OAuth2 token (an admin's, with the impersonate
 * scope) can act for a customer through X-On-Behalf-Of.
 */
const CHOICES = [
	{ choice: 'oAuth2', type: 'zendeskTicketOAuth2Api', canImpersonate: true },
	{ choice: 'apiToken', type: 'zendeskTicketApi', canImpersonate: false },
] as const;

/** The credential for an Authentication value; OAuth2 is the default. */
export function credentialOf(authentication: unknown): (typeof CHOICES)[number] {
	return CHOICES.find((c) => c.choice === authentication) ?? CHOICES[0];
}

/** The credential type for an Authentication value; OAuth2 is the default. */
export function credentialTypeFor(authentication: unknown): string {
	return credentialOf(authentication).type;
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
export const nodeCredentials: INodeCredentialDescription[] = CHOICES.map(({ choice, type }) => ({
	name: type,
	required: true,
	displayOptions: { show: { authentication: [choice] } },
}));
