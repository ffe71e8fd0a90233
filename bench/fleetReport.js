'use strict';
// The fleet rows' table and targets (issue 25), from what run.js measured
// and fleet.js computed of the emulator's log. The gate reads counts only.
const { EXECUTIONS, MINUTE_MS } = require('./fleet');

/** At most this many 429s per window of the binding limit ("a handful a minute"), each waited out. */
const MAX_429_PER_WINDOW = 5;
/** Wall time at most this many times what the binding limit allows: ≥ 80 % of the limit used. */
const MAX_FLEET_RATIO = 1.25;

const fmt = (n) => Number(n).toLocaleString('en-US');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const windowsOf = (stats) => Math.max(1, Math.ceil(stats.allowedMs / stats.windowMs));
const refusals = (stats) =>
	Object.entries(stats.refusals)
		.map(([by, n]) => `${fmt(n)} × ${by}`)
		.join(', ') || 'none';
const minute = (stats) => (stats.windowMs === MINUTE_MS ? 'minute' : `${seconds(stats.windowMs)} (scaled) minute`);
// A per-minute limit whose requests fit in one window lets them all go at once: a share of it "used" would read over 100 %.
const share = (l, stats, wallMs) =>
	l.limit !== undefined && l.allowedMs <= stats.windowMs ? 'all in one window' : `${((l.allowedMs / wallMs) * 100).toFixed(0)} % used`;
const limitUse = (stats, wallMs) =>
	stats.limits
		.map((l) => `${l.text ?? `${l.name}: ${fmt(l.used)} requests at ${fmt(l.limit)} a ${minute(stats)}`}, ${share(l, stats, wallMs)}`)
		.join('; ');

function fleetRows(results) {
	return results.filter((r) => r.fleet && r.runs.ours?.ok && r.runs.ours.fleetStats);
}

function renderFleet(results) {
	const rows = fleetRows(results);
	if (!rows.length) return [];
	const table = [
		'| Fleet workload | Items failed | 429s drawn (by limit) | Requests | Wall time | Time the binding limit allows | Fleet limit ratio (wall ÷ allowed) | Limits used |',
		'|---|--:|---|--:|--:|--:|--:|---|',
	];
	const targets = ['| Target | Result | Met? |', '|---|---|---|'];
	for (const r of rows) {
		const run = r.runs.ours;
		const stats = run.fleetStats;
		const ratio = run.wallMs / stats.allowedMs;
		const max429 = MAX_429_PER_WINDOW * windowsOf(stats);
		table.push(
			`| ${r.title} | ${fmt(run.failedItems)} of ${fmt(r.expected)} | ${fmt(run.status429)} (${refusals(stats)}) | ${fmt(run.requests)} | ${seconds(run.wallMs)} | ${seconds(stats.allowedMs)} (${stats.binding.name}) | ${ratio.toFixed(2)} | ${limitUse(stats, run.wallMs)} |`,
		);
		targets.push(`| ${r.workload}: 0 items failed | ${fmt(run.failedItems)} | ${run.failedItems === 0 ? 'yes' : 'no'} |`);
		targets.push(
			`| ${r.workload}: at most ${MAX_429_PER_WINDOW} × 429 a window, each waited out | ${fmt(run.status429)} in ${windowsOf(stats)} window(s) | ${run.status429 <= max429 && run.failedItems === 0 ? 'yes' : 'no'} |`,
		);
		// Requests that fit in one window go at once: latency and the jobs, not the limit, set the time then.
		const bound = stats.allowedMs > stats.windowMs;
		targets.push(
			`| ${r.workload}: wall time ≤ ${MAX_FLEET_RATIO} × what the ${stats.binding.name} limit allows (≥ 80 % used) | ${ratio.toFixed(2)}${bound ? '' : ' (the requests fit in one window: the limit does not hold this fleet back)'} | ${bound ? (ratio <= MAX_FLEET_RATIO ? 'yes' : 'no') : 'n/a'} |`,
		);
		targets.push(
			`| ${r.workload}: per-endpoint limits never exceeded | ${fmt(stats.refusals.endpoint ?? 0)} request(s) over an endpoint's limit (refused, waited out), ${fmt(stats.refusals.jobs ?? 0)} over the job limit | ${(stats.refusals.jobs ?? 0) === 0 ? 'yes' : 'no'} |`,
		);
	}
	return [
		'',
		`Fleets: ${EXECUTIONS} executions of this node at once in one process (one worker, each execution its own \`WorkflowExecute\`), on one account. The time a limit allows is its requests at the limit's rate, in the row's own minute (scaled for the Safe Updates; see "Fleets" above):`,
		'',
		...table,
		'',
		...targets,
	];
}

/** What fails the gate in a fleet row: counts only, never times. */
function fleetGateFailures(row) {
	const run = row.runs.ours;
	if (!row.fleet || !run.ok || !run.fleetStats) return [];
	const failures = [];
	if (run.failedItems) failures.push(`${row.workload}: ${run.failedItems} item(s) failed`);
	const windows = windowsOf(run.fleetStats);
	if (run.status429 > MAX_429_PER_WINDOW * windows)
		failures.push(`${row.workload}: ${run.status429} × 429 in ${windows} window(s), at most ${MAX_429_PER_WINDOW} a window allowed`);
	if (run.fleetStats.refusals.jobs) failures.push(`${row.workload}: ${run.fleetStats.refusals.jobs} job(s) refused over the job limit`);
	return failures;
}

module.exports = { fleetGateFailures, renderFleet };
