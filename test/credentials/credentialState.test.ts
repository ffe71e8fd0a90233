import { TEST_CREDENTIALS, runNode } from '../harness/run';
import { recorded } from '../harness/zendesk';

describe('a credential that cannot be used yet', () => {
	it('an OAuth2 credential that was never connected says what to do, and sends nothing', async () => {
		const { oauthTokenData: _never, ...notConnected } = TEST_CREDENTIALS.zendeskTicketOAuth2Api;
		const from = recorded.length;
		const result = await runNode({
			parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '1' },
			credentials: { zendeskTicketOAuth2Api: notConnected },
			continueOnFail: true,
		});
		expect(result.json).toEqual([
			{
				error:
					'Ticket 1: The OAuth2 credential is not connected to Zendesk yet: open it and click "Connect my account", or set its Grant Type to Client Credentials',
				description:
					'With Authorization Code or PKCE, a Zendesk user approves access once; with Client Credentials, n8n gets a token by itself. No request was sent to Zendesk.',
			},
		]);
		expect(recorded.slice(from)).toEqual([]);
	});
});
