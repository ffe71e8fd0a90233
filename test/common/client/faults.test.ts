import nock from 'nock';

import { createEmulator } from '../../emulator';
import type { Emulator } from '../../emulator';
import { runNode } from '../../harness/run';
import { emulatorApiToken } from '../../harness/emulatorCredentials';

/**
 * Fault injection against the local Zendesk emulator over real HTTP: resets
 * and truncated bodies happen on the socket, and the emulator's store shows
 * what Zendesk would have kept.
 */
let emu: Emulator;
const credentials = () => emulatorApiToken(emu);

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	emu = await createEmulator({ port: 0, seed: { tickets: 5 }, jobDelayMs: 20 });
});
afterAll(async () => emu.close());
beforeEach(() => emu.clearFaults());

// Each run is its own execution, as in n8n, so default idempotency keys never repeat across tests.
let execution = 0;
const run = (options: Parameters<typeof runNode>[0]) => runNode({ executionId: `fault-${++execution}`, ...options });

const subjects = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ subject: `${tag} ${i}` }));
const stored = (tag: string) => [...emu.state.tickets.values()].filter((t) => String(t.subject).startsWith(tag));
const createOneByOne = { operation: 'create', subject: '={{ $json.subject }}', description: 'D', requestOptions: { batching: false } };

describe('faults against the emulator', () => {
	it('a burst of 429s: every item is created exactly once', async () => {
		emu.fault({
			method: 'POST',
			path: '/api/v2/tickets',
			times: 3,
			kind: 'status',
			status: 429,
			body: 'Number of allowed API requests per minute exceeded',
			headers: { 'Retry-After': '1', 'Content-Type': 'text/plain' },
		});
		const { output, error } = await run({ parameters: createOneByOne, items: subjects(3, 'burst'), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(stored('burst')).toHaveLength(3);
	});

	it('alternating 503s on updates lose nothing', async () => {
		emu.fault({ method: 'PUT', path: /^\/api\/v2\/tickets\/\d+$/, times: 1, kind: 'status', status: 503, body: 'unavailable' });
		const { output, error } = await run({
			parameters: {
				operation: 'update',
				ticketId: '={{ $json.id }}',
				updateFields: { priority: 'high' },
				requestOptions: { batching: false },
			},
			items: [{ id: 1 }, { id: 2 }, { id: 3 }],
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => [o.json.id, o.json.priority])).toEqual([
			[1, 'high'],
			[2, 'high'],
			[3, 'high'],
		]);
	});

	it('a reset after Zendesk created the ticket: the retry gets the same ticket, not a second one', async () => {
		emu.fault({ method: 'POST', path: '/api/v2/tickets', kind: 'reset', after: true });
		const { json, error } = await run({ parameters: createOneByOne, items: subjects(1, 'reset'), credentials: credentials() });
		expect(error).toBeUndefined();
		const [ticket] = stored('reset');
		expect(stored('reset')).toHaveLength(1);
		expect(json.map((t) => t.id)).toEqual([ticket.id]);
		const posts = emu.requests.filter(
			(r) => r.method === 'POST' && r.path.startsWith('/api/v2/tickets') && String(r.body?.ticket?.subject).startsWith('reset'),
		);
		expect(posts).toHaveLength(2);
		expect(posts[0].headers['idempotency-key']).toBe(posts[1].headers['idempotency-key']);
	});

	it('a body cut short mid-way on create: retried, one ticket', async () => {
		emu.fault({ method: 'POST', path: '/api/v2/tickets', kind: 'truncate' });
		const { json, error } = await run({ parameters: createOneByOne, items: subjects(2, 'truncated'), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(json).toHaveLength(2);
		expect(stored('truncated')).toHaveLength(2);
	});

	it('a reset on a bulk create is not retried: every item fails, nothing is duplicated', async () => {
		emu.fault({ method: 'POST', path: '/api/v2/tickets/create_many', kind: 'reset' });
		const { output } = await run({
			parameters: { operation: 'create', subject: '={{ $json.subject }}', description: 'D' },
			items: subjects(3, 'bulkreset'),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(output.map((o) => [typeof o.json.error, o.pairedItem])).toEqual([
			['string', { item: 0 }],
			['string', { item: 1 }],
			['string', { item: 2 }],
		]);
		expect(stored('bulkreset')).toHaveLength(0);
		expect(emu.requests.filter((r) => r.path === '/api/v2/tickets/create_many')).toHaveLength(1);
	});
});
