/*
 * Secrets a hostile server echoes where plain-text redaction does not look:
 * as a property name, as a downloaded file's name, and in the name of a file
 * whose download is refused after the run refreshed its OAuth2 token.
 */
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, expiredTokenOn, ticket, ticketWithFile, zendesk } from '../../harness/zendesk';
import { captureLogs, echoOf, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

describe('a secret echoed as a property name', () => {
	it.each([
		['apiToken', 'api-token-SECRET-1234'],
		['oAuth2', 'access-SECRET-old'],
	])('%s: the key is redacted in the output item', async (authentication, secret) => {
		zendesk()
			.get('/api/v2/tickets/1')
			.reply(200, { ticket: ticket(1, { via: { source: { from: { [secret]: 'echoed header' } } } }) });
		const result = await runNode({ parameters: { authentication, operation: 'get', ticketId: '1' }, continueOnFail: true });
		expect(result.json).toEqual([ticket(1, { via: { source: { from: { '[redacted]': 'echoed header' } } } })]);
		expectPromisesKept(result, 1, logged);
	});
});

describe("a downloaded file's name echoing a secret", () => {
	it('is redacted in the binary data; the file itself is untouched', async () => {
		ticketWithFile(zendesk(), { file_name: 'api-token-SECRET-1234.txt', content_url: `${ZENDESK}/attachments/token/abc/`, size: 3 })
			.get('/attachments/token/abc/')
			.reply(200, 'abc');
		const result = await runNode({ parameters: { operation: 'get', ticketId: '5', options: { downloadAttachments: true } } });
		expect(result.error).toBeUndefined();
		const file = result.output[0].binary?.attachment_0;
		expect(file?.fileName).toBe('[redacted].txt');
		expect(Buffer.from(String(file?.data), 'base64').toString()).toBe('abc');
		expectPromisesKept(result, 1, logged);
	});
});

describe('a refused download after the run refreshed its token', () => {
	it.each([false, true])("the file name's echo of the new tokens is redacted (continueOnFail %s)", async (continueOnFail) => {
		const refreshed = expiredTokenOn('/api/v2/tickets/5').reply(200, {
			access_token: 'access-SECRET-new',
			refresh_token: 'refresh-SECRET-new',
			token_type: 'bearer',
			expires_in: 7200,
		});
		ticketWithFile(refreshed, { file_name: echoOf('oAuth2'), content_url: 'https://files.evil.example/a', size: 3 });
		const result = await runNode({
			parameters: { authentication: 'oAuth2', operation: 'get', ticketId: '5', options: { downloadAttachments: true } },
			continueOnFail,
		});
		const message = String(continueOnFail ? result.json[0].error : result.error?.message);
		expect(message).toMatch(
			/^Downloading attachment "\[redacted\]( \| \[redacted\])+": attachment host https:\/\/files\.evil\.example is not a Zendesk host$/,
		);
		if (continueOnFail) expectPromisesKept(result, 1, logged);
		else {
			const everything = JSON.stringify({ message, description: result.error?.description, run: result.run.data.resultData, logged });
			for (const token of ['access-SECRET-new', 'refresh-SECRET-new', 'access-SECRET-old']) expect(everything).not.toContain(token);
		}
	});
});
