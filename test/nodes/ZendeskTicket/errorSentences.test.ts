import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { TEST_CREDENTIALS, runNode } from '../../harness/run';
import { zendesk } from '../../harness/zendesk';

/*
 * Every failure reads as what happened and what to do, with Zendesk's own
 * `error` beside it and its description after: in a workflow (the error n8n
 * shows, next to the item, so the message does not repeat it) and as an AI
 * agent's tool (which reads the message and the description as one text).
 */

type Auth = 'apiToken' | 'oAuth2';
type Mode = 'workflow' | 'tool';

interface Case {
	name: string;
	mock: (auth: Auth) => void;
	message: (auth: Auth) => string;
	description?: string;
	parameters?: IDataObject;
	credentials?: (auth: Auth) => Record<string, ICredentialDataDecryptedObject>;
	/** A credential refused before any request belongs to the run, not to an item. */
	beforeAnyItem?: boolean;
}

const TICKET = '/api/v2/tickets/999999';
const NOT_FOUND =
	"Ticket 999999: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it";
const FORBIDDEN_DESCRIPTION = 'You do not have access to this page. Please contact the account owner of this help desk for further help.';

/** Zendesk refuses the request; with OAuth2, n8n refreshes the token after a 401 and asks again, and the new token is refused too. */
function refused(scope: nock.Scope, auth: Auth, status: number, body: IDataObject): void {
	if (auth === 'apiToken' || status !== 401) {
		scope.get(TICKET).reply(status, body);
		return;
	}
	scope
		.get(TICKET)
		.times(2)
		.reply(status, body)
		.post('/oauth/tokens')
		.query(true)
		.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer' })
		.get(TICKET)
		.reply(status, body);
}

function networkError(code: string): Error {
	return Object.assign(new Error(`request failed (${code})`), { code });
}

const CASES: Case[] = [
	{
		name: 'a ticket that does not exist (404)',
		mock: (auth) => refused(zendesk(), auth, 404, { error: 'RecordNotFound', description: 'Not found' }),
		message: () => NOT_FOUND,
		description: 'Not found',
	},
	{
		name: 'a wrong token (401)',
		mock: (auth) => refused(zendesk(), auth, 401, { error: auth === 'apiToken' ? "Couldn't authenticate you" : 'invalid_token' }),
		message: (auth) =>
			auth === 'apiToken'
				? "Ticket 999999: Zendesk did not accept the credential (Couldn't authenticate you): check the credential's Email and API Token, and that token access is turned on in Zendesk Admin Center"
				: 'Ticket 999999: Zendesk did not accept the credential (invalid_token): reconnect the OAuth2 credential (its token may have been revoked or expired)',
	},
	{
		name: 'a credential without the permission (403)',
		mock: (auth) => refused(zendesk(), auth, 403, { error: 'Forbidden', description: FORBIDDEN_DESCRIPTION }),
		message: (auth) =>
			auth === 'apiToken'
				? "Ticket 999999: The credential is not allowed to do this (Forbidden): use the API token of an agent or admin whose role may do this (the credential's Email)"
				: "Ticket 999999: The credential is not allowed to do this (Forbidden): check the OAuth2 credential's Scope and the role of the Zendesk user who connected it",
		description: FORBIDDEN_DESCRIPTION,
	},
	{
		name: 'values Zendesk refuses (422 with details)',
		parameters: { operation: 'create', subject: 'Hi', description: 'Body' },
		mock: () =>
			zendesk()
				.post('/api/v2/tickets')
				.reply(422, {
					error: 'RecordInvalid',
					description: 'Record validation errors',
					details: { requester: [{ description: 'Requester: Email is not properly formatted' }] },
				}),
		message: () => 'Zendesk refused the values given (RecordInvalid): correct the values Zendesk names',
		description: 'Record validation errors — requester: Requester: Email is not properly formatted',
	},
	{
		name: 'a rate limit the run may not wait for (429)',
		parameters: { requestOptions: { maxRateLimitWait: 10 } },
		mock: () => zendesk().get(TICKET).reply(429, 'Too many requests', { 'Retry-After': '45', 'Content-Type': 'text/plain' }),
		message: () =>
			'Ticket 999999: Zendesk\'s rate limit was reached: run the item again later, or raise "Max Rate Limit Wait" under Request Options',
		description:
			'Too many requests — Zendesk asked to wait 45 seconds (Retry-After); this run already waited 0 of the 10 seconds allowed by "Max Rate Limit Wait"; Zendesk did not say the account\'s limit',
	},
	{
		name: 'an outage (503, five times)',
		mock: () => zendesk().get(TICKET).times(5).reply(503, 'Service Unavailable', { 'Content-Type': 'text/plain' }),
		message: () => 'Ticket 999999: Zendesk is temporarily unavailable (503): try again in a few minutes (status.zendesk.com lists outages)',
		description: 'Service Unavailable',
	},
	{
		name: 'a timeout (five times)',
		mock: () => zendesk().get(TICKET).times(5).replyWithError(networkError('ECONNABORTED')),
		message: () => 'Ticket 999999: Zendesk did not answer in time: run the item again, or raise "Timeout" under Request Options',
	},
	{
		name: 'a redirect',
		mock: () => zendesk().get(TICKET).reply(302, '', { Location: 'https://other.example/x' }),
		message: () => 'Ticket 999999: Zendesk answered with a redirect (302) to other.example, which the node does not follow',
		description:
			"Credentials are only ever sent to https://acme.zendesk.com. A redirect usually means a wrong subdomain or an account that moved: check the credential's Subdomain.",
	},
	{
		name: 'a host that does not exist (ENOTFOUND)',
		mock: () => zendesk().get(TICKET).replyWithError(networkError('ENOTFOUND')),
		message: () =>
			"Ticket 999999: Zendesk's address could not be found: check the credential's Subdomain (or Local Emulator URL) and the network",
	},
	{
		name: 'a certificate that cannot be verified (TLS)',
		mock: () => zendesk().get(TICKET).replyWithError(networkError('CERT_HAS_EXPIRED')),
		message: () =>
			"Ticket 999999: The secure connection to Zendesk could not be verified (CERT_HAS_EXPIRED): a proxy or firewall may be intercepting HTTPS: check n8n's network and its trusted certificates",
	},
	{
		name: 'a subdomain that is not one',
		credentials: (auth) => {
			const type = auth === 'apiToken' ? 'zendeskTicketApi' : 'zendeskTicketOAuth2Api';
			return { ...TEST_CREDENTIALS, [type]: { ...TEST_CREDENTIALS[type], subdomain: 'acme.evil.com' } };
		},
		beforeAnyItem: true,
		mock: () => undefined,
		message: () =>
			'The Zendesk subdomain is not valid: only "acme", "acme.zendesk.com" or "https://acme.zendesk.com/" forms are accepted, so that credentials are never sent to another host. Enter your Zendesk subdomain, e.g. "acme" for https://acme.zendesk.com (the full https://acme.zendesk.com URL also works).',
		description:
			'Open the credential and correct the Subdomain (or, with Use Local Emulator on, the Local Emulator URL). No request was sent.',
	},
];

/** What an AI agent's model reads: the message as a sentence, then the description. */
function asToolText(message: string, description: string | undefined): string {
	return `${message}${/[.!?]$/.test(message) ? '' : '.'}${description ? ` ${description}` : ''}`;
}

async function failureIn(mode: Mode, auth: Auth, c: Case) {
	const result = await runNode({
		parameters: { authentication: auth, operation: 'get', ticketId: '999999', ...c.parameters },
		credentials: c.credentials?.(auth),
		asTool: mode === 'tool',
	});
	return result;
}

describe.each<Auth>(['apiToken', 'oAuth2'])('error sentences with the %s credential', (auth) => {
	it.each(CASES.map((c) => [c.name, c] as const))('in a workflow: %s', async (_name, c) => {
		c.mock(auth);
		const { error } = await failureIn('workflow', auth, c);
		expect(error?.message).toBe(c.message(auth));
		expect(error?.description ?? undefined).toBe(c.description);
		expect(error?.message).not.toMatch(/\[item/);
		expect(error?.context?.itemIndex).toBe(c.beforeAnyItem ? undefined : 0);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it.each(CASES.map((c) => [c.name, c] as const))('as a tool: %s', async (_name, c) => {
		c.mock(auth);
		const result = await failureIn('tool', auth, c);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ error: asToolText(c.message(auth), c.description) }]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('with continue-on-fail: the same sentence and description in the error item', async () => {
		refused(zendesk(), auth, 404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({
			parameters: { authentication: auth, operation: 'get', ticketId: '999999' },
			continueOnFail: true,
		});
		expect(result.output).toEqual([{ json: { error: NOT_FOUND, description: 'Not found' }, pairedItem: { item: 0 } }]);
	});
});

const NOT_CONNECTED =
	'Ticket 999999: The OAuth2 credential is not connected to Zendesk yet: open it and click "Connect my account", or set its Grant Type to Client Credentials';
const NOT_CONNECTED_DESCRIPTION =
	'With Authorization Code or PKCE, a Zendesk user approves access once; with Client Credentials, n8n gets a token by itself. No request was sent to Zendesk.';
const { oauthTokenData: _token, ...UNCONNECTED } = TEST_CREDENTIALS.zendeskTicketOAuth2Api;

describe.each<Mode>(['workflow', 'tool'])('OAuth2 credential states, %s', (mode) => {
	async function failure(oauth: IDataObject) {
		const result = await runNode({
			parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '999999' },
			credentials: { zendeskTicketOAuth2Api: oauth as ICredentialDataDecryptedObject },
			asTool: mode === 'tool',
		});
		if (mode === 'tool') return result.json[0].error;
		return { message: result.error?.message, description: result.error?.description };
	}
	const expected = (message: string, description: string) =>
		mode === 'tool' ? asToolText(message, description) : { message, description };

	it.each([
		['never connected (no token data)', UNCONNECTED],
		['a Connect that never finished (token data without an access token)', { ...UNCONNECTED, oauthTokenData: {} }],
		['PKCE, never connected', { ...UNCONNECTED, grantType: 'pkce' }],
	])('%s: says to connect it, or to use client credentials', async (_name, oauth) => {
		await expect(failure(oauth)).resolves.toEqual(expected(NOT_CONNECTED, NOT_CONNECTED_DESCRIPTION));
	});

	it('a refused refresh: says to reconnect it', async () => {
		zendesk()
			.get(TICKET)
			.times(2)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query(true)
			.reply(400, { error: 'invalid_grant', error_description: 'The refresh token is invalid' });
		await expect(failure(TEST_CREDENTIALS.zendeskTicketOAuth2Api)).resolves.toEqual(
			expected(
				'Ticket 999999: Zendesk refused to refresh the OAuth2 token: reconnect the credential',
				'The refresh token was revoked, expired, or already used. When several workflows or workers share this credential on n8n 1.x, one may have refreshed it at the same moment (see "Sharing one credential" in the README); otherwise open the credential and reconnect it.',
			),
		);
	});
});
