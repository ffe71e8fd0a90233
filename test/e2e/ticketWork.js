'use strict';
/**
 * Issue 23's ticket work in one workflow on the line's emulator: three tickets created, a macro
 * previewed on each (nothing changed), two macros applied (a public reply rendered per ticket, a
 * private note; one update_many), the third ticket merged into the first, a side conversation
 * started and replied to on the first, its history read, then n8n's HTTP Request node with the
 * API-token and the OAuth2 credential. Checked: every node's output items, every write the
 * emulator received (method, path, query, body), what it stored, and the credential of each call.
 *
 * Called from run.js once per line (`ticketWorkScenario(ctx, h)`). Alone:
 *   npm run build && node test/e2e/ticketWork.js --line v2
 */
const e2e = require('../../scripts/e2e/n8n.js');
const { authorizationCode } = require('./oauthFlow.js');
const { credentials, httpNode } = require('./httpRequest.js');
const { manual, ticketItems, rl, chain, zendesk } = require('./workflows.js');

const WORKFLOW_ID = 'zdE2eTicketWork';
const SUPPLIER = 'supplier@example.test';
// The emulator's seeded macros (test/emulator/macros.js).
const MACRO = { refund: 101, greeting: 102, tier2: 103 };
const NOTE = 'Escalated to tier 2.';

/** The HTTP Request credentials of httpRequest.js under ids of their own, and as the Zendesk Ticket node picks them. */
function workCredentials(emu, tokens) {
	const { zendeskTicketApi: api, zendeskTicketOAuth2Api: oauth } = credentials(emu, tokens);
	return {
		api: { ...api, id: 'zdE2eWorkApiToken', name: 'Zendesk e2e ticket work (API token)', authentication: 'apiToken' },
		oauth: { ...oauth, id: 'zdE2eWorkOAuth', name: 'Zendesk e2e ticket work (OAuth2)', authentication: 'oAuth2' },
	};
}

const ticketsFor = (marker) =>
	[MACRO.greeting, MACRO.tier2, MACRO.tier2].map((macro, n) => ({
		subject: `Work ${marker} ${n + 1}`,
		body: `Ticket ${n + 1} of the ticket work (${marker}).`,
		email: `work.${marker}.${n + 1}@example.test`,
		name: `Robin Work${n + 1}`,
		macro,
	}));

const FIRST = "={{ $('Create').first().json.id }}";
const once = { executeOnce: true };

/** Manual → Tickets → Split → Create → Preview Macro → Apply Macro → Merge → Start → Reply → History → HTTP (API token) → HTTP (OAuth2). */
function ticketWorkflow(nodeType, creds, emu, marker) {
	const z = (name, x, parameters, extra) =>
		zendesk(nodeType, creds.api, name, x, { simplify: true, requestOptions: {}, ...parameters }, extra);
	const message = (parameters) => ({
		resource: 'sideConversation',
		ticketId: rl(FIRST),
		recipientType: 'email',
		to: SUPPLIER,
		...parameters,
	});
	const nodes = [
		manual(),
		...ticketItems(ticketsFor(marker)),
		z('Create', 600, {
			operation: 'create',
			subject: '={{ $json.subject }}',
			description: '={{ $json.body }}',
			additionalFields: { requesterEmail: '={{ $json.email }}', requesterName: '={{ $json.name }}', tags: marker },
		}),
		z('Preview Macro', 800, { operation: 'previewMacro', ticketId: rl('={{ $json.id }}'), macroId: rl(String(MACRO.refund)) }),
		z('Apply Macro', 1000, {
			operation: 'applyMacro',
			ticketId: rl("={{ $('Create').item.json.id }}"),
			macroId: rl("={{ $('Split').item.json.macro }}"),
			options: {},
		}),
		z(
			'Merge',
			1200,
			{
				operation: 'merge',
				ticketId: rl(FIRST),
				sourceTicketIds: "={{ $('Create').last().json.id }}",
				targetComment: `Merged by the ticket work (${marker})`,
				sourceComment: 'Closed in favour of the first ticket',
			},
			once,
		),
		z(
			'Start Side Conversation',
			1400,
			message({ operation: 'start', subject: 'Stock question', message: 'Do you have it in stock?' }),
			once,
		),
		z('Reply', 1600, message({ operation: 'reply', sideConversationId: '={{ $json.id }}', message: 'Following up on stock.' })),
		z('History', 1800, { operation: 'getHistory', ticketId: rl(FIRST), limit: 2 }, once),
		httpNode('HTTP (API token)', creds.api, `${emu.url}/api/v2/macros/active.json`, 2000, once),
		httpNode(
			'HTTP (OAuth2)',
			creds.oauth,
			`=${emu.url}/api/v2/tickets/{{ $('Create').first().json.id }}/side_conversations.json`,
			2200,
			once,
		),
	];
	const names = nodes.map((n) => n.name);
	return { id: WORKFLOW_ID, name: 'e2e: ticket work (issue 23)', nodes, connections: chain(...names), settings: { executionOrder: 'v1' } };
}

const sentAs = (r) => [r.method, r.path, r.query, r.body ?? null];
const commentsOf = (t) => t._comments.map((c) => [c.body, c.public]);

/** The three new tickets, and what Preview Macro showed and sent (reads only), and what it did not change. */
async function previewChecks({ h, scope, out, reqs, emu, marker, ids }) {
	await h.check(scope, 'Create: three tickets in one create_many, as the items said', () => {
		h.assertEq(
			out('Create').map((t) => [t.id, t.subject, t.status, t.tags]),
			ticketsFor(marker).map((t, n) => [ids[n], t.subject, 'new', [marker]]),
			'[id, subject, status, tags]',
		);
		const tickets = ticketsFor(marker).map((t) => ({
			tags: [marker],
			requester: { email: t.email, name: t.name },
			subject: t.subject,
			comment: { body: t.body, public: true },
		}));
		h.assertEq(sentAs(reqs.find((r) => r.method === 'POST')), ['POST', '/api/v2/tickets/create_many', {}, { tickets }], 'the first write');
	});
	await h.check(scope, 'Preview Macro: each ticket as the refund macro would leave it, three GETs, nothing changed', () => {
		h.assertEq(
			out('Preview Macro').map((t) => [t.id, t.status, t.tags, t.comment]),
			ids.map((id) => [id, 'solved', [marker, 'refund', 'billing'], { body: 'Your refund is on its way.', public: true }]),
			'[id, status, tags, comment]',
		);
		const first = reqs.findIndex((r) => r.path.includes(`/macros/${MACRO.refund}/`));
		const applying = reqs.findIndex((r) => r.path === `/api/v2/macros/${MACRO.greeting}`);
		h.assertEq(
			reqs.slice(first, applying).map(sentAs),
			ids.map((id) => ['GET', `/api/v2/tickets/${id}/macros/${MACRO.refund}/apply`, {}, null]),
			'requests from the first preview up to Apply Macro',
		);
		// Stored at the end of the run: none of the refund macro's changes, and the audits of the writes below only.
		const stored = ids.map((id) => emu.state.tickets.get(id));
		h.assertEq(
			stored.map((t) => [
				t.status === 'solved',
				t.tags.includes('refund'),
				t._comments.some((c) => c.body === 'Your refund is on its way.'),
			]),
			ids.map(() => [false, false, false]),
			"[solved, tag refund, the macro's reply] per ticket",
		);
		h.assertEq(
			stored.map((t) => t._audits.length),
			[3, 2, 3],
			'audits per ticket (creation, the macro, the merge)',
		);
	});
}

/** Apply Macro: the macros read once each, one rendering for the placeholder macro, one update_many, each ticket changed once. */
async function applyChecks({ h, scope, out, paired, reqs, emu, marker, ids }) {
	const [a, b, c] = ids;
	const reply = `<p>Hi Robin,</p><p>About "Work ${marker} 1": we are on it.</p>`;
	const note = { priority: 'urgent', group_id: 4002, comment: { body: NOTE, public: false } };
	await h.check(scope, 'Apply Macro: two macros on three tickets in one update_many (a rendered public reply, a private note)', () => {
		h.assertEq(
			reqs.filter((r) => /\/macros\/(102|103)/.test(r.path)).map(sentAs),
			[
				['GET', `/api/v2/macros/${MACRO.greeting}`, {}, null],
				['GET', `/api/v2/macros/${MACRO.tier2}`, {}, null],
				['GET', `/api/v2/tickets/${a}/macros/${MACRO.greeting}/apply`, {}, null],
			],
			'macro reads and renderings',
		);
		const tickets = [
			{ status: 'pending', comment: { html_body: reply, public: true }, id: a },
			{ ...note, id: b },
			{ ...note, id: c },
		];
		h.assertEq(
			reqs.filter((r) => r.path.endsWith('/update_many')).map(sentAs),
			[['PUT', '/api/v2/tickets/update_many', {}, { tickets }]],
			'update requests',
		);
		h.assertEq(
			out('Apply Macro').map((t) => [t.id, t.status, t.priority, t.group_id]),
			[
				[a, 'pending', null, null],
				[b, 'new', 'urgent', 4002],
				[c, 'new', 'urgent', 4002],
			],
			'[id, status, priority, group_id]',
		);
		h.assertEq(
			['Preview Macro', 'Apply Macro'].map((node) => paired(node)),
			[
				[0, 1, 2],
				[0, 1, 2],
			],
			'pairedItem of the per-item nodes',
		);
		const stored = ids.map((id) => emu.state.tickets.get(id));
		// The reply's placeholders rendered for the requester "Robin Work1"; its HTML as the macro wrote it.
		const rendered = `Hi Robin,\n\nAbout "Work ${marker} 1": we are on it.`;
		h.assertEq(
			stored.map((t) => commentsOf(t).slice(1, 2)),
			[[[rendered, true]], [[NOTE, false]], [[NOTE, false]]],
			"each ticket's one comment from the macro [text, public]",
		);
		h.assertEq(stored[0]._comments[1].html_body, reply, "the reply's HTML");
		h.assertEq(
			stored.map((t) => [t.priority, t.group_id]),
			[
				[null, null],
				['urgent', 4002],
				['urgent', 4002],
			],
			'[priority, group_id] stored',
		);
	});
}

/** Merge: one POST with both comments (private, Zendesk's default), the source closed, the target with the merged id. */
async function mergeChecks({ h, scope, out, reqs, emu, marker, ids }) {
	const [a, , c] = ids;
	await h.check(scope, 'Merge: the third ticket into the first once, the source closed, merged_ids in the output', () => {
		h.assertEq(
			reqs.filter((r) => r.path.endsWith('/merge')).map(sentAs),
			[
				[
					'POST',
					`/api/v2/tickets/${a}/merge`,
					{},
					{
						ids: [c],
						target_comment: `Merged by the ticket work (${marker})`,
						source_comment: 'Closed in favour of the first ticket',
						target_comment_is_public: false,
						source_comment_is_public: false,
					},
				],
			],
			'merge requests',
		);
		h.assertEq(
			out('Merge').map((t) => [t.id, t.status, t.merged_ids]),
			[[a, 'pending', [c]]],
			'[id, status, merged_ids]',
		);
		const [target, source] = [emu.state.tickets.get(a), emu.state.tickets.get(c)];
		h.assertEq([source.status, source.tags], ['closed', [marker, 'closed_by_merge']], 'the source [status, tags]');
		h.assertEq(commentsOf(source).at(-1), ['Closed in favour of the first ticket', false], "the source's last comment");
		h.assertEq(commentsOf(target).at(-1), [`Merged by the ticket work (${marker})`, false], "the target's last comment");
		h.assert(target.email_cc_ids.includes(source.requester_id), `the source's requester is not CC'd on the target: ${target.email_cc_ids}`);
	});
}

/** Start then Reply: the two POSTs, one side conversation with its two messages in the emulator, the same id in both outputs. */
async function sideConversationChecks({ h, scope, out, reqs, emu, ids }) {
	const [a] = ids;
	await h.check(scope, 'Side conversation: started and replied to, one side conversation with two messages', () => {
		const stored = [...emu.state.sideConversations.values()].filter((sc) => ids.includes(sc.ticket_id));
		h.assertEq(stored.length, 1, 'side conversations on the three tickets');
		const [sc] = stored;
		const base = `/api/v2/tickets/${a}/side_conversations`;
		const to = [{ email: SUPPLIER }];
		h.assertEq(
			reqs.filter((r) => r.method === 'POST' && r.path.startsWith(base)).map(sentAs),
			[
				['POST', base, {}, { message: { subject: 'Stock question', body: 'Do you have it in stock?', to } }],
				['POST', `${base}/${sc.id}/reply`, {}, { message: { body: 'Following up on stock.', to } }],
			],
			'side conversation writes',
		);
		h.assertEq(
			sc._events.map((e) => [e.type, e.message.body, e.message.to, e.message.from.email]),
			[
				['create', 'Do you have it in stock?', to, emu.credentials.email],
				['reply', 'Following up on stock.', to, emu.credentials.email],
			],
			'its messages [type, body, to, from]',
		);
		const participants = [`Ada Admin <${emu.credentials.email}>`, SUPPLIER];
		h.assertEq(
			['Start Side Conversation', 'Reply'].map((node) =>
				out(node).map((o) => [o.id, o.ticket_id, o.subject, o.state, o.preview_text, o.participants]),
			),
			[
				[[sc.id, a, 'Stock question', 'open', 'Do you have it in stock?', participants]],
				[[sc.id, a, 'Stock question', 'open', 'Following up on stock.', participants]],
			],
			'outputs [id, ticket, subject, state, preview, participants]',
		);
	});
}

/** Get History: the merge and the macro, newest first, one line per change; every Zendesk Ticket request with the API token. */
async function historyChecks({ h, scope, out, reqs, emu, marker, ids }) {
	const [a] = ids;
	await h.check(scope, "Get History: the first ticket's merge note and macro, newest first, one line per change", () => {
		h.assertEq(
			reqs.filter((r) => r.path.endsWith('/audits')).map(sentAs),
			[['GET', `/api/v2/tickets/${a}/audits`, { sort: '-created_at', 'page[size]': '2' }, null]],
			'audit requests',
		);
		const by = 'by Ada Admin via api';
		h.assertEq(
			out('History').map((l) => [l.ticket_id, l.change]),
			[
				`internal note: "Merged by the ticket work (${marker})" ${by}`,
				`public reply: "Hi Robin, About "Work ${marker} 1": we are on it." ${by}`,
				`status: new → pending ${by}`,
				`custom_status_id: 10001 → 10003 ${by}`,
			].map((change) => [a, change]),
			'[ticket, change]',
		);
	});
	await h.check(scope, "every Zendesk Ticket request with the API token's Basic header, each write once and accepted", () => {
		const api = reqs.filter((r) => r.path.startsWith('/api/v2/') && !r.path.endsWith('.json'));
		h.assertEq(
			[...new Set(api.map((r) => [r.headers.authorization === emu.credentials.basicAuth, r.status < 300].join()))],
			['true,true'],
			'[Basic, 2xx]',
		);
		h.assertEq(
			api.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}\//, '/{sc}/')}`),
			[
				'POST /api/v2/tickets/create_many',
				'PUT /api/v2/tickets/update_many',
				`POST /api/v2/tickets/${a}/merge`,
				`POST /api/v2/tickets/${a}/side_conversations`,
				`POST /api/v2/tickets/${a}/side_conversations/{sc}/reply`,
			],
			'writes',
		);
	});
}

/** n8n's HTTP Request node with each credential: the output, and the header the emulator received. */
async function httpChecks({ h, scope, out, reqs, emu, ids, tokens }) {
	const [a] = ids;
	const calls = reqs.filter((r) => r.path.endsWith('.json')).map((r) => [r.method, r.path, r.query, r.status, r.headers.authorization]);
	await h.check(scope, 'HTTP Request node, API token credential: the active macros, with its Basic header', () => {
		h.assertEq(
			out('HTTP (API token)').flatMap((o) => o.macros.map((m) => m.title)),
			['Ask engineering in Slack', 'Billing::Refund issued', 'Escalate::Tier 2 note', 'Greeting'],
			'macro titles',
		);
		h.assertEq(
			calls[0],
			['GET', '/api/v2/macros/active.json', {}, 200, emu.credentials.basicAuth],
			'[method, path, query, status, Authorization]',
		);
	});
	await h.check(scope, "HTTP Request node, OAuth2 credential: the ticket's side conversations, with its Bearer token", () => {
		const [sc] = [...emu.state.sideConversations.values()].filter((s) => s.ticket_id === a);
		h.assertEq(
			out('HTTP (OAuth2)').flatMap((o) => o.side_conversations.map((s) => [s.id, s.ticket_id])),
			[[sc.id, a]],
			'side conversations',
		);
		h.assertEq(
			calls.slice(1),
			[['GET', `/api/v2/tickets/${a}/side_conversations.json`, {}, 200, `Bearer ${tokens.access_token}`]],
			'[method, path, query, status, Authorization]',
		);
	});
}

async function ticketWorkScenario(ctx, h) {
	const { emu, n8n } = ctx;
	const scope = `${ctx.scope} ticket work:`;
	const tokens = await authorizationCode(emu);
	const creds = workCredentials(emu, tokens);
	const marker = `e2e-${ctx.line}-work`;
	const ready = await h.check(scope, 'import its credentials and workflow', async () => {
		await n8n.importCredentials(
			Object.values(creds).map(({ id, name, type, data }) => ({ id, name, type, data })),
			{ timeoutMs: 240_000 },
		);
		await n8n.importWorkflows([ticketWorkflow(n8n.nodeType, creds, emu, marker)], { timeoutMs: 240_000 });
	});
	if (!ready) return;
	const from = emu.requests.length;
	const res = await n8n.execute(WORKFLOW_ID, { timeoutMs: 240_000 });
	const reqs = emu.requests.slice(from);
	if (h.writeLog) h.writeLog(`${ctx.line}-ticket-work`, `--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`);
	const out = (node) => e2e.nodeOutputJson(res.run, node);
	const ran = await h.check(scope, 'the workflow ran', () => h.assert(res.ok, `run failed: ${res.stderr.slice(-2000)}`));
	if (!ran) return;
	const ids = out('Create').map((t) => t.id);
	const paired = (node) => (e2e.nodeRuns(res.run, node)[0]?.data?.main?.[0] ?? []).map((item) => item.pairedItem?.item);
	const run = { h, scope, out, paired, reqs, emu, marker, ids, tokens };
	for (const checks of [previewChecks, applyChecks, mergeChecks, sideConversationChecks, historyChecks, httpChecks]) await checks(run);
}

module.exports = { ticketWorkScenario };

if (require.main === module) {
	const { runAlone, onFreshInstance } = require('./standalone.js');
	runAlone('e2e-ticket-work', onFreshInstance(ticketWorkScenario));
}
