import type { IDataObject } from 'n8n-workflow';
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { TEST_CREDENTIALS, runNode } from '../../harness/run';
import { captureLogs, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();

/** A Zendesk on 127.0.0.1 that answers every request with `serve`, counting requests and bytes sent. */
async function localZendesk(serve: (res: ServerResponse, sent: (bytes: number) => void) => void) {
	const requests: string[] = [];
	let bytes = 0;
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		requests.push(`${req.method} ${req.url}`);
		req.resume();
		serve(res, (n) => (bytes += n));
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, server, requests, bytes: () => bytes };
}

type Local = Awaited<ReturnType<typeof localZendesk>>;

/** Sends a little every 50 ms and never ends; stops by itself after 30 s or when the client goes. */
function trickle(res: ServerResponse, sent: (bytes: number) => void) {
	res.writeHead(200, { 'Content-Type': 'application/json' });
	res.write('{"ticket": {"id": 1, "subject": "');
	const started = Date.now();
	const timer = setInterval(() => {
		if (res.destroyed || Date.now() - started > 30_000) return void (clearInterval(timer), res.destroy());
		res.write('a');
		sent(1);
	}, 50);
	res.on('close', () => clearInterval(timer));
}

/** Headers, then nothing: closed by the test's clean-up at the latest. */
function stall(res: ServerResponse) {
	res.writeHead(200, { 'Content-Type': 'application/json' });
	res.write('{"ticket":');
}

/** A JSON body far larger than any Zendesk page, written with back-pressure. */
function huge(total: number) {
	return (res: ServerResponse, sent: (bytes: number) => void) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.write('{"tickets": [');
		const chunk = Buffer.from(`${JSON.stringify({ id: 1, subject: 'x'.repeat(1000) })},`.repeat(60));
		let written = 0;
		const pump = () => {
			while (written < total && !res.destroyed) {
				written += chunk.length;
				sent(chunk.length);
				if (!res.write(chunk)) return void res.once('drain', pump);
			}
			if (!res.destroyed) res.end('{"id": 2}]}');
		};
		pump();
	};
}

describe('a server that stalls, trickles or never stops cannot hold the run', () => {
	let local: Local | undefined;
	beforeAll(() => nock.enableNetConnect('127.0.0.1'));
	afterEach(() => {
		local?.server.closeAllConnections();
		local?.server.close();
		local = undefined;
	});
	afterAll(() => nock.disableNetConnect());

	const run = (parameters: IDataObject) =>
		runNode({
			parameters,
			credentials: { zendeskTicketApi: { ...TEST_CREDENTIALS.zendeskTicketApi, baseUrlOverride: local!.url } },
			continueOnFail: true,
		});

	it('a body that trickles without end is cut at the Timeout, and a read is retried a bounded number of times', async () => {
		local = await localZendesk(trickle);
		const result = await run({ operation: 'get', ticketId: '1', requestOptions: { timeout: 1 } });
		expect(result.json).toEqual([
			{ error: 'Ticket 1: Zendesk did not answer in time: run the item again, or raise "Timeout" under Request Options' },
		]);
		expect(local.requests).toEqual(Array(5).fill('GET /api/v2/tickets/1'));
		expectPromisesKept(result, 1, logged);
	});

	it('a reply whose answer stalls after the headers is not sent again', async () => {
		local = await localZendesk(stall);
		const result = await run({
			operation: 'update',
			ticketId: '1',
			updateFields: { comment: 'Your refund is on its way', commentVisibility: 'public' },
			requestOptions: { timeout: 1 },
		});
		expect(local.requests).toEqual(['PUT /api/v2/tickets/1']);
		expect(result.json[0].error).toBe(
			'Ticket 1: Zendesk did not answer in time: run the item again, or raise "Timeout" under Request Options',
		);
		expect(result.json[0].description).toMatch(/^Zendesk may have posted the comment before the connection broke/);
		expectPromisesKept(result, 1, logged);
	});

	it('an answer larger than 64 MB is cut off with a clear error, not read to the end', async () => {
		local = await localZendesk(huge(200 * 1024 * 1024));
		const result = await run({ operation: 'get', ticketId: '1,2' });
		expect(result.json).toEqual([
			{
				error:
					"Zendesk's answer was larger than the node reads (64 MB), so it was cut off: ask for fewer records at once (a lower Limit or a narrower search)",
			},
		]);
		expect(local.requests).toEqual(['GET /api/v2/tickets/show_many?ids=1%2C2']);
		expect(local.bytes()).toBeLessThan(200 * 1024 * 1024);
		expectPromisesKept(result, 1, logged);
	});
});
