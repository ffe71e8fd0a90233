import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { credentialTest, httpRequestDomainProperties, localEmulatorProperties, subdomainProperties } from './zendeskTicketShared';

/**
 * The "(API Token)" marker tells this legacy credential apart from the OAuth2
 * one in n8n's credential picker; n8n's display-name rule only looks for a
 * literal ending in " API", so the name is kept in a constant.
 */
const DISPLAY_NAME = 'Zendesk Ticket API (API Token)';

export class ZendeskTicketApi implements ICredentialType {
	name = 'zendeskTicketApi';

	displayName = DISPLAY_NAME;

	icon = { light: 'file:../icons/zendeskTicket.svg', dark: 'file:../icons/zendeskTicket.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-zendesk-ticket/n8n-nodes-zendesk-ticket#api-token-credential-legacy';

	properties: INodeProperties[] = [
		{
			displayName:
				'Legacy: Zendesk stops accepting API tokens on 30 April 2027 and no new tokens can be created. Use the "Zendesk Ticket OAuth2 API" credential instead.',
			name: 'retirementNotice',
			type: 'notice',
			default: '',
		},
		...subdomainProperties,
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Email address of the Zendesk agent or admin who owns the API token',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		...localEmulatorProperties,
		...httpRequestDomainProperties,
	];

	// Zendesk's token auth is Basic auth with "/token" appended to the email.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.email}}/token',
				password: '={{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = credentialTest;
}
