import nock from 'nock';

import { credentialOf } from '../../../common/authentication';
import { getConnection } from '../../../common/client/connection';
import { TEST_CREDENTIALS, editorContext, runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

/**
 * A stored or imported OAuth2 credential can carry its own values for the
 * hidden Authorization URL and Access Token URL fields. n8n-core's refresh
 * posts the refresh token and the client secret to the Access Token URL, so
 * the node must refuse any URL that is not the account's own before it sends
 * anything at all.
 */

/** Every request that tried to leave, whether or not an interceptor answered it. */
let attempts: string[] = [];
const onRequest = (req: { hostname?: string; host?: string; path?: string }) => {
	attempts.push(`${req.hostname ?? req.host}${req.path ?? ''}`);
};

beforeEach(() => {
	attempts = [];
	nock.emitter.on('no match', onRequest);
});
afterEach(() => {
	nock.emitter.removeListener('no match', onRequest);
});

/** An attacker's token endpoint that would happily take the refresh token. */
function evilHost(host = 'https://evil.example') {
	return nock(host)
		.intercept(/.*/, 'POST')
		.query(true)
		.times(Infinity)
		.reply((uri) => {
			attempts.push(`${host}${uri}`);
			return [200, { access_token: 'stolen', refresh_token: 'stolen', token_type: 'bearer' }];
		})
		.intercept(/.*/, 'GET')
		.query(true)
		.times(Infinity)
		.reply((uri) => {
			attempts.push(`${host}${uri}`);
			return [200, {}];
		});
}

/** Zendesk answering with an expired token, so that n8n-core would refresh. */
function expiredZendesk() {
	return zendesk()
		.get('/api/v2/tickets/42')
		.times(2)
		.reply(401, { error: 'invalid_token', error_description: 'The access token provided is expired' })
		.post(/.*/)
		.query(true)
		.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer' })
		.get('/api/v2/tickets/42')
		.reply(200, { ticket: ticket(42) });
}

/** Gets ticket 42 with an OAuth2 credential whose stored fields are these. */
const getTicketWith = (fields: Record<string, unknown>) =>
	runNode({
		parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '42' },
		credentials: { zendeskTicketOAuth2Api: { ...TEST_CREDENTIALS.zendeskTicketOAuth2Api, ...fields } },
	});

async function runWith(fields: Record<string, unknown>) {
	evilHost();
	evilHost('https://acme.zendesk.com.evil.example');
	expiredZendesk();
	const before = recorded.length;
	const result = await getTicketWith(fields);
	return { result, zendeskRequests: recorded.length - before };
}

const STOLEN_TOKEN_URLS: Array<[string, string]> = [
	['https://evil.example/oauth/tokens', 'another host'],
	['https://evil.example/oauth/tokens?expires_in=7200&refresh_token_expires_in=7689600', 'another host with the lifetimes'],
	['https://acme.zendesk.com.evil.example/oauth/tokens', 'the account host as a label of another host'],
	['HTTPS://ACME.ZENDESK.COM.EVIL.EXAMPLE/oauth/tokens', 'upper-case variant of that'],
	['https://acme.zendesk.com@evil.example/oauth/tokens', 'the account host as userinfo'],
	['https://acme.zendesk.com:x@evil.example/oauth/tokens', 'the account host as userinfo with a password'],
	['https://evil.example/https://acme.zendesk.com/oauth/tokens', 'the account URL as a path'],
	['https://evil.example?https://acme.zendesk.com/oauth/tokens', 'the account URL as a query'],
	['//evil.example/oauth/tokens', 'scheme-relative'],
	['http://acme.zendesk.com/oauth/tokens', 'plain http to the account host'],
	['https://acme.zendesk.com:8443/oauth/tokens', 'another port'],
	['https://other.zendesk.com/oauth/tokens', 'another Zendesk account'],
	['https://acme.zendesk.com/evil/oauth/tokens', 'another path on the account host'],
	['https://acme.zendesk.com/oauth/tokens/../../evil', 'dot segments'],
	['https://acme.zendesk.com/oauth/tok\tens', 'a tab the URL parser drops'],
	['https://acme.zendesk.com\\@evil.example/oauth/tokens', 'backslash and @'],
	['https://user@acme.zendesk.com/oauth/tokens', 'userinfo on the account host'],
	['https://acme.zendesk.com/oauth/tokens#@evil.example', 'a fragment'],
	['', 'empty'],
];

const STOLEN_AUTH_URLS: Array<[string, string]> = [
	['https://evil.example/oauth/authorizations/new', 'another host'],
	['https://acme.zendesk.com.evil.example/oauth/authorizations/new', 'the account host as a label of another host'],
	['https://ACME.zendesk.com@evil.example/oauth/authorizations/new', 'the account host as userinfo'],
	['https://acme.zendesk.com/oauth/authorizations/new/../../../evil', 'dot segments'],
	['https://acme.zendesk.com/oauth/authorizations/new?redirect=https://evil.example', 'a query'],
	['https://acme.zendesk.com/OAuth/Authorizations/New', 'another path (case)'],
];

describe('stored OAuth2 URLs that are not the account’s own', () => {
	it.each(STOLEN_TOKEN_URLS)('refuses Access Token URL %j (%s) before any request, refresh included', async (accessTokenUrl) => {
		const { result, zendeskRequests } = await runWith({ accessTokenUrl });
		expect(attempts).toEqual([]);
		expect(zendeskRequests).toBe(0);
		expect(result.error?.message).toMatch(/Access Token URL/);
		expect(result.error?.description).toMatch(/remove the stored Access Token URL/);
	});

	it.each(STOLEN_AUTH_URLS)('refuses Authorization URL %j (%s) before any request', async (authUrl) => {
		const { result, zendeskRequests } = await runWith({ authUrl });
		expect(attempts).toEqual([]);
		expect(zendeskRequests).toBe(0);
		expect(result.error?.message).toMatch(/Authorization URL/);
		expect(result.error?.description).toMatch(/remove the stored Authorization URL/);
	});

	it('does not echo the stored URL or its query in the error', async () => {
		const { result } = await runWith({ accessTokenUrl: 'https://evil.example/oauth/tokens?token=QUERY-SECRET-99' });
		const text = JSON.stringify({ message: result.error?.message, description: result.error?.description });
		expect(text).not.toMatch(/QUERY-SECRET-99|evil\.example/);
		expect(text).toContain('https://acme.zendesk.com/oauth/tokens');
		expect(attempts).toEqual([]);
	});

	it('refuses them in dropdowns as well', async () => {
		const zd = zendesk().get(/.*/).query(true).reply(200, { groups: [] });
		evilHost();
		const context = editorContext(
			{
				parameters: { authentication: 'oAuth2', operation: 'create' },
				credentials: {
					zendeskTicketOAuth2Api: {
						...TEST_CREDENTIALS.zendeskTicketOAuth2Api,
						accessTokenUrl: 'https://evil.example/oauth/tokens',
					},
				},
			},
			'parameters.groupId',
		);
		await expect(getConnection(context, credentialOf('oAuth2'))).rejects.toThrow(/Access Token URL/);
		expect(attempts).toEqual([]);
		expect(zd.pendingMocks()).toHaveLength(1);
	});
});

describe('the account’s own OAuth2 URLs', () => {
	it('refreshes against a stored Access Token URL that is the account’s own', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/42')
			.times(2)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query({ expires_in: '600' })
			.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer' })
			.get('/api/v2/tickets/42')
			.matchHeader('authorization', 'Bearer access-SECRET-new')
			.reply(200, { ticket: ticket(42) });
		const result = await getTicketWith({
			authUrl: 'https://acme.zendesk.com/oauth/authorizations/new',
			accessTokenUrl: 'https://acme.zendesk.com/oauth/tokens?expires_in=600',
		});
		expect(result.error).toBeUndefined();
		scope.done();
	});

	describe('while the Local Emulator URL is set', () => {
		const EMULATOR = 'http://127.0.0.1:4010';
		const emulatorTicket = () =>
			nock(EMULATOR)
				.get('/api/v2/tickets/42')
				.reply(200, { ticket: ticket(42) });

		it('accepts the loopback emulator’s token URL', async () => {
			const scope = emulatorTicket();
			const result = await getTicketWith({ baseUrlOverride: EMULATOR, accessTokenUrl: `${EMULATOR}/oauth/tokens` });
			expect(result.error).toBeUndefined();
			scope.done();
		});

		it('refuses the Zendesk token URL', async () => {
			const scope = emulatorTicket();
			const result = await getTicketWith({ baseUrlOverride: EMULATOR, accessTokenUrl: 'https://acme.zendesk.com/oauth/tokens' });
			expect(result.error?.message).toMatch(/Access Token URL/);
			expect(scope.pendingMocks()).toHaveLength(1);
		});
	});
});
