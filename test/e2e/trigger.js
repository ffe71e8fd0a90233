'use strict';
/**
 * The trigger nodes in a real, running n8n (`n8n start`, SQLite): the Zendesk Ticket Poll Trigger
 * and the Zendesk Ticket Trigger (webhook), each → HTTP Request to a sink on loopback, so that
 * every item n8n emitted is counted. Checked: the webhook trigger's Zendesk webhook and triggers
 * are created in the emulator once (and not again after a restart); each ticket change reaches
 * the webhook workflow once; a public comment comes with that comment (its text with quotes and
 * a newline, through the emulator's signed deliveries), a note only as an update; after the
 * webhook's signing secret is reset, calls signed with the new one run and the old one is refused;
 * the poll trigger emits each change once; and after n8n was stopped while tickets changed, the
 * poll trigger catches up on start with none missed and none twice.
 *
 * Called from run.js once per line (`triggerScenario(ctx, helpers)`) and once per queue-mode line
 * (`triggerQueueScenario`: webhooks received by the main process, executions run by a worker). Alone:
 *   npm run build && node test/e2e/trigger.js --line v2 [--queue]
 */
const http = require('node:http');

const e2e = require('../../scripts/e2e/n8n.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Collects the JSON bodies POSTed to /poll and /hook. */
async function startSink() {
	const sink = { poll: [], hook: [] };
	const srv = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const key = (req.url || '').includes('poll') ? 'poll' : 'hook';
			try {
				sink[key].push(JSON.parse(body));
			} catch {
				sink[key].push({ unreadable: body });
			}
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise((r) => srv.listen(0, '127.0.0.1', r));
	sink.url = `http://127.0.0.1:${srv.address().port}`;
	sink.close = () => new Promise((r) => srv.close(r));
	return sink;
}

function workflow({ id, name, trigger, sinkUrl }) {
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-t`, name: 'Trigger', ...trigger, typeVersion: 1, position: [0, 0] },
			{
				id: `${id}-s`,
				name: 'Sink',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [260, 0],
				parameters: {
					method: 'POST',
					url: sinkUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { Trigger: { main: [[{ node: 'Sink', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

async function apiCall(emu, method, path, body) {
	const res = await fetch(`${emu.httpUrl}${path}`, {
		method,
		headers: { Authorization: emu.credentials.basicAuth, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	return await res.json();
}
const createTicket = async (emu, subject) =>
	(await apiCall(emu, 'POST', '/api/v2/tickets', { ticket: { subject, comment: { body: subject }, priority: 'normal' } })).ticket;
const updateTicket = async (emu, id, ticket) => (await apiCall(emu, 'PUT', `/api/v2/tickets/${id}`, { ticket })).ticket;

async function waitFor(what, fn, timeoutMs) {
	const t0 = Date.now();
	while (!fn()) {
		if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(500);
	}
}

const keyOf = (item) => `${item.event}:${item.ticket && item.ticket.id}:${item.ticket && item.ticket.updated_at}`;
const ofTicket = (items, id) => items.filter((i) => i.ticket && Number(i.ticket.id) === id).map((i) => i.event);

const n8nEnv = (port) => ({ WEBHOOK_URL: `http://127.0.0.1:${port}/`, N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000' });

/** `n8n start` on this (SQLite) instance; resolves { stop(), output() }. */
async function startN8n(n8n, port) {
	const daemon = await e2e.spawnDaemon({
		nodeBin: n8n.nodeBin,
		n8nBin: n8n.n8nBin,
		args: ['start'],
		env: await n8n.env({ N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', ...n8nEnv(port) }),
		readyPattern: /Editor is now accessible via/,
		timeoutMs: 180_000,
	});
	return { stop: () => daemon.stop(), output: () => daemon.output(), main: () => daemon.output(), worker: () => '' };
}

/** Queue mode: `n8n start` (receives the webhooks, runs the polls) and one `n8n worker` (runs the executions). */
async function startQueue(n8n, port) {
	const q = await n8n.startQueue({ mainPort: port, workers: 1, env: n8nEnv(port) });
	return {
		stop: () => q.stop(),
		output: () => `--- main\n${q.main.output()}\n--- worker\n${q.worker.output()}`,
		main: () => q.main.output(),
		worker: () => q.worker.output(),
	};
}

const hookItems = (sink, id) => sink.hook.filter((i) => i.ticket && Number(i.ticket.id) === id);

/** Comment Added through the emulator's signed deliveries: a public comment with its text, then a note. */
async function commentChecks(emu, sink, ticket, h, scope) {
	const before = hookItems(sink, ticket.id).length;
	const text = 'She wrote "it\'s broken"\nsecond line, C:\\temp — ✓';
	await updateTicket(emu, ticket.id, { comment: { body: text, public: true } });
	await waitFor('webhook item for the comment', () => hookItems(sink, ticket.id).length > before, 60_000).catch(() => {});
	await updateTicket(emu, ticket.id, { comment: { body: 'internal only', public: false } });
	await waitFor('webhook item for the note', () => hookItems(sink, ticket.id).length > before + 1, 60_000).catch(() => {});
	await emu.settleDeliveries();
	await sleep(4000);
	await h.check(
		scope,
		'webhook: a public comment runs once with that comment (id, text, author, public); a note runs once as an update, without it',
		() => {
			const [comment] = emu.state.tickets.get(ticket.id)._comments.slice(-2);
			const items = hookItems(sink, ticket.id).slice(before);
			h.assertEq(
				items.map((i) => [
					i.event,
					i.events,
					i.comment ? [i.comment.id, i.comment.body, i.comment.public, typeof i.comment.author_name] : null,
				]),
				[
					['commentAdded', ['commentAdded', 'updated'], [comment.id, text, true, 'string']],
					['updated', ['updated'], null],
				],
				'webhook items of the comment and the note',
			);
		},
	);
}

/** A signed POST to the webhook URL, as Zendesk sends it, with the secret given. */
async function signedPost(url, secret, payload) {
	const body = JSON.stringify(payload);
	const timestamp = new Date().toISOString();
	const signature = require('../emulator/webhooks').signature(secret, timestamp, body);
	const headers = {
		'content-type': 'application/json',
		'x-zendesk-webhook-signature': signature,
		'x-zendesk-webhook-signature-timestamp': timestamp,
		'x-zendesk-webhook-invocation-id': `e2e-${Date.now()}`,
	};
	return (await fetch(url, { method: 'POST', headers, body })).status;
}

/** An admin resets the webhook's signing secret: the next delivery (new secret) runs, a call with the old one gets 401. */
async function secretResetChecks(emu, sink, ticket, h, scope) {
	const webhook = [...emu.state.webhooks.values()][0];
	const old = webhook._secret;
	await apiCall(emu, 'POST', `/api/v2/webhooks/${webhook.id}/signing_secret`);
	const before = hookItems(sink, ticket.id).length;
	const deliveries = emu.webhookDeliveries().length;
	await updateTicket(emu, ticket.id, { priority: 'low' });
	await waitFor('webhook item after the reset', () => hookItems(sink, ticket.id).length > before, 60_000).catch(() => {});
	await emu.settleDeliveries();
	await h.check(scope, 'webhook: after a signing-secret reset, the next delivery (new secret) is accepted at once and runs once', () => {
		const after = emu.webhookDeliveries().slice(deliveries);
		h.assertEq(
			after.map((d) => d.attempts.map((a) => a.status)),
			[[200]],
			'attempts of the delivery after the reset',
		);
		h.assertEq(
			hookItems(sink, ticket.id)
				.slice(before)
				.map((i) => i.event),
			['updated'],
			'webhook items after the reset',
		);
	});
	await h.check(scope, 'webhook: a call signed with the old secret is refused (401) and runs nothing', async () => {
		const status = await signedPost(webhook.endpoint, old, {
			event: 'updated',
			ticket: { id: String(ticket.id), updated_at: new Date().toISOString() },
		});
		await sleep(2000);
		h.assertEq([status, hookItems(sink, ticket.id).length], [401, before + 1], '[status, webhook items]');
	});
}

/**
 * @param {{ line: string, scope: string, emu: any, n8n: any, creds?: any }} ctx
 * @param {{ check: Function, assert: Function, assertEq: Function, log: Function, writeLog?: Function }} h
 */
async function triggerScenario(ctx, h, queue = false) {
	const { line, emu, n8n } = ctx;
	const scope = `${ctx.scope} triggers:`;
	const start = queue ? startQueue : startN8n;
	const prefix = n8n.nodeType.slice(0, n8n.nodeType.lastIndexOf('.'));
	const cred = {
		id: 'zdE2eTriggerApi',
		name: 'Zendesk e2e triggers (API token, admin)',
		type: 'zendeskTicketApi',
		data: {
			subdomain: 'acme',
			email: emu.credentials.email,
			apiToken: emu.credentials.apiToken,
			useLocalEmulator: true,
			localEmulatorUrl: emu.httpUrl,
		},
	};
	const credentials = { zendeskTicketApi: { id: cred.id, name: cred.name } };
	const sink = await startSink();
	const webhookId = `zd-e2e-trigger-${line}`;
	const pollWf = workflow({
		id: `zdE2eTrigPoll${line}`,
		name: 'e2e poll trigger',
		sinkUrl: `${sink.url}/poll`,
		trigger: {
			type: `${prefix}.zendeskTicketPollTrigger`,
			credentials,
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				authentication: 'apiToken',
				events: ['created', 'updated'],
				simplify: true,
				options: {},
			},
		},
	});
	const hookWf = workflow({
		id: `zdE2eTrigHook${line}`,
		name: 'e2e webhook trigger',
		sinkUrl: `${sink.url}/hook`,
		trigger: {
			type: `${prefix}.zendeskTicketTrigger`,
			webhookId,
			credentials,
			parameters: { authentication: 'apiToken', events: ['created', 'updated', 'commentAdded'], commentVisibility: 'public', options: {} },
		},
	});
	emu.configure({ exportLagMs: 5000 });
	const port = await e2e.freePort();
	let running;
	let startedAt = 0;
	const logs = [];
	const mainLogs = [];
	const workerLogs = [];
	const stop = async () => {
		if (!running) return;
		await running.stop();
		logs.push(running.output());
		mainLogs.push(running.main());
		workerLogs.push(running.worker());
		running = null;
	};
	try {
		const ok = await h.check(scope, 'import and activate a poll-trigger and a webhook-trigger workflow; n8n start', async () => {
			await n8n.importCredentials([cred]);
			await n8n.importWorkflows([pollWf, hookWf]);
			for (const w of [pollWf, hookWf]) {
				const act = await n8n.run(
					line === 'v1' ? ['update:workflow', `--id=${w.id}`, '--active=true'] : ['publish:workflow', `--id=${w.id}`],
				);
				h.assert(act.code === 0, `activation of ${w.id} failed: ${act.stderr}`);
			}
			running = await start(n8n, port);
			startedAt = Date.now();
			await waitFor('the Zendesk webhook and its triggers', () => emu.state.webhooks.size === 1 && emu.state.triggers.size === 3, 90_000);
		});
		if (!ok) return;
		const hookUrl = [...emu.state.webhooks.values()][0].endpoint;
		await h.check(scope, `the Zendesk webhook points at n8n's production URL (${hookUrl}) and has 3 triggers`, () => {
			h.assert(hookUrl === `http://127.0.0.1:${port}/webhook/${webhookId}/webhook`, `endpoint ${hookUrl}`);
		});

		// Webhook: a new ticket and an update, each once.
		const w1 = await createTicket(emu, 'Webhook ticket');
		await waitFor('webhook item for the created ticket', () => ofTicket(sink.hook, w1.id).includes('created'), 60_000).catch(() => {});
		await updateTicket(emu, w1.id, { priority: 'high' });
		await waitFor('webhook item for the update', () => ofTicket(sink.hook, w1.id).includes('updated'), 60_000).catch(() => {});
		await emu.settleDeliveries();
		await sleep(2000);
		await h.check(scope, 'webhook: one execution per event (created, updated), all deliveries signed and accepted', () => {
			h.assertEq(ofTicket(sink.hook, w1.id), ['created', 'updated'], `webhook items of ticket ${w1.id}`);
			const refused = emu.webhookDeliveries().filter((d) => d.attempts.some((a) => a.status !== 200));
			h.assertEq(
				refused.map((d) => d.attempts),
				[],
				'deliveries not answered 200',
			);
		});
		await h.check(scope, 'webhook: the same delivery sent again (a Zendesk retry) is answered 200 and runs nothing', async () => {
			const first = emu.webhookDeliveries().find((d) => d.ticketId === w1.id);
			const again = await emu.redeliver(first.invocationId);
			await sleep(3000);
			h.assertEq([again.status, ofTicket(sink.hook, w1.id)], [200, ['created', 'updated']], '[status, webhook items]');
		});

		await commentChecks(emu, sink, w1, h, scope);

		// Polling: first activation starts from now; each change once.
		const p1 = await createTicket(emu, 'Poll ticket 1');
		const inPoll = (id, event) => () => ofTicket(sink.poll, id).includes(event);
		const first = await h.check(scope, 'poll: the ticket created after activation is emitted (within 3 polls)', async () => {
			await waitFor('poll item for ticket 1', inPoll(p1.id, 'created'), 200_000);
		});
		if (!first) return;
		await updateTicket(emu, p1.id, { status: 'pending' });
		const p2 = await createTicket(emu, 'Poll ticket 2');
		await h.check(scope, 'poll: the next poll emits the update and the new ticket', async () => {
			await waitFor('poll items for the update and ticket 2', () => inPoll(p1.id, 'updated')() && inPoll(p2.id, 'created')(), 150_000);
		});

		// The node reads the secret again at most once a minute: the reset comes a minute after the last read (start).
		await sleep(Math.max(0, startedAt + 62_000 - Date.now()));
		await secretResetChecks(emu, sink, w1, h, scope);

		// Downtime: n8n stopped while tickets change; on start the poll catches up.
		await stop();
		await updateTicket(emu, p2.id, { priority: 'urgent' });
		const p3 = await createTicket(emu, 'Poll ticket 3 (made while n8n was down)');
		await sleep(8000);
		running = await start(n8n, port);
		startedAt = Date.now();
		await h.check(scope, 'poll: after n8n was down, the changes made meanwhile are emitted on start', async () => {
			await waitFor('catch-up items', () => inPoll(p2.id, 'updated')() && inPoll(p3.id, 'created')(), 150_000);
		});
		await sleep(5000);
		await h.check(scope, 'poll: every change exactly once (no duplicates, none missed)', () => {
			const keys = sink.poll.map(keyOf);
			h.assertEq(
				keys.filter((k, i) => keys.indexOf(k) !== i),
				[],
				'duplicate poll items',
			);
			h.assertEq(
				[p1.id, p2.id, p3.id].map((id) => ofTicket(sink.poll, id)),
				[['created', 'updated'], ['created', 'updated'], ['created']],
				'poll events per ticket',
			);
		});
		await h.check(scope, 'restart kept the Zendesk webhook and triggers (checkExists), none added', () => {
			h.assertEq([emu.state.webhooks.size, emu.state.triggers.size], [1, 3], '[webhooks, triggers]');
		});
		if (queue) {
			const ids = new Set([pollWf.id, hookWf.id]);
			await h.check(scope, 'queue mode: every execution of both workflows succeeded on the worker, none on the main process', () => {
				const execs = n8n.executions().filter((x) => ids.has(x.workflowId));
				h.assert(execs.length >= 5, `only ${execs.length} executions`);
				h.assertEq(
					execs.filter((x) => x.status !== 'success').map((x) => [x.id, x.mode, x.status]),
					[],
					'executions not successful',
				);
				const main = mainLogs.concat(running ? [running.main()] : []).join('\n');
				const worker = workerLogs.concat(running ? [running.worker()] : []).join('\n');
				const onMain = execs.filter((x) => new RegExp(`Worker (started|finished) execution ${x.id}\\b`).test(main));
				const onWorker = execs.filter((x) => new RegExp(`Worker finished execution ${x.id}\\b`).test(worker));
				h.assertEq([onMain.length, onWorker.length], [0, execs.length], '[executions run by main, by the worker]');
			});
		}
	} catch (e) {
		await h.check(scope, 'runner', () => {
			throw e;
		});
	} finally {
		await stop();
		if (h.writeLog) h.writeLog(`${line}-triggers-n8n`, logs.join('\n--- restart ---\n'));
		emu.configure({ exportLagMs: 60_000 });
		await sink.close();
	}
}

/**
 * The same in queue mode (PostgreSQL + Redis, which must be up: scripts/e2e/queue-services.sh):
 * a fresh emulator and queue instance of its own, `n8n start` + one `n8n worker`.
 */
async function triggerQueueScenario(line, { mode = 'community', packageDir } = {}, h) {
	const { createEmulator } = require('../emulator');
	const emu = await createEmulator({ port: 0, jobDelayMs: 50 });
	let n8n;
	try {
		n8n = await e2e.createQueueInstance({
			line,
			mode,
			packageDir,
			env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
		});
		await triggerScenario({ line, scope: `[${line} queue]`, emu, n8n }, h, true);
	} finally {
		if (n8n) await n8n.cleanup().catch(() => undefined);
		await emu.close();
	}
}

module.exports = { triggerScenario, triggerQueueScenario };

if (require.main === module) {
	const { runAlone, onFreshInstance } = require('./standalone.js');
	const queue = process.argv.includes('--queue');
	runAlone('e2e-trigger', queue ? (line, h) => triggerQueueScenario(line, {}, h) : onFreshInstance(triggerScenario));
}
