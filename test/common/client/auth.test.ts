import { credentialOf } from '../../../common/authentication';
import { currentSecrets, getConnection } from '../../../common/client/connection';
import { TEST_CREDENTIALS, editorContext, runNode } from '../../harness/run';
import { ZENDESK, basic, ticket, zendesk } from '../../harness/zendesk';

describe('authentication in the engine', () => {
	it('sends Basic auth as {email}/token:{token} for the API token credential', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/42')
			.matchHeader('authorization', basic('agent@acme.test/token', 'api-token-SECRET-1234'))
			.reply(200, { ticket: ticket(42) });
		const { json, error } = await runNode({ parameters: { operation: 'get', ticketId: '42' } });
		expect(error).toBeUndefined();
		expect(json).toEqual([ticket(42)]);
		scope.done();
	});

	it('sends the stored access token as Bearer for OAuth2', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/42')
			.matchHeader('authorization', 'Bearer access-SECRET-old')
			.reply(200, { ticket: ticket(42) });
		const { json, error } = await runNode({ parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '42' } });
		expect(error).toBeUndefined();
		expect(json[0].id).toBe(42);
		scope.done();
	});

	it('refreshes on 401, retries, and persists the rotated refresh token', async () => {
		const tokenBodies: string[] = [];
		const scope = zendesk()
			.get('/api/v2/tickets/42')
			.matchHeader('authorization', 'Bearer access-SECRET-old')
			.times(2)
			.reply(401, { error: 'invalid_token', error_description: 'The access token provided is expired' })
			.post('/oauth/tokens', (body) => {
				tokenBodies.push(new URLSearchParams(body as Record<string, string>).toString());
				return true;
			})
			.query({ expires_in: '7200', refresh_token_expires_in: '7689600' })
			.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer', expires_in: 7200 })
			.get('/api/v2/tickets/42')
			.matchHeader('authorization', 'Bearer access-SECRET-new')
			.reply(200, { ticket: ticket(42) });

		const { json, error, helper } = await runNode({ parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '42' } });
		expect(error).toBeUndefined();
		expect(json[0].id).toBe(42);
		// client id and secret travel in the body, with the current refresh token
		expect(tokenBodies).toEqual([
			'refresh_token=refresh-SECRET-r1&grant_type=refresh_token&client_id=n8n-client&client_secret=client-secret-SECRET-5678',
		]);
		expect(helper.tokenUpdates).toHaveLength(1);
		expect(helper.tokenUpdates[0].oauthTokenData).toMatchObject({
			access_token: 'access-SECRET-new',
			refresh_token: 'refresh-SECRET-r2',
		});
		expect(helper.store.zendeskTicketOAuth2Api.oauthTokenData).toMatchObject({ refresh_token: 'refresh-SECRET-r2' });
		scope.done();
	});

	it('uses the rotated refresh token on the next refresh', async () => {
		const credentials = structuredClone(TEST_CREDENTIALS) as typeof TEST_CREDENTIALS;
		credentials.zendeskTicketOAuth2Api.oauthTokenData = {
			access_token: 'access-SECRET-new',
			refresh_token: 'refresh-SECRET-r2',
			token_type: 'bearer',
		};
		const scope = zendesk()
			.get('/api/v2/tickets/7')
			.times(2)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens', (body) => body.refresh_token === 'refresh-SECRET-r2')
			.query(true)
			.reply(200, { access_token: 'access-SECRET-3', refresh_token: 'refresh-SECRET-r3', token_type: 'bearer' })
			.get('/api/v2/tickets/7')
			.matchHeader('authorization', 'Bearer access-SECRET-3')
			.reply(200, { ticket: ticket(7) });
		const { error, helper } = await runNode({
			parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '7' },
			credentials,
		});
		expect(error).toBeUndefined();
		expect(helper.store.zendeskTicketOAuth2Api.oauthTokenData).toMatchObject({ refresh_token: 'refresh-SECRET-r3' });
		scope.done();
	});
});

describe('the secrets the node redacts', () => {
	const api = TEST_CREDENTIALS.zendeskTicketApi;
	const oauth = TEST_CREDENTIALS.zendeskTicketOAuth2Api;

	it('include the plain text of Basic auth, {email}/token:{token}, before the token alone', async () => {
		const context = editorContext({ parameters: { authentication: 'apiToken', operation: 'get' } });
		const { secrets } = await getConnection(context, credentialOf('apiToken'));
		expect(secrets).toEqual([`${api.email}/token:${api.apiToken}`, api.apiToken]);
	});

	it('include the client secret and both tokens for OAuth2', async () => {
		const context = editorContext({ parameters: { authentication: 'oAuth2', operation: 'get' } });
		const { secrets } = await getConnection(context, credentialOf('oAuth2'));
		expect(secrets).toEqual([oauth.clientSecret, oauth.oauthTokenData.access_token, oauth.oauthTokenData.refresh_token]);
	});

	it('leave out empty values', () => {
		expect(credentialOf('apiToken').secretsOf({ email: 'agent@acme.test', apiToken: '' })).toEqual([]);
		expect(credentialOf('oAuth2').secretsOf({ clientSecret: '', oauthTokenData: { access_token: '' } })).toEqual([]);
	});

	it('are read again by currentSecrets, so that tokens from a refresh in the middle of the run are known', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/42')
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query(true)
			.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer' })
			.get('/api/v2/tickets/42')
			.matchHeader('authorization', 'Bearer access-SECRET-new')
			.reply(200, { ticket: ticket(42) });
		const context = editorContext({ parameters: { authentication: 'oAuth2', operation: 'get' } });
		const { secrets: before } = await getConnection(context, credentialOf('oAuth2'));
		await expect(currentSecrets(context, credentialOf('oAuth2'))).resolves.toEqual(before);

		await context.helpers.httpRequestWithAuthentication.call(context, 'zendeskTicketOAuth2Api', {
			method: 'GET',
			url: `${ZENDESK}/api/v2/tickets/42`,
			json: true,
		});
		scope.done();

		const now = await currentSecrets(context, credentialOf('oAuth2'));
		expect(now).toEqual(expect.arrayContaining([oauth.clientSecret, 'access-SECRET-new', 'refresh-SECRET-r2']));
		expect(before).not.toContain('access-SECRET-new');
	});

	it('are an empty list from currentSecrets when the credential cannot be read, rather than a new error', async () => {
		const context = editorContext({ parameters: { authentication: 'oAuth2', operation: 'get' }, credentials: {} });
		await expect(currentSecrets(context, credentialOf('oAuth2'))).resolves.toEqual([]);
	});
});
