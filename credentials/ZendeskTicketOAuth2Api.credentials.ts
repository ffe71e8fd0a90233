import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { CONSENT_PAGE_PATH, TOKEN_ENDPOINT_PATH, zendeskUrlExpression } from '../common/zendeskUrl';
import { credentialTest, httpRequestDomainProperties, localEmulatorProperties, subdomainProperties } from './zendeskTicketShared';

const CUSTOM_SCOPE = 'custom';

/** Zendesk's limits: 300 < expires_in < 172800 s, 604800 < refresh_token_expires_in < 7776000 s. */
const ACCESS_HOURS_DEFAULT = 2;
const REFRESH_DAYS_DEFAULT = 89;

/**
 * Lifetimes in seconds, as Zendesk takes them. Credentials saved by 0.1.x hold
 * seconds in `expiresIn` / `refreshExpiresIn` (now hidden); those values are
 * used while the new hours/days fields are at their defaults, so that such a
 * credential keeps asking for what it asked for; a changed hours/days value wins.
 */
const ACCESS_SECONDS = `(typeof $self["expiresIn"] === "number" && $self["accessLifetimeHours"] === ${ACCESS_HOURS_DEFAULT} ? $self["expiresIn"] : $self["accessLifetimeHours"] * 3600)`;
const REFRESH_SECONDS = `(typeof $self["refreshExpiresIn"] === "number" && $self["refreshLifetimeDays"] === ${REFRESH_DAYS_DEFAULT} ? $self["refreshExpiresIn"] : $self["refreshLifetimeDays"] * 86400)`;
/** Client-credentials tokens have no refresh token, so no refresh lifetime is asked for. */
const LIFETIME_QUERY = `"?expires_in=" + ${ACCESS_SECONDS} + ($self["grantType"] === "clientCredentials" ? "" : "&refresh_token_expires_in=" + ${REFRESH_SECONDS})`;

export class ZendeskTicketOAuth2Api implements ICredentialType {
	name = 'zendeskTicketOAuth2Api';

	displayName = 'Zendesk Ticket OAuth2 API';

	extends = ['oAuth2Api'];

	icon = { light: 'file:../icons/zendeskTicket.svg', dark: 'file:../icons/zendeskTicket.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-zendesk-ticket/n8n-nodes-zendesk-ticket#oauth2-credential-recommended';

	properties: INodeProperties[] = [
		...subdomainProperties,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'A Zendesk user clicks Connect and approves access (confidential client)',
				},
				{
					name: 'Authorization Code with PKCE',
					value: 'pkce',
					description: 'Like Authorization Code, also for public clients without a secret',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: 'No user interaction: the token acts as the user who owns the OAuth client',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The "Identifier" of the OAuth client in Zendesk Admin Center',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The secret shown once when the OAuth client is saved. Leave empty only for a public client with PKCE.',
		},
		{
			displayName: 'Scope',
			name: 'scopePreset',
			type: 'options',
			options: [
				// Zendesk's own spelling of the scopes, as its OAuth docs and Admin Center write them.
				{ name: 'read write', value: 'read write', description: 'Every operation of this node' },
				{ name: 'read write impersonate', value: 'read write impersonate', description: 'Also act on behalf of other users' },
				{
					name: 'tickets:read tickets:write',
					value: 'tickets:read tickets:write',
					description: 'Tickets only; the dropdowns for users, groups, brands and forms stay empty',
				},
				{ name: 'Custom', value: CUSTOM_SCOPE },
			],
			default: 'read write',
			description: 'What the token may do. Dropdowns for users and groups need "read" or users:read and groups:read as well.',
		},
		{
			displayName: 'Custom Scope',
			name: 'customScope',
			type: 'string',
			displayOptions: { show: { scopePreset: [CUSTOM_SCOPE] } },
			default: 'read write',
			placeholder: 'tickets:read tickets:write users:read',
			description: 'Space-separated Zendesk scopes, e.g. read, write, impersonate, tickets:read, users:write',
		},
		{
			displayName: 'Access Token Lifetime (Hours)',
			name: 'accessLifetimeHours',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 47 },
			default: ACCESS_HOURS_DEFAULT,
			description:
				'Sent to Zendesk as expires_in (in seconds). Asking for a lifetime is what makes Zendesk issue refresh tokens to OAuth clients created before 2026.',
		},
		{
			displayName: 'Refresh Token Lifetime (Days)',
			name: 'refreshLifetimeDays',
			type: 'number',
			typeOptions: { minValue: 8, maxValue: 89 },
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
			default: REFRESH_DAYS_DEFAULT,
			description: 'Sent as refresh_token_expires_in (in seconds). A workflow idle for longer than this must be reconnected.',
		},
		{
			// 0.1.x lifetimes in seconds; read while the fields above are at their defaults.
			displayName: 'Access Token Lifetime in Seconds (Before 0.2)',
			name: 'expiresIn',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Refresh Token Lifetime in Seconds (Before 0.2)',
			name: 'refreshExpiresIn',
			type: 'hidden',
			default: '',
		},
		...localEmulatorProperties,
		...httpRequestDomainProperties,
		{
			displayName: 'Scope Value',
			name: 'scope',
			type: 'hidden',
			default: `={{$self["scopePreset"] === "${CUSTOM_SCOPE}" ? $self["customScope"] : $self["scopePreset"]}}`,
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: zendeskUrlExpression(CONSENT_PAGE_PATH),
		},
		{
			// Zendesk takes the lifetimes as token parameters; n8n builds the token
			// request body itself, so they travel in the token URL's query, which
			// serves the code exchange, every refresh and client credentials alike.
			// The node refuses a stored value that is not this account's own URL
			// (see getConnection), since n8n posts the client secret and the
			// refresh token to it.
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: zendeskUrlExpression(TOKEN_ENDPOINT_PATH, { suffix: LIFETIME_QUERY }),
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Zendesk expects client_id and client_secret in the token request body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = credentialTest;
}
