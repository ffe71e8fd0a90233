'use strict';
// One benchmark run in its own process, so that its peak RSS is its own:
// loads one node, runs one workload through n8n-core's WorkflowExecute
// against https://acme.zendesk.com (the emulator, see loopback.js) and sends
// the result to run.js over IPC. Started by run.js only.
require('./loopback');

const { CONTESTANTS } = require('./nodes');
const { createRunner } = require('../test/harness/engine');
const { workloads } = require('./workloads');

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * A workload gives IDs as plain strings; where the node declares the
 * parameter as a resource locator, they are saved the way the editor saves
 * "By ID": { __rl: true, mode: 'id', value }.
 */
function asSaved(nodeType, parameters) {
	const locators = new Set((nodeType.description.properties ?? []).filter((p) => p.type === 'resourceLocator').map((p) => p.name));
	return Object.fromEntries(
		Object.entries(parameters).map(([name, value]) => [
			name,
			locators.has(name) && typeof value === 'string' ? { __rl: true, mode: 'id', value } : value,
		]),
	);
}

/** Tells run.js which node the next requests belong to, and waits until it has noted that. */
function mark(contestant) {
	return new Promise((resolve) => {
		const onMessage = (message) => {
			if (message?.type !== 'ack') return;
			process.off('message', onMessage);
			resolve();
		};
		process.on('message', onMessage);
		process.send({ type: 'mark', contestant });
	});
}

function describeError(runError) {
	return {
		name: runError.name,
		message: String(runError.message ?? runError),
		description: typeof runError.description === 'string' ? runError.description : undefined,
		httpCode: runError.httpCode,
	};
}

function side(job, workload, name) {
	const contestant = CONTESTANTS[name];
	const loaded = contestant.load();
	return {
		name,
		runner: createRunner({ ...loaded, credentials: { [contestant.credentialType]: job.credentials }, onError: workload.onError }),
		parameters: asSaved(loaded.nodeType, workload.params[name]),
		times: [],
		itemsOut: 0,
		outputItems: 0,
		error: undefined,
	};
}

async function measure(s, workload, items) {
	const { output, error, wallMs } = await s.runner.run(s.parameters, items);
	s.times.push(wallMs);
	s.outputItems += output.length;
	s.itemsOut += workload.count(output.map((o) => o.json));
	if (error && !s.error) s.error = describeError(error);
}

const summary = (s, workload) => ({
	ok: true,
	wallMs: workload.reps ? median(s.times) : s.times[0],
	times: s.times,
	itemsOut: s.itemsOut,
	outputItems: s.outputItems,
	error: s.error,
});

/**
 * A fleet row: `workload.fleet` executions of the node at once in this one
 * process, each its own WorkflowExecute with its own items, as n8n runs
 * executions side by side. An item fails when its output is an error, or is
 * missing because its execution stopped.
 */
async function fleet(job, workload) {
	const s = side(job, workload, 'ours');
	const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
	const inputs = Array.from({ length: workload.fleet }, (_, k) => workload.items(k));
	const started = process.hrtime.bigint();
	const runs = await Promise.all(inputs.map((items) => s.runner.run(s.parameters, items)));
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const jsons = runs.flatMap((r) => r.output.map((o) => o.json));
	const itemsOut = workload.count(jsons);
	const failed = runs.find((r) => r.error);
	return {
		ok: true,
		wallMs,
		times: [wallMs],
		itemsOut,
		outputItems: jsons.length,
		failedItems: workload.expected - itemsOut,
		executionsFailed: runs.filter((r) => r.error).length,
		error: failed ? describeError(failed.error) : undefined,
		baselineRssKb,
		maxRssKb: process.resourceUsage().maxRSS,
	};
}

async function main() {
	const job = JSON.parse(process.env.BENCH_JOB);
	const workload = workloads(job.size).find((w) => w.id === job.workload);
	if (workload.fleet) return await fleet(job, workload);
	const items = workload.items();

	if (job.contestant === 'paired') {
		// Both nodes in one process, runs alternating (ours first on even runs,
		// the built-in node first on odd ones), so that load from anything else
		// on the machine falls on both alike.
		const sides = [side(job, workload, 'ours'), side(job, workload, 'builtin')];
		const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
		for (let rep = 0; rep < (workload.warmup ?? 0); rep++) {
			for (const s of sides) {
				await mark(s.name);
				await s.runner.run(s.parameters, items);
			}
		}
		for (let rep = 0; rep < (workload.reps ?? 1); rep++) {
			for (const s of rep % 2 ? [...sides].reverse() : sides) {
				await mark(s.name);
				await measure(s, workload, items);
			}
		}
		await mark(null);
		const maxRssKb = process.resourceUsage().maxRSS;
		return {
			ok: true,
			paired: true,
			sides: Object.fromEntries(sides.map((s) => [s.name, { ...summary(s, workload), baselineRssKb, maxRssKb }])),
		};
	}

	const s = side(job, workload, job.contestant);
	const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
	for (let rep = 0; rep < (workload.warmup ?? 0); rep++) await s.runner.run(s.parameters, items);
	for (let rep = 0; rep < (workload.reps ?? 1); rep++) await measure(s, workload, items);
	return { ...summary(s, workload), baselineRssKb, maxRssKb: process.resourceUsage().maxRSS };
}

// Exits right after reporting: keep-alive sockets must not hold the process open.
main().then(
	(result) => process.send(result, () => process.exit(0)),
	(err) => process.send({ ok: false, crash: String(err?.stack ?? err) }, () => process.exit(1)),
);
