import * as workflow from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, recorded, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

/** n8n-workflow's sleep, counted and made instant: the test counts waits instead of measuring them. */
let sleeps: jest.SpyInstance;
beforeEach(() => void (sleeps = jest.spyOn(workflow, 'sleep').mockResolvedValue(undefined)));
afterEach(() => sleeps.mockRestore());

/** What rotation.ts waits for another process to store its token: 5 s, looked at every 250 ms. */
const ROTATION_LOOKS = 5_000 / 250 + 1;

const REFUSED = {
	description:
		'The refresh token was revoked, expired, or already used. When several workflows or workers share this credential on n8n 1.x, one may have refreshed it at the same moment (see "Sharing one credential" in the README); otherwise open the credential and reconnect it.',
};

describe('an OAuth2 refresh refused during a run (revoked refresh token)', () => {
	it('fails the first item after its refresh, and every later item at once without a request or another refresh', async () => {
		const from = recorded.length;
		zendesk()
			.put(/^\/api\/v2\/tickets\/\d+$/)
			.times(Infinity)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query(true)
			.times(Infinity)
			.reply(400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked' });
		const result = await runNode({
			parameters: { authentication: 'oAuth2', operation: 'addComment', ticketId: '={{ $json.id }}', comment: 'We are on it' },
			items: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		// Item 0: the request answered as an answer (401), the same request n8n refreshes on, and n8n's one refresh.
		expect(recorded.slice(from).map((r) => [r.method, r.url])).toEqual([
			['PUT', `${ZENDESK}/api/v2/tickets/1`],
			['PUT', `${ZENDESK}/api/v2/tickets/1`],
			['POST', `${ZENDESK}/oauth/tokens?expires_in=7200&refresh_token_expires_in=7689600`],
		]);
		expect(recorded.slice(from).map((r) => r.body)).toEqual([
			{ ticket: { comment: { body: 'We are on it', public: false } } },
			{ ticket: { comment: { body: 'We are on it', public: false } } },
			'refresh_token=refresh-SECRET-r1&grant_type=refresh_token&client_id=n8n-client&client_secret=client-secret-SECRET-5678',
		]);
		expect(result.output).toEqual(
			[1, 2, 3, 4].map((id, item) => ({
				json: { error: `Ticket ${id}: Zendesk refused to refresh the OAuth2 token: reconnect the credential`, ...REFUSED },
				pairedItem: { item },
			})),
		);
		// Only the first item looked for a token another process may have stored.
		expect(sleeps.mock.calls).toEqual(Array.from({ length: ROTATION_LOOKS }, () => [250]));
	});
});
