import { emulatorCredentials, emulatorOverHttp } from '../../harness/emulator';
import { runNode } from '../../harness/run';

/**
 * Merge and Get History over real HTTP against the emulator: what the node
 * sends is what Zendesk's spec takes, and the emulator's store shows what
 * Zendesk would have kept (one merge, never two; the audits of each write).
 */
const emu = emulatorOverHttp({ seed: { tickets: 12 }, jobDelayMs: 20 });
let execution = 0;
const run = (options: Parameters<typeof runNode>[0]) =>
	runNode({ executionId: `merge-${++execution}`, credentials: emulatorCredentials(emu), continueOnFail: true, ...options });
const admin = () => [...emu.state.users.values()].find((u) => u.email === 'admin@acme.test')!;
const merges = () => emu.requests.filter((r: { method: string; path: string }) => r.method === 'POST' && /\/merge$/.test(r.path));

beforeEach(() => {
	emu.clearFaults();
	emu.configure({ ccsEnabled: true });
});

describe('merge and history against the emulator', () => {
	it("reads an update back as the ticket's newest change, and a seeded ticket's creation", async () => {
		await run({
			parameters: { operation: 'update', ticketId: '1', updateFields: { status: 'pending' }, requestOptions: { batching: false } },
		});
		const { json, error } = await run({ parameters: { operation: 'getHistory', ticketId: '1', simplify: true, limit: 2 } });
		expect(error).toBeUndefined();
		expect(json[0].change).toBe(`status: open → pending by ${admin().name} via api`);
		const created = json.filter((c) => c.field === 'comment').map((c) => String(c.change));
		expect(created).toEqual([expect.stringMatching(/^public reply: "Seeded ticket 1 about .+" by .+ via api$/)]);
	});

	it('merges a source into the target once: closed with its private note, the target with its note and the requester as CC', async () => {
		const before = merges().length;
		const { json, error } = await run({
			parameters: { operation: 'merge', ticketId: '1', sourceTicketIds: '7', targetComment: 'Merged #7', sourceComment: 'See #1' },
		});
		expect(error).toBeUndefined();
		expect(json).toEqual([expect.objectContaining({ id: 1, merged_ids: [7] })]);
		expect(merges().length - before).toBe(1);
		const source = emu.state.tickets.get(7)!;
		expect([source.status, source.tags.includes('closed_by_merge')]).toEqual(['closed', true]);
		expect(source._comments.at(-1)).toMatchObject({ body: 'See #1', public: false });
		const target = emu.state.tickets.get(1)!;
		expect(target._comments.at(-1)).toMatchObject({ body: 'Merged #7', public: false });
		expect(target.email_cc_ids).toContain(source.requester_id);
		const history = await run({ parameters: { operation: 'getHistory', ticketId: '7', simplify: true, limit: 1 } });
		expect(history.json.map((c) => c.change)).toEqual([
			`internal note: "See #1" by ${admin().name} via api`,
			`status: open → closed by ${admin().name} via api`,
			expect.stringMatching(/^tags: .+ → .+, closed_by_merge by /),
			`custom_status_id: 10002 → 10005 by ${admin().name} via api`,
		]);
	});

	it("fails the item with Zendesk's rule when a source is solved, and changes nothing", async () => {
		const { json } = await run({ parameters: { operation: 'merge', ticketId: '2', sourceTicketIds: '4' } });
		expect(json).toEqual([
			expect.objectContaining({
				error:
					"Zendesk's merge into ticket 2 failed (Ticket #4 is solved: only tickets below Solved can be merged): check the source tickets against Zendesk's merge rules",
			}),
		]);
		expect(emu.state.tickets.get(4)!.status).toBe('solved');
	});

	it('with CCs off, refuses sources of another requester', async () => {
		emu.configure({ ccsEnabled: false });
		const { json } = await run({ parameters: { operation: 'merge', ticketId: '2', sourceTicketIds: '8' } });
		expect(String(json[0].error)).toContain('Ticket #8 has another requester');
		expect(emu.state.tickets.get(8)!.status).not.toBe('closed');
	});

	it('a reset after Zendesk took the merge: not sent again, the outcome is said to be unknown, and Zendesk merged once', async () => {
		emu.fault({ method: 'POST', path: '/api/v2/tickets/2/merge', kind: 'reset', after: true });
		const before = merges().length;
		const { json } = await run({ parameters: { operation: 'merge', ticketId: '2', sourceTicketIds: '9' } });
		expect(merges().length - before).toBe(1);
		expect(String(json[0].description)).toMatch(/^Zendesk may have accepted the merge before the connection broke\. It was not sent again/);
		emu.flushJobs();
		expect(emu.state.tickets.get(9)!.status).toBe('closed');
		expect([...emu.state.jobStatuses.values()].filter((j) => j.job_type === 'TicketMergeJob' && j.results?.[0]?.id === 9)).toHaveLength(1);
	});
});
