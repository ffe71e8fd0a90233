import { runNode } from '../../harness/run';
import { emulatorCredentials, emulatorOverHttp } from '../../harness/emulator';

/**
 * Apply Macro against the emulator over real HTTP, under an account rate
 * limit: what Zendesk's store holds afterwards, and what was sent to get there.
 */
const emu = emulatorOverHttp({ seed: { tickets: 1400 }, jobDelayMs: 5, rateLimitPerMinute: 200 });
const credentials = () => emulatorCredentials(emu);
const lastComment = (id: number) => {
	const comments = emu.state.tickets.get(id)!._comments;
	return comments[comments.length - 1];
};

beforeEach(() => emu.clearRequests());

const counts = () => {
	const out: Record<string, number> = {};
	for (const r of emu.requests) {
		const key = `${r.method} ${r.path.replace(/\/\d+/g, '/{id}')}`;
		out[key] = (out[key] ?? 0) + 1;
	}
	return out;
};

describe('apply macro against the emulator', () => {
	it("a placeholder reply is rendered for each ticket's requester; a private note stays private", async () => {
		const [a, b] = [...emu.state.tickets.values()].filter((t) => t.status !== 'closed' && t.status !== 'solved').map((t) => t.id as number);
		const { error } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: '={{ $json.id }}', macroId: '={{ $json.m }}' },
			items: [
				{ id: a, m: 102 },
				{ id: b, m: 103 },
			],
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const requester = emu.state.users.get(emu.state.tickets.get(a)!.requester_id)!;
		expect(lastComment(a).html_body).toContain(`Hi ${String(requester.name).split(' ')[0]},`);
		expect(lastComment(a).public).toBe(true);
		expect(lastComment(b)).toMatchObject({ plain_body: 'Escalated to tier 2.', public: false });
		expect(emu.state.tickets.get(b)).toMatchObject({ priority: 'urgent', group_id: 4002 });
	});

	it('one macro on 1,000 tickets: 10 update requests, no 429, every ticket changed once', async () => {
		const ids = [...emu.state.tickets.values()]
			.filter((t) => t.status !== 'closed')
			.map((t) => t.id as number)
			.slice(0, 1000);
		expect(ids).toHaveLength(1000);
		const before = new Map(ids.map((id) => [id, emu.state.tickets.get(id)!._comments.length]));
		const { output, error } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: '={{ $json.id }}', macroId: '101', bulkOutput: 'idAndStatus' },
			items: ids.map((id) => ({ id })),
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(output.filter((o) => o.json.error)).toEqual([]);
		const sent = counts();
		expect(sent['PUT /api/v2/tickets/update_many']).toBe(10);
		expect(sent['GET /api/v2/macros/{id}']).toBe(1);
		expect(Object.keys(sent).sort()).toEqual([
			'GET /api/v2/job_statuses/show_many',
			'GET /api/v2/macros/{id}',
			'PUT /api/v2/tickets/update_many',
		]);
		expect(emu.requests.filter((r) => r.status === 429)).toEqual([]);
		for (const id of ids) {
			const t = emu.state.tickets.get(id)!;
			expect([t.status, t.tags.includes('refund'), t._comments.length - before.get(id)!]).toEqual(['solved', true, 1]);
		}
		expect(lastComment(ids[0])).toMatchObject({ plain_body: 'Your refund is on its way.', public: true });
	}, 120_000);

	it('the inactive macro is refused and changes nothing', async () => {
		const { json } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: '1', macroId: '104' },
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(json[0].error).toBe('Macro 104 ("Old process") is inactive');
		expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/macros/104']);
	});
});
