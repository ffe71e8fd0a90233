'use strict';
// `npm run bench`: this package's Zendesk Ticket node against n8n's built-in
// Zendesk node, in the same engine (n8n-core's WorkflowExecute), on the same
// machine, one after the other, both talking to the local Zendesk emulator
// over HTTPS as https://acme.zendesk.com (50 ms latency, 700 requests/minute).
//
//   node bench/run.js [--quick] [--only create,get,...] [--write]
//
// --quick   smaller sizes (a smoke test, not the numbers in BENCHMARKS.md)
// --only    run some workloads: create, get, update, delete, paced, list, search, single, fleetSafe, fleetBulk
// --write   also replace the generated section of BENCHMARKS.md
//
// Each (workload, node) pair gets a fresh emulator (fresh data and a fresh
// rate-limit window) and its own worker process (its own peak RSS).
const { execFileSync, fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createEmulator } = require('../test/emulator');
const { selfSignedCertificate } = require('../scripts/selfSignedCertificate');
const { CONTESTANTS, ROOT, CACHE_DIR, nodesBaseVersion } = require('./nodes');
const { workloads, fmt } = require('./workloads');
const { gateFailures, renderReport, replaceSection } = require('./report');
const { fleetStats } = require('./fleet');

const EMULATOR = { latencyMs: 50, rateLimitPerMinute: 700 };
const PUBLIC_URL = 'https://acme.zendesk.com';
const RUN_TIMEOUT_MS = 10 * 60_000;
const ORDER = ['ours', 'builtin'];

const out = (line = '') => process.stdout.write(`${line}\n`);

function parseArgs(argv) {
	const args = { quick: false, only: null, write: false, gate: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--quick') args.quick = true;
		else if (a === '--write') args.write = true;
		else if (a === '--gate') args.gate = true;
		else if (a === '--only')
			args.only = String(argv[++i] ?? '')
				.split(',')
				.filter(Boolean);
		else if (a.startsWith('--only=')) args.only = a.slice(7).split(',').filter(Boolean);
		else
			throw new Error(
				`Unknown argument ${a}. Usage: node bench/run.js [--quick] [--only create,createIds,get,update,applyMacro,applyMacroRendered,delete,paced,list,search,export,safeUpdates,single,fleetSafe,fleetBulk] [--write] [--gate]`,
			);
	}
	return args;
}

function ensureBuilt() {
	const entry = path.join(ROOT, 'dist/nodes/ZendeskTicket/ZendeskTicket.node.js');
	if (!fs.existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does).');
}

/** Installs the pinned n8n-nodes-base into .cache/bench/ (once), without install scripts. */
function ensureNodesBase() {
	const manifest = path.join(__dirname, 'builtin-node.json');
	const pin = JSON.parse(fs.readFileSync(manifest, 'utf8')).dependencies['n8n-nodes-base'];
	if (nodesBaseVersion() === pin) return pin;
	out(`Installing n8n-nodes-base@${pin} into ${path.relative(ROOT, CACHE_DIR)}/ (once; --ignore-scripts)…`);
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	fs.copyFileSync(manifest, path.join(CACHE_DIR, 'package.json'));
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: CACHE_DIR, stdio: 'inherit' });
	const installed = nodesBaseVersion();
	if (installed !== pin) throw new Error(`n8n-nodes-base ${installed ?? '(missing)'} installed, ${pin} expected`);
	return pin;
}

/** The commit dist/ was built from, and whether the node's sources had uncommitted changes. */
function sourceVersion() {
	try {
		const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
		const dirty =
			execFileSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
		return { commit, dirty };
	} catch {
		return undefined;
	}
}

function machine() {
	const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
	let free = '';
	try {
		free = execFileSync('free', ['-h'], { encoding: 'utf8' }).trimEnd();
	} catch {
		free = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total`;
	}
	let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
	try {
		nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
	} catch {
		// os.availableParallelism is the same number
	}
	return { nproc, free, cpu: model, node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}`, loadStart: os.loadavg() };
}

let tlsPort = 443;

async function startEmulator(workload, cert) {
	const options = { port: 0, ...EMULATOR, ...(workload.emulator ?? {}), seed: workload.seed, publicUrl: PUBLIC_URL };
	try {
		return await createEmulator({ ...options, tls: { key: cert.key, cert: cert.cert, port: tlsPort } });
	} catch (err) {
		if (tlsPort !== 443 || !['EACCES', 'EADDRINUSE'].includes(err.code)) throw err;
		out(`  (127.0.0.1:443 unavailable: ${err.code}; using a free port and redirecting *.zendesk.com:443 to it in the workers)`);
		tlsPort = 0;
		return await createEmulator({ ...options, tls: { key: cert.key, cert: cert.cert, port: 0 } });
	}
}

function runWorker(job, env, onMark = () => {}) {
	return new Promise((resolve) => {
		const child = fork(path.join(__dirname, 'worker.js'), [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
		let log = '';
		const keep = (chunk) => {
			log = (log + chunk).slice(-4000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		let result;
		child.on('message', (message) => {
			if (message?.type === 'mark') {
				onMark(message.contestant);
				child.send({ type: 'ack' });
			} else result = message;
		});
		const timer = setTimeout(() => {
			result = { ok: false, crash: `timed out after ${RUN_TIMEOUT_MS / 60_000} minutes` };
			child.kill('SIGKILL');
		}, RUN_TIMEOUT_MS);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(result ?? { ok: false, crash: `worker exited (${signal ?? code}) without a result\n${log}` });
		});
	});
}

/** "GET /api/v2/tickets/{id}" for "GET /api/v2/tickets/12.json". */
const endpointOf = (r) =>
	`${r.method} ${r.path
		.replace(/\.json$/, '')
		.replace(/\/\d+(?=\/|$)/g, '/{id}')
		.replace(/\/[0-9a-f]{16,}(?=\/|$)/g, '/{job}')}`;

function requestStats(requests) {
	const statuses = {};
	const endpoints = {};
	for (const r of requests) {
		statuses[r.status] = (statuses[r.status] ?? 0) + 1;
		endpoints[endpointOf(r)] = (endpoints[endpointOf(r)] ?? 0) + 1;
	}
	return { requests: requests.length, status429: statuses[429] ?? 0, statuses, endpoints };
}

/**
 * Runs one workload in a worker: one node (contestant 'ours' or 'builtin'),
 * or both interleaved ('paired'), where the worker marks which node the next
 * requests come from. Resolves with one result per node.
 */
async function runOne(workload, contestant, size, cert) {
	const emu = await startEmulator(workload, cert);
	try {
		workload.check?.(emu);
		emu.clearRequests();
		const job = {
			size,
			workload: workload.id,
			contestant,
			credentials: { subdomain: 'acme', email: emu.credentials.email, apiToken: emu.credentials.apiToken },
		};
		const env = {
			...process.env,
			NODE_EXTRA_CA_CERTS: cert.certPath,
			BENCH_TLS_PORT: String(emu.tlsPort),
			BENCH_JOB: JSON.stringify(job),
		};
		const segments = [];
		const result = await runWorker(job, env, (name) => segments.push({ name, from: emu.requests.length }));
		const serverEffect = workload.serverEffect?.(emu);
		const fleet = workload.fleet ? { fleetStats: fleetStats(workload, emu.requests) } : {};
		if (contestant !== 'paired') return { [contestant]: { ...result, ...requestStats(emu.requests), serverEffect, ...fleet } };
		const byName = { ours: [], builtin: [] };
		segments.forEach((seg, i) => {
			if (seg.name) byName[seg.name].push(...emu.requests.slice(seg.from, segments[i + 1]?.from ?? emu.requests.length));
		});
		return Object.fromEntries(
			ORDER.map((name) => [
				name,
				result.ok
					? { ...result.sides[name], ...requestStats(byName[name]), serverEffect, paired: true }
					: { ...result, ...requestStats(byName[name]) },
			]),
		);
	} finally {
		await emu.close();
	}
}

function progressLine(workload, contestant, r) {
	if (!r.ok) return `  ${contestant.padEnd(7)} CRASHED: ${r.crash.split('\n')[0]}`;
	const seconds = (r.wallMs / 1000).toFixed(2);
	const err = r.error ? ` · error: ${r.error.message.slice(0, 100)}` : '';
	const fleet = r.fleetStats
		? ` · fleet limit ratio ${(r.wallMs / r.fleetStats.allowedMs).toFixed(2)} (the ${r.fleetStats.binding.name} limit allows ${(r.fleetStats.allowedMs / 1000).toFixed(1)} s)`
		: '';
	return `  ${contestant.padEnd(7)} ${seconds} s · ${fmt(r.requests)} request(s) · ${r.status429} × 429 · ${fmt(r.itemsOut)}/${fmt(workload.expected * (workload.reps ?? 1))} items · peak RSS ${Math.round((r.maxRssKb * 1024) / 1e6)} MB${fleet}${err}`;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const size = args.quick ? 'quick' : 'full';
	ensureBuilt();
	const nodesBase = ensureNodesBase();
	const cert = selfSignedCertificate(['acme.zendesk.com', '*.zendesk.com'], 2);
	const startedAt = new Date();
	const info = machine();
	const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
	out(`Zendesk node benchmark (${size}) · ${startedAt.toISOString()} · node ${info.node} · ${info.nproc} CPUs · ${info.cpu}`);
	out(`Emulator: ${EMULATOR.latencyMs} ms latency per request, ${EMULATOR.rateLimitPerMinute} requests/minute, reached as ${PUBLIC_URL}`);
	out(`Contestants: ${CONTESTANTS.ours.label} (dist/) vs ${CONTESTANTS.builtin.label} ${nodesBase}`);

	const selected = workloads(size).filter((w) => !args.only || args.only.includes(w.id));
	if (!selected.length) throw new Error(`--only matched no workload`);
	const results = [];
	try {
		for (const workload of selected) {
			out(`\n${workload.title}`);
			const row = {
				workload: workload.id,
				title: workload.title,
				bulk: !!workload.bulk,
				expected: workload.expected,
				reps: workload.reps ?? 1,
				warmup: workload.warmup ?? 0,
				paired: !!workload.paired,
				cannot: !!workload.cannot,
				note: workload.note ?? {},
				query: workload.query,
				only: workload.only,
				fewest: workload.fewest,
				target: workload.target ?? {},
				emulator: workload.emulator,
				fleet: workload.fleet,
				runs: {},
			};
			if (workload.paired) {
				Object.assign(row.runs, await runOne(workload, 'paired', size, cert));
				for (const contestant of ORDER) out(progressLine(workload, contestant, row.runs[contestant]));
			} else {
				for (const contestant of workload.only ?? ORDER) {
					Object.assign(row.runs, await runOne(workload, contestant, size, cert));
					out(progressLine(workload, contestant, row.runs[contestant]));
				}
			}
			results.push(row);
		}
	} finally {
		fs.rmSync(cert.dir, { recursive: true, force: true });
	}
	const finishedAt = new Date();
	info.loadEnd = os.loadavg();

	const meta = {
		command,
		size,
		startedAt: startedAt.toISOString(),
		finishedAt: finishedAt.toISOString(),
		machine: info,
		emulator: { ...EMULATOR, publicUrl: PUBLIC_URL, tlsPort: tlsPort === 443 ? 443 : 'free port (443 unavailable)' },
		versions: {
			nodesBase,
			n8nCore: require('n8n-core/package.json').version,
			n8nWorkflow: require('n8n-workflow/package.json').version,
			package: require('../package.json').version,
			source: sourceVersion(),
		},
	};
	const report = renderReport(meta, results);
	fs.mkdirSync(path.join(CACHE_DIR, 'results'), { recursive: true });
	const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
	fs.writeFileSync(path.join(CACHE_DIR, 'results', `${stamp}-${size}.json`), JSON.stringify({ meta, results }, null, '\t'));
	fs.writeFileSync(path.join(CACHE_DIR, 'last-run.md'), report);
	out(`\n${report}`);
	out(
		`Saved .cache/bench/last-run.md and .cache/bench/results/${stamp}-${size}.json (${((finishedAt - startedAt) / 1000).toFixed(0)} s in all).`,
	);
	if (args.write) {
		const file = path.join(ROOT, 'BENCHMARKS.md');
		const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
		fs.writeFileSync(file, replaceSection(existing, report));
		out('Updated the generated section of BENCHMARKS.md.');
	}
	// Request counts and 429s only: times vary with the machine and never fail a run.
	const failures = gateFailures(results);
	if (args.gate && failures.length) {
		process.stderr.write(`Benchmark gate failed:\n${failures.map((f) => `- ${f}`).join('\n')}\n`);
		process.exitCode = 1;
	}
}

main().catch((err) => {
	process.stderr.write(`${err.stack ?? err}\n`);
	process.exit(1);
});
