import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import nock from 'nock';

import type { TestCredentialsHelper } from '../../harness/engine';
import { runNode } from '../../harness/run';
import { ZENDESK, expiredTokenOn, ticket, ticketWithFile, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const TYPE = 'zendeskTicketOAuth2Api';
/** What another n8n process stored after it won the refresh race. */
const ROTATED = { access_token: 'access-SECRET-other', refresh_token: 'refresh-SECRET-other', token_type: 'bearer' };

function otherProcessRotates(helper: TestCredentialsHelper) {
	helper.store[TYPE] = { ...helper.store[TYPE], oauthTokenData: ROTATED } as ICredentialDataDecryptedObject;
}

describe('one OAuth2 credential shared by several processes', () => {
	it('when another process rotated the refresh token first, waits for the stored token and repeats the request once', async () => {
		let helper!: TestCredentialsHelper;
		const tokenRequests: string[] = [];
		const scope = zendesk()
			.put('/api/v2/tickets/5')
			.matchHeader('authorization', 'Bearer access-SECRET-old')
			.times(2)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens', (body) => (tokenRequests.push(String(body.refresh_token)), true))
			.query(true)
			.reply(() => {
				// The other process's refresh revoked ours; it stores its result a moment later.
				setTimeout(() => otherProcessRotates(helper), 300);
				return [400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked' }];
			})
			.put('/api/v2/tickets/5', { ticket: { comment: { body: 'We are on it', public: false } } })
			.matchHeader('authorization', 'Bearer access-SECRET-other')
			.reply(200, { ticket: ticket(5) });
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				operation: 'update',
				ticketId: '5',
				updateFields: { comment: 'We are on it', commentVisibility: 'internal' },
			},
			onHelper: (h) => (helper = h),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([ticket(5)]);
		expect(tokenRequests).toEqual(['refresh-SECRET-r1']);
		scope.done();
	});

	it('when nobody stored a new token, fails with the refusal after waiting, without a loop', async () => {
		let tokenRequests = 0;
		expiredTokenOn('/api/v2/tickets/5').reply(() => (tokenRequests++, [400, { error: 'invalid_grant', error_description: 'revoked' }]));
		const result = await runNode({ parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '5' }, continueOnFail: true });
		expect(tokenRequests).toBe(1);
		expect(result.json).toEqual([
			{
				error: 'Ticket 5: Zendesk refused to refresh the OAuth2 token: reconnect the credential',
				description:
					'The refresh token was revoked, expired, or already used. When several workflows or workers share this credential on n8n 1.x, one may have refreshed it at the same moment (see "Sharing one credential" in the README); otherwise open the credential and reconnect it.',
			},
		]);
	});
	describe('while downloading an attachment', () => {
		const FILE = '/attachments/token/abc/';
		/** Ticket 5 with one attachment on the account host, whose download answers 401 to the old token. */
		function ticketWithExpiredDownload() {
			return ticketWithFile(zendesk(), { file_name: 'a.txt', content_url: `${ZENDESK}${FILE}`, size: 6 })
				.get(FILE)
				.matchHeader('authorization', 'Bearer access-SECRET-old')
				.times(2)
				.reply(401, { error: 'invalid_token' });
		}
		const parameters = { authentication: 'oAuth2', operation: 'get', ticketId: '5', options: { downloadAttachments: true } };

		it('when another process rotated the refresh token first, downloads once more with the token it stored', async () => {
			let helper!: TestCredentialsHelper;
			const tokenRequests: string[] = [];
			const scope = ticketWithExpiredDownload()
				.post('/oauth/tokens', (body) => (tokenRequests.push(String(body.refresh_token)), true))
				.query(true)
				.reply(() => {
					setTimeout(() => otherProcessRotates(helper), 300);
					return [400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked' }];
				})
				.get(FILE)
				.matchHeader('authorization', 'Bearer access-SECRET-other')
				.reply(200, 'file A');
			const result = await runNode({ parameters, onHelper: (h) => (helper = h) });
			expect(result.error).toBeUndefined();
			expect(Buffer.from(result.output[0].binary!.attachment_0.data, 'base64').toString()).toBe('file A');
			expect(tokenRequests).toEqual(['refresh-SECRET-r1']);
			scope.done();
		});

		it('when nobody stored a new token, fails with the refusal, without a loop', async () => {
			let tokenRequests = 0;
			ticketWithExpiredDownload()
				.post('/oauth/tokens')
				.query(true)
				.reply(() => (tokenRequests++, [400, { error: 'invalid_grant', error_description: 'revoked' }]));
			const result = await runNode({ parameters, continueOnFail: true });
			expect(tokenRequests).toBe(1);
			expect(result.json).toEqual([
				{
					error: 'Downloading attachment "a.txt": Zendesk refused to refresh the OAuth2 token: reconnect the credential',
					description: expect.stringMatching(/^The refresh token was revoked, expired, or already used\./),
				},
			]);
			expect(nock.pendingMocks()).toEqual([]);
		});
	});
});
