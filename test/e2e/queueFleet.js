'use strict';
/**
 * Issue 25's fleet in real n8n queue mode: main + 2 workers, EXECUTIONS webhook-started executions at
 * once on one Zendesk account, in two waves (WAVES): each execution 40 one-by-one Safe Updates with a
 * comment on its own tickets, then each a bulk update (status + comment) of its own tickets. The
 * emulator's windows are as short as the bench's Safe Update row's (bench/fleet.js: a minute lasts 6 s), so
 * the Update Ticket limit (100 a minute) makes the first wave wait several windows; in the second,
 * Zendesk's 30 bulk jobs at once are what the workers share, with jobs that take a second.
 *
 * The two workers are two processes: each paces its executions together (common/client/account.ts:
 * rate budgets and job slots), but sees the other only through Zendesk's headers and 429s. Checked:
 * every execution succeeded (n8n's execution records), every ticket changed exactly once (the
 * emulator's state and request log), every 429 was waited out and followed by the same request going
 * through, and the 429s stay within the wave's bound. Printed and logged, not gated: the fleet limit
 * ratio (wall time ÷ the time the binding limit allows).
 *
 * From run.js's queue section, or alone:
 *   npm run build && flock /tmp/e2e.lock node test/e2e/queueFleet.js --line v2
 */
const e2e = require('../../scripts/e2e/n8n.js');
const { fleetStats, EXECUTIONS, MINUTE_MS, SCALED } = require('../../bench/fleet');

/**
 * Two workers with room for the whole fleet at once between them (12 slots for 10), but neither for
 * more than 6 of it: both processes must take part (with 5 each, one execution was once seen
 * waiting for a slot, 6 + 4, so the 10 did not all run at once).
 */
const WORKERS = 2;
const CONCURRENCY = EXECUTIONS / WORKERS + 1;
const WINDOW_MS = MINUTE_MS * SCALED;
/** Zendesk's smallest plan (200 a minute) and Update Ticket's own limit (common/zendeskFacts.ts), in the bench's scaled windows. */
const ACCOUNT_LIMIT = 200;
/** Tickets per bulk execution: 5 jobs of update_many's 100 each. */
const BULK_PER = 500;
const WAVES = [
	{
		name: 'safe',
		title: 'one-by-one Safe Updates with a comment',
		per: 40,
		fields: { comment: 'Fleet e2e: one of many executions on this account.', priority: 'urgent' },
		// The item's updated_at is the stamp; Safe Update also keeps every update one by one.
		options: { safeUpdate: true },
		applied: (t) => t.priority === 'urgent',
		limits: { windowMs: WINDOW_MS, account: ACCOUNT_LIMIT, updateTicket: 100 },
		/**
		 * Each execution has one update on its way at a time, so at most EXECUTIONS are when a window's
		 * budget runs out. A worker counts its own in flight but not the other's, which it learns of only
		 * from the next answer's headers: in each window at most those EXECUTIONS can be refused, and
		 * each refusal holds its worker until the window resets.
		 */
		max429: (windows) => EXECUTIONS * windows,
		jobDelayMs: 50,
	},
	{
		name: 'bulk',
		title: 'bulk updates (status + comment)',
		per: BULK_PER,
		fields: { comment: 'Fleet e2e bulk: one of many executions on this account.', status: 'pending' },
		options: {},
		applied: (t) => t.status === 'pending',
		limits: { windowMs: WINDOW_MS, account: ACCOUNT_LIMIT },
		/**
		 * 50 jobs of 100 tickets against Zendesk's 30 at once: each worker keeps its own under 30, not
		 * the two together, so the job limit refuses what is over it (TooManyJobs, Retry-After 5 s).
		 * At most the 20 over the limit are refused, once each: by the time a refused one is sent
		 * again, 5 s later, the jobs that were running (1 s each) have ended. Then the account's
		 * windows as in the first wave.
		 */
		max429: (windows, jobLimit) => Math.max(0, (EXECUTIONS * BULK_PER) / 100 - jobLimit) + EXECUTIONS * windows,
		// Zendesk's jobs take seconds: long enough for the fleet's jobs to overlap.
		jobDelayMs: 1000,
	},
];
const ENDED = (x) => !['new', 'running', 'waiting', 'unknown'].includes(x.status);
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hookOf = (wave) => `e2e-queue-fleet-${wave.name}`;

function fleetWorkflow(nodeType, cred, wave) {
	const at = (x) => [x, 0];
	const hookPath = hookOf(wave);
	return {
		id: `zdE2eQueueFleet${wave.name}`,
		name: `e2e queue fleet: webhook -> split -> ${wave.title}`,
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
					updateFields: wave.fields,
					options: wave.options,
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

/** Each wave's EXECUTIONS shares of `per` seeded tickets of its own, open (not solved or closed), with their updated_at. */
function ticketShares(emu) {
	const open = [...emu.state.tickets.values()].filter((t) => !['solved', 'closed'].includes(t.status));
	let next = 0;
	return WAVES.map((wave) =>
		Array.from({ length: EXECUTIONS }, () => {
			const share = open.slice(next, (next += wave.per));
			if (share.length < wave.per) throw new Error(`only ${open.length} open seeded tickets`);
			return share.map((t) => ({ id: t.id, updated_at: t.updated_at }));
		}),
	);
}
const SEED = Math.ceil((EXECUTIONS * WAVES.reduce((n, w) => n + w.per, 0) * 6) / 4) + 10;

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
async function fireFleet(n8n, q, wave, shares) {
	const after = lastId(n8n);
	const t0 = Date.now();
	const calls = await Promise.all(shares.map((tickets, run) => post(q.webhookUrl(hookOf(wave)), { run, tickets })));
	let execs = [];
	for (const deadline = Date.now() + 300_000; Date.now() < deadline; await sleep(250)) {
		execs = n8n.executions().filter((x) => Number(x.id) > after);
		if (execs.length >= EXECUTIONS && execs.every(ENDED)) break;
	}
	return { calls, execs, wallMs: Date.now() - t0 };
}

const workerOf = (q, id) => q.workers.findIndex((w) => new RegExp(`Worker (started|finished) execution ${id}\\b`).test(w.output()));

/** The tickets a request writes: Update Ticket's one, or update_many's `ids` (or its tickets' ids). */
function ticketsWritten(r) {
	if (r.method !== 'PUT') return [];
	const one = /^\/api\/v2\/tickets\/(\d+)(\.json)?$/.exec(r.path);
	if (one) return [Number(one[1])];
	if (!/^\/api\/v2\/tickets\/update_many(\.json)?$/.test(r.path)) return [];
	if (r.query.ids) return r.query.ids.split(',').map(Number);
	return ((r.body && r.body.tickets) || []).map((t) => Number(t.id));
}

/** Each ticket's writes in order: their answers (e.g. [429, 200]) and requests (query and body). */
function writesByTicket(reqs) {
	const by = new Map();
	for (const r of reqs) {
		for (const id of ticketsWritten(r)) {
			const seen = by.get(id) ?? { statuses: [], requests: new Set() };
			seen.statuses.push(r.status);
			seen.requests.add(JSON.stringify([r.path, r.query, r.body]));
			by.set(id, seen);
		}
	}
	return by;
}

/** The figures the issue asks for, from the emulator's log and n8n's records. */
function figuresOf(wave, reqs, fleet, perWorker) {
	const stats = fleetStats({ limits: wave.limits }, reqs);
	const api = reqs.filter((r) => r.path.startsWith('/api/v2'));
	// An item failed when its ticket never got its update (a second 200 would be a duplicate, checked apart).
	const updated = new Set(api.filter((r) => r.status === 200).flatMap(ticketsWritten)).size;
	return {
		wave: wave.name,
		executions: EXECUTIONS,
		workers: perWorker,
		items: EXECUTIONS * wave.per,
		itemsFailed: EXECUTIONS * wave.per - updated,
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
	`${f.wave}: ${f.executions} executions (workers ${f.workers.join('+')}), items failed ${f.itemsFailed}/${f.items}, ` +
	`429s ${f.status429} (${
		Object.entries(f.refusals)
			.map(([by, n]) => `${n} × ${by}`)
			.join(', ') || 'none'
	}) in ${f.windows} window(s), ` +
	`${f.requests} requests, wall ${secs(f.wallMs)} vs ${secs(f.allowedMs)} the ${f.binding} limit allows: fleet limit ratio ${f.fleetLimitRatio}${f.allowedMs < f.windowMs ? ' (the requests fit in one window: the limit does not hold this fleet back)' : ''}`;

async function checkExecutions(scope, q, { calls, execs }, h) {
	const { check, assert, assertEq } = h;
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
}

/** Every ticket of the wave: written once with 200, only 429s before it, all the same request; changed once in the emulator. */
async function checkTickets(scope, emu, wave, { reqs, shares }, h) {
	const writes = writesByTicket(reqs);
	const ids = shares.flat().map((t) => t.id);
	const name = `every one of the ${ids.length} tickets updated exactly once: one 200 after its 429s, each the same request again, one fleet comment`;
	await h.check(scope, name, () => {
		h.assertEq(writes.size, ids.length, 'tickets written');
		const wrong = ids.filter((id) => {
			const { statuses: s, requests } = writes.get(id) ?? { statuses: [], requests: new Set() };
			return s[s.length - 1] !== 200 || s.slice(0, -1).some((x) => x !== 429) || requests.size !== 1;
		});
		h.assertEq(
			wrong.slice(0, 10).map((id) => [id, writes.get(id)?.statuses, writes.get(id)?.requests.size]),
			[],
			`tickets (${wrong.length}) whose writes were not [429…, 200] of one request`,
		);
		const comment = wave.fields.comment;
		const bad = ids
			.map((id) => emu.state.tickets.get(id))
			.filter((t) => !wave.applied(t) || t._comments.filter((c) => c.body === comment).length !== 1);
		h.assertEq(
			bad.slice(0, 10).map((t) => t.id),
			[],
			`tickets (${bad.length}) without exactly one fleet comment and the wave's change`,
		);
	});
}

async function checkLimits(scope, wave, figures, jobLimit, h) {
	const bound = wave.max429(figures.windows, jobLimit);
	await h.check(
		scope,
		`0 items failed; 429s (${figures.status429}) ≤ ${bound}, refused only by the account's, an endpoint's or the job limit`,
		() => {
			h.assertEq(
				Object.keys(figures.refusals).filter((by) => !['account', 'endpoint', 'jobs'].includes(by)),
				[],
				'refused by another limit',
			);
			h.assertEq(figures.itemsFailed, 0, 'items failed');
			h.assert(figures.status429 <= bound, summary(figures));
		},
	);
}

/** One wave: fresh limit windows, the fleet at once, its checks; returns its figures. */
async function runWave({ scope, emu, n8n, q }, wave, shares, h) {
	emu.configure({ jobDelayMs: wave.jobDelayMs });
	emu.limiter.reset();
	emu.endpointLimiter.reset();
	const from = emu.requests.length;
	const fleet = await fireFleet(n8n, q, wave, shares);
	const ws = `${scope} ${wave.name}:`;
	await checkExecutions(ws, q, fleet, h);
	const reqs = emu.requests.slice(from);
	await checkTickets(ws, emu, wave, { reqs, shares }, h);
	const perWorker = [0, 1].map((w) => fleet.execs.filter((x) => workerOf(q, x.id) === w).length);
	const figures = figuresOf(wave, reqs, fleet, perWorker);
	await checkLimits(ws, wave, figures, emu.options.maxConcurrentJobs, h);
	h.log(`${scope} ${summary(figures)}`);
	return figures;
}

async function startFleet(scope, emu, n8n, h) {
	const c = emu.credentials;
	const cred = { id: 'zdE2eFleetToken', name: 'Zendesk e2e fleet (API token)', type: 'zendeskTicketApi' };
	cred.data = { subdomain: 'acme', email: c.email, apiToken: c.apiToken, useLocalEmulator: true, localEmulatorUrl: emu.url };
	const workflows = WAVES.map((wave) => fleetWorkflow(n8n.nodeType, cred, wave));
	let q;
	const ready = await h.check(scope, `import, activate, n8n start + ${WORKERS} x n8n worker (concurrency ${CONCURRENCY}) up`, async () => {
		await n8n.importCredentials([cred]);
		await n8n.importWorkflows(workflows);
		for (const w of workflows) {
			const act = await n8n.activate(w.id);
			h.assert(act.code === 0, `activation of ${w.id} failed (${act.code}):\n${act.stderr}\n${act.stdout}`);
		}
		q = await n8n.startQueue({ concurrency: CONCURRENCY, workers: WORKERS });
		for (const wave of WAVES) await q.waitForWebhook(hookOf(wave), { timeoutMs: 90_000 });
	});
	return ready ? q : null;
}

/**
 * The scenario on its own emulator and queue-mode n8n. `h`: check/assert/assertEq/log and, from
 * run.js, writeLog (figures file) and record (the figures for the run's summary).
 */
async function queueFleetScenario(line, { mode = 'community', packageDir } = {}, h) {
	const { createEmulator } = require('../emulator');
	const scope = `[${line} queue fleet]`;
	const emu = await createEmulator({ port: 0, seed: { tickets: SEED } });
	let n8n;
	let q;
	try {
		n8n = await e2e.createQueueInstance({
			line,
			mode,
			packageDir,
			env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000' },
		});
		q = await startFleet(scope, emu, n8n, h);
		if (!q) return;
		const shares = ticketShares(emu);
		// The limits from here on only (setup's requests do not count); each wave starts in fresh windows.
		emu.configure({ rateLimitPerMinute: ACCOUNT_LIMIT, rateLimitWindowMs: WINDOW_MS, endpointLimits: { timeScale: SCALED } });
		const figures = [];
		for (const [i, wave] of WAVES.entries()) figures.push(await runWave({ scope, emu, n8n, q }, wave, shares[i], h));
		if (h.writeLog) h.writeLog(`${line}-queue-fleet-figures`, JSON.stringify({ line, figures }, null, 2));
		if (h.record) h.record(line, figures, figures.map(summary).join('; '));
	} finally {
		if (q && h.writeLog) q.workers.forEach((w, i) => h.writeLog(`${line}-queue-fleet-worker${i + 1}`, w.output()));
		if (n8n) await n8n.cleanup().catch(() => undefined);
		await emu.close();
	}
}

module.exports = { queueFleetScenario, WAVES };

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
