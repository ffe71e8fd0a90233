'use strict';
// The fleet workloads: many executions of this node at once on one Zendesk
// account, as teams run them (issue 25). run.js starts one emulator per row;
// worker.js runs the executions concurrently in one process (the engine
// harness, each its own WorkflowExecute). The Safe Update row's windows are
// 10× shorter (a minute lasts 6 s), so that its 20 windows are measured in
// seconds; the node sees only what the headers say, so its pacing is measured
// as on Zendesk, and the times the limits allow are computed in the same
// windows. The bulk row needs one window more than its first, so it runs at
// Zendesk's own pace: scaled, the node's work on 10,000 items and the headers'
// whole seconds would weigh 10× what they weigh against a real minute.

const { openTickets, seededStamp, updateParams } = require('./seeded');

const EXECUTIONS = 10;
const MINUTE_MS = 60_000;
/** The Safe Update row's minute: 6 s. */
const SCALED = 0.1;
/** Zendesk's Update Ticket limit: 100 a minute per account (common/zendeskFacts.ts, test/emulator/endpointLimits.js). */
const UPDATE_TICKET_LIMIT = 100;
/** Zendesk's job limit: 30 of an account's jobs queued or running at once (common/zendeskFacts.ts MAX_CONCURRENT_JOBS). */
const JOBS_AT_ONCE = 30;
/** How long the emulator takes to run a bulk job (its jobDelayMs, not scaled: the jobs are short either way). */
const JOB_MS = 100;

const SIZES = { full: { safe: 200, bulk: 1000 }, quick: { safe: 20, bulk: 100 } };

const fmt = (n) => n.toLocaleString('en-US');

/** Execution k's own tickets. */
const share = (ids, per, k) => ids.slice(k * per, (k + 1) * per);

const answered = (j) => j && j.id !== undefined && j.id !== null && j.error === undefined;

function fleetWorkloads(sizeName) {
	const { safe, bulk } = SIZES[sizeName];
	const safeIds = openTickets(EXECUTIONS * safe);
	const bulkIds = openTickets(EXECUTIONS * bulk);
	const comment = 'Fleet benchmark: one of many executions on this account.';
	const base = { only: ['ours'], fleet: EXECUTIONS, count: (jsons) => jsons.filter(answered).length };
	return [
		{
			...base,
			id: 'fleetSafe',
			title: `Fleet: ${EXECUTIONS} executions at once, each ${fmt(safe)} one-by-one Safe Updates with a comment on its own tickets`,
			seed: { tickets: safeIds[safeIds.length - 1] },
			emulator: { rateLimitPerMinute: 700, rateLimitWindowMs: MINUTE_MS * SCALED, endpointLimits: { timeScale: SCALED } },
			limits: { windowMs: MINUTE_MS * SCALED, account: 700, updateTicket: UPDATE_TICKET_LIMIT },
			expected: EXECUTIONS * safe,
			items: (k) => share(safeIds, safe, k).map((id) => ({ id, updated_at: seededStamp(id) })),
			params: { ours: updateParams({ priority: 'urgent', comment }, { options: { safeUpdate: true } }) },
		},
		{
			...base,
			id: 'fleetBulk',
			title: `Fleet: ${EXECUTIONS} executions at once, each a ${fmt(bulk)}-ticket bulk update (status + comment), on a 200-a-minute plan`,
			seed: { tickets: bulkIds[bulkIds.length - 1] },
			// Zendesk's smallest plan: 200 requests a minute, so that the account's limit is what the fleet meets.
			emulator: { rateLimitPerMinute: 200, rateLimitWindowMs: MINUTE_MS, jobDelayMs: JOB_MS },
			limits: { windowMs: MINUTE_MS, account: 200, jobs: { atOnce: JOBS_AT_ONCE, durationMs: JOB_MS } },
			expected: EXECUTIONS * bulk,
			items: (k) => share(bulkIds, bulk, k).map((id) => ({ id })),
			params: { ours: updateParams({ status: 'pending', comment }) },
		},
	];
}

const isTicketPut = (r) => r.method === 'PUT' && /^\/api\/v2\/tickets\/\d+(\.json)?$/.test(r.path);
const isJobStarted = (r) => r.status === 200 && /^\/api\/v2\/tickets\/(create|update|destroy)_many(\.json)?$/.test(r.path);

/** The job limit's time: its jobs in turns of 30 at once, each as long as the emulator takes to run one. */
function jobLimit(jobs, api) {
	const used = api.filter(isJobStarted).length;
	const allowedMs = Math.ceil(used / jobs.atOnce) * jobs.durationMs;
	return { name: 'jobs', used, allowedMs, text: `jobs: ${fmt(used)} at ${jobs.atOnce} at once, ${jobs.durationMs} ms each` };
}

/**
 * What the emulator's log says of a fleet row: the requests each limit
 * counted, the 429s by the limit that refused them, and the time the limits
 * allow for those requests at their rate (the longest of them binds); the job
 * limit's time is its turns of jobs at once.
 */
function fleetStats(workload, requests) {
	const api = requests.filter((r) => r.path.startsWith('/api/v2'));
	const counted = api.filter((r) => r.limitedBy !== 'account');
	const refusals = {};
	for (const r of api) if (r.status === 429) refusals[r.limitedBy] = (refusals[r.limitedBy] ?? 0) + 1;
	const limits = [{ name: 'account', limit: workload.limits.account, used: counted.length }];
	if (workload.limits.updateTicket) {
		const used = counted.filter((r) => isTicketPut(r) && r.limitedBy !== 'endpoint').length;
		limits.push({ name: 'Update Ticket', limit: workload.limits.updateTicket, used });
	}
	const { windowMs } = workload.limits;
	for (const l of limits) l.allowedMs = (l.used / l.limit) * windowMs;
	if (workload.limits.jobs) limits.push(jobLimit(workload.limits.jobs, api));
	const binding = limits.reduce((a, b) => (b.allowedMs > a.allowedMs ? b : a));
	return { refusals, limits, binding, allowedMs: binding.allowedMs, windowMs };
}

module.exports = { EXECUTIONS, MINUTE_MS, SCALED, fleetStats, fleetWorkloads };
