import { ZendeskTicketApi } from '../../credentials/ZendeskTicketApi.credentials';
import { ZendeskTicketOAuth2Api } from '../../credentials/ZendeskTicketOAuth2Api.credentials';
import { testCredential } from '../harness/credentialTest';
import { TEST_CREDENTIALS, runNode } from '../harness/run';
import { NON_TEXT_OVERRIDES } from '../harness/subdomains';
import { basic, recorded, zendesk } from '../harness/zendesk';

const anonymous = { user: { id: null, name: 'Anonymous user', role: 'end-user', email: 'invalid@example.com' } };
const agent = { user: { id: 5001, name: 'Agent', role: 'agent', email: 'agent@acme.test' } };

describe('credential test (GET /api/v2/users/me.json)', () => {
	it('accepts a real agent with the API token credential', async () => {
		const scope = zendesk()
			.get('/api/v2/users/me.json')
			.matchHeader('authorization', basic('agent@acme.test/token', 'api-token-SECRET-1234'))
			.reply(200, agent);
		await expect(testCredential(new ZendeskTicketApi(), TEST_CREDENTIALS.zendeskTicketApi)).resolves.toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
		scope.done();
	});

	it('rejects the anonymous user Zendesk answers with 200 for wrong credentials', async () => {
		const scope = zendesk().get('/api/v2/users/me.json').reply(200, anonymous);
		const result = await testCredential(new ZendeskTicketApi(), TEST_CREDENTIALS.zendeskTicketApi);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/anonymous user/);
		scope.done();
	});

	it('rejects the anonymous user for the OAuth2 credential too', async () => {
		const scope = zendesk().get('/api/v2/users/me.json').reply(200, anonymous);
		const oauth = new ZendeskTicketOAuth2Api();
		const result = await testCredential(oauth, { ...TEST_CREDENTIALS.zendeskTicketOAuth2Api });
		expect(result.status).toBe('Error');
		scope.done();
	});

	it.each([
		[
			401,
			'Zendesk did not accept the credential: check its Subdomain, and its Email and API Token (an API token credential) or reconnect it (OAuth2)',
		],
		[403, "Zendesk refused the credential's user: check that the user is an agent or admin, and the OAuth2 Scope"],
		[404, 'Zendesk found no account user at this address: check the Subdomain (the part before .zendesk.com in your Zendesk address)'],
	])('says what to check when Zendesk answers %s, instead of the status alone', async (status, message) => {
		const scope = zendesk().get('/api/v2/users/me.json').reply(status, { error: "Couldn't authenticate you" });
		await expect(testCredential(new ZendeskTicketApi(), TEST_CREDENTIALS.zendeskTicketApi)).resolves.toEqual({ status: 'Error', message });
		scope.done();
	});

	it('normalises a full URL in the subdomain field for the test request', async () => {
		const scope = zendesk().get('/api/v2/users/me.json').reply(200, agent);
		const result = await testCredential(new ZendeskTicketApi(), {
			...TEST_CREDENTIALS.zendeskTicketApi,
			subdomain: 'https://ACME.zendesk.com/agent/dashboard',
		});
		expect(result.status).toBe('OK');
		scope.done();
	});

	it('sends nothing for a subdomain that names another host', async () => {
		const result = await testCredential(new ZendeskTicketApi(), {
			...TEST_CREDENTIALS.zendeskTicketApi,
			subdomain: 'evil.com/acme',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Request failed/);
	});

	// The credential's expression and the node apply one rule (see test/common/zendeskUrl.test.ts).
	it.each([
		['a'.repeat(200), 'a 200-character label'],
		[`https://${'a'.repeat(64)}.zendesk.com`, 'a 64-character label in a URL'],
	])('sends nothing for %j (%s), as the node refuses it', async (subdomain) => {
		const result = await testCredential(new ZendeskTicketApi(), { ...TEST_CREDENTIALS.zendeskTicketApi, subdomain });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/check-the-credential/);
		expect(result.message).not.toMatch(/zendesk\.com/);
	});

	it.each(NON_TEXT_OVERRIDES)('sends nothing for the override %j (%s), as the node refuses it', async (baseUrlOverride) => {
		const result = await testCredential(new ZendeskTicketOAuth2Api(), {
			...TEST_CREDENTIALS.zendeskTicketOAuth2Api,
			baseUrlOverride,
		} as never);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/check-the-credential/);
	});
});

describe('a base URL override that is not text', () => {
	it.each(NON_TEXT_OVERRIDES)('is refused by the node before any request, not ignored: %j (%s)', async (baseUrlOverride) => {
		const scope = zendesk()
			.get('/api/v2/tickets/1')
			.reply(200, { ticket: { id: 1 } });
		const before = recorded.length;
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, baseUrlOverride } as never },
		});
		expect(recorded.length).toBe(before);
		expect(result.error?.message).toMatch(/Base URL Override only accepts/);
		expect(scope.isDone()).toBe(false);
	});
});
