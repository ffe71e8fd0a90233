import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { TEST_CREDENTIALS, runNode } from '../../harness/run';
import { ZENDESK, basic, ticket, zendesk } from '../../harness/zendesk';

/**
 * "Download Attachments" (Get): n8n is never left to follow a redirect; each
 * hop must be the account itself (credential) or https://*.zdusercontent.com
 * (no credential), at most 3 of them; the Timeout covers the body, and the
 * body is cut off past the attachment's size or Max Attachment Size.
 */

const ACCOUNT_AUTH = basic('agent@acme.test/token', TEST_CREDENTIALS.zendeskTicketApi.apiToken);
const ZDUSERCONTENT = 'https://acme.zdusercontent.com';
const getWithDownloads = (extra: Record<string, unknown> = {}) => ({
	operation: 'get',
	ticketId: '5',
	options: { downloadAttachments: true },
	...extra,
});

interface Attachment {
	file_name: string;
	content_url: string;
	size?: number;
	content_type?: string;
}

/** Ticket 5 on the nock'd account, with one comment holding these attachments. */
function ticketWith(...attachments: Attachment[]): nock.Scope {
	return zendesk()
		.get('/api/v2/tickets/5')
		.reply(200, { ticket: ticket(5) })
		.get('/api/v2/tickets/5/comments')
		.query({ 'page[size]': '100' })
		.reply(200, {
			comments: [{ id: 1, attachments: attachments.map((a, i) => ({ id: 10 + i, content_type: 'text/plain', ...a })) }],
			meta: { has_more: false },
		});
}

interface Seen {
	method: string;
	url: string;
	headers: Record<string, unknown>;
}

/** A nock scope on another host that records what reaches it. */
function host(origin: string, seen: Seen[]): nock.Scope {
	const scope = nock(origin);
	scope.on('request', (req: { method: string; path: string; headers: Record<string, unknown> }) => {
		seen.push({ method: req.method, url: `${origin}${req.path}`, headers: { ...req.headers } });
	});
	return scope;
}

/** The headers n8n sends on a download; `authorization` only where the credential belongs. */
const downloadHeaders = (hostName: string, authorization?: string) => ({
	accept: 'application/json, text/plain, */*',
	'accept-encoding': 'gzip, compress, deflate, br',
	'user-agent': expect.stringMatching(/^n8n/),
	host: hostName,
	connection: 'close',
	...(authorization ? { authorization } : {}),
});

function headersOf(req: { headers: Record<string, unknown> }): Record<string, unknown> {
	return { ...req.headers };
}

describe('attachment downloads: redirects', () => {
	it('refuses a redirect from the account host to another host, and sends it nothing', async () => {
		const account: Seen[] = [];
		const scope = ticketWith({ file_name: 'a.pdf', content_url: `${ZENDESK}/attachments/token/abc/?name=a.pdf`, size: 6 })
			.get('/attachments/token/abc/')
			.query({ name: 'a.pdf' })
			.reply(function () {
				account.push({ method: this.req.method, url: this.req.path, headers: headersOf(this.req) });
				return [302, '', { Location: 'https://evil.example/steal?token=SECRET-download-token' }];
			});
		const offHost: Seen[] = [];
		const evil = host('https://evil.example', offHost).get(/.*/).query(true).reply(200, 'stolen');

		const { error, output } = await runNode({ parameters: getWithDownloads() });

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Downloading attachment "a.pdf": https://acme.zendesk.com redirected to https://evil.example, which is not a Zendesk host',
		);
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toMatch(/SECRET/);
		expect(output).toEqual([]);
		expect(account).toEqual([
			{ method: 'GET', url: '/attachments/token/abc/?name=a.pdf', headers: downloadHeaders('acme.zendesk.com', ACCOUNT_AUTH) },
		]);
		expect(evil.isDone()).toBe(false);
		expect(offHost).toEqual([]);
		scope.done();
	});

	it('refuses a zdusercontent redirect to http://169.254.169.254 and fetches nothing from it', async () => {
		const scope = ticketWith({ file_name: 'a.txt', content_url: `${ZDUSERCONTENT}/attachments/token/t1/?name=a.txt`, size: 6 });
		const seen: Seen[] = [];
		const attachmentHost = host(ZDUSERCONTENT, seen)
			.get('/attachments/token/t1/')
			.query({ name: 'a.txt' })
			.reply(302, '', { Location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' });
		const metadata: Seen[] = [];
		const metadataService = host('http://169.254.169.254', metadata).get(/.*/).reply(200, 'AKIA-SECRET');

		const { error } = await runNode({ parameters: getWithDownloads() });

		expect(error?.message).toBe(
			'Downloading attachment "a.txt": https://acme.zdusercontent.com redirected to http://169.254.169.254, which is not a Zendesk host',
		);
		expect(seen).toEqual([
			{ method: 'GET', url: `${ZDUSERCONTENT}/attachments/token/t1/?name=a.txt`, headers: downloadHeaders('acme.zdusercontent.com') },
		]);
		expect(metadataService.isDone()).toBe(false);
		expect(metadata).toEqual([]);
		attachmentHost.done();
		scope.done();
	});

	it('follows the account host to zdusercontent, sending the credential only to the account', async () => {
		const account: Seen[] = [];
		const scope = ticketWith({ file_name: 'a.txt', content_url: `${ZENDESK}/attachments/token/abc/?name=a.txt`, size: 6 })
			.get('/attachments/token/abc/')
			.query({ name: 'a.txt' })
			.reply(function () {
				account.push({ method: this.req.method, url: this.req.path, headers: headersOf(this.req) });
				return [302, '', { Location: `${ZDUSERCONTENT}/attachments/token/xyz/?name=a.txt` }];
			});
		const seen: Seen[] = [];
		const attachmentHost = host(ZDUSERCONTENT, seen).get('/attachments/token/xyz/').query({ name: 'a.txt' }).reply(200, 'file A');

		const { error, output } = await runNode({ parameters: getWithDownloads() });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].binary?.attachment_0).toMatchObject({ fileName: 'a.txt', mimeType: 'text/plain' });
		expect(Buffer.from(output[0].binary!.attachment_0.data, 'base64').toString()).toBe('file A');
		expect(account).toEqual([
			{ method: 'GET', url: '/attachments/token/abc/?name=a.txt', headers: downloadHeaders('acme.zendesk.com', ACCOUNT_AUTH) },
		]);
		expect(seen).toEqual([
			{ method: 'GET', url: `${ZDUSERCONTENT}/attachments/token/xyz/?name=a.txt`, headers: downloadHeaders('acme.zdusercontent.com') },
		]);
		attachmentHost.done();
		scope.done();
	});

	// The account's 401 comes back as an answer first (as on every n8n line), then is asked once more in the
	// mode in which n8n refreshes the token: old token, old token, new token.
	it('with OAuth2, refreshes an expired token on the account host and sends no token to zdusercontent', async () => {
		const account: Seen[] = [];
		const scope = ticketWith({ file_name: 'a.txt', content_url: `${ZENDESK}/attachments/token/abc/?name=a.txt`, size: 6 })
			.get('/attachments/token/abc/')
			.query({ name: 'a.txt' })
			.times(3)
			.reply(function () {
				account.push({ method: this.req.method, url: this.req.path, headers: headersOf(this.req) });
				return this.req.headers.authorization === 'Bearer access-SECRET-old'
					? [401, { error: 'invalid_token' }]
					: [302, '', { Location: `${ZDUSERCONTENT}/attachments/token/xyz/?name=a.txt` }];
			})
			.post('/oauth/tokens')
			.query(true)
			.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer' });
		const seen: Seen[] = [];
		const attachmentHost = host(ZDUSERCONTENT, seen).get('/attachments/token/xyz/').query({ name: 'a.txt' }).reply(200, 'file A');

		const { error, output } = await runNode({ parameters: getWithDownloads({ authentication: 'oAuth2' }) });

		expect(error).toBeUndefined();
		expect(Buffer.from(output[0].binary!.attachment_0.data, 'base64').toString()).toBe('file A');
		const withOldToken = {
			method: 'GET',
			url: '/attachments/token/abc/?name=a.txt',
			headers: downloadHeaders('acme.zendesk.com', 'Bearer access-SECRET-old'),
		};
		expect(account).toEqual([
			withOldToken,
			withOldToken,
			{
				method: 'GET',
				url: '/attachments/token/abc/?name=a.txt',
				headers: downloadHeaders('acme.zendesk.com', 'Bearer access-SECRET-new'),
			},
		]);
		expect(seen).toEqual([
			{ method: 'GET', url: `${ZDUSERCONTENT}/attachments/token/xyz/?name=a.txt`, headers: downloadHeaders('acme.zdusercontent.com') },
		]);
		attachmentHost.done();
		scope.done();
	});

	it('redacts a token that an OAuth2 refresh obtained during the download', async () => {
		const scope = ticketWith({ file_name: 'a.txt', content_url: `${ZENDESK}/attachments/token/abc/`, size: 6 })
			.get('/attachments/token/abc/')
			.times(2)
			.reply(401, { error: 'invalid_token' })
			.post('/oauth/tokens')
			.query(true)
			.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-r2', token_type: 'bearer' })
			.get('/attachments/token/abc/')
			.matchHeader('authorization', 'Bearer access-SECRET-new')
			.reply(403, { error: 'Forbidden', description: 'token access-SECRET-new may not read this file' });

		const { error } = await runNode({ parameters: getWithDownloads({ authentication: 'oAuth2' }) });

		expect(error?.message).toBe(
			'Downloading attachment "a.txt": The credential is not allowed to do this (Forbidden): check the OAuth2 credential\'s Scope and the role of the Zendesk user who connected it',
		);
		expect(error?.description).toBe('token [redacted] may not read this file');
		scope.done();
	});

	it('names the item and the file when the download answers an error', async () => {
		const scope = ticketWith({ file_name: 'gone.txt', content_url: `${ZDUSERCONTENT}/attachments/token/gone/?name=gone.txt`, size: 6 });
		const attachmentHost = nock(ZDUSERCONTENT)
			.get('/attachments/token/gone/')
			.query(true)
			.reply(404, { error: 'RecordNotFound', description: 'Not found' });

		const { error } = await runNode({ parameters: getWithDownloads() });

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Downloading attachment "gone.txt": Zendesk found no such record (RecordNotFound): check the ID, and that the credential\'s Zendesk account can see it',
		);
		expect(error?.description).toBe('Not found');
		attachmentHost.done();
		scope.done();
	});

	it('stops a redirect loop after 3 redirects', async () => {
		const paths: string[] = [];
		const scope = ticketWith({ file_name: 'loop.txt', content_url: `${ZENDESK}/attachments/token/loop0/`, size: 6 })
			.get(/^\/attachments\/token\/loop\d+\/$/)
			.times(10)
			.reply(function (uri) {
				paths.push(uri);
				const n = Number(/loop(\d+)/.exec(uri)![1]);
				return [302, '', { Location: `/attachments/token/loop${n + 1}/` }];
			});

		const { error } = await runNode({ parameters: getWithDownloads() });

		expect(error?.message).toBe('Downloading attachment "loop.txt": more than 3 redirects (the last to https://acme.zendesk.com)');
		expect(paths).toEqual([
			'/attachments/token/loop0/',
			'/attachments/token/loop1/',
			'/attachments/token/loop2/',
			'/attachments/token/loop3/',
		]);
		expect(scope.pendingMocks()).toEqual([expect.stringMatching(/attachments/)]);
	});

	it('with continue-on-fail, a refused download fails only its item', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/show_many')
			.query({ ids: '5,6' })
			.reply(200, { tickets: [ticket(5), ticket(6)] })
			.get('/api/v2/tickets/5/comments')
			.query(true)
			.reply(200, {
				comments: [
					{
						id: 1,
						attachments: [{ id: 1, file_name: 'bad.txt', content_type: 'text/plain', content_url: `${ZENDESK}/attachments/token/bad/` }],
					},
				],
				meta: { has_more: false },
			})
			.get('/api/v2/tickets/6/comments')
			.query(true)
			.reply(200, {
				comments: [
					{
						id: 2,
						attachments: [{ id: 2, file_name: 'good.txt', content_type: 'text/plain', content_url: `${ZENDESK}/attachments/token/good/` }],
					},
				],
				meta: { has_more: false },
			})
			.get('/attachments/token/bad/')
			.reply(301, '', { Location: 'https://attacker.example/' })
			.get('/attachments/token/good/')
			.reply(200, 'good');
		const attacker = nock('https://attacker.example').get(/.*/).reply(200, 'x');

		const { output, error } = await runNode({
			parameters: { operation: 'get', ticketId: '={{ $json.id }}', options: { downloadAttachments: true } },
			items: [{ id: 5 }, { id: 6 }],
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(
			output.map((o) => ({ json: o.json.error ?? o.json.id, pairedItem: o.pairedItem, file: o.binary?.attachment_0?.fileName })),
		).toEqual([
			{
				json: 'Downloading attachment "bad.txt": https://acme.zendesk.com redirected to https://attacker.example, which is not a Zendesk host',
				pairedItem: { item: 0 },
				file: undefined,
			},
			{ json: 6, pairedItem: { item: 1 }, file: 'good.txt' },
		]);
		expect(attacker.isDone()).toBe(false);
		scope.done();
	});
});

/** A Zendesk stand-in on 127.0.0.1 whose attachment endpoint the test scripts. */
interface Local {
	url: string;
	server: Server;
	requests: Seen[];
	/** Resolves when the attachment request's connection is closed. */
	attachmentClosed: Promise<void>;
	/** Bytes the attachment endpoint managed to write before the client went away. */
	written(): number;
}

async function localZendesk(
	attachment: Omit<Attachment, 'content_url'>,
	serve: (res: ServerResponse, count: (bytes: number) => void) => void,
): Promise<Local> {
	const requests: Seen[] = [];
	let written = 0;
	let closed!: () => void;
	const attachmentClosed = new Promise<void>((resolve) => (closed = resolve));
	let url = '';
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		requests.push({ method: req.method!, url: req.url!, headers: { ...req.headers } });
		const json = (body: unknown) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.url === '/api/v2/tickets/5') return json({ ticket: ticket(5) });
		if (req.url?.startsWith('/api/v2/tickets/5/comments')) {
			return json({
				comments: [
					{
						id: 1,
						attachments: [{ id: 10, content_type: 'application/octet-stream', ...attachment, content_url: `${url}/attachments/token/t/` }],
					},
				],
				meta: { has_more: false },
			});
		}
		if (req.url === '/attachments/token/t/') {
			res.on('close', () => closed());
			return serve(res, (bytes) => (written += bytes));
		}
		res.writeHead(404);
		res.end();
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, server, requests, attachmentClosed, written: () => written };
}

/** Writes `total` bytes in 64 KiB chunks, as fast as the client reads, until it goes away. */
function stream(total: number) {
	return (res: ServerResponse, count: (bytes: number) => void) => {
		res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
		const chunk = Buffer.alloc(64 * 1024, 120);
		let sent = 0;
		const pump = () => {
			while (sent < total && !res.destroyed) {
				sent += chunk.length;
				count(chunk.length);
				if (!res.write(chunk)) return void res.once('drain', pump);
			}
			if (sent >= total) res.end();
		};
		pump();
	};
}

describe('attachment downloads: size and time limits', () => {
	let local: Local | undefined;
	beforeAll(() => nock.enableNetConnect('127.0.0.1'));
	afterEach(async () => {
		local?.server.closeAllConnections();
		local?.server.close();
		local = undefined;
	});
	afterAll(() => nock.disableNetConnect());

	const runLocal = (requestOptions: Record<string, unknown> = {}) =>
		runNode({
			parameters: getWithDownloads({ requestOptions }),
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, baseUrlOverride: local!.url } },
		});

	it('stops reading a body larger than the size Zendesk lists for the file', async () => {
		local = await localZendesk({ file_name: 'small.bin', size: 10 }, stream(64 * 1024 * 1024));

		const { error } = await runLocal();

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Attachment "small.bin" is larger than its size in Zendesk (10 bytes); the download was stopped');
		await local.attachmentClosed;
		expect(local.written()).toBeLessThan(32 * 1024 * 1024);
		expect(local.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			'GET /api/v2/tickets/5',
			'GET /api/v2/tickets/5/comments?page%5Bsize%5D=100',
			'GET /attachments/token/t/',
		]);
		expect(local.requests[2].headers).toEqual(downloadHeaders(local.url.replace('http://', ''), ACCOUNT_AUTH));
	});

	it('stops reading at Max Attachment Size when Zendesk lists no size', async () => {
		local = await localZendesk({ file_name: 'big.bin' }, stream(64 * 1024 * 1024));

		const { error } = await runLocal({ maxAttachmentSize: 1 });

		expect(error?.message).toBe(
			'Attachment "big.bin" is larger than Max Attachment Size (1 MB); raise Max Attachment Size under Request Options, or turn off Download Attachments',
		);
		expect(error?.description).toBe('The download was stopped after 1 MB; the rest was not read.');
		await local.attachmentClosed;
		expect(local.written()).toBeLessThan(32 * 1024 * 1024);
	});

	it('does not download a file that Zendesk lists above Max Attachment Size', async () => {
		local = await localZendesk({ file_name: 'huge.pdf', size: 3 * 1024 * 1024 }, stream(3 * 1024 * 1024));

		const { error } = await runLocal({ maxAttachmentSize: 2 });

		expect(error?.message).toBe(
			'Attachment "huge.pdf" (3 MB) is larger than Max Attachment Size (2 MB); raise Max Attachment Size under Request Options, or turn off Download Attachments',
		);
		expect(local.requests.map((r) => r.url)).not.toContain('/attachments/token/t/');
	});

	it('ends a download that stalls after the headers within the Timeout', async () => {
		local = await localZendesk({ file_name: 'slow.txt', size: 100 }, (res, count) => {
			res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100' });
			res.write('first bytes');
			count(11);
			// …and nothing more, ever.
		});

		const { error } = await runLocal({ timeout: 3 });

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Downloading attachment "slow.txt": not finished within the Timeout of 3 s');
		// The request is really over: the server sees its connection closed.
		await local.attachmentClosed;
	});

	it('ends a download whose server never answers within the Timeout', async () => {
		local = await localZendesk({ file_name: 'mute.txt', size: 100 }, () => {
			// no status line, no headers
		});

		const { error } = await runLocal({ timeout: 3 });

		expect(error?.message).toBe('Downloading attachment "mute.txt": not finished within the Timeout of 3 s');
		await local.attachmentClosed;
	});
});
