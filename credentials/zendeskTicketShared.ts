import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import {
	SUBDOMAIN_HINT,
	zendeskUrlExpression,
} from '../common/zendeskUrl';

export const subdomainProperty: INodeProperties = {
	displayName: 'Subdomain',
	name: 'subdomain',
	type: 'string',
	placeholder: 'acme',
	default: '',
	required: true,
	description: SUBDOMAIN_HINT,
};

export const baseUrlOverrideProperty: INodeProperties = {
	displayName: 'Base URL Override (Local Testing Only)',
	name: 'baseUrlOverride',
	type: 'string',
	default: '',
	placeholder: 'http://127.0.0.1:4010',
	description:
		'Leave empty for Zendesk. Only for a local Zendesk emulator: http://127.0.0.1:PORT or http://localhost:PORT; any other value is refused.',
};

/**
 * `/users/me` answers 200 with an anonymous user when the credentials are wrong,
 * so a 200 alone proves nothing: the user must have an id.
 */
export const credentialTest: ICredentialTestRequest = {
	request: {
		baseURL: zendeskUrlExpression('/api/v2', { source: '$credentials' }),
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
