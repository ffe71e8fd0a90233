import { TEST_CREDENTIALS, runNode } from '../../harness/run';
import { zendesk } from '../../harness/zendesk';
import { captureLogs } from '../../harness/invariants';

const api = TEST_CREDENTIALS.zendeskTicketApi;
const oauth = TEST_CREDENTIALS.zendeskTicketOAuth2Api;
const SECRETS = [
	api.apiToken,
	oauth.clientSecret,
	oauth.oauthTokenData.access_token,
	oauth.oauthTokenData.refresh_token,
	'access-SECRET-new',
	'refresh-SECRET-new',
	Buffer.from(`${api.email}/token:${api.apiToken}`).toString('base64'),
];

type Failure = [string, (echo: string) => void];

/** What a misbehaving server or proxy could echo back: the credentials this request carried. */
const ECHO: Record<string, string> = {
	apiToken: `Authorization: Basic ${SECRETS[6]} (user ${api.email}/token:${api.apiToken})`,
	oAuth2: `Authorization: Bearer ${oauth.oauthTokenData.access_token}`,
};

const FAILURES: Failure[] = [
	['400 echoing the credentials', (echo) => zendesk().get('/api/v2/tickets/1').reply(400, { error: 'BadRequest', description: echo })],
	['401', () => zendesk().get('/api/v2/tickets/1').times(2).reply(401, { error: "Couldn't authenticate you" })],
	['403', () => zendesk().get('/api/v2/tickets/1').reply(403, { error: 'Forbidden', description: 'You do not have access' })],
	['404', () => zendesk().get('/api/v2/tickets/1').reply(404, { error: 'RecordNotFound', description: 'Not found' })],
	[
		'422 with details echoing a secret',
		(echo) =>
			zendesk()
				.get('/api/v2/tickets/1')
				.reply(422, { error: 'RecordInvalid', details: { base: [{ description: echo }] } }),
	],
	[
		'429 beyond the wait budget',
		(echo) => zendesk().get('/api/v2/tickets/1').reply(429, echo, { 'Retry-After': '60', 'Content-Type': 'text/plain' }),
	],
	['500 text echoing a secret', (echo) => zendesk().get('/api/v2/tickets/1').times(5).reply(500, echo)],
	[
		'connection reset',
		(echo) =>
			zendesk()
				.get('/api/v2/tickets/1')
				.times(5)
				.replyWithError(Object.assign(new Error(`reset ${echo}`), { code: 'ECONNRESET' })),
	],
	['truncated body', () => zendesk().get('/api/v2/tickets/1').times(5).reply(200, '{"ticket":', { 'Content-Type': 'application/json' })],
];

describe('secret scan', () => {
	const logged = captureLogs();

	for (const authentication of ['apiToken', 'oAuth2']) {
		it.each(FAILURES)(`${authentication}: %s leaks nothing`, async (_name, mock) => {
			mock(ECHO[authentication]);
			logged.length = 0;
			const result = await runNode({
				parameters: { authentication, operation: 'get', ticketId: '1', requestOptions: { maxRateLimitWait: 0 } },
				continueOnFail: true,
			});
			expect(result.json).toHaveLength(1);
			// The item is the output's pairedItem (n8n shows it); the message does not repeat it.
			expect(result.output[0].pairedItem).toEqual({ item: 0 });
			expect(result.json[0].error).toEqual(expect.not.stringContaining('[item'));
			const error = result.run.data.resultData.error;
			const everything = JSON.stringify({ output: result.json, error, logged, runData: result.run.data.resultData.runData });
			for (const secret of SECRETS) expect(everything).not.toContain(secret);
		});
	}

	it('oAuth2: a refused refresh leaks nothing', async () => {
		zendesk()
			.get('/api/v2/tickets/1')
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query(true)
			.reply(400, { error: 'invalid_grant', error_description: `bad refresh token ${oauth.oauthTokenData.refresh_token}` });
		const result = await runNode({ parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '1' } });
		expect(result.error).toBeDefined();
		const everything = JSON.stringify({
			error: result.error,
			message: result.error?.message,
			description: result.error?.description,
			logged,
		});
		for (const secret of SECRETS) expect(everything).not.toContain(secret);
	});
});
