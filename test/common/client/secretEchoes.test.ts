import nock from 'nock';

import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';
import { captureLogs, echoOf, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

/** With OAuth2 the access token is refreshed first, so the echo also holds tokens issued in the middle of the run. */
function refreshFirst(authentication: string, path: string) {
	if (authentication !== 'oAuth2') return;
	zendesk()
		.get(path)
		.times(2)
		.reply(401, { error: 'invalid_token' })
		.post('/oauth/tokens')
		.query(true)
		.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-new', token_type: 'bearer', expires_in: 7200 });
}

describe.each(['apiToken', 'oAuth2'])('%s: a server that echoes every form of every secret', (authentication) => {
	const echo = echoOf(authentication);

	it.each([
		['an error description', () => zendesk().get('/api/v2/tickets/1').reply(400, { error: 'BadRequest', description: echo })],
		['an error title', () => zendesk().get('/api/v2/tickets/1').reply(422, { error: echo })],
		[
			'error details',
			() =>
				zendesk()
					.get('/api/v2/tickets/1')
					.reply(422, { error: 'RecordInvalid', details: { base: [{ description: echo }] } }),
		],
		['a plain-text 429', () => zendesk().get('/api/v2/tickets/1').reply(429, echo, { 'Retry-After': '600', 'Content-Type': 'text/plain' })],
		['a 500 page', () => zendesk().get('/api/v2/tickets/1').reply(500, `<html>${echo}</html>`)],
		[
			'a reset whose message echoes',
			() =>
				zendesk()
					.get('/api/v2/tickets/1')
					.times(5)
					.replyWithError(Object.assign(new Error(echo), { code: 'ECONNRESET' })),
		],
		[
			'a redirect whose target echoes',
			() =>
				zendesk()
					.get('/api/v2/tickets/1')
					.reply(302, echo, { Location: `https://evil.example/?t=${encodeURIComponent(echo)}` }),
		],
		[
			'a ticket in a successful answer',
			() =>
				zendesk()
					.get('/api/v2/tickets/1')
					.reply(200, { ticket: ticket(1, { subject: echo, description: `x ${echo}` }) }),
		],
	])('in %s leaks nothing', async (_name, mock) => {
		refreshFirst(authentication, '/api/v2/tickets/1');
		mock();
		const result = await runNode({
			parameters: { authentication, operation: 'get', ticketId: '1', requestOptions: { maxRateLimitWait: 0 } },
			continueOnFail: true,
		});
		expect(result.json).toHaveLength(1);
		expectPromisesKept(result, 1, logged);
	});
});

describe('redaction leaves data alone', () => {
	it("ticket text that merely looks like a credential is the builder's data and stays", async () => {
		const subject = 'Reset my password: hunter2, Authorization: Bearer abcdefghijkl';
		zendesk()
			.get('/api/v2/tickets/1')
			.reply(200, { ticket: ticket(1, { subject }) });
		const result = await runNode({ parameters: { operation: 'get', ticketId: '1' } });
		expect(result.json[0].subject).toBe(subject);
	});
});
