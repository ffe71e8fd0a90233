import { emulatorCredentials, emulatorOverHttp } from '../harness/emulator';
import { runNode } from '../harness/run';

/**
 * Zendesk's per-endpoint limits in the emulator (Update Ticket per account
 * and per ticket, search export), and the node staying under them. Windows
 * run on a compressed time scale; the assertions count requests and 429s,
 * never time.
 */
const emu = emulatorOverHttp({ seed: { tickets: 20_000 }, jobDelayMs: 20 });
beforeEach(() => {
	emu.configure({ endpointLimits: null });
	emu.clearRequests();
});

const call = (method: string, path: string, body?: unknown) =>
	fetch(`${emu.httpUrl}${path}`, {
		method,
		headers: { Authorization: emu.credentials.basicAuth, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
const statuses = (path: RegExp) => emu.requests.filter((r) => path.test(r.path)).map((r) => r.status);

describe('the emulator enforces per-endpoint limits', () => {
	it('Update Ticket: 30 per ticket per user in 10 minutes, then 429 with Retry-After and a text/plain body', async () => {
		emu.configure({ endpointLimits: {} });
		for (let i = 0; i < 30; i++) expect((await call('PUT', '/api/v2/tickets/1.json', { ticket: { priority: 'high' } })).status).toBe(200);
		const refused = await call('PUT', '/api/v2/tickets/1.json', { ticket: { priority: 'low' } });
		expect(refused.status).toBe(429);
		expect(refused.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refused.text()).toBe('Number of allowed API requests per minute exceeded');
		// Another ticket has its own window.
		expect((await call('PUT', '/api/v2/tickets/2.json', { ticket: { priority: 'high' } })).status).toBe(200);
	});

	it('Update Ticket per account, with its zendesk-ratelimit header', async () => {
		emu.configure({ endpointLimits: { updateTicket: 3 } });
		const answers = [];
		for (let id = 1; id <= 4; id++) answers.push(await call('PUT', `/api/v2/tickets/${id}`, { ticket: { priority: 'high' } }));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
		expect(answers[0].headers.get('zendesk-ratelimit-update-ticket')).toMatch(/^total=3; remaining=2; resets=\d+$/);
		expect(answers[3].headers.get('zendesk-ratelimit-update-ticket')).toMatch(/^total=3; remaining=0; resets=\d+$/);
	});

	it('search export: its own per-minute limit, with its header; other searches are not counted', async () => {
		emu.configure({ endpointLimits: { searchExport: 2 } });
		const exportPage = () => call('GET', '/api/v2/search/export?query=status:open&filter[type]=ticket&page[size]=10');
		const answers = [await exportPage(), await call('GET', '/api/v2/search?query=status:open'), await exportPage(), await exportPage()];
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
		expect(answers[0].headers.get('zendesk-ratelimit-search-export')).toMatch(/^total=2; remaining=1; resets=\d+$/);
		expect(answers[1].headers.get('zendesk-ratelimit-search-export')).toBeNull();
	});
});

describe('the node stays under them', () => {
	it('300 one-by-one Safe Updates over 10 tickets: 300 PUTs, no 429', async () => {
		// A minute lasts 6 s: far longer than 100 updates take, so only pacing keeps them under the limit.
		emu.configure({ endpointLimits: { timeScale: 0.1 } });
		const open = [...emu.state.tickets.values()].filter((t) => t.id > 100 && t.status !== 'closed').slice(0, 10);
		const items = Array.from({ length: 300 }, (_, i) => ({ id: open[i % 10].id, updated_at: open[i % 10].updated_at }));
		const { json, error } = await runNode({
			executionId: 'endpoint-limits-1',
			parameters: { operation: 'update', ticketId: '={{ $json.id }}', updateFields: { priority: 'urgent' }, options: { safeUpdate: true } },
			items,
			continueOnFail: true,
			credentials: emulatorCredentials(emu),
		});
		expect(error).toBeUndefined();
		const puts = statuses(/^\/api\/v2\/tickets\/\d+$/);
		expect(puts).toHaveLength(300);
		expect(puts.filter((s) => s === 429)).toHaveLength(0);
		// The first update of each ticket matches its stamp; the others are Safe Update conflicts, not rate limits.
		expect(json.filter((j) => j.error === undefined)).toHaveLength(10);
		expect(json.filter((j) => /Safe Update/.test(String(j.error)))).toHaveLength(290);
	});

	it('a 20,000-result search export: 21 requests (the count and 20 pages of 1,000), no 429', async () => {
		emu.configure({ endpointLimits: { timeScale: 0.1 } });
		const { json, error } = await runNode({
			executionId: 'endpoint-limits-2',
			parameters: { operation: 'search', query: 'created>2000-01-01', returnAll: true, simplify: true },
			credentials: emulatorCredentials(emu),
		});
		expect(error).toBeUndefined();
		expect(json.length).toBeGreaterThanOrEqual(20_000);
		expect(emu.requests.map((r) => r.status).filter((s) => s === 429)).toHaveLength(0);
		expect(statuses(/^\/api\/v2\/search$/)).toHaveLength(1);
		expect(statuses(/^\/api\/v2\/search\/export$/)).toHaveLength(20);
	});
});
