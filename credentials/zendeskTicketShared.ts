import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import {
	SUBDOMAIN_HINT,
	zendeskUrlExpression,
} from '../nodes/ZendeskTicket/helpers/subdomain';

export const subdomainProperty: INodeProperties = {
	displayName: 'Subdomain',
	name: 'subdomain',
	type: 'string',
	placeholder: 'acme',
	default: '',
	required: true,
	description: SUBDOMAIN_HINT,
};

/**
 * `/users/me` answers 200 with an anonymous user when the credentials are wrong,
 * so a 200 alone proves nothing: the user must have an id.
 */
export const credentialTest: ICredentialTestRequest = {
	request: {
		baseURL: zendeskUrlExpression('/api/v2', { source: '$credentials.subdomain' }),
		url: '/users/me.json',
		method: 'GET',
	},
	rules: [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'user.id',
				value: null,
				message:
					'Zendesk did not recognise these credentials (it answered as an anonymous user). Check the subdomain, email and token or client.',
			},
		},
	],
};
