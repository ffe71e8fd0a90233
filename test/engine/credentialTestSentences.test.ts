import nock from 'nock';

import { ZendeskTicketApi } from '../../credentials/ZendeskTicketApi.credentials';
import { testCredential } from '../harness/credentialTest';
import { TEST_CREDENTIALS } from '../harness/run';
import { recorded, zendesk } from '../harness/zendesk';

/*
 * The credential dialog's Test speaks the node's sentences: what happened and
 * what to do, never a bare code (ENOTFOUND, ERR_BAD_REQUEST) and never a secret.
 */

const API = new ZendeskTicketApi();
const TOKEN = TEST_CREDENTIALS.zendeskTicketApi.apiToken;
const SUBDOMAIN_REFUSED =
	'The Zendesk subdomain is not valid: only "acme", "acme.zendesk.com" or "https://acme.zendesk.com/" forms are accepted, so that credentials are never sent to another host. Enter your Zendesk subdomain, e.g. "acme" for https://acme.zendesk.com (the full https://acme.zendesk.com URL also works). Nothing was sent.';
const WRONG_TOKEN =
	"Zendesk did not accept the credential (Couldn't authenticate you): check the credential's Email and API Token, and that token access is turned on in Zendesk Admin Center";

function withSubdomain(subdomain: string) {
	return { ...TEST_CREDENTIALS.zendeskTicketApi, subdomain };
}

describe('the API token credential test, in sentences', () => {
	it.each([
		['аcme', 'a Cyrillic look-alike letter'],
		['acme.zendesk.com.evil.com', 'zendesk.com inside another host'],
		['ａｃｍｅ', 'full-width letters'],
	])('a look-alike subdomain %j (%s) is refused with the node sentence, and nothing is sent', async (subdomain) => {
		const before = recorded.length;
		await expect(testCredential(API, withSubdomain(subdomain))).resolves.toEqual({ status: 'Error', message: SUBDOMAIN_REFUSED });
		expect(recorded.length).toBe(before);
	});

	it('a mistyped subdomain whose host does not exist says to check the subdomain, not ENOTFOUND', async () => {
		const scope = nock('https://acmee.zendesk.com')
			.get('/api/v2/users/me.json')
			.replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND acmee.zendesk.com'), { code: 'ENOTFOUND' }));
		await expect(testCredential(API, withSubdomain('acmee'))).resolves.toEqual({
			status: 'Error',
			message: "Zendesk's address could not be found: check the credential's Subdomain (or Local Emulator URL) and the network",
		});
		scope.done();
	});

	it('a wrong token (401) says what to check, with Zendesk own words', async () => {
		const scope = zendesk().get('/api/v2/users/me.json').reply(401, { error: "Couldn't authenticate you" });
		await expect(testCredential(API, TEST_CREDENTIALS.zendeskTicketApi)).resolves.toEqual({ status: 'Error', message: WRONG_TOKEN });
		scope.done();
	});

	it('a wrong token answered as the anonymous user (200 without a user id) says what to check', async () => {
		const scope = zendesk()
			.get('/api/v2/users/me.json')
			.reply(200, { user: { id: null, name: 'Anonymous user', role: 'end-user' } });
		await expect(testCredential(API, TEST_CREDENTIALS.zendeskTicketApi)).resolves.toEqual({
			status: 'Error',
			message:
				'Zendesk did not recognise these credentials (it answered as an anonymous user): check the Subdomain, and the Email and API Token, and that token access is turned on in Zendesk Admin Center',
		});
		scope.done();
	});

	it('a user without the permission (403) names the fix and Zendesk description', async () => {
		const scope = zendesk().get('/api/v2/users/me.json').reply(403, { error: 'Forbidden', description: 'You do not have access' });
		await expect(testCredential(API, TEST_CREDENTIALS.zendeskTicketApi)).resolves.toEqual({
			status: 'Error',
			message:
				"The credential is not allowed to do this (Forbidden): use the API token of an agent or admin whose role may do this (the credential's Email). You do not have access",
		});
		scope.done();
	});

	it('a redirect is not followed and is told as the node tells it', async () => {
		const scope = zendesk().get('/api/v2/users/me.json').reply(301, '', { Location: 'https://moved.example/api/v2/users/me.json' });
		await expect(testCredential(API, TEST_CREDENTIALS.zendeskTicketApi)).resolves.toEqual({
			status: 'Error',
			message:
				"Zendesk answered with a redirect (301) to moved.example, which the node does not follow. Credentials are only ever sent to https://acme.zendesk.com. A redirect usually means a wrong subdomain or an account that moved: check the credential's Subdomain.",
		});
		scope.done();
	});

	it('never shows the token, even when Zendesk echoes it back', async () => {
		const scope = zendesk()
			.get('/api/v2/users/me.json')
			.reply(401, { error: `Token ${TOKEN} is not valid`, description: `agent@acme.test/token:${TOKEN}` });
		const result = await testCredential(API, TEST_CREDENTIALS.zendeskTicketApi);
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain(TOKEN);
		expect(result.message).toMatch(/^Zendesk did not accept the credential \(Token \[redacted\] is not valid\): check/);
		scope.done();
	});

	it('sends the Basic header the credential own authenticate would, and accepts a real user', async () => {
		const scope = zendesk()
			.get('/api/v2/users/me.json')
			.matchHeader('authorization', `Basic ${Buffer.from(`agent@acme.test/token:${TOKEN}`).toString('base64')}`)
			.reply(200, { user: { id: 5001, role: 'agent' } });
		await expect(testCredential(API, TEST_CREDENTIALS.zendeskTicketApi)).resolves.toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
		scope.done();
	});
});
