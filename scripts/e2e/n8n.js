#!/usr/bin/env node
'use strict';
/**
 * Helpers to drive a real, pinned n8n (installed by scripts/e2e/install-n8n.sh) from
 * tests or by hand. Runs on the host Node (>= 18); n8n itself runs on the Node runtime
 * installed next to it (24.x for v2, 22.x for v1).
 *
 *   const e2e = require('./scripts/e2e/n8n.js');
 *   const n8n = await e2e.createInstance({ line: 'v2' });       // fresh user folder, package staged
 *   await n8n.importCredentials([{ id: 'c1', name: 'zd', type: 'zendeskTicketApi', data: {...} }]);
 *   await n8n.importWorkflows([{ id: 'wf1', name: 'x', nodes: [...], connections: {...} }]);
 *   const res = await n8n.execute('wf1');   // { ok, code, run (parsed IRun JSON), stdout, stderr, ms }
 *   n8n.nodeType                            // 'CUSTOM.zendeskTicket' or 'n8n-nodes-zendesk-ticket.zendeskTicket'
 *   n8n.cleanup();
 *
 * CLI:
 *   node scripts/e2e/n8n.js install v2|v1            install (idempotent), print paths
 *   node scripts/e2e/n8n.js smoke   v2|v1 [custom|community]
 *                                                     load the built package (run `npm run build` first)
 *                                                     and execute a Zendesk Ticket node once
 *   node scripts/e2e/n8n.js queue-smoke v2|v1 [custom|community]
 *                                                     queue mode: Redis + Postgres (queue-services.sh),
 *                                                     `n8n start` + `n8n worker`, POST a webhook 3 times
 *   node scripts/e2e/n8n.js run     v2|v1 -- <n8n args...>
 *                                                     run any n8n CLI command in a fresh user folder
 *                                                     with the package staged (E2E_USER_FOLDER to reuse one)
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const INSTALL_SCRIPT = path.join(__dirname, 'install-n8n.sh');
const PACKAGE_NAME = 'n8n-nodes-zendesk-ticket';
const NODE_NAME = 'zendeskTicket';
const ENCRYPTION_KEY = 'e2e-test-encryption-key-0123456789';
const DEFAULT_TIMEOUT_MS = 120_000;

const installCache = new Map();

/** Process groups of n8n commands still running; killed when this process exits, however it exits. */
const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {}
	}
});

/** Install (or reuse) n8n for a line; returns { line, nodeBin, n8nBin }. */
function install(line) {
	if (installCache.has(line)) return installCache.get(line);
	const res = spawnSync('bash', [INSTALL_SCRIPT, line], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	if (res.status !== 0) throw new Error(`install-n8n.sh ${line} failed with ${res.status ?? res.signal}`);
	const vars = Object.fromEntries(
		res.stdout
			.split('\n')
			.map((l) => /^([A-Z0-9_]+)=(.*)$/.exec(l))
			.filter(Boolean)
			.map((m) => [m[1], m[2]]),
	);
	if (!vars.NODE_BIN || !vars.N8N_BIN) throw new Error(`install-n8n.sh ${line}: no paths in output:\n${res.stdout}`);
	const out = { line, nodeBin: vars.NODE_BIN, n8nBin: vars.N8N_BIN };
	installCache.set(line, out);
	return out;
}

/** A fresh, empty N8N_USER_FOLDER under the OS temp dir (outside the repo on purpose, see stagePackage). */
function createUserFolder(prefix = 'n8n-e2e-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Copy the built package (package.json + dist/) so n8n can load it.
 *  - mode 'custom':    <userFolder>/ext/<pkg>, used via N8N_CUSTOM_EXTENSIONS; node type CUSTOM.zendeskTicket
 *  - mode 'community': <userFolder>/.n8n/nodes/node_modules/<pkg>; node type n8n-nodes-zendesk-ticket.zendeskTicket
 * It is copied (not symlinked) and kept outside /work/main so that `require('n8n-workflow')`
 * in dist/ cannot resolve the repo's devDependency copy: n8n puts its own node_modules on
 * NODE_PATH, so the package shares n8n's n8n-workflow, as in a real install.
 * Returns the folder to put in N8N_CUSTOM_EXTENSIONS (custom) or the package dir (community).
 */
function stagePackage(userFolder, { mode = 'custom', packageDir = REPO_ROOT } = {}) {
	const dist = path.join(packageDir, 'dist');
	if (!fs.existsSync(path.join(dist, 'nodes'))) {
		throw new Error(`${dist} is missing or empty: run \`npm run build\` first`);
	}
	const target =
		mode === 'community'
			? path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME)
			: path.join(userFolder, 'ext', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(dist, path.join(target, 'dist'), { recursive: true, dereference: true });
	if (mode === 'community') {
		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		const pj = path.join(nodesDir, 'package.json');
		if (!fs.existsSync(pj)) {
			const version = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
			fs.writeFileSync(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } }, null, 2));
		}
		return target;
	}
	return path.dirname(target);
}

/** Ports this process has handed out: the OS may offer a port again once it is closed, before n8n binds it. */
const handedOut = new Set();

/**
 * A currently free TCP port on 127.0.0.1 (for the task broker, so parallel runs do not collide on 5679),
 * never one this process handed out before (n8n's port and its broker's once came out the same).
 */
async function freePort() {
	for (;;) {
		const port = await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.unref();
			srv.on('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const { port } = srv.address();
				srv.close(() => resolve(port));
			});
		});
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

/** Parent env minus anything that could change n8n's behaviour behind the test's back. */
function baseEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$)/.test(k)) continue;
		env[k] = v;
	}
	return env;
}

/**
 * Environment for one n8n process. `extra` wins over everything (e.g. { N8N_LOG_LEVEL: 'debug' },
 * { N8N_EXPRESSION_ENGINE: 'legacy' }, queue-mode DB_/QUEUE_ vars, HTTPS_PROXY).
 */
function n8nEnv({ userFolder, customExtensions, brokerPort, extra = {} }) {
	return {
		...baseEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_LEVEL: 'info',
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...(customExtensions ? { N8N_CUSTOM_EXTENSIONS: customExtensions } : {}),
		...extra,
	};
}

/**
 * Run `<node> <n8n> ...args` and resolve { code, signal, stdout, stderr, timedOut, ms }.
 * Never rejects on a non-zero exit; kills the whole process group on timeout.
 */
function runCli({ nodeBin, n8nBin, args, env, cwd, timeoutMs = DEFAULT_TIMEOUT_MS }) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawn(nodeBin, [n8nBin, ...args], {
			env,
			cwd: cwd || env.N8N_USER_FOLDER,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		// Killed if this process exits first (the process group: n8n may start task runners).
		liveGroups.add(child.pid);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			liveGroups.delete(child.pid);
			resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - t0 });
		});
	});
}

/**
 * `n8n execute` prints log lines and the IRun JSON (pretty-printed, starting with a line "{")
 * to stdout, both on success and, after "Execution error:", on failure. Returns the parsed object or null.
 */
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j] !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				/* keep looking for a later closing brace */
			}
		}
	}
	return null;
}

/**
 * A fresh n8n "instance" (user folder + sqlite DB) for a line, with the built package staged.
 * Options: line 'v2'|'v1'; mode 'custom'|'community'; env (extra env for every command);
 * userFolder (reuse one); packageDir (default: this repo); timeoutMs (per command);
 * stage (default true; false leaves <userFolder>/.n8n/nodes as it is, mode 'community' only).
 */
async function createInstance({ line = 'v2', mode = 'custom', env = {}, userFolder, packageDir, timeoutMs, stage = true } = {}) {
	const { nodeBin, n8nBin } = install(line);
	const folder = userFolder || createUserFolder(`n8n-e2e-${line}-`);
	// stage: false when the package is already installed in <userFolder>/.n8n/nodes (the install-route tests).
	const staged = stage ? stagePackage(folder, { mode, packageDir }) : undefined;
	const customExtensions = mode === 'custom' ? staged : undefined;
	const nodeType = mode === 'custom' ? `CUSTOM.${NODE_NAME}` : `${PACKAGE_NAME}.${NODE_NAME}`;
	let seq = 0;

	const inst = {
		line,
		mode,
		nodeBin,
		n8nBin,
		userFolder: folder,
		nodeType,
		/** Env a command would get (e.g. to spawn `n8n start`/`worker` yourself). */
		async env(extra = {}) {
			return n8nEnv({ userFolder: folder, customExtensions, brokerPort: await freePort(), extra: { ...env, ...extra } });
		},
		/** Run any n8n CLI command, e.g. run(['list:workflow']). */
		async run(args, { env: extra = {}, timeoutMs: t = timeoutMs } = {}) {
			return runCli({ nodeBin, n8nBin, args, env: await inst.env(extra), timeoutMs: t });
		},
		async importCredentials(creds, opts) {
			return importJson(inst, 'import:credentials', Array.isArray(creds) ? creds : [creds], opts);
		},
		async importWorkflows(workflows, opts) {
			const list = (Array.isArray(workflows) ? workflows : [workflows]).map((w) => ({
				active: false,
				settings: {},
				connections: {},
				...w,
			}));
			return importJson(inst, 'import:workflow', list, opts);
		},
		/**
		 * Execute a workflow (must start with a Manual Trigger). ok: exit 0 and no resultData.error.
		 * `crashedOnExit`: the signal that killed the CLI after it had printed a finished, successful
		 * run (n8n 1.123 on Node 22 once died with SIGSEGV while exiting, in CI); the run is what is
		 * judged, and the caller reports the crash as n8n's.
		 */
		async execute(id, opts = {}) {
			const res = await inst.run(['execute', `--id=${id}`, '--rawOutput'], opts);
			const run = parseRunOutput(res.stdout);
			const finished = !!run && run.finished === true && run.status === 'success';
			const crashedOnExit = res.code === null && res.signal && !res.timedOut && finished ? res.signal : undefined;
			const ok = (res.code === 0 || crashedOnExit !== undefined) && !!run && !run.data?.resultData?.error;
			return { ...res, ok, run, crashedOnExit };
		},
		cleanup() {
			if (!userFolder) fs.rmSync(folder, { recursive: true, force: true });
		},
	};

	async function importJson(self, command, data, opts) {
		const file = path.join(folder, `${command.replace(':', '-')}-${++seq}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		const res = await self.run([command, `--input=${file}`], opts);
		if (res.code !== 0) {
			throw new Error(`n8n ${command} failed (${res.code ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
		}
		return res;
	}

	return inst;
}

/* ------------------------------------------------------------------ queue mode */

const QUEUE_SCRIPT = path.join(__dirname, 'queue-services.sh');
const REDIS_PORT = process.env.E2E_REDIS_PORT || '6390';
const PG_PORT = process.env.E2E_PG_PORT || '5440';

/** `scripts/e2e/queue-services.sh start|stop|status` (Redis 127.0.0.1:6390, Postgres 127.0.0.1:5440). */
function queueServices(cmd = 'start') {
	const res = spawnSync('bash', [QUEUE_SCRIPT, cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (cmd !== 'status' && res.status !== 0) throw new Error(`queue-services.sh ${cmd} failed:\n${res.stderr}`);
	return res.status === 0;
}

function psql(sql, database = 'postgres') {
	const res = spawnSync(
		'psql',
		['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-Atc', sql],
		{
			encoding: 'utf8',
		},
	);
	if (res.status !== 0) throw new Error(`psql failed: ${res.stderr || res.error}`);
	return res.stdout;
}

/**
 * Spawn a long-running n8n command (start / worker / webhook) in its own process group and
 * resolve once `readyPattern` shows up in its output. Returns { child, output(), stop() }.
 */
function spawnDaemon({ nodeBin, n8nBin, args, env, readyPattern, timeoutMs = 90_000 }) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, [n8nBin, ...args], { env, cwd: env.N8N_USER_FOLDER, detached: true });
		liveGroups.add(child.pid);
		let out = '';
		let ready = false;
		const handle = {
			child,
			output: () => out,
			stop: () =>
				new Promise((res) => {
					if (child.exitCode !== null || child.signalCode !== null) return res();
					const kill = setTimeout(() => {
						try {
							process.kill(-child.pid, 'SIGKILL');
						} catch {}
					}, 15_000);
					child.once('close', () => {
						clearTimeout(kill);
						liveGroups.delete(child.pid);
						res();
					});
					try {
						process.kill(-child.pid, 'SIGTERM');
					} catch {}
				}),
		};
		const onData = (d) => {
			out += d;
			if (!ready && readyPattern.test(out)) {
				ready = true;
				clearTimeout(timer);
				resolve(handle);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('close', (code, signal) => {
			liveGroups.delete(child.pid);
			if (!ready) {
				clearTimeout(timer);
				reject(new Error(`n8n ${args[0]} exited (${code ?? signal}) before it was ready:\n${out}`));
			}
		});
		const timer = setTimeout(() => {
			if (ready) return;
			handle.stop();
			reject(new Error(`n8n ${args[0]} not ready after ${timeoutMs} ms:\n${out}`));
		}, timeoutMs);
	});
}

/**
 * createInstance() on Postgres + Redis (queue mode): a fresh database and Bull prefix per
 * instance, so instances can run side by side. Adds startQueue() and drops the DB on cleanup().
 * Activate webhook workflows before startQueue(): v2 `publish:workflow --id=X`,
 * v1 `update:workflow --id=X --active=true` (inst.activate does the right one).
 */
async function createQueueInstance({ line = 'v2', mode = 'custom', env = {}, ...rest } = {}) {
	queueServices('start');
	const tag = `${line}_${process.pid}_${Date.now().toString(36)}`;
	const database = `n8n_e2e_${tag}`.toLowerCase();
	psql(`CREATE DATABASE "${database}"`);
	const qenv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: REDIS_PORT,
		QUEUE_BULL_PREFIX: `bull_${tag}`,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: PG_PORT,
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		...env,
	};
	const inst = await createInstance({ line, mode, env: qenv, ...rest });
	const daemons = [];
	inst.database = database;
	inst.activate = (id) => inst.run(line === 'v1' ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
	/**
	 * Start `n8n start` (main, webhooks) and `workers` x `n8n worker` (default 1, each with its own
	 * health port); resolves { baseUrl, webhookUrl(path), main, worker (the first), workers, stop() }.
	 */
	inst.startQueue = async ({ concurrency = 2, workers: workerCount = 1, mainPort, workerPort, env: extra = {} } = {}) => {
		const port = mainPort || (await freePort());
		const healthPorts = [];
		for (let i = 0; i < workerCount; i++) healthPorts.push(i === 0 && workerPort ? workerPort : await freePort());
		const started = await Promise.allSettled([
			spawnDaemon({
				nodeBin: inst.nodeBin,
				n8nBin: inst.n8nBin,
				args: ['start'],
				env: await inst.env({ N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', ...extra }),
				readyPattern: /Editor is now accessible via/,
			}),
			...healthPorts.map(async (healthPort) =>
				spawnDaemon({
					nodeBin: inst.nodeBin,
					n8nBin: inst.n8nBin,
					args: ['worker', `--concurrency=${concurrency}`],
					env: await inst.env({ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), ...extra }),
					readyPattern: /n8n worker is now ready/,
				}),
			),
		]);
		const up = started.filter((r) => r.status === 'fulfilled').map((r) => r.value);
		daemons.push(...up);
		const failed = started.find((r) => r.status === 'rejected');
		if (failed) {
			await Promise.all(up.map((d) => d.stop()));
			throw failed.reason;
		}
		const [main, ...workerHandles] = up;
		const worker = workerHandles[0];
		const baseUrl = `http://127.0.0.1:${port}`;
		return {
			baseUrl,
			workerHealthUrl: `http://127.0.0.1:${healthPorts[0]}/healthz`,
			webhookUrl: (p) => `${baseUrl}/webhook/${p}`,
			/**
			 * Wait until the production webhook `path` is registered, without triggering it: a request
			 * with another method answers 404 "...not registered for GET requests. Did you mean..."
			 * once it is, and 404 "The requested webhook ... is not registered." before. Needed on v2,
			 * where published workflows are activated asynchronously (publication outbox, polled every
			 * 15 s by default; N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS). Resolves with the ms waited.
			 */
			waitForWebhook: async (p, { method = 'POST', timeoutMs = 60_000 } = {}) => {
				const probe = method === 'GET' ? 'DELETE' : 'GET';
				const t0 = Date.now();
				for (;;) {
					const r = await fetch(`${baseUrl}/webhook/${p}`, { method: probe }).catch(() => null);
					const body = r ? await r.text() : '';
					if (r && (r.status !== 404 || /Did you mean/.test(body))) return Date.now() - t0;
					if (Date.now() - t0 > timeoutMs) throw new Error(`webhook ${p} not registered after ${timeoutMs} ms: ${body}`);
					await new Promise((res) => setTimeout(res, 250));
				}
			},
			main,
			worker,
			workers: workerHandles,
			stop: () => Promise.all([main.stop(), ...workerHandles.map((w) => w.stop())]),
		};
	};
	/** Executions as stored in Postgres (id, mode, status, finished, workflowId). */
	inst.executions = () =>
		psql('SELECT id, mode, status, finished, "workflowId" FROM execution_entity ORDER BY id', database)
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((l) => {
				const [id, m, status, finished, workflowId] = l.split('|');
				return { id, mode: m, status, finished: finished === 't', workflowId };
			});
	const baseCleanup = inst.cleanup;
	inst.cleanup = async () => {
		await Promise.all(daemons.map((d) => d.stop()));
		baseCleanup();
		try {
			psql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
		} catch {}
	};
	return inst;
}

function queueWorkflow(nodeType) {
	const wf = smokeWorkflow(nodeType);
	wf.id = 'e2eQueueWebhook1';
	wf.name = 'e2e queue: webhook -> set -> zendesk ticket';
	wf.nodes[0] = {
		id: 'n1',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: 'e2e-queue-hook',
		parameters: { httpMethod: 'POST', path: 'e2e-queue-hook', responseMode: 'lastNode', options: {} },
	};
	wf.nodes[1].parameters.assignments.assignments.push({ id: 'a2', name: 'got', value: '={{ $json.body.x }}', type: 'string' });
	wf.nodes[2].onError = 'continueRegularOutput';
	wf.connections = { Webhook: wf.connections.Manual, Sum: wf.connections.Sum };
	return wf;
}

async function queueSmoke(line, mode) {
	const t0 = Date.now();
	const lap = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
	const n8n = await createQueueInstance({ line, mode });
	console.error(`[queue ${line}] db ${n8n.database}, user folder ${n8n.userFolder} (${lap()})`);
	let q;
	try {
		await n8n.importCredentials([
			{ id: 'c1', name: 'zd', type: 'zendeskTicketApi', data: { subdomain: 'acme', email: 'a@b.c', apiToken: 't' } },
		]);
		await n8n.importWorkflows(queueWorkflow(n8n.nodeType));
		const act = await n8n.activate('e2eQueueWebhook1');
		if (act.code !== 0) throw new Error(`activation failed:\n${act.stdout}${act.stderr}`);
		console.error(`[queue ${line}] imported + activated (${lap()})`);
		q = await n8n.startQueue();
		console.error(`[queue ${line}] main ${q.baseUrl} + worker ready (${lap()})`);
		const waited = await q.waitForWebhook('e2e-queue-hook');
		console.error(`[queue ${line}] webhook registered after ${waited} ms (${lap()})`);
		const results = [];
		for (let i = 0; i < 3; i++) {
			const s = Date.now();
			const r = await fetch(q.webhookUrl('e2e-queue-hook'), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ x: `hello${i}` }),
				signal: AbortSignal.timeout(60_000),
			});
			results.push({ http: r.status, body: await r.text(), ms: Date.now() - s });
		}
		const workerRan = (q.worker.output().match(/Worker finished execution/g) || []).length;
		const summary = { line, mode, results, workerFinishedExecutions: workerRan, executions: n8n.executions(), totalS: lap() };
		console.log(JSON.stringify(summary, null, 2));
		return results.every((r) => r.http === 200) && workerRan === results.length;
	} finally {
		if (process.env.E2E_KEEP) {
			console.error(`[queue ${line}] E2E_KEEP: leaving main/worker running? no, stopping; DB ${n8n.database} kept`);
			if (q) await q.stop();
		} else {
			await n8n.cleanup();
		}
	}
}

/** Convenience accessors for a parsed run. */
function nodeRuns(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName] ?? [];
}
function nodeOutputJson(run, nodeName, runIndex = 0, output = 0) {
	return (nodeRuns(run, nodeName)[runIndex]?.data?.main?.[output] ?? []).map((i) => i.json);
}

function smokeWorkflow(nodeType) {
	return {
		id: 'e2eSmokeZendesk1',
		name: 'e2e smoke: zendesk ticket get',
		nodes: [
			{ id: 'n1', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n2',
				name: 'Sum',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: { assignments: [{ id: 'a1', name: 'sum', value: '={{ 1 + 1 }}', type: 'number' }] },
					options: {},
				},
			},
			{
				id: 'n3',
				name: 'Zendesk Ticket',
				type: nodeType,
				typeVersion: 1,
				position: [400, 0],
				parameters: { authentication: 'apiToken', resource: 'ticket', operation: 'get', ticketId: '1' },
				credentials: { zendeskTicketApi: { id: 'c1', name: 'zd' } },
			},
		],
		connections: {
			Manual: { main: [[{ node: 'Sum', type: 'main', index: 0 }]] },
			Sum: { main: [[{ node: 'Zendesk Ticket', type: 'main', index: 0 }]] },
		},
	};
}

async function smoke(line, mode) {
	const t0 = Date.now();
	const n8n = await createInstance({ line, mode });
	console.error(`[smoke ${line}/${mode}] user folder ${n8n.userFolder}, node type ${n8n.nodeType}`);
	try {
		await n8n.importCredentials([
			{ id: 'c1', name: 'zd', type: 'zendeskTicketApi', data: { subdomain: 'acme', email: 'a@b.c', apiToken: 't' } },
		]);
		await n8n.importWorkflows(smokeWorkflow(n8n.nodeType));
		const res = await n8n.execute('e2eSmokeZendesk1');
		const err = res.run?.data?.resultData?.error;
		const zd = nodeRuns(res.run, 'Zendesk Ticket')[0];
		const summary = {
			line,
			mode,
			exitCode: res.code,
			timedOut: res.timedOut,
			executeMs: res.ms,
			totalMs: Date.now() - t0,
			status: res.run?.status,
			sum: nodeOutputJson(res.run, 'Sum')[0]?.sum,
			zendeskNodeRan: !!zd,
			zendeskNodeStatus: zd?.executionStatus,
			error: err && { name: err.name, message: err.message, node: err.node?.type, description: err.description },
		};
		console.log(JSON.stringify(summary, null, 2));
		if (!res.run) console.error(res.stdout, res.stderr);
		// Expected offline: the node ran and failed on the network, with its own node type in the error.
		return summary.sum === 2 && summary.zendeskNodeRan && !res.timedOut;
	} finally {
		if (!process.env.E2E_KEEP) n8n.cleanup();
	}
}

module.exports = {
	REPO_ROOT,
	PACKAGE_NAME,
	ENCRYPTION_KEY,
	install,
	createUserFolder,
	stagePackage,
	freePort,
	n8nEnv,
	runCli,
	parseRunOutput,
	createInstance,
	nodeRuns,
	nodeOutputJson,
	smokeWorkflow,
	queueServices,
	spawnDaemon,
	createQueueInstance,
	queueWorkflow,
};

if (require.main === module) {
	const [cmd, line = 'v2', ...rest] = process.argv.slice(2);
	(async () => {
		if (cmd === 'install') {
			console.log(JSON.stringify(install(line), null, 2));
		} else if (cmd === 'smoke') {
			const ok = await smoke(line, rest[0] || 'custom');
			process.exitCode = ok ? 0 : 1;
		} else if (cmd === 'queue-smoke') {
			const ok = await queueSmoke(line, rest[0] || 'custom');
			process.exitCode = ok ? 0 : 1;
		} else if (cmd === 'run') {
			const args = rest[0] === '--' ? rest.slice(1) : rest;
			const n8n = await createInstance({ line, userFolder: process.env.E2E_USER_FOLDER, mode: process.env.E2E_MODE || 'custom' });
			const res = await n8n.run(args);
			process.stdout.write(res.stdout);
			process.stderr.write(res.stderr);
			console.error(`[n8n.js] exit ${res.code ?? res.signal} in ${res.ms} ms; user folder ${n8n.userFolder}`);
			process.exitCode = res.code ?? 1;
		} else {
			console.error('usage: node scripts/e2e/n8n.js install|smoke|queue-smoke|run v2|v1 [custom|community] [-- n8n args]');
			process.exitCode = 2;
		}
	})().catch((e) => {
		console.error(e);
		process.exitCode = 1;
	});
}
