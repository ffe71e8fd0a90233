#!/usr/bin/env node
'use strict';
/**
 * End-to-end tests of the built package in real, pinned n8n releases against the local
 * Zendesk emulator (test/emulator), driven through the n8n CLI.
 *
 *   node test/e2e/run.js [--line v2|v1|all] [--queue | --no-queue] [--queue-line v2|v1|all] [--no-shared]
 *                        [--mode community|custom] [--jobs N] [--timeout-min N] [--keep]
 *
 * Defaults: --line all, queue mode on with `all` (off for a single line unless --queue),
 * queue mode on the lines asked for (both with `all`), with the shared-credential scenario
 * (two workers, 20 executions at once on one OAuth2 credential), community-package mode,
 * 2 parallel jobs.
 * Needs `npm run build` first (dist/). Installs n8n under .cache/e2e (scripts/e2e/install-n8n.sh,
 * cached) and, for queue mode, Redis + PostgreSQL via apt-get when missing (root only).
 * Logs of every n8n command go to .cache/e2e/logs/ (E2E_LOG_DIR).
 *
 * Prints PASS/FAIL per check and, last, `e2e: N passed, M failed`; exit code 1 on any failure.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const e2e = require('../../scripts/e2e/n8n.js');
const { createEmulator } = require('../emulator');
const wf = require('./workflows.js');

const ROOT = e2e.REPO_ROOT;
const INSTALL_SCRIPT = path.join(ROOT, 'scripts', 'e2e', 'install-n8n.sh');
const QUEUE_SCRIPT = path.join(ROOT, 'scripts', 'e2e', 'queue-services.sh');
const { authorizationCode, EXPIRES_IN } = require('./oauthFlow.js');
const LINES = ['v2', 'v1'];

/* ------------------------------------------------------------------ options */

function parseArgs(argv) {
	const opts = {
		line: 'all',
		queue: undefined,
		queueLine: undefined,
		shared: true,
		mode: 'community',
		jobs: 2,
		timeoutMin: 40,
		keep: false,
		installRoutes: true,
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--line') opts.line = value();
		else if (flag === '--queue') opts.queue = true;
		else if (flag === '--no-queue') opts.queue = false;
		else if (flag === '--queue-line') opts.queueLine = value();
		else if (flag === '--no-shared') opts.shared = false;
		else if (flag === '--mode') opts.mode = value();
		else if (flag === '--jobs') opts.jobs = Number(value());
		else if (flag === '--timeout-min') opts.timeoutMin = Number(value());
		else if (flag === '--keep') opts.keep = true;
		else if (flag === '--no-install-routes') opts.installRoutes = false;
		else if (flag === '--only-install-routes') opts.onlyInstallRoutes = true;
		else if (flag === '--no-agent')
			opts.agent = false; // test/e2e/agent.js
		else if (flag === '--no-triggers')
			opts.triggers = false; // test/e2e/trigger.js
		else if (flag === '--no-fleet')
			opts.fleet = false; // test/e2e/queueFleet.js
		else if (flag === '--only-queue') opts.onlyQueue = true;
		else if (flag === '--help' || flag === '-h') opts.help = true;
		else throw new Error(`unknown argument ${a}`);
	}
	if (!['all', ...LINES].includes(opts.line)) throw new Error(`--line must be v2, v1 or all, not ${opts.line}`);
	if (!['community', 'custom'].includes(opts.mode)) throw new Error(`--mode must be community or custom`);
	opts.lines = opts.line === 'all' ? [...LINES] : [opts.line];
	if (opts.onlyInstallRoutes) opts.queue = false;
	if (opts.onlyQueue) [opts.queue, opts.installRoutes] = [true, false];
	if (opts.queue === undefined) opts.queue = opts.line === 'all';
	opts.queueLine = opts.queueLine || (opts.line === 'all' ? 'all' : opts.lines[0]);
	if (!['all', ...LINES].includes(opts.queueLine)) throw new Error(`--queue-line must be v2, v1 or all`);
	opts.queueLines = opts.queue ? (opts.queueLine === 'all' ? [...LINES] : [opts.queueLine]) : [];
	if (!(opts.jobs >= 1)) opts.jobs = 1;
	return opts;
}

/* ------------------------------------------------------------------ reporting */

const results = { passed: 0, failed: 0, failures: [], known: [] };
const T0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const elapsed = () => secs(Date.now() - T0);
const log = (msg) => process.stderr.write(`[e2e ${elapsed()}] ${msg}\n`);

function pass(scope, name) {
	results.passed++;
	console.log(`PASS ${scope} ${name}`);
}
function fail(scope, name, detail) {
	results.failed++;
	const text = String(detail ?? 'failed').trim();
	results.failures.push(`${scope} ${name}: ${text.split('\n')[0]}`);
	console.log(`FAIL ${scope} ${name}\n     ${text.replace(/\n/g, '\n     ')}`);
}

/**
 * A documented limitation of one n8n line (not of this package), measured rather than failed:
 * printed as `KNOWN ...` and listed at the end, but it neither passes nor fails the run.
 */
function known(scope, name, detail) {
	const text = String(detail ?? '').trim();
	results.known.push(`${scope} ${name}: ${text.split('\n')[0]}`);
	console.log(`KNOWN ${scope} ${name}\n     ${text.replace(/\n/g, '\n     ')}`);
}

class CheckError extends Error {}
function assert(cond, message) {
	if (!cond) throw new CheckError(message);
}
const show = (v) => JSON.stringify(v);
function assertEq(actual, expected, what) {
	assert(show(actual) === show(expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** One PASS/FAIL line; `fn` throws (or returns false) to fail. Never throws itself. */
async function check(scope, name, fn) {
	try {
		const r = await fn();
		if (r === false) throw new CheckError('assertion failed');
		pass(scope, name);
		return true;
	} catch (e) {
		// Plain Errors carry their own explanation; anything else (TypeError...) is a bug here: show where.
		fail(scope, name, e instanceof Error && e.constructor !== Error && !(e instanceof CheckError) ? e.stack : e.message);
		return false;
	}
}

/* ------------------------------------------------------------------ logs */

const LOG_DIR = process.env.E2E_LOG_DIR || path.join(ROOT, '.cache', 'e2e', 'logs');
function writeLog(name, content) {
	try {
		fs.mkdirSync(LOG_DIR, { recursive: true });
		const file = path.join(LOG_DIR, `${name.replace(/[^a-zA-Z0-9._-]+/g, '_')}.log`);
		fs.writeFileSync(file, content);
		return file;
	} catch {
		return '(log not written)';
	}
}
const tail = (text, n = 25) =>
	String(text || '')
		.trim()
		.split('\n')
		.slice(-n)
		.join('\n');

/* ------------------------------------------------------------------ installs */

function spawnLogged(cmd, args, { prefix, env = process.env } = {}) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		const relay = (d) => {
			for (const l of String(d).split('\n')) if (l.trim()) process.stderr.write(`${prefix} ${l}\n`);
		};
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => {
			stderr += d;
			relay(d);
		});
		child.on('error', (e) => resolve({ code: -1, stdout, stderr: `${stderr}${e.message}` }));
		child.on('close', (code, signal) => resolve({ code: code ?? signal, stdout, stderr }));
	});
}

async function installLine(line) {
	const t = Date.now();
	const res = await spawnLogged('bash', [INSTALL_SCRIPT, line], { prefix: `[install ${line}]` });
	if (res.code !== 0) throw new Error(`scripts/e2e/install-n8n.sh ${line} failed (${res.code}):\n${tail(res.stderr, 40)}`);
	return Date.now() - t;
}

const hasCmd = (c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status === 0;
const pgBinDir = () => {
	try {
		const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
		for (const v of versions.reverse()) if (fs.existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`)) return `/usr/lib/postgresql/${v}/bin`;
	} catch {}
	return null;
};

/** apt-get install redis-server / postgresql when missing (apt-get update first, only then). */
async function ensureQueuePackages() {
	const need = [];
	if (!hasCmd('redis-server') || !hasCmd('redis-cli')) need.push('redis-server');
	if ((!process.env.E2E_PG_BIN && !pgBinDir()) || !hasCmd('psql')) need.push('postgresql');
	if (!need.length) return { installed: [] };
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`queue mode needs ${need.join(' and ')}: run \`sudo apt-get install -y ${need.join(' ')}\` (or use --no-queue)`);
	}
	if (!hasCmd('apt-get')) throw new Error(`queue mode needs ${need.join(' and ')} and there is no apt-get to install them`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`queue mode: installing ${need.join(' ')} with apt-get`);
	let res = await spawnLogged('apt-get', ['update', '-q'], { prefix: '[apt]', env });
	if (res.code !== 0) throw new Error(`apt-get update failed (${res.code}):\n${tail(res.stderr)}`);
	res = await spawnLogged('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...need], { prefix: '[apt]', env });
	if (res.code !== 0) throw new Error(`apt-get install ${need.join(' ')} failed (${res.code}):\n${tail(res.stderr)}`);
	// Packages may start their default services (port 5432 / 6379); the suite uses its own instances.
	spawnSync('sh', ['-c', 'service postgresql stop; service redis-server stop'], { stdio: 'ignore', timeout: 60_000 });
	return { installed: need };
}

/* ------------------------------------------------------------------ emulator helpers */

/** Creates a ticket directly in the emulator through its API (test setup). */
async function apiCreateTicket(emu, ticket) {
	const res = await fetch(`${emu.url}/api/v2/tickets.json`, {
		method: 'POST',
		headers: { authorization: emu.credentials.basicAuth, 'content-type': 'application/json' },
		body: JSON.stringify({ ticket }),
	});
	const body = await res.json();
	if (!res.ok) throw new Error(`emulator create failed: ${res.status} ${show(body)}`);
	return body.ticket;
}

const formParams = (body) => {
	if (body && typeof body === 'object') return body;
	try {
		return Object.fromEntries(new URLSearchParams(String(body || '')));
	} catch {
		return {};
	}
};
const tokenRequests = (reqs, grantType) =>
	reqs.filter((r) => r.method === 'POST' && /^\/oauth\/tokens/.test(r.path) && formParams(r.body).grant_type === grantType);
const apiRequests = (reqs) => reqs.filter((r) => r.path.startsWith('/api/v2/'));
const hit = (reqs, method, re) => reqs.filter((r) => r.method === method && re.test(r.path));
const authOf = (r) => String(r.headers.authorization || '');
const lastComment = (t) => t._comments[t._comments.length - 1];

function credentialsFor(emu, { authCodeTokens, refreshTokens }) {
	const c = emu.credentials;
	const oauth = {
		subdomain: 'acme',
		clientId: c.clientId,
		clientSecret: c.clientSecret,
		scopePreset: 'read write',
		// The lifetime fields stay at their defaults (2 hours, 89 days = EXPIRES_IN, REFRESH_EXPIRES_IN).
		useLocalEmulator: true,
		localEmulatorUrl: emu.url,
	};
	return {
		// Still the 0.1.x "Base URL Override" field, now hidden: credentials saved with it must keep working.
		apiToken: {
			id: 'zdE2eApiToken',
			name: 'Zendesk e2e (API token)',
			authentication: 'apiToken',
			type: 'zendeskTicketApi',
			data: { subdomain: 'acme', email: c.email, apiToken: c.apiToken, baseUrlOverride: emu.url },
		},
		oauthCode: {
			id: 'zdE2eOAuthCode',
			name: 'Zendesk e2e (OAuth2 authorization code)',
			authentication: 'oAuth2',
			type: 'zendeskTicketOAuth2Api',
			data: { ...oauth, grantType: 'authorizationCode', oauthTokenData: authCodeTokens },
		},
		oauthClient: {
			id: 'zdE2eOAuthClient',
			name: 'Zendesk e2e (OAuth2 client credentials)',
			authentication: 'oAuth2',
			type: 'zendeskTicketOAuth2Api',
			data: { ...oauth, grantType: 'clientCredentials' },
		},
		oauthRefresh: {
			id: 'zdE2eOAuthRefresh',
			name: 'Zendesk e2e (OAuth2 refresh)',
			authentication: 'oAuth2',
			type: 'zendeskTicketOAuth2Api',
			data: { ...oauth, grantType: 'authorizationCode', oauthTokenData: refreshTokens },
		},
		examples: {
			id: 'zdEmulatorApi',
			name: 'Zendesk (local emulator)',
			authentication: 'apiToken',
			type: 'zendeskTicketApi',
			data: { subdomain: 'acme', email: c.email, apiToken: c.apiToken, useLocalEmulator: true, localEmulatorUrl: emu.url },
		},
	};
}
const forImport = ({ id, name, type, data }) => ({ id, name, type, data });

/* ------------------------------------------------------------------ n8n helpers */

const CMD_TIMEOUT_MS = Number(process.env.E2E_CMD_TIMEOUT_MS || 240_000);
const N8N_EXTRA_ENV = {
	// The emulator is on loopback: never route it through a proxy from the environment.
	NO_PROXY: '127.0.0.1,localhost',
	no_proxy: '127.0.0.1,localhost',
};

function runError(res) {
	const err = res.run?.data?.resultData?.error;
	const parts = [];
	if (res.timedOut) parts.push(`timed out after ${secs(res.ms)}`);
	parts.push(`exit ${res.code ?? res.signal}`);
	if (err)
		parts.push(`${err.node?.name ? `node "${err.node.name}": ` : ''}${err.message}${err.description ? ` (${err.description})` : ''}`);
	else if (!res.run) parts.push('no run data printed');
	return parts.join('; ');
}

/** `n8n execute --id`; one PASS/FAIL line for the run itself. Returns the result, or null when it failed. */
async function execute(ctx, id, label) {
	const res = await ctx.n8n.execute(id, { timeoutMs: CMD_TIMEOUT_MS });
	const file = writeLog(
		`${ctx.line}-${label}`,
		`$ n8n execute --id=${id}\n# exit ${res.code} in ${res.ms} ms\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`,
	);
	if (res.crashedOnExit)
		known(
			ctx.scope,
			`${label}: n8n CLI`,
			`exited with ${res.crashedOnExit} after printing the finished, successful run (n8n's teardown, not the workflow)`,
		);
	const ok = await check(ctx.scope, `${label}: n8n execute --id=${id} succeeded (${secs(res.ms)})`, () => {
		assert(
			res.ok,
			`${runError(res)}\n--- stderr (tail) ---\n${tail(res.stderr)}\n--- stdout (tail) ---\n${tail(res.stdout)}\nlog: ${file}`,
		);
	});
	return ok ? res : null;
}

/** The node's output items (json) of its first run. */
const out = (res, node) => e2e.nodeOutputJson(res.run, node);
const idsOf = (tickets) => tickets.map((t) => t.id);

async function exportCredential(n8n, id) {
	const file = path.join(n8n.userFolder, `export-${id}-${Date.now()}.json`);
	const res = await n8n.run(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`], { timeoutMs: CMD_TIMEOUT_MS });
	if (res.code !== 0 || !fs.existsSync(file))
		throw new Error(`export:credentials failed (${res.code}):\n${tail(res.stderr)}\n${tail(res.stdout)}`);
	const data = JSON.parse(fs.readFileSync(file, 'utf8'));
	fs.rmSync(file, { force: true });
	const cred = (Array.isArray(data) ? data : [data]).find((c) => c.id === id);
	if (!cred) throw new Error(`credential ${id} not in the export`);
	return typeof cred.data === 'object' ? cred.data : JSON.parse(cred.data);
}

/* ------------------------------------------------------------------ one n8n line */

async function runLine(line, opts) {
	const scope = `[${line}]`;
	const t = Date.now();
	let emu;
	let n8n;
	try {
		emu = await createEmulator({ port: 0, jobDelayMs: 50 });
		n8n = await e2e.createInstance({ line, mode: opts.mode, env: N8N_EXTRA_ENV, packageDir: opts.packageDir });
		userFolders.add(n8n.userFolder);
		const ctx = { line, scope, emu, n8n, opts };
		log(`${scope} emulator ${emu.url}, user folder ${n8n.userFolder}, node type ${n8n.nodeType}`);

		const creds = credentialsFor(emu, { authCodeTokens: await authorizationCode(emu), refreshTokens: await authorizationCode(emu) });
		ctx.creds = creds;
		const marker = (kind) => `e2e-${line}-${kind}`.toLowerCase();
		const chains = {
			apiToken: wf.opsChain({ id: 'zdE2eOpsApiToken', nodeType: n8n.nodeType, cred: creds.apiToken, marker: marker('apitoken') }),
			oauthCode: wf.opsChain({ id: 'zdE2eOpsOAuthCode', nodeType: n8n.nodeType, cred: creds.oauthCode, marker: marker('oauthcode') }),
			oauthClient: wf.opsChain({
				id: 'zdE2eOpsOAuthClient',
				nodeType: n8n.nodeType,
				cred: creds.oauthClient,
				marker: marker('oauthclient'),
			}),
		};
		const refreshWf = wf.getOne({ id: 'zdE2eRefresh', nodeType: n8n.nodeType, cred: creds.oauthRefresh, ticketId: 1 });
		const downloadWf = wf.getOne({
			id: 'zdE2eDownload',
			nodeType: n8n.nodeType,
			cred: creds.oauthRefresh,
			ticketId: DOWNLOAD_TICKET,
			options: { downloadAttachments: true },
		});
		const examples = wf.loadExamples(n8n.nodeType);

		let ready = await check(scope, 'import credentials (API token, OAuth2 auth code x2, OAuth2 client credentials, examples)', async () => {
			await n8n.importCredentials(Object.values(creds).map(forImport), { timeoutMs: CMD_TIMEOUT_MS });
		});
		ready =
			ready &&
			(await check(scope, `import workflows (3 operation chains, refresh, download, ${examples.length} examples)`, async () => {
				await n8n.importWorkflows(
					[...Object.values(chains).map((c) => c.workflow), refreshWf, downloadWf, ...examples.map((e) => e.workflow)],
					{
						timeoutMs: CMD_TIMEOUT_MS,
					},
				);
			}));
		if (!ready) return;

		for (const kind of ['apiToken', 'oauthCode', 'oauthClient']) await opsChainScenario(ctx, kind, chains[kind]);
		await refreshScenario(ctx, refreshWf.id);
		await downloadScenario(ctx, downloadWf.id);
		await require('./httpRequest.js').httpRequestScenario(ctx, { check, assert, assertEq, writeLog });
		await require('./ticketWork.js').ticketWorkScenario(ctx, { check, assert, assertEq, writeLog });
		for (const example of examples) await exampleScenario(ctx, example);
		if (opts.agent !== false)
			await require('./agent.js').agentScenarios(ctx, { check, assert, assertEq, execute, out, show, log, figures: {} });
		if (opts.triggers !== false) await require('./trigger.js').triggerScenario(ctx, { check, assert, assertEq, log, writeLog });
	} catch (e) {
		fail(scope, 'setup', e.stack || e.message);
	} finally {
		if (n8n && !opts.keep) n8n.cleanup();
		else if (n8n) log(`${scope} --keep: user folder ${n8n.userFolder} kept`);
		if (n8n) userFolders.delete(n8n.userFolder);
		if (emu) await emu.close();
		log(`${scope} done in ${secs(Date.now() - t)}`);
		results.timings[`line ${line}`] = Date.now() - t;
	}
}

const LABELS = { apiToken: 'API token', oauthCode: 'OAuth2 auth code', oauthClient: 'OAuth2 client credentials' };

async function opsChainScenario(ctx, kind, { workflow, tickets, marker }) {
	const { emu, scope: lineScope } = ctx;
	const cred = ctx.creds[kind];
	const scope = `${lineScope} ${LABELS[kind]}:`;
	const from = emu.requests.length;
	const startedAt = Date.now();
	const res = await execute({ ...ctx, scope }, workflow.id, `ops-${kind}`);
	if (!res) return;
	const reqs = emu.requests.slice(from);
	const created = out(res, 'Create');
	const [a, b] = created;

	await check(scope, 'create: 2 items out, through create_many, with the ticket fields in the emulator', () => {
		assertEq(
			created.map((t) => t.subject),
			tickets.map((t) => t.subject),
			'Create output subjects',
		);
		assert(
			created.every((t) => Number.isInteger(t.id)),
			`Create output ids: ${show(created.map((t) => t.id))}`,
		);
		assert(hit(reqs, 'POST', /^\/api\/v2\/tickets\/create_many/).length === 1, 'expected one POST /tickets/create_many');
		created.forEach((t, i) => {
			const want = tickets[i];
			const st = emu.state.tickets.get(t.id) || emu.state.deletedTickets.get(t.id);
			assert(st, `ticket ${t.id} not in the emulator`);
			const requester = emu.state.users.get(st.requester_id);
			assertEq(requester && [requester.email, requester.name], [want.email, want.name], `ticket ${t.id} requester`);
			assertEq(
				[st.priority, st.type, st.group_id, st.external_id],
				['high', 'problem', 4002, want.externalId],
				`ticket ${t.id} priority/type/group/external_id`,
			);
			assert(st.tags.includes('e2e') && st.tags.includes(marker), `ticket ${t.id} tags ${show(st.tags)}`);
			assertEq(st._cf[6001], want.order, `ticket ${t.id} custom field 6001`);
			assertEq(st._comments[0].body, want.body, `ticket ${t.id} description`);
		});
	});

	await check(scope, 'update: tag added, status/subject changed, internal note, through update_many', () => {
		const updated = out(res, 'Update');
		assertEq(idsOf(updated), [a.id, b.id], 'Update output ids');
		assert(
			updated.every((t) => t.status === 'pending' && t.tags.includes('e2e-updated')),
			`Update output: ${show(updated)}`,
		);
		assert(hit(reqs, 'PUT', /^\/api\/v2\/tickets\/update_many/).length === 1, 'expected one PUT /tickets/update_many');
		const st = emu.state.tickets.get(b.id);
		assert(st, `ticket ${b.id} missing`);
		// Its status is read from Update's output above: the merge later in the chain closes this ticket.
		assertEq(st.subject, `${b.subject} (updated)`, 'subject');
		assert(st.tags.includes('e2e-updated') && st.tags.includes('e2e'), `tags ${show(st.tags)}`);
		const note = lastComment(st);
		assertEq([note.body, note.public], [`Internal note for ticket ${b.id}`, false], 'last comment [body, public]');
	});

	await check(scope, 'get: both tickets with requester and group side-loaded (show_many)', () => {
		const got = out(res, 'Get');
		assertEq(idsOf(got), [a.id, b.id], 'Get output ids');
		assertEq(
			got.map((t) => t.requester && t.requester.email),
			tickets.map((t) => t.email),
			'requester emails',
		);
		assertEq(
			got.map((t) => t.group && t.group.name),
			['Billing', 'Billing'],
			'group names',
		);
		assert(
			hit(reqs, 'GET', /^\/api\/v2\/tickets\/show_many/).some((r) => /users/.test(r.query.include || '')),
			'show_many with include=users',
		);
	});

	await check(scope, 'getAll: listing by external ID finds the first ticket only', () => {
		assertEq(
			out(res, 'List').map((t) => t.id),
			[a.id],
			'List output ids',
		);
	});

	await check(scope, 'search: tag + status filters find both tickets', () => {
		assertEq(
			out(res, 'Search').map((t) => t.id),
			[a.id, b.id],
			'Search output ids',
		);
		assert(hit(reqs, 'GET', /^\/api\/v2\/search/).length >= 1, 'a /search request');
	});

	await check(scope, 'merge: the second ticket into the first, one POST /merge, the source closed', () => {
		assertEq(
			out(res, 'Merge').map((t) => [t.id, t.merged_ids]),
			[[a.id, [b.id]]],
			'Merge output [id, merged_ids]',
		);
		assertEq(hit(reqs, 'POST', /^\/api\/v2\/tickets\/\d+\/merge/).length, 1, 'POST /tickets/{id}/merge requests');
		const st = emu.state.tickets.get(b.id);
		assert(
			st && st.status === 'closed' && st.tags.includes('closed_by_merge'),
			`ticket ${b.id} after the merge: ${show(st && [st.status, st.tags])}`,
		);
	});

	await check(scope, "history: the merged ticket's newest changes, one readable line each", () => {
		const changes = out(res, 'History').map((c) => c.change);
		assert(
			changes.some((c) => /^status: pending → closed by .+ via api$/.test(c)),
			`History lines: ${show(changes)}`,
		);
		assert(hit(reqs, 'GET', /^\/api\/v2\/tickets\/\d+\/audits/).length === 1, 'one GET /tickets/{id}/audits');
	});

	await check(scope, 'delete: first ticket deleted, second kept', () => {
		assertEq(out(res, 'Delete'), [{ id: a.id, deleted: true }], 'Delete output');
		assert(!emu.state.tickets.has(a.id) && emu.state.deletedTickets.has(a.id), `ticket ${a.id} should be deleted`);
		assert(emu.state.tickets.has(b.id), `ticket ${b.id} should still exist`);
	});

	const api = apiRequests(reqs);
	if (kind === 'apiToken') {
		await check(scope, `every API request used the API token (Basic auth), ${api.length} requests`, () => {
			const bad = api.filter((r) => authOf(r) !== emu.credentials.basicAuth);
			assert(
				api.length > 0 && bad.length === 0,
				`${bad.length} requests without the API token: ${show(bad.map((r) => `${r.method} ${r.path} ${authOf(r).slice(0, 12)}`))}`,
			);
		});
	} else if (kind === 'oauthCode') {
		await check(scope, `every API request used the imported access token (Bearer), ${api.length} requests, no token refresh`, () => {
			const want = `Bearer ${cred.data.oauthTokenData.access_token}`;
			const bad = api.filter((r) => authOf(r).replace(/^bearer/i, 'Bearer') !== want);
			assert(api.length > 0 && bad.length === 0, `${bad.length} requests with another Authorization`);
			assertEq(tokenRequests(reqs, 'refresh_token').length, 0, 'refresh requests');
		});
	} else {
		const grants = tokenRequests(reqs, 'client_credentials');
		const issued = [...emu.state.tokens.values()].filter((g) => g.created_at >= startedAt && !g.refresh_token);
		await check(scope, `client credentials: n8n obtained a token itself (${grants.length} token request(s)) and used it`, () => {
			assert(grants.length >= 1, 'no client_credentials token request');
			assert(
				grants.every((r) => r.status === 200),
				`token request status ${show(grants.map((r) => r.status))}`,
			);
			const p = formParams(grants[0].body);
			assertEq(
				[p.client_id, !!p.client_secret, p.scope],
				[emu.credentials.clientId, true, 'read write'],
				'[client_id, secret sent, scope]',
			);
			assertEq(grants[0].query.expires_in, String(EXPIRES_IN), 'expires_in in the token URL');
			const tokens = new Set(issued.map((g) => `Bearer ${g.access_token}`));
			const bad = api.filter((r) => !tokens.has(authOf(r).replace(/^bearer/i, 'Bearer')));
			assert(api.length > 0 && bad.length === 0, `${bad.length} of ${api.length} API requests without a client-credentials token`);
		});
		await check(scope, 'client credentials: the token was stored in the credential', async () => {
			const data = await exportCredential(ctx.n8n, cred.id);
			const stored = data.oauthTokenData && data.oauthTokenData.access_token;
			assert(stored, `no oauthTokenData.access_token in the stored credential (keys: ${show(Object.keys(data.oauthTokenData || {}))})`);
			assert(
				issued.some((g) => g.access_token === stored),
				'stored access token was not issued in this run',
			);
		});
	}
}

async function refreshScenario(ctx, workflowId) {
	const { emu, n8n } = ctx;
	const scope = `${ctx.scope} OAuth2 refresh:`;
	const cred = ctx.creds.oauthRefresh;
	const r0 = cred.data.oauthTokenData.refresh_token;
	const a0 = cred.data.oauthTokenData.access_token;
	const newestGrant = (since) =>
		[...emu.state.tokens.values()].filter((g) => g.created_at >= since && g.refresh_token).sort((x, y) => y.created_at - x.created_at)[0];

	// 1st run: the access token is expired, n8n must refresh and store the rotated tokens.
	emu.expireAccessToken(a0);
	let from = emu.requests.length;
	let since = Date.now();
	let res = await execute({ ...ctx, scope }, workflowId, 'refresh-1');
	if (!res) return;
	let reqs = emu.requests.slice(from);
	const g1 = newestGrant(since);
	await check(scope, 'expired access token: 401, refresh with the imported refresh token, retried with the new one', () => {
		assertEq(idsOf(out(res, 'Get')), [1], 'Get output ids');
		const refreshes = tokenRequests(reqs, 'refresh_token');
		assertEq(
			refreshes.map((r) => [formParams(r.body).refresh_token === r0, r.status]),
			[[true, 200]],
			'refresh requests [used imported token, status]',
		);
		assert(
			apiRequests(reqs).some((r) => r.status === 401),
			'no 401 before the refresh',
		);
		assert(g1, 'no new grant issued');
		assert(!emu.state.refreshTokens.has(r0), 'old refresh token still valid (no rotation)');
		const last = apiRequests(reqs).pop();
		assertEq([authOf(last).replace(/^bearer/i, 'Bearer'), last.status], [`Bearer ${g1.access_token}`, 200], 'last request [auth, status]');
	});
	if (!g1) return;
	await check(scope, 'the rotated refresh token was persisted (export:credentials --decrypted)', async () => {
		const data = await exportCredential(n8n, cred.id);
		assertEq(
			[data.oauthTokenData.access_token === g1.access_token, data.oauthTokenData.refresh_token === g1.refresh_token],
			[true, true],
			'stored [access token, refresh token] are the rotated ones',
		);
	});

	// 2nd run: expire again; only the stored rotated refresh token can work now.
	emu.expireAccessToken(g1.access_token);
	from = emu.requests.length;
	since = Date.now();
	res = await execute({ ...ctx, scope }, workflowId, 'refresh-2');
	if (!res) return;
	reqs = emu.requests.slice(from);
	await check(scope, 'second expiry: refreshed again with the stored rotated refresh token', async () => {
		assertEq(idsOf(out(res, 'Get')), [1], 'Get output ids');
		const refreshes = tokenRequests(reqs, 'refresh_token');
		assertEq(
			refreshes.map((r) => [formParams(r.body).refresh_token === g1.refresh_token, r.status]),
			[[true, 200]],
			'refresh requests [used rotated token, status]',
		);
		const g2 = newestGrant(since);
		const data = await exportCredential(n8n, cred.id);
		assert(g2 && data.oauthTokenData.refresh_token === g2.refresh_token, 'stored refresh token is not the newest one');
	});
}

/** A seeded ticket that gets an attachment for the download scenario. */
const DOWNLOAD_TICKET = 3;

/**
 * Download Attachments with secure downloads on (the account host asks for the credential), and the
 * access token expiring just as the file is asked for: n8n must refresh it and the file must come,
 * on both lines (n8n 1.x hands a 401 back instead of refreshing when asked to ignore any status).
 */
async function downloadScenario(ctx, workflowId) {
	const { emu } = ctx;
	const scope = `${ctx.scope} OAuth2 refresh during a download:`;
	const agent = { Authorization: emu.credentials.basicAuth };
	const FILE = 'e2e secure file';
	const uploaded = await fetch(`${emu.url}/api/v2/uploads.json?filename=note.txt`, {
		method: 'POST',
		headers: { ...agent, 'Content-Type': 'text/plain' },
		body: FILE,
	}).then((r) => r.json());
	await fetch(`${emu.url}/api/v2/tickets/${DOWNLOAD_TICKET}.json`, {
		method: 'PUT',
		headers: { ...agent, 'Content-Type': 'application/json' },
		body: JSON.stringify({ ticket: { comment: { body: 'The file', public: false, uploads: [uploaded.upload.token] } } }),
	});
	emu.configure({ secureDownloads: true });
	emu.fault({ kind: 'expireToken', method: 'GET', path: /^\/attachments\/token\// });
	const from = emu.requests.length;
	const res = await execute({ ...ctx, scope }, workflowId, 'download');
	emu.configure({ secureDownloads: false });
	emu.clearFaults();
	if (!res) return;
	const reqs = emu.requests.slice(from);
	await check(scope, 'the expired token is refreshed once and the file is downloaded with the new one', () => {
		const downloads = reqs.filter((r) => r.path.startsWith('/attachments/token/'));
		const tokens = downloads.map((r) => authOf(r));
		assertEq(
			downloads.map((r) => r.status),
			[401, 401, 200],
			'download statuses (answered, then asked in the mode in which n8n refreshes, then with the new token)',
		);
		assert(tokens[0] === tokens[1] && tokens[2] !== tokens[0], `tokens used: ${show(tokens.map((t) => t.slice(-6)))}`);
		assertEq(
			tokenRequests(reqs, 'refresh_token').map((r) => r.status),
			[200],
			'refresh grants',
		);
		const [item] = e2e.nodeRuns(res.run, 'Get')[0].data.main[0];
		const file = item.binary && item.binary.attachment_0;
		assertEq([file && file.fileName, file && file.fileSize], ['note.txt', `${FILE.length} B`], 'the file in the output');
	});
}

/* ------------------------------------------------------------------ install routes */

/**
 * The packed tarball (`npm pack`), installed the two ways users install it, each into a fresh
 * n8n user folder, then n8n started on it and a workflow run against the emulator:
 *  - manual: the README's commands in ~/.n8n/nodes (`npm init -y`, `npm install <package>`),
 *    with the host's npm and no npm settings inherited from this run (a user has no
 *    ignore-scripts): the optional n8n-workflow peer must not be installed, nor isolated-vm;
 *  - installer: what n8n's community-package installer does (CommunityPackagesService
 *    #downloadPackage of n8n 2.40 and 1.123, same steps): `npm pack <spec>` in ~/.n8n/nodes,
 *    untar into node_modules/<name>, drop dev/peer/optional dependencies from its package.json,
 *    `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *    --ignore-scripts=true --package-lock=false` in the package, and record it in
 *    ~/.n8n/nodes/package.json. The spec is the tarball instead of a registry name.
 */
function userNpmEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
	return { ...env, NO_UPDATE_NOTIFIER: '1' };
}

function npm(args, cwd) {
	const t = Date.now();
	const r = spawnSync('npm', args, { cwd, env: userNpmEnv(), encoding: 'utf8', timeout: 300_000 });
	if (r.status !== 0)
		throw new Error(`npm ${args.join(' ')} failed (${r.status ?? r.signal}) in ${cwd}:\n${tail(r.stderr)}\n${tail(r.stdout)}`);
	return { stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t };
}

let packedTarball;
function packTarball() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-e2e-pack-'));
	const r = spawnSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
	packedTarball = path.join(dir, r.stdout.trim().split('\n').pop());
	if (!fs.existsSync(packedTarball)) throw new Error(`npm pack: ${packedTarball} not found`);
	return packedTarball;
}

function installManually(nodesDir) {
	fs.mkdirSync(nodesDir, { recursive: true });
	npm(['init', '-y'], nodesDir);
	return npm(['install', packedTarball], nodesDir).ms;
}

function installLikeN8n(nodesDir) {
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	const t = Date.now();
	const tarball = npm(['pack', packedTarball, '--quiet'], nodesDir).stdout.trim().split('\n').pop();
	const pkgDir = path.join(nodesDir, 'node_modules', e2e.PACKAGE_NAME);
	fs.mkdirSync(pkgDir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], { cwd: nodesDir, encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const pjFile = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pj } = JSON.parse(fs.readFileSync(pjFile, 'utf8'));
	fs.writeFileSync(pjFile, JSON.stringify(pj, null, 2));
	npm(
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		pkgDir,
	);
	const nodesPj = JSON.parse(fs.readFileSync(path.join(nodesDir, 'package.json'), 'utf8'));
	nodesPj.dependencies[e2e.PACKAGE_NAME] = pj.version;
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify(nodesPj, null, 2));
	fs.rmSync(path.join(nodesDir, tarball), { force: true });
	return Date.now() - t;
}

/** What an install left in ~/.n8n/nodes/node_modules: the package alone, no n8n-workflow, no native addon. */
function installedPackages(nodesDir) {
	const nm = path.join(nodesDir, 'node_modules');
	const names = [];
	for (const e of fs.existsSync(nm) ? fs.readdirSync(nm) : []) {
		if (e.startsWith('.')) continue;
		if (e.startsWith('@')) for (const s of fs.readdirSync(path.join(nm, e))) names.push(`${e}/${s}`);
		else names.push(e);
	}
	return names.sort();
}

async function installRouteScenario(line, route, emu) {
	const scope = `[${line} install:${route}]`;
	const t = Date.now();
	let n8n;
	try {
		const userFolder = e2e.createUserFolder(`n8n-e2e-${line}-${route}-`);
		userFolders.add(userFolder);
		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		let installMs = 0;
		const label =
			route === 'manual'
				? "the README's npm route (npm init -y; npm install <tarball>)"
				: "n8n's installer steps (npm pack, untar, npm install --ignore-scripts in the package)";
		const installed = await check(scope, `packed tarball installed by ${label}`, () => {
			installMs = route === 'manual' ? installManually(nodesDir) : installLikeN8n(nodesDir);
			results.timings[`install route ${line} ${route} (npm)`] = installMs;
		});
		if (!installed) return;
		await check(scope, 'nothing but the package in ~/.n8n/nodes/node_modules (no n8n-workflow, no isolated-vm)', () => {
			assertEq(installedPackages(nodesDir), [e2e.PACKAGE_NAME], 'node_modules');
		});
		n8n = await e2e.createInstance({ line, mode: 'community', userFolder, stage: false, env: N8N_EXTRA_ENV });
		const cred = {
			id: `zdInstall${route}`,
			name: `Zendesk e2e install ${route} (OAuth2 client credentials)`,
			authentication: 'oAuth2',
			type: 'zendeskTicketOAuth2Api',
			data: {
				subdomain: 'acme',
				grantType: 'clientCredentials',
				clientId: emu.credentials.clientId,
				clientSecret: emu.credentials.clientSecret,
				scopePreset: 'read write',
				useLocalEmulator: true,
				localEmulatorUrl: emu.url,
			},
		};
		const subject = `e2e ${line} installed by ${route}`;
		const workflow = {
			id: `zdE2eInstall${route}`,
			name: `e2e: installed by ${route}`,
			nodes: [
				{ id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'create',
					name: 'Create',
					type: n8n.nodeType,
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						authentication: 'oAuth2',
						resource: 'ticket',
						operation: 'create',
						subject,
						description: 'from the packed tarball',
						additionalFields: {},
						simplify: true,
						requestOptions: {},
					},
					credentials: { zendeskTicketOAuth2Api: { id: cred.id, name: cred.name } },
				},
			],
			connections: { Manual: { main: [[{ node: 'Create', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		};
		const ready = await check(scope, 'credential and workflow imported into a fresh n8n', async () => {
			await n8n.importCredentials([forImport(cred)], { timeoutMs: CMD_TIMEOUT_MS });
			await n8n.importWorkflows([workflow], { timeoutMs: CMD_TIMEOUT_MS });
		});
		if (!ready) return;
		const res = await execute({ line, scope, n8n }, workflow.id, `install-${route}`);
		if (!res) return;
		await check(scope, 'the node created the ticket in the emulator (OAuth2 client credentials)', () => {
			const [ticket] = out(res, 'Create');
			assert(ticket && ticket.subject === subject, `Create output: ${show(out(res, 'Create'))}`);
			const stored = emu.state.tickets.get(Number(ticket.id));
			assert(stored && stored.subject === subject, `ticket ${ticket.id} not in the emulator`);
		});
	} catch (e) {
		fail(scope, 'setup', e.stack || e.message);
	} finally {
		if (n8n && !opts_keep()) n8n.cleanup();
		if (n8n && !opts_keep()) userFolders.delete(n8n.userFolder);
		results.timings[`install route ${line} ${route}`] = Date.now() - t;
	}
}
const opts_keep = () => process.argv.includes('--keep');

/** Both install routes of one line, one after the other, on one emulator. */
async function runInstallRoutes(line) {
	const emu = await createEmulator({ port: 0, seed: { tickets: 3 } });
	try {
		for (const route of ['manual', 'installer']) await installRouteScenario(line, route, emu);
	} finally {
		await emu.close();
	}
}

/* ------------------------------------------------------------------ examples */

async function exampleScenario(ctx, { file, workflow }) {
	const { emu } = ctx;
	const scope = `${ctx.scope} example ${file}:`;
	const label = `example-${file.replace(/\.json$/, '')}`;
	const all = () => [...emu.state.tickets.values()];
	const setup = {
		'01': () => ({ maxId: Math.max(0, ...all().map((t) => t.id)) }),
		'02': async () => {
			// One more besides the seeded ones, so the check does not depend on the seed's cycle.
			await apiCreateTicket(emu, { subject: 'Checkout is down', comment: { body: 'Nobody can pay' }, priority: 'urgent', status: 'open' });
			const due = all()
				.filter((t) => t.status === 'open' && t.priority === 'urgent' && !t.tags.includes('escalated'))
				.map((t) => t.id)
				.sort((x, y) => x - y);
			return { due };
		},
		'03': () => ({}),
		'05': () => require('./agent.js').exampleSetup(ctx),
		'04': async () => {
			const doomed = [];
			for (let i = 1; i <= 3; i++)
				doomed.push((await apiCreateTicket(emu, { subject: `Test ticket ${i}`, comment: { body: 'load test' }, tags: ['test-data'] })).id);
			const keep = (await apiCreateTicket(emu, { subject: 'Real ticket', comment: { body: 'keep me' }, tags: ['customer'] })).id;
			return { doomed, keep };
		},
	};
	const prefix = file.slice(0, 2);
	let before;
	const setupOk = await check(scope, 'setup', async () => {
		assert(setup[prefix], `no checks written for ${file}: add them to test/e2e/run.js`);
		before = await setup[prefix]();
		if (prefix === '02') assert(before.due.length >= 2, `expected urgent open tickets to escalate, found ${show(before.due)}`);
	});
	if (!setupOk) return;
	const from = emu.requests.length;
	const res = await execute({ ...ctx, scope }, workflow.id, label);
	if (!res) return;
	const reqs = emu.requests.slice(from);
	if (prefix === '05')
		return await require('./agent.js').exampleChecks(ctx, before, res, reqs, {
			check,
			assert,
			assertEq,
			execute,
			out,
			show,
			log,
			figures: {},
		});

	if (prefix === '01') {
		await check(scope, 'a ticket with requester, tags, type and order number; confirmation text out', () => {
			const [ticket] = out(res, 'Create ticket');
			assert(ticket && ticket.id > before.maxId, `Create ticket output: ${show(ticket)}`);
			const st = emu.state.tickets.get(ticket.id);
			assert(st, `ticket ${ticket.id} not in the emulator`);
			assertEq(st.subject, 'Damaged delivery (order A-1042)', 'subject');
			const u = emu.state.users.get(st.requester_id);
			assertEq([u.name, u.email], ['Maria Lopez', 'maria.lopez@example.com'], 'requester');
			assertEq([st.priority, st.type, [...st.tags].sort()], ['normal', 'incident', ['delivery', 'web-form']], '[priority, type, tags]');
			assertEq(st._cf[6001], 'A-1042', 'order number custom field');
			assert(/crushed/.test(st._comments[0].body) && st._comments[0].public === true, 'public description');
			assertEq(
				out(res, 'Confirmation for the form'),
				[{ ticketId: ticket.id, confirmation: `Thanks Maria Lopez, we received your request as ticket #${ticket.id}.` }],
				'confirmation',
			);
		});
	} else if (prefix === '02') {
		await check(scope, `every urgent open ticket (${before.due.join(', ')}) escalated: tag, group, internal note`, () => {
			assertEq(
				out(res, 'Find urgent open tickets')
					.map((t) => t.id)
					.sort((x, y) => x - y),
				before.due,
				'search output ids',
			);
			assertEq(
				out(res, 'Escalate')
					.map((t) => t.id)
					.sort((x, y) => x - y),
				before.due,
				'Escalate output ids',
			);
			for (const id of before.due) {
				const st = emu.state.tickets.get(id);
				assert(st.tags.includes('escalated') && st.group_id === 4003, `ticket ${id}: tags ${show(st.tags)}, group ${st.group_id}`);
				const note = lastComment(st);
				assert(
					note.public === false && /^Escalated automatically/.test(note.body),
					`ticket ${id} last comment: ${show(note.body)} public=${note.public}`,
				);
			}
			const others = all().filter((t) => t.tags.includes('escalated') && !before.due.includes(t.id));
			assertEq(idsOf(others), [], 'other tickets escalated');
			assert(hit(reqs, 'PUT', /^\/api\/v2\/tickets\/update_many/).length >= (before.due.length > 1 ? 1 : 0), 'update_many used');
		});
	} else if (prefix === '03') {
		await check(scope, '3 events enriched with subject, status and requester (one show_many with users)', () => {
			const crm = out(res, 'Shape for the CRM');
			const expected = [
				[3, 'order_shipped'],
				[7, 'refund_issued'],
				[12, 'order_delayed'],
			].map(([id, event]) => {
				const t = emu.state.tickets.get(id);
				const u = emu.state.users.get(t.requester_id);
				return { event, ticketId: id, subject: t.subject, status: t.status, customerName: u.name, customerEmail: u.email };
			});
			assertEq(crm, expected, 'CRM items');
			const shows = hit(reqs, 'GET', /^\/api\/v2\/tickets\/show_many/);
			assertEq(
				shows.map((r) => [r.query.ids, r.query.include]),
				[['3,7,12', 'users']],
				'show_many requests [ids, include]',
			);
		});
	} else if (prefix === '04') {
		await check(scope, `the 3 test-data tickets (${before.doomed.join(', ')}) deleted in bulk, others kept`, () => {
			const found = out(res, 'Find test tickets').map((t) => t.id);
			assertEq(
				[...found].sort((x, y) => x - y),
				before.doomed,
				'search output ids',
			);
			assertEq(
				out(res, 'Delete them'),
				found.map((id) => ({ id, deleted: true })),
				'Delete output (in search order)',
			);
			for (const id of before.doomed) assert(!emu.state.tickets.has(id) && emu.state.deletedTickets.has(id), `ticket ${id} not deleted`);
			assert(emu.state.tickets.has(before.keep), 'the untagged ticket was deleted');
			const bulk = hit(reqs, 'DELETE', /^\/api\/v2\/tickets\/destroy_many/).map((r) =>
				r.query.ids
					.split(',')
					.map(Number)
					.sort((x, y) => x - y),
			);
			assertEq(bulk, [before.doomed], 'destroy_many requests (ids)');
		});
	}
}

/* ------------------------------------------------------------------ queue mode */

async function runQueue(line, opts) {
	const scope = `[${line} queue]`;
	const t = Date.now();
	let emu;
	let n8n;
	let q;
	const saveQueueLogs = () => {
		if (!q) return;
		writeLog(`${line}-queue-main`, q.main.output());
		q.workers.forEach((w, i) => writeLog(`${line}-queue-worker${i ? i + 1 : ''}`, w.output()));
	};
	try {
		emu = await createEmulator({ port: 0, jobDelayMs: 50 });
		n8n = await e2e.createQueueInstance({
			line,
			mode: opts.mode,
			env: { ...N8N_EXTRA_ENV, N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000' },
			packageDir: opts.packageDir,
		});
		userFolders.add(n8n.userFolder);
		log(`${scope} emulator ${emu.url}, database ${n8n.database}, user folder ${n8n.userFolder}`);
		const tokens = await authorizationCode(emu);
		const cred = {
			...credentialsFor(emu, { authCodeTokens: tokens, refreshTokens: tokens }).oauthCode,
			id: 'zdE2eQueueOAuth',
			name: 'Zendesk e2e queue (OAuth2)',
		};
		const hookPath = `e2e-queue-zendesk-${line}`;
		const workflow = wf.queueHook({ id: 'zdE2eQueueHook', nodeType: n8n.nodeType, cred, path: hookPath });
		const shared = opts.shared ? await sharedSetup(emu, n8n, line) : null;
		const allCreds = [cred, ...(shared ? shared.creds : [])];
		const allWorkflows = [workflow, ...(shared ? shared.workflows : [])];
		let ok = await check(
			scope,
			`import ${allCreds.length} OAuth2 credential(s) and ${allWorkflows.length} webhook workflow(s), activate them`,
			async () => {
				await n8n.importCredentials(allCreds.map(forImport), { timeoutMs: CMD_TIMEOUT_MS });
				await n8n.importWorkflows(allWorkflows, { timeoutMs: CMD_TIMEOUT_MS });
				// One n8n command each (v2 publishes one workflow per command), side by side.
				const acts = await Promise.all(allWorkflows.map((w) => n8n.activate(w.id)));
				acts.forEach((act, i) =>
					assert(act.code === 0, `activation of ${allWorkflows[i].id} failed (${act.code}):\n${tail(act.stderr)}\n${tail(act.stdout)}`),
				);
			},
		);
		if (!ok) return;
		const workers = shared ? 2 : 1;
		ok = await check(scope, `n8n start (main) + ${workers} x n8n worker up, webhook(s) registered`, async () => {
			// Concurrency 10 (n8n's default): the 20 executions of a wave run at the same time on the two workers.
			q = await n8n.startQueue({ concurrency: shared ? 10 : 2, workers });
			for (const p of [hookPath, ...(shared ? shared.paths : [])]) await q.waitForWebhook(p, { timeoutMs: 90_000 });
		});
		if (!ok) return;
		try {
			const trigger = async (n) => {
				return await postJson(q.webhookUrl(hookPath), {
					subject: `Queue ticket ${n}`,
					message: `Sent to the webhook (${n})`,
					email: `queue${n}@example.test`,
					name: `Queue Customer ${n}`,
				});
			};
			let refreshToken = tokens.refresh_token;
			let accessToken = tokens.access_token;
			for (const n of [1, 2]) {
				emu.expireAccessToken(accessToken);
				const from = emu.requests.length;
				const since = Date.now();
				const r = await trigger(n);
				const reqs = emu.requests.slice(from);
				const created = await check(scope, `webhook #${n} (access token expired first): 200 with the created ticket`, () => {
					assert(r.status === 200 && r.body && r.body.id, `HTTP ${r.status}: ${show(r.body).slice(0, 500)}`);
					const st = emu.state.tickets.get(r.body.id);
					assert(
						st && st.subject === `Queue ticket ${n}` && st.tags.includes('e2e-queue'),
						`ticket ${r.body.id} in the emulator: ${show(st && st.subject)}`,
					);
				});
				const grant = [...emu.state.tokens.values()]
					.filter((g) => g.created_at >= since && g.refresh_token && g.client_id === emu.credentials.clientId)
					.pop();
				await check(
					scope,
					`webhook #${n}: the worker refreshed the token with the ${n === 1 ? 'imported' : 'stored rotated'} refresh token`,
					() => {
						const refreshes = tokenRequests(reqs, 'refresh_token');
						assertEq(
							refreshes.map((x) => [formParams(x.body).refresh_token === refreshToken, x.status]),
							[[true, 200]],
							'refresh requests [expected refresh token, status]',
						);
						assert(grant, 'no new grant');
					},
				);
				if (!created || !grant) continue;
				await check(scope, `webhook #${n}: rotated refresh token persisted by the worker (export:credentials --decrypted)`, async () => {
					const data = await exportCredential(n8n, cred.id);
					assertEq(
						[data.oauthTokenData.access_token === grant.access_token, data.oauthTokenData.refresh_token === grant.refresh_token],
						[true, true],
						'stored [access token, refresh token] are the rotated ones',
					);
				});
				refreshToken = grant.refresh_token;
				accessToken = grant.access_token;
			}
			await check(scope, 'both executions ran on a worker (not the main process) and succeeded', async () => {
				let execs = [];
				for (let i = 0; i < 40; i++) {
					execs = n8n.executions().filter((x) => x.workflowId === workflow.id);
					if (execs.length >= 2 && execs.every((x) => x.finished || x.status === 'error')) break;
					await new Promise((r) => setTimeout(r, 250));
				}
				assertEq(
					execs.map((x) => [x.mode, x.status]),
					[
						['webhook', 'success'],
						['webhook', 'success'],
					],
					'executions [mode, status]',
				);
				const main = q.main.output();
				for (const x of execs) {
					assert(new RegExp(`Enqueued execution ${x.id}\\b`).test(main), `main log has no "Enqueued execution ${x.id}"`);
					assert(workerOf(q, x.id) !== null, `no worker log has "Worker finished execution ${x.id}"`);
					assert(!new RegExp(`Worker (started|finished) execution ${x.id}\\b`).test(main), `main ran execution ${x.id}`);
				}
			});
			if (shared) await sharedCredentialScenario({ line, scope, emu, n8n, q, shared });
		} finally {
			saveQueueLogs();
		}
	} catch (e) {
		fail(scope, 'setup', e.stack || e.message);
	} finally {
		saveQueueLogs();
		if (q) await q.stop().catch(() => {});
		if (n8n && opts.keep) log(`${scope} --keep: database ${n8n.database}, user folder ${n8n.userFolder} kept (main/worker stopped)`);
		else if (n8n) await n8n.cleanup().catch((e) => log(`${scope} cleanup: ${e.message}`));
		if (n8n) userFolders.delete(n8n.userFolder);
		if (emu) await emu.close();
		log(`${scope} done in ${secs(Date.now() - t)}`);
		results.timings[`queue ${line}`] = Date.now() - t;
	}
}

async function postJson(url, payload, timeoutMs = 120_000) {
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		return { status: res.status, body };
	} catch (e) {
		return { status: 0, body: `request failed: ${e.message}` };
	}
}

/** Index (0-based) of the worker whose log shows the execution, or null. */
function workerOf(q, executionId) {
	const re = new RegExp(`Worker (started|finished) execution ${executionId}\\b`);
	const i = q.workers.findIndex((w) => re.test(w.output()));
	return i === -1 ? null : i;
}

/* ------------------------------------------------------------------ one credential, many workflows and workers */

/**
 * n8n lines that do not serialize OAuth2 refreshes across processes. There, executions that find
 * the same expired token refresh it each for itself; Zendesk rotates the refresh token on every
 * refresh and revokes the old one at once, so all but the first get invalid_grant and fail.
 * Measured and reported as KNOWN on these lines (the package cannot take n8n's refresh lock);
 * strict everywhere else. n8n 2.x has the lock (SingleFlightLease + Redis lease in queue mode,
 * n8n PR #33092); n8n 1.123 (n8n-core 1.122.x requestOAuth2) refreshes without one.
 */
const UNSERIALIZED_REFRESH_LINES = new Set(['v1']);
/**
 * The first client-credentials token is fetched outside n8n's refresh lock on both lines
 * (requestOAuth2: no token stored yet -> getToken() -> save), so every execution that starts
 * before the first token is saved mints its own. Measured and reported; at most one per execution.
 */
const FEW_TOKENS = 3;
const WAVE = 20;
/** How long the emulator's token endpoint takes to answer during the scenario (see sharedCredentialScenario). */
const TOKEN_LATENCY_MS = 1000;

/** Two OAuth clients of their own (so counters per client tell the credentials apart), two credentials, three workflows. */
async function sharedSetup(emu, n8n, line) {
	const codeClient = emu.addOAuthClient({ identifier: `n8n-shared-code-${line}`, secret: 'shared-code-secret' });
	const ccClient = emu.addOAuthClient({ identifier: `n8n-shared-cc-${line}`, secret: 'shared-cc-secret' });
	const tokens = await authorizationCode(emu, codeClient);
	const base = credentialsFor(emu, { authCodeTokens: tokens, refreshTokens: tokens });
	const code = {
		...base.oauthCode,
		id: 'zdE2eSharedCode',
		name: 'Zendesk e2e shared (OAuth2 authorization code)',
		data: { ...base.oauthCode.data, ...codeClient },
	};
	const cc = {
		...base.oauthClient,
		id: 'zdE2eSharedClient',
		name: 'Zendesk e2e shared (OAuth2 client credentials)',
		data: { ...base.oauthClient.data, ...ccClient },
	};
	const hook = (id, name, c, p) => ({
		workflow: wf.sharedHook({ id, name, nodeType: n8n.nodeType, cred: c, path: `${p}-${line}` }),
		path: `${p}-${line}`,
	});
	// Two workflows (two "teams") on the authorization-code credential, one on client credentials.
	const codeHooks = [
		hook('zdE2eSharedA', 'e2e shared: team A gets a ticket', code, 'e2e-shared-a'),
		hook('zdE2eSharedB', 'e2e shared: team B gets a ticket', code, 'e2e-shared-b'),
	];
	const ccHooks = [hook('zdE2eSharedCC', 'e2e shared: client credentials gets a ticket', cc, 'e2e-shared-cc')];
	return {
		code,
		cc,
		tokens,
		codeClient,
		ccClient,
		codeHooks,
		ccHooks,
		creds: [code, cc],
		workflows: [...codeHooks, ...ccHooks].map((h) => h.workflow),
		paths: [...codeHooks, ...ccHooks].map((h) => h.path),
	};
}

const lastExecutionId = (n8n) => n8n.executions().reduce((m, x) => Math.max(m, Number(x.id)), 0);

/**
 * WAVE webhook calls at once, spread over `hooks`, each for ticket 1..WAVE; waits until n8n has
 * stored all WAVE executions as ended. The outcome comes from the database (execution status) and
 * the emulator (which tickets were served), not from the webhook answers (see wf.sharedHook).
 */
async function fireWave(ctx, hooks, label) {
	const { n8n, q, emu } = ctx;
	const after = lastExecutionId(n8n);
	const from = emu.requests.length;
	const t0 = Date.now();
	const calls = await Promise.all(
		// The workflows answer on receipt, so a call only waits for main to enqueue the execution.
		Array.from({ length: WAVE }, (_, i) => postJson(q.webhookUrl(hooks[i % hooks.length].path), { ticketId: i + 1 }, 60_000)),
	);
	let execs = [];
	const deadline = Date.now() + 150_000;
	while (Date.now() < deadline) {
		execs = n8n.executions().filter((x) => Number(x.id) > after);
		if (execs.length >= WAVE && execs.every((x) => !['new', 'running', 'waiting', 'unknown'].includes(x.status))) break;
		await new Promise((r) => setTimeout(r, 250));
	}
	const ms = Date.now() - t0;
	const perWorker = q.workers.map(() => 0);
	let unplaced = 0;
	for (const x of execs) {
		const w = workerOf(q, x.id);
		if (w === null) unplaced++;
		else perWorker[w]++;
	}
	const reqs = emu.requests.slice(from);
	const served = new Set(
		reqs
			.filter((r) => r.method === 'GET' && r.status === 200)
			.map((r) => /^\/api\/v2\/tickets\/(\d+)(\.json)?$/.exec(r.path))
			.filter(Boolean)
			.map((m) => Number(m[1])),
	);
	const figures = {
		label,
		ms,
		accepted: calls.filter((c) => c.status === 200).length,
		executions: execs.length,
		ok: execs.filter((x) => x.status === 'success').length,
		failed: execs.filter((x) => x.status !== 'success').length,
		served: served.size,
		perWorker,
		unplaced,
	};
	log(
		`${ctx.scope} ${label}: ${figures.ok}/${WAVE} executions succeeded, ${figures.served} tickets served, in ${secs(ms)}; per worker ${perWorker.join(' + ')}${unplaced ? ` (+${unplaced} in no worker log)` : ''}`,
	);
	return { calls, execs, reqs, served, figures };
}

/** Checks that hold on every line: all calls accepted, every execution ended and ran on a worker, both workers busy. */
async function checkExecutions(scope, label, { calls, execs, figures }) {
	await check(
		scope,
		`${label}: ${WAVE} calls accepted, ${WAVE} executions ended, all on the workers (${figures.perWorker.join(' + ')}), both busy`,
		() => {
			assertEq(
				calls.filter((c) => c.status !== 200).map((c) => [c.status, String(show(c.body)).slice(0, 120)]),
				[],
				'webhook calls not accepted [status, body]',
			);
			assertEq(execs.length, WAVE, 'executions of the wave');
			assertEq(
				execs.filter((x) => ['new', 'running', 'waiting', 'unknown'].includes(x.status)).map((x) => [x.id, x.status]),
				[],
				'executions not ended',
			);
			assert(figures.unplaced === 0, `${figures.unplaced} executions in no worker log`);
			assert(
				figures.perWorker.every((n) => n > 0),
				`executions per worker ${show(figures.perWorker)}: one worker did nothing, so this wave did not test two processes`,
			);
		},
	);
}

/** Every execution succeeded and every ticket 1..WAVE was served once the token was good. */
function assertAllSucceeded({ execs, served, figures }) {
	assertEq(
		execs.filter((x) => x.status !== 'success').map((x) => [x.id, x.status]),
		[],
		'executions not successful [id, status]',
	);
	assertEq(figures.served, WAVE, 'tickets served with 200');
	for (let i = 1; i <= WAVE; i++) assert(served.has(i), `ticket ${i} was never served`);
}

/**
 * One OAuth2 authorization-code credential shared by two workflows, its access token expired,
 * WAVE executions at once on main + two workers, twice; then a client-credentials credential
 * without a token under the same load, twice. See test/e2e/README.md.
 */
async function sharedCredentialScenario(ctx) {
	const { line, emu, n8n, shared } = ctx;
	const scope = `${ctx.scope} shared credential:`;
	const t0 = Date.now();
	const unserialized = UNSERIALIZED_REFRESH_LINES.has(line);
	const measured = { line, tokenLatencyMs: TOKEN_LATENCY_MS };
	const stats = () => emu.oauthStats({ token: shared.tokens.refresh_token });
	const minus = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] - b[k]]));
	// Zendesk's token endpoint is a network round trip away; on loopback the emulator would answer in
	// about a millisecond, and the first execution would store the new token before most others
	// even start, hiding the race. The rotation happens at once, the answer comes TOKEN_LATENCY_MS later.
	emu.configure({ tokenLatencyMs: TOKEN_LATENCY_MS });

	for (const n of [1, 2]) {
		const label = `auth code wave ${n}`;
		const lineage = emu.oauthLineage({ token: shared.tokens.refresh_token });
		emu.expireAccessToken(lineage.current.access_token);
		const before = stats();
		const wave = await fireWave({ ...ctx, scope }, shared.codeHooks, label);
		const delta = minus(stats(), before);
		const { figures } = wave;
		measured[label] = {
			...figures,
			refreshGrants: delta.refreshGrants,
			invalidGrant: delta.invalidGrant,
			spentRefreshTokens: delta.spentRefreshTokens,
		};
		log(
			`${scope} ${label}: refresh grants ${delta.refreshGrants}, invalid_grant ${delta.invalidGrant}, executions failed ${figures.failed}`,
		);

		await checkExecutions(scope, label, wave);
		const holds = figures.ok === WAVE && delta.refreshGrants === 1 && delta.invalidGrant === 0;
		const summary = `${figures.ok}/${WAVE} executions succeeded, ${delta.refreshGrants} refresh grant(s), ${delta.invalidGrant} invalid_grant`;
		if (!unserialized || holds) {
			await check(
				scope,
				`${label} (access token expired, ${WAVE} executions at once on 2 workers): all succeed, exactly one refresh grant, no invalid_grant`,
				() => {
					assert(figures.ok === WAVE, summary);
					assertEq([delta.refreshGrants, delta.invalidGrant], [1, 0], '[refresh grants, invalid_grant]');
					assertAllSucceeded(wave);
				},
			);
		} else {
			// KNOWN (n8n 1.x, see UNSERIALIZED_REFRESH_LINES): measured, not failed. What must still
			// hold: one refresh won, and every failed execution is a lost refresh race (invalid_grant
			// for the refresh token another process had just rotated), nothing else.
			known(
				scope,
				`${label}: n8n ${line} does not serialize OAuth2 refreshes across executions/workers`,
				`${summary} (${delta.spentRefreshTokens} for a refresh token already rotated by another execution), ${figures.failed} execution(s) failed. n8n issue #12742; README "Sharing one credential across workflows, teams and workers"`,
			);
			// The node recovers from a lost race (it waits for the token the winner stored and repeats once),
			// so every execution must still succeed; n8n's own spent-token refreshes are what stays KNOWN.
			await check(
				scope,
				`${label}: one refresh won, every invalid_grant was a lost refresh race, and the node recovered: all ${WAVE} executions succeed`,
				() => {
					assert(figures.ok === WAVE, summary);
					assert(delta.refreshGrants >= 1, `no refresh grant: ${summary}`);
					assertEq(delta.invalidGrant, delta.spentRefreshTokens, 'invalid_grant answers for a refresh token that was not rotated away');
					assert(
						figures.failed <= delta.invalidGrant,
						`${figures.failed} executions failed, but only ${delta.invalidGrant} invalid_grant answers`,
					);
					const okIds = new Set(wave.execs.filter((x) => x.status === 'success').map((x) => x.id));
					assert(wave.served.size >= okIds.size, `${okIds.size} executions succeeded but only ${wave.served.size} tickets were served`);
				},
			);
		}
		await check(scope, `${label}: the stored refresh token is the newest one (export:credentials --decrypted)`, async () => {
			const data = await exportCredential(n8n, shared.code.id);
			const now = emu.oauthLineage({ token: shared.tokens.refresh_token });
			assert(now.current && !now.current.revoked, 'the lineage has no live grant');
			assertEq(
				[data.oauthTokenData.refresh_token === now.current.refresh_token, data.oauthTokenData.access_token === now.current.access_token],
				[true, true],
				`stored [refresh token, access token] are the newest (the lineage has issued ${now.tokens} token pairs)`,
			);
		});
	}

	// Client credentials, no token stored yet: n8n fetches one before the first request.
	const cc = () => emu.oauthStats({ clientId: shared.ccClient.clientId });
	for (const n of [1, 2]) {
		const label = `client credentials wave ${n}${n === 1 ? ' (no token yet)' : ' (token stored)'}`;
		const before = cc();
		const wave = await fireWave({ ...ctx, scope }, shared.ccHooks, label);
		const delta = minus(cc(), before);
		const minted = delta.clientCredentialsGrants;
		measured[label] = { ...wave.figures, tokensMinted: minted, invalidGrant: delta.invalidGrant };
		log(`${scope} ${label}: tokens minted ${minted}`);
		await checkExecutions(scope, label, wave);
		await check(scope, `${label}: all ${WAVE} executions succeed`, () => assertAllSucceeded(wave));
		if (n === 1) {
			await check(scope, `${label}: ${minted} token(s) minted, at most one per execution`, () => {
				assert(minted >= 1 && minted <= WAVE, `${minted} tokens minted for ${WAVE} executions`);
			});
			if (minted > FEW_TOKENS) {
				known(
					scope,
					`${label}: n8n ${line} mints a token per execution that starts before the first one is stored`,
					`${minted} client-credentials tokens for ${WAVE} executions at once (n8n fetches the first token outside its refresh lock); all valid, the one stored last is used afterwards`,
				);
			}
			await check(scope, `${label}: the stored token is one of those minted, and live`, async () => {
				const data = await exportCredential(n8n, shared.cc.id);
				const grant = emu.state.tokens.get(data.oauthTokenData && data.oauthTokenData.access_token);
				assert(
					grant && grant.client_id === shared.ccClient.clientId,
					'the stored access token is not a live client-credentials token of this client',
				);
			});
		} else {
			await check(scope, `${label}: the stored token is reused, no token minted`, () => {
				assertEq(minted, 0, 'tokens minted');
			});
		}
	}
	emu.configure({ tokenLatencyMs: 0 });
	const ms = Date.now() - t0;
	results.timings[`shared credential ${line}`] = ms;
	results.measured = results.measured || {};
	results.measured[line] = { ...measured, scenarioMs: ms };
	writeLog(`${line}-shared-credential-figures`, JSON.stringify({ ...measured, scenarioMs: ms, oauthEvents: emu.oauthEvents() }, null, 2));
	log(`${scope} scenario done in ${secs(ms)}`);
}

/** The queue-mode fleet's figures (test/e2e/queueFleet.js), printed again in the run's summary. */
function recordFleet(line, figures, text) {
	results.fleet = { ...results.fleet, [line]: `on ${line}: ${text}` };
}

/* ------------------------------------------------------------------ main */

function preflight() {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 18) throw new Error(`Node ${process.versions.node}: the e2e runner needs Node >= 18 (fetch)`);
	const dist = path.join(ROOT, 'dist');
	const nodeJs = path.join(dist, 'nodes', 'ZendeskTicket', 'ZendeskTicket.node.js');
	const creds = ['ZendeskTicketApi', 'ZendeskTicketOAuth2Api'].map((c) => path.join(dist, 'credentials', `${c}.credentials.js`));
	const missing = [nodeJs, ...creds].filter((f) => !fs.existsSync(f));
	if (missing.length) {
		throw new Error(
			`dist/ is missing or incomplete (${missing.map((f) => path.relative(ROOT, f)).join(', ')}): run \`npm run build\` first`,
		);
	}
	const shared = path.join(dist, 'credentials', 'zendeskTicketShared.js');
	if (!fs.existsSync(shared) || !fs.readFileSync(shared, 'utf8').includes('useLocalEmulator')) {
		throw new Error(
			'dist/ credentials have no "Use Local Emulator" switch, so n8n cannot be pointed at the emulator: run `npm run build` on a source tree that has it',
		);
	}
	const newest = (dir) => {
		let t = 0;
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
		}
		return t;
	};
	const src = Math.max(newest(path.join(ROOT, 'nodes')), newest(path.join(ROOT, 'credentials')));
	if (src > fs.statSync(nodeJs).mtimeMs)
		log('warning: nodes/ or credentials/ changed after the last build; testing the older dist/ (run `npm run build`)');
}

/** A copy of package.json + dist/, so that every n8n instance tests the same build even if dist/ is rebuilt meanwhile. */
let packageSnapshot;
/** n8n user folders not cleaned up yet (removed by finish() after an interruption). */
const userFolders = new Set();
function snapshotPackage() {
	packageSnapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-e2e-package-'));
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(packageSnapshot, 'package.json'));
	fs.cpSync(path.join(ROOT, 'dist'), path.join(packageSnapshot, 'dist'), { recursive: true, dereference: true });
	return packageSnapshot;
}

async function pool(tasks, n) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, tasks.length) }, async () => {
			while (next < tasks.length) await tasks[next++]();
		}),
	);
}

let queueServicesStarted = false;
function stopQueueServices() {
	if (!queueServicesStarted) return;
	queueServicesStarted = false;
	const r = spawnSync('bash', [QUEUE_SCRIPT, 'stop'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 60_000 });
	log(`queue services stopped${r.status === 0 ? '' : ` (exit ${r.status}: ${r.stderr})`}`);
}

function finish(code) {
	stopQueueServices();
	if (packageSnapshot) fs.rmSync(packageSnapshot, { recursive: true, force: true });
	if (packedTarball) fs.rmSync(path.dirname(packedTarball), { recursive: true, force: true });
	if (!process.argv.includes('--keep')) for (const dir of userFolders) fs.rmSync(dir, { recursive: true, force: true });
	const t = results.timings || {};
	const parts = Object.entries(t).map(([k, v]) => `${k} ${secs(v)}`);
	console.log(`e2e: total ${elapsed()}${parts.length ? ` (${parts.join(', ')})` : ''}; logs in ${LOG_DIR}`);
	for (const [line, m] of Object.entries(results.measured || {})) {
		const waves = Object.entries(m)
			.filter(([, v]) => v && typeof v === 'object')
			.map(
				([k, v]) =>
					`${k}: ${v.ok}/${WAVE} ok${v.refreshGrants !== undefined ? `, ${v.refreshGrants} refresh, ${v.invalidGrant} invalid_grant` : `, ${v.tokensMinted} token(s) minted`} (${secs(v.ms)}, workers ${v.perWorker.join('+')})`,
			);
		console.log(`e2e: shared credential on ${line} (${secs(m.scenarioMs)}): ${waves.join('; ')}`);
	}
	for (const text of Object.values(results.fleet || {})) console.log(`e2e: queue fleet ${text}`);
	if (results.known.length) console.log(`e2e: known limitations of n8n measured (not failures):\n  ${results.known.join('\n  ')}`);
	if (results.failures.length) console.log(`e2e: failures:\n  ${results.failures.join('\n  ')}`);
	console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
	process.exit(code ?? (results.failed || results.passed === 0 ? 1 : 0));
}

const USAGE = `usage: node test/e2e/run.js [--line v2|v1|all] [--queue | --no-queue] [--queue-line v2|v1|all] [--no-shared]
                          [--mode community|custom] [--jobs N] [--timeout-min N] [--keep]
  --line        n8n line(s) to test (default all: v2 = n8n 2.40.7, v1 = n8n 1.123.81)
  --queue       also the queue-mode test (default: on with --line all, off otherwise)
  --queue-line  line(s) for the queue-mode test (default: the lines asked for, i.e. both with all)
  --no-shared   queue mode without the shared-credential scenario (two workers, 20 executions at once)
  --mode        community (default: installed community package) or custom (N8N_CUSTOM_EXTENSIONS)
  --jobs        lines / queue test run side by side (default 2)
  --timeout-min whole-run limit (default 40)
  --keep        keep n8n user folders and the queue-mode database
  --no-install-routes    skip installing the packed tarball by the README's npm route and n8n's installer route
  --only-install-routes  only those (no operations, examples or queue mode)
  --no-agent    skip the AI Agent scenarios (test/e2e/agent.js)
  --no-triggers skip the trigger scenarios in a running n8n (test/e2e/trigger.js)
  --no-fleet    skip the queue-mode fleet (test/e2e/queueFleet.js)
  --only-queue  only the queue-mode tests (no per-line scenarios, no install routes)
Needs \`npm run build\` first. See test/e2e/README.md.`;

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`${e.message}\n${USAGE}`);
		process.exit(2);
	}
	if (opts.help) {
		console.log(USAGE);
		process.exit(0);
	}
	results.timings = {};
	fs.rmSync(LOG_DIR, { recursive: true, force: true });
	const watchdog = setTimeout(() => {
		fail('[e2e]', `global timeout of ${opts.timeoutMin} min`, 'stopping everything');
		finish(1);
	}, opts.timeoutMin * 60_000);
	watchdog.unref();
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			fail('[e2e]', `interrupted by ${sig}`, 'stopping everything');
			finish(1);
		});
	}

	log(
		`lines ${opts.lines.join(', ')}; queue mode ${opts.queue ? `on (${opts.queueLine})` : 'off'}; ${opts.mode} package mode; ${opts.jobs} parallel jobs`,
	);
	await check('[e2e]', 'dist/ is built (with the Use Local Emulator switch)', () => {
		preflight();
		opts.packageDir = snapshotPackage();
	});
	if (results.failed) return finish(1);

	// Installs (cached under .cache/e2e) and the queue-mode packages, side by side.
	const installs = new Set([...opts.lines, ...opts.queueLines]);
	const tInstall = Date.now();
	const installed = new Set();
	const installJobs = [...installs].map(async (line) => {
		await check('[e2e]', `n8n ${line} installed (scripts/e2e/install-n8n.sh ${line})`, async () => {
			const ms = await installLine(line);
			results.timings[`install ${line}`] = ms;
			installed.add(line);
		});
	});
	let queueReady = false;
	const queueJob = opts.queue
		? check('[e2e]', 'queue services: Redis + PostgreSQL on loopback (scripts/e2e/queue-services.sh)', async () => {
				const t = Date.now();
				const { installed: pkgs } = await ensureQueuePackages();
				const wasUp = spawnSync('bash', [QUEUE_SCRIPT, 'status'], { stdio: 'ignore' }).status === 0;
				const r = await spawnLogged('bash', [QUEUE_SCRIPT, 'start'], { prefix: '[queue-services]' });
				if (r.code !== 0) throw new Error(`queue-services.sh start failed (${r.code}):\n${tail(r.stderr)}`);
				queueServicesStarted = !wasUp;
				if (wasUp) log('queue services were already running; leaving them running afterwards');
				results.timings[`queue services${pkgs.length ? ' (apt-get)' : ''}`] = Date.now() - t;
				queueReady = true;
			})
		: Promise.resolve();
	await Promise.all([...installJobs, queueJob]);
	results.timings.installs = Date.now() - tInstall;

	const tasks =
		opts.onlyInstallRoutes || opts.onlyQueue ? [] : opts.lines.filter((l) => installed.has(l)).map((line) => () => runLine(line, opts));
	if (
		(opts.installRoutes || opts.onlyInstallRoutes) &&
		(await check('[e2e]', 'npm pack (the tarball the install routes use)', () => packTarball()))
	) {
		for (const line of opts.lines) if (installed.has(line)) tasks.push(() => runInstallRoutes(line));
	}
	for (const line of opts.queueLines) if (queueReady && installed.has(line)) tasks.push(() => runQueue(line, opts));
	for (const line of opts.queueLines)
		if (queueReady && installed.has(line) && opts.triggers !== false)
			tasks.push(() => require('./trigger.js').triggerQueueScenario(line, opts, { check, assert, assertEq, log, writeLog }));
	for (const line of opts.queueLines)
		if (queueReady && installed.has(line) && opts.fleet !== false)
			tasks.push(() =>
				require('./queueFleet.js').queueFleetScenario(line, opts, { check, assert, assertEq, log, writeLog, record: recordFleet }),
			);
	await pool(tasks, opts.jobs);
	finish();
}

main().catch((e) => {
	fail('[e2e]', 'runner crashed', e.stack || e.message);
	finish(1);
});
