import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	CONSENT_PAGE_PATH,
	TOKEN_ENDPOINT_PATH,
	zendeskUrlExpression,
} from '../common/zendeskUrl';
import { baseUrlOverrideProperty, credentialTest, subdomainProperty } from './zendeskTicketShared';

const CUSTOM_SCOPE = 'custom';

export class ZendeskTicketOAuth2Api implements ICredentialType {
	name = 'zendeskTicketOAuth2Api';

	displayName = 'Zendesk Ticket OAuth2 API';

	extends = ['oAuth2Api'];

	icon = { light: 'file:../icons/zendeskTicket.svg', dark: 'file:../icons/zendeskTicket.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-zendesk-ticket/n8n-nodes-zendesk-ticket#oauth2-credential-recommended';

	properties: INodeProperties[] = [
		subdomainProperty,
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
				{ name: 'Read and Write (Read Write)', value: 'read write' },
				{ name: 'Read, Write and Impersonate', value: 'read write impersonate' },
				{ name: 'Tickets Only (Tickets:read Tickets:write)', value: 'tickets:read tickets:write' },
				{ name: 'Custom', value: CUSTOM_SCOPE },
			],
			default: 'read write',
			description:
				'What the token may do. Dropdowns for users and groups need "read" or users:read and groups:read as well.',
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
			displayName: 'Access Token Lifetime (Seconds)',
			name: 'expiresIn',
			type: 'number',
			typeOptions: { minValue: 301, maxValue: 172799 },
			default: 7200,
			description:
				'Sent to Zendesk as expires_in. Asking for a lifetime is what makes Zendesk issue refresh tokens to OAuth clients created before 2026.',
		},
		{
			displayName: 'Refresh Token Lifetime (Seconds)',
			name: 'refreshExpiresIn',
			type: 'number',
			typeOptions: { minValue: 604801, maxValue: 7775999 },
			default: 7689600,
			description:
				'Sent as refresh_token_expires_in. A workflow idle for longer than this must be reconnected. The default is 89 days.',
		},
		baseUrlOverrideProperty,
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
			default: zendeskUrlExpression(TOKEN_ENDPOINT_PATH, {
				suffix:
					'"?expires_in=" + $self["expiresIn"] + "&refresh_token_expires_in=" + $self["refreshExpiresIn"]',
			}),
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
