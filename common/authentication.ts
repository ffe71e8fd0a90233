import type { INodeProperties } from 'n8n-workflow';

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
