/*
 * The fleet rows' arithmetic (bench/fleet.js): which limit binds, from the
 * emulator's log alone. The bulk row's job limit is one of the account's
 * limits: its jobs in turns of 30 at once, each as long as the emulator runs one.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fleetStats, fleetWorkloads } = require('../../bench/fleet.js') as {
	fleetWorkloads: (size: string) => Array<{ id: string; limits: object }>;
	fleetStats: (
		workload: { limits: object },
		requests: Array<{ method: string; path: string; status: number; limitedBy?: string }>,
	) => { binding: { name: string }; allowedMs: number; limits: Array<{ name: string; used: number; allowedMs: number }> };
};

const bulk = fleetWorkloads('quick').find((w) => w.id === 'fleetBulk')!;
const request = (method: string, path: string, status = 200) => ({ method, path, status });
const jobsStarted = (n: number) => Array.from({ length: n }, () => request('PUT', '/api/v2/tickets/update_many'));

describe('the bulk fleet row: which limit binds', () => {
	it('counts started jobs (not refused ones) in turns of 30, 100 ms each, beside the account limit', () => {
		const log = [...jobsStarted(61), request('PUT', '/api/v2/tickets/update_many', 429), request('GET', '/api/v2/job_statuses/show_many')];
		const stats = fleetStats(bulk, log);
		expect(stats.limits.map(({ name, used, allowedMs }) => ({ name, used, allowedMs }))).toEqual([
			// 63 requests at 200 a minute (the bulk row runs at Zendesk's pace).
			{ name: 'account', used: 63, allowedMs: 18_900 },
			{ name: 'jobs', used: 61, allowedMs: 300 },
		]);
		expect(stats.binding.name).toBe('account');
	});

	it('names the job limit as binding when its turns take longer than the requests at the account rate', () => {
		// 91 jobs: 4 turns of 100 ms; 91 requests at 200 a minute allow 27.3 s, so the account binds still.
		expect(fleetStats(bulk, jobsStarted(91)).binding.name).toBe('account');
		const slowJobs = { limits: { windowMs: 6000, account: 200, jobs: { atOnce: 30, durationMs: 1000 } } };
		const stats = fleetStats(slowJobs, jobsStarted(91));
		expect([stats.binding.name, stats.allowedMs]).toEqual(['jobs', 4000]);
	});
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderFleet } = require('../../bench/fleetReport.js') as { renderFleet: (results: object[]) => string[] };

describe("the fleet table's use of a limit", () => {
	const rowFor = (jobs: number, wallMs: number) => {
		const stats = fleetStats(bulk, jobsStarted(jobs));
		const ours = { ok: true, fleetStats: stats, wallMs, failedItems: 0, status429: 0, requests: jobs };
		const line = renderFleet([{ fleet: true, workload: 'fleetBulk', title: 'Bulk', expected: 1, runs: { ours } }]).find((l) =>
			l.startsWith('| Bulk |'),
		);
		return line!.split(' | ').at(-1);
	};

	it('is a share of the limit when its requests need more than one window', () => {
		// 400 requests at 200 a minute allow 120 s; 150 s of wall time used 80 % of it.
		expect(rowFor(400, 150_000)).toBe('account: 400 requests at 200 a minute, 80 % used; jobs: 400 at 30 at once, 100 ms each, 1 % used |');
	});

	it('says they went in one window, not a share over 100 %, when they fit in one', () => {
		expect(rowFor(30, 1_100)).toBe(
			'account: 30 requests at 200 a minute, all in one window; jobs: 30 at 30 at once, 100 ms each, 9 % used |',
		);
	});
});
