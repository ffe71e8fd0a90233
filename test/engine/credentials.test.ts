import { ZendeskTicketApi } from '../../credentials/ZendeskTicketApi.credentials';
import { ZendeskTicketOAuth2Api } from '../../credentials/ZendeskTicketOAuth2Api.credentials';
import { testCredential } from '../harness/credentialTest';
import { TEST_CREDENTIALS } from '../harness/run';
import { basic, zendesk } from '../harness/zendesk';

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
		const scope = zendesk()
			.get('/api/v2/users/me.json')
			.reply(200, anonymous);
		const oauth = new ZendeskTicketOAuth2Api();
		const result = await testCredential(oauth, { ...TEST_CREDENTIALS.zendeskTicketOAuth2Api });
		expect(result.status).toBe('Error');
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
});
