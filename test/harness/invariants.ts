import { LoggerProxy } from 'n8n-workflow';

import type { RunResult } from './run';
import { TEST_CREDENTIALS } from './run';
import { ZENDESK, recorded } from './zendesk';

const api = TEST_CREDENTIALS.zendeskTicketApi;
const oauth = TEST_CREDENTIALS.zendeskTicketOAuth2Api;
const basicPlain = `${api.email}/token:${api.apiToken}`;

/** The secrets each credential holds; OAuth2's include the tokens a refresh hands out. */
export const SECRETS_OF: Record<'apiToken' | 'oAuth2', string[]> = {
	apiToken: [api.apiToken, basicPlain],
	oAuth2: [
		oauth.clientSecret,
		oauth.oauthTokenData.access_token,
		oauth.oauthTokenData.refresh_token,
		'access-SECRET-new',
		'refresh-SECRET-new',
	],
};

/** Each secret as a server could echo it: bare, in base64 (with and without padding), base64url and URL-encoded. */
export function formsOf(secret: string): string[] {
	const b64 = Buffer.from(secret).toString('base64');
	return [secret, b64, b64.replace(/=+$/, ''), Buffer.from(secret).toString('base64url'), encodeURIComponent(secret)];
}

/** The forms searched for in everything a run leaves behind. */
export const SECRET_FORMS = [...new Set([...SECRETS_OF.apiToken, ...SECRETS_OF.oAuth2].flatMap(formsOf))];

/** Text a hostile server sends back: every form of every secret the credential in use sent it (a server never saw the other's). */
export function echoOf(authentication: string): string {
	return SECRETS_OF[authentication === 'oAuth2' ? 'oAuth2' : 'apiToken'].flatMap(formsOf).join(' | ');
}

/** Console and LoggerProxy lines written while a test runs. */
export function captureLogs(): string[] {
	const logged: string[] = [];
	const capture = (...args: unknown[]) => void logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
	const spies: jest.SpyInstance[] = [];
	beforeAll(() => {
		LoggerProxy.init({ error: capture, warn: capture, info: capture, debug: capture } as never);
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			spies.push(jest.spyOn(console, method).mockImplementation(capture));
		}
	});
	beforeEach(() => void (logged.length = 0));
	afterAll(() => spies.forEach((s) => s.mockRestore()));
	return logged;
}

/**
 * The promises every hostile case must keep: each input item ends as exactly
 * one result or error item, in order, with its pairedItem; no secret appears
 * in any form anywhere; no request left the account's host.
 */
export function expectPromisesKept(result: RunResult, itemCount: number, logged: string[] = [], from = 0): void {
	expect(result.output.map((o) => o.pairedItem)).toEqual(Array.from({ length: itemCount }, (_, item) => ({ item })));
	const everything = JSON.stringify({
		output: result.output,
		error: result.error,
		message: result.error?.message,
		description: result.error?.description,
		runData: result.run.data.resultData,
		logged,
	});
	for (const form of SECRET_FORMS) expect(everything).not.toContain(form);
	for (const request of recorded.slice(from)) expect(request.url.startsWith(`${ZENDESK}/`)).toBe(true);
}
