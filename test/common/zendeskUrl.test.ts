import type { ICredentialType, IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ZendeskTicketApi } from '../../credentials/ZendeskTicketApi.credentials';
import { ZendeskTicketOAuth2Api } from '../../credentials/ZendeskTicketOAuth2Api.credentials';
import { credentialTest } from '../../credentials/zendeskTicketShared';
import {
	LOOPBACK_BASE_URL_PATTERN,
	REFUSED_SUBDOMAIN_SENTENCE,
	SUBDOMAIN_PATTERN,
	normalizeSubdomain,
	resolveBaseUrl,
	zendeskUrlExpression,
} from '../../common/zendeskUrl';
import { foreignOAuthUrl } from '../../common/client/connection';
import { evaluateCredentialExpression } from '../harness/expressions';
import {
	ACCEPTED,
	LOOPBACK_ACCEPTED,
	LOOPBACK_REFUSED,
	NON_TEXT_OVERRIDES,
	NON_TEXT_SUBDOMAINS,
	REFUSED,
	UNSET_OVERRIDES,
} from '../harness/subdomains';

const INVALID = 'invalid-zendesk-url://check-the-credential';
const REFUSED_BASE = 'refused';

/** A short, readable name for a table value (some are 200 characters long). */
function show(value: unknown): string {
	if (typeof value === 'string' && value.length > 40) return `${JSON.stringify(value.slice(0, 24))}… (${value.length} characters)`;
	return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** [name, credential fields, the base URL both rules must give, or REFUSED_BASE]. */
type Row = [string, IDataObject, string];

const ROWS: Row[] = [
	...ACCEPTED.map(([input, label]): Row => [`subdomain ${show(input)}`, { subdomain: input }, `https://${label}.zendesk.com`]),
	...REFUSED.map(([input, why]): Row => [`subdomain ${show(input)} (${why})`, { subdomain: input }, REFUSED_BASE]),
	...NON_TEXT_SUBDOMAINS.map(
		([input, why]): Row => [`subdomain ${show(input)} (${why})`, { subdomain: input } as IDataObject, REFUSED_BASE],
	),
	...LOOPBACK_ACCEPTED.map(([input, base]): Row => [`override ${show(input)}`, { subdomain: 'acme', baseUrlOverride: input }, base]),
	...LOOPBACK_REFUSED.map(
		([input, why]): Row => [`override ${show(input)} (${why})`, { subdomain: 'acme', baseUrlOverride: input }, REFUSED_BASE],
	),
	...NON_TEXT_OVERRIDES.map(
		([input, why]): Row => [`override ${show(input)} (${why})`, { subdomain: 'acme', baseUrlOverride: input } as IDataObject, REFUSED_BASE],
	),
	...UNSET_OVERRIDES.map(
		([input, why]): Row => [
			`override ${show(input)} (${why}) uses the subdomain`,
			{ subdomain: 'acme', baseUrlOverride: input } as IDataObject,
			'https://acme.zendesk.com',
		],
	),
	[
		'a loopback override does not need a subdomain',
		{ subdomain: 'evil.com', baseUrlOverride: 'http://localhost:4010' },
		'http://localhost:4010',
	],
	['a refused override does not fall back to the subdomain', { subdomain: 'acme', baseUrlOverride: 'http://evil.com:80' }, REFUSED_BASE],
	['a non-text override does not fall back to the subdomain', { subdomain: 'acme', baseUrlOverride: 5 }, REFUSED_BASE],
	// The "Use Local Emulator" switch and its URL field (0.2+); baseUrlOverride above is the 0.1.x field, still honoured.
	...LOOPBACK_ACCEPTED.map(
		([input, base]): Row => [
			`switch on, Local Emulator URL ${show(input)}`,
			{ subdomain: 'acme', useLocalEmulator: true, localEmulatorUrl: input },
			base,
		],
	),
	...[...LOOPBACK_REFUSED, ...NON_TEXT_OVERRIDES, ...UNSET_OVERRIDES].map(
		([input, why]): Row => [
			`switch on, Local Emulator URL ${show(input)} (${why}) is refused, never Zendesk`,
			{ subdomain: 'acme', useLocalEmulator: true, localEmulatorUrl: input } as IDataObject,
			REFUSED_BASE,
		],
	),
	[
		'switch off: the Local Emulator URL is ignored',
		{ subdomain: 'acme', useLocalEmulator: false, localEmulatorUrl: 'http://127.0.0.1:4010' },
		'https://acme.zendesk.com',
	],
	[
		'switch off: a foreign Local Emulator URL is ignored too',
		{ subdomain: 'acme', useLocalEmulator: false, localEmulatorUrl: 'https://evil.example' },
		'https://acme.zendesk.com',
	],
	[
		'only true turns the switch on',
		{ subdomain: 'acme', useLocalEmulator: 'true', localEmulatorUrl: 'http://127.0.0.1:4010' },
		'https://acme.zendesk.com',
	],
	[
		'switch on: the URL field wins over a 0.1.x override',
		{ subdomain: 'acme', useLocalEmulator: true, localEmulatorUrl: 'http://127.0.0.1:4010', baseUrlOverride: 'http://localhost:9' },
		'http://127.0.0.1:4010',
	],
	[
		'switch off: a 0.1.x override still applies (loopback only)',
		{ subdomain: 'acme', useLocalEmulator: false, baseUrlOverride: 'http://localhost:4011' },
		'http://localhost:4011',
	],
	[
		'switch off: a foreign 0.1.x override is refused, never Zendesk',
		{ subdomain: 'acme', useLocalEmulator: false, baseUrlOverride: 'https://evil.example' },
		REFUSED_BASE,
	],
];

/** The node's rule. */
function byNode(fields: IDataObject): string {
	try {
		return resolveBaseUrl(fields);
	} catch {
		return REFUSED_BASE;
	}
}

/** The rule of the credential expressions, as n8n's expression engine evaluates them; `path` is cut off again. */
function byExpression(expression: string, fields: IDataObject, path: string): string {
	const url = evaluateCredentialExpression(expression, fields);
	if (url === INVALID) return REFUSED_BASE;
	expect(typeof url === 'string' && url.endsWith(path)).toBe(true);
	return (url as string).slice(0, -path.length);
}

const oauth = new ZendeskTicketOAuth2Api();
const defaultOf = (name: string) => oauth.properties.find((p) => p.name === name)?.default as string;
const LIFETIMES = '?expires_in=7200&refresh_token_expires_in=7689600';
/** The lifetime fields as n8n fills them in from their defaults (2 hours, 89 days). */
const DEFAULT_LIFETIMES = { accessLifetimeHours: 2, refreshLifetimeDays: 89 };

describe('one subdomain rule: the node and the credential expressions agree on every row', () => {
	it.each(ROWS)('%s', (_name, fields, expected) => {
		expect(byNode(fields)).toBe(expected);
		expect(byExpression(zendeskUrlExpression('/oauth/tokens'), fields, '/oauth/tokens')).toBe(expected);
		// the credential test request reads the fields as $credentials
		expect(byExpression(credentialTest.request.baseURL as string, fields, '/api/v2')).toBe(expected);
		// the OAuth2 credential's own hidden fields
		expect(byExpression(defaultOf('authUrl'), fields, '/oauth/authorizations/new')).toBe(expected);
		const withLifetimes = { ...DEFAULT_LIFETIMES, ...fields };
		expect(byExpression(defaultOf('accessTokenUrl'), withLifetimes, `/oauth/tokens${LIFETIMES}`)).toBe(expected);
		// n8n's Allowed Domains of the HTTP Request node: the same base's host name, and no host at all when refused
		const host = evaluateCredentialExpression(defaultOf('allowedDomains'), fields);
		expect(host).toBe(expected === REFUSED_BASE ? INVALID : new URL(expected).hostname);
		expect(defaultOf('allowedHttpRequestDomains')).toBe('domains');
	});

	it.each(ROWS.filter(([, , expected]) => expected !== REFUSED_BASE))(
		'%s: the node accepts the OAuth2 URLs the credential builds',
		(_name, fields, expected) => {
			const resolved: IDataObject = {
				authUrl: evaluateCredentialExpression(defaultOf('authUrl'), fields) as string,
				accessTokenUrl: evaluateCredentialExpression(defaultOf('accessTokenUrl'), { ...DEFAULT_LIFETIMES, ...fields }) as string,
			};
			expect(foreignOAuthUrl(resolved, expected)).toBeUndefined();
		},
	);
});

describe('OAuth2 URLs the node accepts', () => {
	const base = 'https://acme.zendesk.com';
	const own = { authUrl: `${base}/oauth/authorizations/new`, accessTokenUrl: `${base}/oauth/tokens${LIFETIMES}` };

	it.each<[IDataObject, string]>([
		[{}, 'the URLs the credential builds'],
		[{ accessTokenUrl: `${base}/oauth/tokens` }, 'the token URL without a query'],
		[{ accessTokenUrl: 'HTTPS://ACME.Zendesk.com/oauth/tokens?expires_in=600' }, 'the same host in other letter case'],
	])('accepts %j (%s)', (fields) => {
		expect(foreignOAuthUrl({ ...own, ...fields }, base)).toBeUndefined();
	});

	it.each<[IDataObject, string, string]>([
		[{ accessTokenUrl: undefined }, 'accessTokenUrl', 'missing'],
		[{ accessTokenUrl: 42 }, 'accessTokenUrl', 'not text'],
		[{ accessTokenUrl: 'not a url' }, 'accessTokenUrl', 'not a URL'],
		[{ accessTokenUrl: `${base}:443/oauth/tokens` }, 'accessTokenUrl', 'the default port spelled out'],
		[{ accessTokenUrl: ` ${base}/oauth/tokens` }, 'accessTokenUrl', 'a leading space the parser drops'],
		[{ accessTokenUrl: `${base}/oauth/tokens/` }, 'accessTokenUrl', 'a trailing slash'],
		[{ accessTokenUrl: `${base}/oauth/%74okens` }, 'accessTokenUrl', 'a percent-encoded path'],
		[{ authUrl: `${base}/oauth/authorizations/new?x=1` }, 'authUrl', 'a query on the authorization URL'],
		[{ authUrl: 'https://acme.zendesk.com.evil.example/oauth/authorizations/new' }, 'authUrl', 'another host'],
	])('refuses %j in %s (%s)', (fields, field) => {
		expect(foreignOAuthUrl({ ...own, ...fields }, base)?.field).toBe(field);
	});
});

describe('subdomain normalisation', () => {
	it.each(ACCEPTED)('accepts %j as %s', (input, expected) => {
		expect(normalizeSubdomain(input)).toBe(expected);
	});

	it.each(REFUSED)('refuses %j (%s) with a message that says what to type', (input) => {
		expect(() => normalizeSubdomain(input)).toThrow(/Zendesk subdomain/);
	});

	it.each(NON_TEXT_SUBDOMAINS)('refuses %j (%s) as empty', (input) => {
		expect(() => normalizeSubdomain(input)).toThrow(/empty/);
	});
});

describe('base URL override (loopback only)', () => {
	it.each([...LOOPBACK_REFUSED, ...NON_TEXT_OVERRIDES])('refuses %j (%s) with a message that says what is accepted', (input) => {
		expect(() => resolveBaseUrl({ subdomain: 'acme', baseUrlOverride: input })).toThrow(/only accepts http:\/\/127\.0\.0\.1:PORT/);
	});
});

describe('token lifetimes: hours and days in the form, seconds in the token URL', () => {
	const tokenUrl = (fields: IDataObject) =>
		evaluateCredentialExpression(defaultOf('accessTokenUrl'), { subdomain: 'acme', grantType: 'authorizationCode', ...fields });

	it.each<[string, IDataObject, string]>([
		['the defaults: 2 hours and 89 days', DEFAULT_LIFETIMES, LIFETIMES],
		['hours and days converted', { accessLifetimeHours: 8, refreshLifetimeDays: 30 }, '?expires_in=28800&refresh_token_expires_in=2592000'],
		[
			'a 0.1.x credential keeps its seconds while the new fields are at their defaults',
			{ ...DEFAULT_LIFETIMES, expiresIn: 3600, refreshExpiresIn: 1209600 },
			'?expires_in=3600&refresh_token_expires_in=1209600',
		],
		[
			'a changed hours or days value wins over 0.1.x seconds',
			{ accessLifetimeHours: 4, refreshLifetimeDays: 60, expiresIn: 3600, refreshExpiresIn: 1209600 },
			'?expires_in=14400&refresh_token_expires_in=5184000',
		],
		[
			'client credentials ask for no refresh lifetime (n8n drops the hidden days field)',
			{ grantType: 'clientCredentials', accessLifetimeHours: 2 },
			'?expires_in=7200',
		],
	])('%s', (_name, fields, query) => {
		expect(tokenUrl(fields)).toBe(`https://acme.zendesk.com/oauth/tokens${query}`);
	});

	it('Refresh Token Lifetime is shown only for the grant types that get refresh tokens', () => {
		const days = oauth.properties.find((p) => p.name === 'refreshLifetimeDays');
		expect(days?.displayOptions).toEqual({ show: { grantType: ['authorizationCode', 'pkce'] } });
	});

	it("Subdomain comes first among the credential's own fields, and the local override only behind its switch", () => {
		expect(oauth.properties[0].name).toBe('subdomain');
		const url = oauth.properties.find((p) => p.name === 'localEmulatorUrl');
		expect(url?.displayOptions).toEqual({ show: { useLocalEmulator: [true] } });
		expect(oauth.properties.find((p) => p.name === 'baseUrlOverride')?.type).toBe('hidden');
	});

	it('scope options read as Zendesk spells the scopes', () => {
		const names = (oauth.properties.find((p) => p.name === 'scopePreset')?.options ?? []).map((o) => ('name' in o ? o.name : ''));
		expect(names).toEqual(['read write', 'read write impersonate', 'tickets:read tickets:write', 'Custom']);
	});
});

describe('the patterns fit inside an n8n expression', () => {
	it('use no braces, which could end `={{ }}` early', () => {
		expect(SUBDOMAIN_PATTERN).not.toMatch(/[{}]/);
		expect(LOOPBACK_BASE_URL_PATTERN).not.toMatch(/[{}]/);
	});

	it.each(['authUrl', 'accessTokenUrl'])('the %s expression closes only at its end', (name) => {
		const expression = defaultOf(name);
		expect(expression.startsWith('={{')).toBe(true);
		expect(expression.indexOf('}}')).toBe(expression.length - 2);
	});
});

describe('the credential form warns under Subdomain while the value is refused, before any Test', () => {
	const credentials = [new ZendeskTicketOAuth2Api(), new ZendeskTicketApi()];
	const noticeOf = (credential: ICredentialType) => credential.properties.find((p) => p.name === 'refusedSubdomainNotice')!;
	/** As n8n's form decides it (NodeHelpers.displayParameter, the same in the editor), with the form's defaults. */
	const shown = (credential: ICredentialType, fields: IDataObject) =>
		NodeHelpers.displayParameter({ useLocalEmulator: false, ...fields } as INodeParameters, noticeOf(credential), null, null);

	describe.each(credentials.map((c) => [c.name, c] as const))('%s', (_name, credential) => {
		it('says what the node says, right after the Subdomain field', () => {
			const names = credential.properties.map((p) => p.name);
			expect(names.indexOf('refusedSubdomainNotice')).toBe(names.indexOf('subdomain') + 1);
			expect(noticeOf(credential).displayName).toBe(REFUSED_SUBDOMAIN_SENTENCE);
			expect(() => normalizeSubdomain('acme.zendesk.com.evil.com')).toThrow(REFUSED_SUBDOMAIN_SENTENCE);
		});

		it.each(ACCEPTED)('%j: no warning', (input) => {
			expect(shown(credential, { subdomain: input })).toBe(false);
		});

		it.each(REFUSED.filter(([input]) => input !== ''))('%j (%s): the warning', (input) => {
			expect(shown(credential, { subdomain: input })).toBe(true);
		});

		it.each([
			['empty (n8n marks the required field itself)', { subdomain: '' }],
			['an expression (judged once n8n resolves it)', { subdomain: '={{ $secrets.zendesk.subdomain }}' }],
			['refused, with the local emulator on (the subdomain is not used)', { subdomain: 'evil.com', useLocalEmulator: true }],
		])('%s: no warning', (_case, fields) => {
			expect(shown(credential, fields)).toBe(false);
		});
	});
});
