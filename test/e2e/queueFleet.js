'use strict';
/**
 * Issue 25's fleet in real n8n queue mode: main + 2 workers, EXECUTIONS webhook-started executions at
 * once on one Zendesk account, each doing PER_EXECUTION one-by-one Safe Updates with a comment on its
 * own tickets. The emulator's windows are as short as the bench's fleet rows (bench/fleet.js: a
 * minute lasts 6 s), so the Update Ticket limit (100 a minute) makes the fleet wait several windows.
 *
 * The two workers are two processes: each paces its executions together (common/client/account.ts),
 * but sees the other only through Zendesk's headers and 429s. Checked: every execution succeeded (n8n's
 * execution records), every ticket changed exactly once (the emulator's state and request log), every
 * 429 was waited out and followed by the same update going through, and the 429s stay within
 * MAX_429_PER_WINDOW a window. Printed and logged, not gated: the fleet limit ratio (wall time ÷ the
 * time the binding limit allows).
 *
 * From run.js's queue section, or alone:
 *   npm run build && flock /tmp/e2e.lock node test/e2e/queueFleet.js --line v2
 */
const e2e = require('../../scripts/e2e/n8n.js');
const { fleetStats, EXECUTIONS, TIME_SCALE } = require('../../bench/fleet');

const PER_EXECUTION = 40;
/** Two workers, each running at most half the fleet: both processes must take part. */
const WORKERS = 2;
const CONCURRENCY = EXECUTIONS / WORKERS;
/** Zendesk's smallest plan, and Update Ticket's own limit (common/zendeskFacts.ts), in the bench's scaled windows. */
const LIMITS = { account: 200, updateTicket: 100 };
const WINDOW_MS = 60_000 * TIME_SCALE;
/**
 * Each execution updates one ticket at a time, so at most EXECUTIONS updates are on their way when a
 * window's budget runs out. A worker counts its own in flight but not the other's, which it learns of
 * only from the next answer's headers: in each window, at most those EXECUTIONS updates can be refused,
 * and each refusal holds its worker until the window resets.
 */
const MAX_429_PER_WINDOW = EXECUTIONS;
const COMMENT = 'Fleet e2e: one of many executions on this account.';
const HOOK = 'e2e-queue-fleet';
const ENDED = (x) => !['new', 'running', 'waiting', 'unknown'].includes(x.status);
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fleetWorkflow(nodeType, cred, hookPath) {
	const at = (x) => [x, 0];
	return {
		id: 'zdE2eQueueFleet',
		name: 'e2e queue fleet: webhook -> split -> safe updates with a comment',
		nodes: [
			{
				...{ id: 'hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: at(0), webhookId: hookPath },
				// Answered on receipt: the outcome is read from n8n's records and the emulator (see run.js sharedHook).
				parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'onReceived', options: {} },
			},
			{
				...{ id: 'split', name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: at(250) },
				parameters: { fieldToSplitOut: 'body.tickets', options: {} },
			},
			{
				...{ id: 'update', name: 'Update', type: nodeType, typeVersion: 1, position: at(500) },
				parameters: {
					authentication: 'apiToken',
					resource: 'ticket',
					operation: 'update',
					ticketId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { comment: COMMENT, priority: 'urgent' },
					// The item's updated_at is the stamp; Safe Update also keeps every update one by one.
					options: { safeUpdate: true },
					simplify: true,
					requestOptions: {},
				},
				credentials: { zendeskTicketApi: { id: cred.id, name: cred.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Update', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** EXECUTIONS shares of PER_EXECUTION seeded tickets that are not closed, each with its updated_at. */
function ticketShares(emu) {
	const open = [...emu.state.tickets.values()].filter((t) => t.status !== 'closed').slice(0, EXECUTIONS * PER_EXECUTION);
	if (open.length < EXECUTIONS * PER_EXECUTION) throw new Error(`only ${open.length} open seeded tickets`);
	const shares = [];
	for (let k = 0; k < EXECUTIONS; k++)
		shares.push(open.slice(k * PER_EXECUTION, (k + 1) * PER_EXECUTION).map((t) => ({ id: t.id, updated_at: t.updated_at })));
	return shares;
}

async function post(url, payload) {
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(60_000),
		});
		return { status: res.status, body: await res.text() };
	} catch (e) {
		return { status: 0, body: `request failed: ${e.message}` };
	}
}

const lastId = (n8n) => n8n.executions().reduce((m, x) => Math.max(m, Number(x.id)), 0);

/** Fires the fleet at once and waits until n8n has stored every execution as ended. */
async function fireFleet(n8n, q, shares) {
	const after = lastId(n8n);
	const t0 = Date.now();
	const calls = await Promise.all(shares.map((tickets, run) => post(q.webhookUrl(HOOK), { run, tickets })));
	let execs = [];
	for (const deadline = Date.now() + 300_000; Date.now() < deadline; await sleep(250)) {
		execs = n8n.executions().filter((x) => Number(x.id) > after);
		if (execs.length >= EXECUTIONS && execs.every(ENDED)) break;
	}
	return { calls, execs, wallMs: Date.now() - t0 };
}

const workerOf = (q, id) => q.workers.findIndex((w) => new RegExp(`Worker (started|finished) execution ${id}\\b`).test(w.output()));

const ticketPut = (r) => r.method === 'PUT' && /^\/api\/v2\/tickets\/(\d+)(\.json)?$/.exec(r.path);

/** Each ticket's PUTs in order: their answers (e.g. [429, 200]) and bodies. */
function putsByTicket(reqs) {
	const by = new Map();
	for (const r of reqs) {
		const m = ticketPut(r);
		if (!m) continue;
		const seen = by.get(Number(m[1])) ?? { statuses: [], bodies: new Set() };
		seen.statuses.push(r.status);
		seen.bodies.add(JSON.stringify(r.body));
		by.set(Number(m[1]), seen);
	}
	return by;
}

/** The figures the issue asks for, from the emulator's log and n8n's records. */
function figuresOf(line, reqs, fleet, perWorker) {
	const stats = fleetStats({ limits: LIMITS }, reqs);
	const api = reqs.filter((r) => r.path.startsWith('/api/v2'));
	// An item failed when its ticket never got its update (a second 200 would be a duplicate, checked apart).
	const updated = new Set(api.filter((r) => ticketPut(r) && r.status === 200).map((r) => ticketPut(r)[1])).size;
	return {
		line,
		executions: EXECUTIONS,
		workers: perWorker,
		items: EXECUTIONS * PER_EXECUTION,
		itemsFailed: EXECUTIONS * PER_EXECUTION - updated,
		executionsFailed: fleet.execs.filter((x) => x.status !== 'success').length,
		requests: api.length,
		status429: api.filter((r) => r.status === 429).length,
		refusals: stats.refusals,
		windows: Math.max(1, Math.ceil(stats.allowedMs / WINDOW_MS)),
		windowMs: WINDOW_MS,
		limits: stats.limits.map(({ name, limit, used }) => ({ name, limit, used })),
		wallMs: fleet.wallMs,
		allowedMs: Math.round(stats.allowedMs),
		binding: stats.binding.name,
		fleetLimitRatio: Number((fleet.wallMs / stats.allowedMs).toFixed(2)),
	};
}

const summary = (f) =>
	`${f.executions} executions (workers ${f.workers.join('+')}), items failed ${f.itemsFailed}/${f.items}, ` +
	`429s ${f.status429} (${
		Object.entries(f.refusals)
			.map(([by, n]) => `${n} × ${by}`)
			.join(', ') || 'none'
	}) in ${f.windows} window(s), ` +
	`${f.requests} requests, wall ${secs(f.wallMs)} vs ${secs(f.allowedMs)} the ${f.binding} limit allows: fleet limit ratio ${f.fleetLimitRatio}`;

async function checkFleet({ scope, emu, q, fleet, from, shares }, h) {
	const { check, assert, assertEq } = h;
	const { calls, execs } = fleet;
	await check(
		scope,
		`${EXECUTIONS} webhook calls accepted, ${EXECUTIONS} executions ended, all on the ${WORKERS} workers, both busy`,
		() => {
			assertEq(
				calls.filter((c) => c.status !== 200).map((c) => [c.status, c.body.slice(0, 120)]),
				[],
				'calls not accepted',
			);
			assertEq(execs.length, EXECUTIONS, 'executions');
			assertEq(
				execs.filter((x) => !ENDED(x)).map((x) => x.id),
				[],
				'executions not ended',
			);
			const placed = execs.map((x) => workerOf(q, x.id));
			assert(!placed.includes(-1), `executions in no worker log: ${execs.filter((_, i) => placed[i] === -1).map((x) => x.id)}`);
			assert(new Set(placed).size === WORKERS, `executions per worker: ${placed}`);
		},
	);
	await check(scope, `all ${EXECUTIONS} executions succeeded (n8n's execution records)`, () =>
		assertEq(
			execs.filter((x) => x.status !== 'success').map((x) => [x.id, x.status]),
			[],
			'executions not successful [id, status]',
		),
	);
	const reqs = emu.requests.slice(from);
	const puts = putsByTicket(reqs);
	const ids = shares.flat().map((t) => t.id);
	const name = `every one of the ${ids.length} tickets updated exactly once: one 200 after its 429s, each the same PUT again, one fleet comment`;
	await check(scope, name, () => {
		assertEq(puts.size, ids.length, 'tickets PUT');
		const wrong = ids.filter((id) => {
			const { statuses: s, bodies } = puts.get(id) ?? { statuses: [], bodies: new Set() };
			return s[s.length - 1] !== 200 || s.slice(0, -1).some((x) => x !== 429) || bodies.size !== 1;
		});
		assertEq(
			wrong.map((id) => [id, puts.get(id)?.statuses, puts.get(id)?.bodies.size]),
			[],
			'tickets whose PUTs were not [429…, 200] of one body',
		);
		const state = ids.map((id) => emu.state.tickets.get(id));
		const bad = state.filter((t) => t.priority !== 'urgent' || t._comments.filter((c) => c.body === COMMENT).length !== 1);
		assertEq(
			bad.map((t) => t.id),
			[],
			'tickets without exactly one fleet comment and priority urgent',
		);
	});
	const figures = figuresOf(
		scope,
		reqs,
		fleet,
		[0, 1].map((w) => execs.filter((x) => workerOf(q, x.id) === w).length),
	);
	await check(scope, `no job-limit refusal; 429s (${figures.status429}) ≤ ${MAX_429_PER_WINDOW} a window × ${figures.windows}`, () => {
		assertEq(
			Object.keys(figures.refusals).filter((by) => !['account', 'endpoint'].includes(by)),
			[],
			'refused by another limit',
		);
		assert(figures.status429 <= MAX_429_PER_WINDOW * figures.windows, summary(figures));
		assertEq(figures.itemsFailed, 0, 'items failed');
	});
	return figures;
}

/**
 * The scenario on its own emulator and queue-mode n8n. `h`: check/assert/assertEq/log and, from
 * run.js, writeLog (figures file) and record (the figures for the run's summary).
 */
async function queueFleetScenario(line, { mode = 'community', packageDir } = {}, h) {
	const { createEmulator } = require('../emulator');
	const scope = `[${line} queue fleet]`;
	const emu = await createEmulator({ port: 0, seed: { tickets: Math.ceil(EXECUTIONS * PER_EXECUTION * 1.25) } });
	let n8n;
	let q;
	try {
		n8n = await e2e.createQueueInstance({
			line,
			mode,
			packageDir,
			env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000' },
		});
		const c = emu.credentials;
		const cred = { id: 'zdE2eFleetToken', name: 'Zendesk e2e fleet (API token)', type: 'zendeskTicketApi' };
		cred.data = { subdomain: 'acme', email: c.email, apiToken: c.apiToken, useLocalEmulator: true, localEmulatorUrl: emu.url };
		const workflow = fleetWorkflow(n8n.nodeType, cred, HOOK);
		const ready = await h.check(
			scope,
			`import, activate, n8n start + ${WORKERS} x n8n worker (concurrency ${CONCURRENCY}) up`,
			async () => {
				await n8n.importCredentials([cred]);
				await n8n.importWorkflows([workflow]);
				const act = await n8n.activate(workflow.id);
				h.assert(act.code === 0, `activation failed (${act.code}):\n${act.stderr}\n${act.stdout}`);
				q = await n8n.startQueue({ concurrency: CONCURRENCY, workers: WORKERS });
				await q.waitForWebhook(HOOK, { timeoutMs: 90_000 });
			},
		);
		if (!ready) return;
		const shares = ticketShares(emu);
		// The limits from here on only, each in a fresh window (setup's requests do not count).
		emu.configure({ rateLimitPerMinute: LIMITS.account, rateLimitWindowMs: WINDOW_MS, endpointLimits: { timeScale: TIME_SCALE } });
		const from = emu.requests.length;
		const fleet = await fireFleet(n8n, q, shares);
		const figures = await checkFleet({ scope, emu, q, fleet, from, shares }, h);
		h.log(`${scope} ${summary(figures)}`);
		if (h.writeLog) h.writeLog(`${line}-queue-fleet-figures`, JSON.stringify(figures, null, 2));
		if (h.record) h.record(line, figures, summary(figures));
	} finally {
		if (q && h.writeLog) q.workers.forEach((w, i) => h.writeLog(`${line}-queue-fleet-worker${i + 1}`, w.output()));
		if (n8n) await n8n.cleanup().catch(() => undefined);
		await emu.close();
	}
}

module.exports = { queueFleetScenario, EXECUTIONS, PER_EXECUTION };

if (require.main === module) {
	const { runAlone } = require('./standalone.js');
	runAlone('e2e-queue-fleet', (line, h) =>
		queueFleetScenario(line, {}, { ...h, log: (m) => console.log(m), writeLog: (name, text) => writeAlone(name, text) }),
	);
}

function writeAlone(name, text) {
	const fs = require('node:fs');
	const path = require('node:path');
	const dir = process.env.E2E_LOG_DIR || path.join(e2e.REPO_ROOT, '.cache', 'e2e', 'logs');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, `${name}.log`), text);
}
