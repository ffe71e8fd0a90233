import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	INodeProperties,
} from 'n8n-workflow';

import {
	CASELESS_SUBDOMAIN_PATTERN,
	REFUSED_SUBDOMAIN_SENTENCE,
	SUBDOMAIN_HINT,
	zendeskHostExpression,
	zendeskUrlExpression,
} from '../common/zendeskUrl';

const subdomainProperty: INodeProperties = {
	displayName: 'Subdomain',
	name: 'subdomain',
	type: 'string',
	placeholder: 'acme',
	default: '',
	required: true,
	description: SUBDOMAIN_HINT,
};

/**
 * Said under the field while a typed subdomain is one the rule refuses:
 * n8n's Test could only show a code then (the request never leaves n8n).
 * Not while the emulator is on, when the subdomain is not used.
 */
const refusedSubdomainNotice: INodeProperties = {
	displayName: REFUSED_SUBDOMAIN_SENTENCE,
	name: 'refusedSubdomainNotice',
	type: 'notice',
	default: '',
	displayOptions: {
		// Hidden for what the rule accepts, an empty field (n8n marks it as required) and an expression
		// (judged once n8n resolves it): a show rule would let every expression through.
		hide: {
			subdomain: ['', { _cnd: { regex: CASELESS_SUBDOMAIN_PATTERN } }, { _cnd: { startsWith: '=' } }],
			useLocalEmulator: [true],
		},
	},
};

/** The Subdomain field and what it says when its value is refused. */
export const subdomainProperties: INodeProperties[] = [subdomainProperty, refusedSubdomainNotice];

/**
 * Local testing only, behind an explicit switch: while "Use Local Emulator" is
 * off, n8n hides the URL field and drops its value, and `resolveBaseUrl`
 * ignores it, so requests can only go to https://{subdomain}.zendesk.com.
 */
export const useLocalEmulatorProperty: INodeProperties = {
	displayName: 'Use Local Emulator',
	name: 'useLocalEmulator',
	type: 'boolean',
	default: false,
	description: 'Whether to send requests to a Zendesk emulator on this machine instead of Zendesk (for local testing only)',
};

export const localEmulatorUrlProperty: INodeProperties = {
	displayName: 'Local Emulator URL',
	name: 'localEmulatorUrl',
	type: 'string',
	displayOptions: { show: { useLocalEmulator: [true] } },
	default: 'http://127.0.0.1:4010',
	placeholder: 'http://127.0.0.1:4010',
	description: 'Only http://127.0.0.1:PORT or http://localhost:PORT is accepted; any other value is refused',
};

/**
 * The visible "Base URL Override" of 0.1.x, kept as a hidden field so that
 * credentials saved with it keep working (loopback URLs only, as before).
 * New credentials use the switch above.
 */
export const legacyBaseUrlOverrideProperty: INodeProperties = {
	displayName: 'Base URL Override (Before 0.2)',
	name: 'baseUrlOverride',
	type: 'hidden',
	default: '',
};

/**
 * n8n's own "Allowed HTTP Request Domains" of a credential (n8n adds a visible
 * pair, default "All", to every credential that lacks them), fixed to the
 * account's host: in n8n's HTTP Request and GraphQL nodes the credential is
 * then only ever sent to https://{subdomain}.zendesk.com (or the loopback
 * emulator), the same rule as this package's nodes. Hidden, so that a workflow
 * builder cannot widen it; the host follows the Subdomain.
 */
export const httpRequestDomainProperties: INodeProperties[] = [
	{ displayName: 'Allowed HTTP Request Domains', name: 'allowedHttpRequestDomains', type: 'hidden', default: 'domains' },
	{ displayName: 'Allowed Domains', name: 'allowedDomains', type: 'hidden', default: zendeskHostExpression() },
];

export const localEmulatorProperties: INodeProperties[] = [
	useLocalEmulatorProperty,
	localEmulatorUrlProperty,
	legacyBaseUrlOverrideProperty,
];

/**
 * What the Test says for each refusal. `/users/me` answers 200 with an
 * anonymous user when the credentials are wrong, so a 200 alone proves
 * nothing: the user must have an id. n8n's credentials tester (1.x and 2.x)
 * reads both kinds of rule from one list: a status on a failed request, the
 * body on a successful one; its type names one kind per list.
 */
const TEST_RULES: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message: 'Zendesk found no account user at this address: check the Subdomain (the part before .zendesk.com in your Zendesk address)',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Zendesk did not accept the credential: check its Subdomain, and its Email and API Token (an API token credential) or reconnect it (OAuth2)',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message: "Zendesk refused the credential's user: check that the user is an agent or admin, and the OAuth2 Scope",
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'user.id',
			value: null,
			message: 'Zendesk did not recognise this credential (it answered as an anonymous user): reconnect it, and check its Subdomain',
		},
	},
];

export const credentialTest: ICredentialTestRequest = {
	request: {
		baseURL: zendeskUrlExpression('/api/v2', { source: '$credentials' }),
		url: '/users/me.json',
		method: 'GET',
	},
	// n8n shows the message of the first rule that matches; a failure no rule names (a host that does not exist) reads as n8n's own code.
	rules: TEST_RULES as IAuthenticateRuleResponseSuccessBody[],
};
