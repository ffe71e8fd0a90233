import nock from 'nock';

import { createEmulator } from '../../emulator';
import type { Emulator } from '../../emulator';
import { pollTrigger } from '../../harness/trigger';

/**
 * Issue 22, no admin needed: an agent's credential polls the ticket list over
 * real HTTP against the emulator, which refuses the incremental export to a
 * non-admin (403) as Zendesk does.
 */
let emu: Emulator;
const agent = () => ({
	zendeskTicketApi: {
		subdomain: 'acme',
		email: emu.credentials.agentEmail,
		apiToken: emu.credentials.agentApiToken,
		baseUrlOverride: emu.httpUrl ?? emu.url,
	},
});

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	emu = await createEmulator({ port: 0, seed: { tickets: 5 } });
});
afterAll(async () => emu.close());

/** A call to the emulator's API as its admin, as a person in Zendesk's agent interface would make it. */
async function asAdmin(method: string, path: string, body: object) {
	const response = await fetch(`${emu.httpUrl}/api/v2${path}`, {
		method,
		headers: { Authorization: emu.credentials.basicAuth, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return ((await response.json()) as { ticket: { id: number } }).ticket;
}
const create = async (subject: string) => (await asAdmin('POST', '/tickets', { ticket: { subject, comment: { body: subject } } })).id;
const update = async (id: number, ticket: object) => asAdmin('PUT', `/tickets/${id}`, { ticket });

/** The requests of one poll, as `METHOD path?query`. */
async function poll(engine: ReturnType<typeof pollTrigger>, activation?: 'activate') {
	emu.clearRequests();
	const result = await engine.poll(activation ? { activation } : {});
	expect(result.error).toBeUndefined();
	const requests = emu.requests.map((r) => `${r.method} ${decodeURIComponent(r.url.slice(String(emu.httpUrl).length))}`);
	const changes = (result.items ?? []).map((i) => [i.json.event, (i.json.ticket as { id: number }).id, i.json.events]);
	return { requests, changes, items: result.items ?? [] };
}

const LIST = 'GET /api/v2/tickets?page[size]=100&sort=-updated_at';

it('polls the ticket list with an agent credential: no gaps, no duplicates over several polls, one request when idle', async () => {
	const engine = pollTrigger({ events: ['created', 'updated', 'solved'] }, { credentials: agent() });
	const activation = await poll(engine, 'activate');
	expect(activation.requests).toEqual(['GET /api/v2/users/me']);
	expect(engine.staticData.zendeskTicketPoll).toMatchObject({ source: 'list', seen: [] });

	const [seeded] = [...emu.state.tickets.keys()];
	const first = await create('Printer on fire');
	await update(seeded, { priority: 'urgent' });
	const second = await poll(engine);
	expect(second.requests).toEqual([LIST]);
	expect(second.changes).toEqual([
		['created', first, ['created']],
		['updated', seeded, ['updated']],
	]);

	const idle = await poll(engine);
	expect(idle.requests).toEqual([LIST]);
	expect(idle.changes).toEqual([]);

	const another = await create('Paper jam');
	await update(first, { status: 'solved' });
	const tagsBefore = [...(emu.state.tickets.get(seeded).tags as string[])].sort();
	await update(seeded, { tags: ['vip'] });
	const third = await poll(engine);
	expect(third.requests).toEqual([LIST]);
	expect(third.changes).toEqual([
		['created', another, ['created']],
		['solved', first, ['solved', 'updated']],
		['updated', seeded, ['updated']],
	]);
	expect(third.items[2].json.changes).toEqual({ tags: { previous: tagsBefore, current: ['vip'] } });
	// Changes made by Zendesk itself (archiving, SLA) do not move updated_at: the list does not show them.
	emu.systemUpdate(another);
	expect((await poll(engine)).changes).toEqual([]);
});

it('on Automatic, moves from the export to the ticket list when the export answers 403, and misses nothing', async () => {
	const since = Math.floor(Date.now() / 1000) - 3600;
	const highWater = Math.floor(Date.now() / 1000) - 120;
	const engine = pollTrigger(
		{ events: ['updated'] },
		{ credentials: agent(), staticData: { zendeskTicketPoll: { cursor: 'c0', since, highWater, seen: [], known: {} } } },
	);
	const [, ticketId] = [...emu.state.tickets.keys()];
	await update(ticketId, { priority: 'low' });
	const moved = await poll(engine);
	expect(moved.requests).toEqual(['GET /api/v2/incremental/tickets/cursor?cursor=c0&per_page=1000', LIST]);
	expect(emu.requests[0].status).toBe(403);
	expect(moved.changes.map(([, id]) => id)).toContain(ticketId);
	expect(engine.staticData.zendeskTicketPoll).toMatchObject({ source: 'list' });
	expect((engine.staticData.zendeskTicketPoll as { cursor?: string }).cursor).toBeUndefined();
	expect((await poll(engine)).requests).toEqual([LIST]);
});

it('refuses Comment Added on the ticket list by name, and stores nothing', async () => {
	const engine = pollTrigger({ events: ['commentAdded'] }, { credentials: agent() });
	const { error } = await engine.poll({ activation: 'activate' });
	expect(error?.message).toBe('Comment Added needs an admin: Zendesk lets only admins use the ticket event export');
	expect(engine.staticData).toEqual({});
});

it('moves on from the newest change emitted when the builder chooses the export later: by time, from that second', async () => {
	const since = Math.floor(Date.now() / 1000) - 3600;
	const highWater = Math.floor(Date.now() / 1000) - 120;
	const admin = { zendeskTicketApi: { ...agent().zendeskTicketApi, email: emu.credentials.email, apiToken: emu.credentials.apiToken } };
	const engine = pollTrigger(
		{ events: ['updated'], options: { source: 'export' } },
		{ credentials: admin, staticData: { zendeskTicketPoll: { source: 'list', since, highWater, seen: [], known: {} } } },
	);
	const { requests } = await poll(engine);
	expect(requests).toEqual([`GET /api/v2/incremental/tickets?start_time=${highWater}`]);
	expect(engine.staticData.zendeskTicketPoll).toMatchObject({ source: 'export', byTime: true });
});
