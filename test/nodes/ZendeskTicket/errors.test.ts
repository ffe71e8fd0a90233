import nock from 'nock';

import { TEST_CREDENTIALS, runNode, updateEachItem } from '../../harness/run';
import { ACCEPTED, LOOPBACK_REFUSED, REFUSED } from '../../harness/subdomains';
import { recorded, zendesk } from '../../harness/zendesk';

const SECRETS = [
	TEST_CREDENTIALS.zendeskTicketApi.apiToken,
	TEST_CREDENTIALS.zendeskTicketOAuth2Api.clientSecret,
	TEST_CREDENTIALS.zendeskTicketOAuth2Api.oauthTokenData.access_token,
	TEST_CREDENTIALS.zendeskTicketOAuth2Api.oauthTokenData.refresh_token,
	'access-SECRET-new',
	'refresh-SECRET-r2',
	Buffer.from(`agent@acme.test/token:${TEST_CREDENTIALS.zendeskTicketApi.apiToken}`).toString('base64'),
];

/** Everything a user or a log could see of a run: the error and the output. */
function visible(result: Awaited<ReturnType<typeof runNode>>): string {
	const error = result.error as unknown as Record<string, unknown> | undefined;
	return JSON.stringify({
		message: error?.message,
		description: error?.description,
		context: error?.context,
		cause: error?.cause,
		errorResponse: (error as { errorResponse?: unknown } | undefined)?.errorResponse,
		output: result.json,
		resultError: result.run.data.resultData.error,
		stack: (error as { stack?: string } | undefined)?.stack,
	});
}

describe('errors', () => {
	it('shows Zendesk error, description and details and names the item', async () => {
		const scope = zendesk()
			.post('/api/v2/tickets')
			.reply(422, {
				error: 'RecordInvalid',
				description: 'Record validation errors',
				details: { requester: [{ description: 'Requester: Email is not properly formatted' }] },
			});
		const result = await runNode({ parameters: { operation: 'create', subject: 'Hi', description: 'Body' } });
		expect(result.error?.message).toBe('Zendesk refused the values given (RecordInvalid): correct the values Zendesk names');
		expect(result.error?.description).toBe('Record validation errors — requester: Requester: Email is not properly formatted');
		expect(result.error?.httpCode).toBe('422');
		scope.done();
	});

	it('turns a failing item into an error item with continue-on-fail and keeps going', async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/1')
			.reply(404, { error: 'RecordNotFound', description: 'Not found' })
			.put('/api/v2/tickets/2')
			.reply(200, { ticket: { id: 2, subject: 'ok' } });
		const result = await runNode({
			parameters: updateEachItem({ status: 'solved' }),
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{
				json: {
					error:
						"Ticket 1: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it",
					description: 'Not found',
				},
				pairedItem: { item: 0 },
			},
			{ json: { id: 2, subject: 'ok' }, pairedItem: { item: 1 } },
		]);
		scope.done();
	});

	it('never shows the API token or its Basic header in an error', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/9')
			// Error answers are read as answers, so n8n-core does not try again after this 401
			.reply(401, { error: "Couldn't authenticate you" }, { 'WWW-Authenticate': 'Basic realm="Web Password"' });
		const result = await runNode({ parameters: { operation: 'get', ticketId: '9' } });
		expect(result.error?.message).toBe(
			"Ticket 9: Zendesk did not accept the credential (Couldn't authenticate you): check the credential's Email and API Token, and that token access is turned on in Zendesk Admin Center",
		);
		const text = visible(result);
		for (const secret of SECRETS) expect(text).not.toContain(secret);
		scope.done();
	});

	it('never shows OAuth tokens or the client secret when the refresh is refused', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/9')
			.times(2)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query(true)
			.reply(400, { error: 'invalid_grant', error_description: 'The refresh token is invalid' });
		const result = await runNode({ parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '9' } });
		expect(result.error).toBeDefined();
		const text = visible(result);
		for (const secret of SECRETS) expect(text).not.toContain(secret);
		scope.done();
	});

	it('echoes no secret when Zendesk itself echoes the Authorization header back', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/9')
			.reply(400, {
				error: 'BadRequest',
				description: `Header was authorization: Bearer ${TEST_CREDENTIALS.zendeskTicketOAuth2Api.oauthTokenData.access_token}`,
			});
		const result = await runNode({ parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '9' } });
		const text = visible(result);
		for (const secret of SECRETS) expect(text).not.toContain(secret);
		expect(result.error?.description).toContain('[redacted]');
		scope.done();
	});

	it('refuses an invalid subdomain before any request is sent', async () => {
		const before = recorded.length;
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, subdomain: 'acme.evil.com' } },
		});
		expect(result.error?.message).toMatch(/Zendesk subdomain is not valid/);
		expect(recorded.length).toBe(before);
	});
});

describe('subdomain table in the engine', () => {
	it.each(ACCEPTED)('sends %j to https://%s.zendesk.com', async (subdomain, label) => {
		const scope = nock(`https://${label}.zendesk.com`)
			.get('/api/v2/tickets/1')
			.reply(200, { ticket: { id: 1 } });
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, subdomain } },
		});
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it.each(REFUSED)('refuses %j (%s) before any request', async (subdomain) => {
		const before = recorded.length;
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, subdomain } },
		});
		expect(result.error?.message).toMatch(/Zendesk subdomain/);
		expect(recorded.length).toBe(before);
	});
});

describe('base URL override in the engine', () => {
	it('sends API-token requests to the loopback emulator', async () => {
		const scope = nock('http://127.0.0.1:4010')
			.get('/api/v2/tickets/1')
			.matchHeader('authorization', /^Basic /)
			.reply(200, { ticket: { id: 1 } });
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, baseUrlOverride: 'http://127.0.0.1:4010' } },
		});
		expect(result.json).toEqual([{ id: 1 }]);
		scope.done();
	});

	it('refreshes OAuth2 tokens against the loopback emulator too', async () => {
		const scope = nock('http://localhost:4010')
			.get('/api/v2/tickets/1')
			.times(2)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query({ expires_in: '7200', refresh_token_expires_in: '7689600' })
			.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer' })
			.get('/api/v2/tickets/1')
			.matchHeader('authorization', 'Bearer access-SECRET-new')
			.reply(200, { ticket: { id: 1 } });
		const result = await runNode({
			parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '1' },
			credentials: {
				zendeskTicketOAuth2Api: { ...TEST_CREDENTIALS.zendeskTicketOAuth2Api, baseUrlOverride: 'http://localhost:4010' },
			},
		});
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it.each(LOOPBACK_REFUSED)('refuses %j (%s) before any request', async (baseUrlOverride) => {
		const before = recorded.length;
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, baseUrlOverride } },
		});
		expect(result.error?.message).toMatch(/Base URL Override only accepts/);
		expect(recorded.length).toBe(before);
	});
});
