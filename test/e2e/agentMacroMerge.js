'use strict';
/**
 * The AI Agent applies a macro and merges two tickets in one conversation (issue 23), with the
 * two tools set up as a builder does: Apply Macro and Merge, every field the model fills written
 * by the editor's ✨ button ($fromAI, keys from the field names as the README lists them). Each
 * tool is also called once wrongly (a macro that does not exist, a ticket merged into itself):
 * the model must get the node's sentence, and Zendesk nothing to write.
 * Run by agent.js's agentScenarios, with its scripted model server and credentials.
 */

const MACRO = 103; // The emulator's "Escalate::Tier 2 note": priority urgent, group 4002, an internal note; no placeholders.
const NO_MACRO = 999999;
const TOOL_DESCRIPTIONS = {
	Apply_macro:
		"Apply a Zendesk macro to a ticket, given the ticket's ID and the macro's ID: the macro's standard reply, status and tags, as an agent applying it in Zendesk.",
	Merge_tickets:
		'Merge Zendesk tickets into a target ticket, given the target ID and the source IDs; the sources are closed. Cannot be undone.',
};

const agent = () => require('./agent.js');

/** The two tools. Set Manually keeps each operation's own description, which the model is asked to read. */
function macroMergeTools() {
	const { fromAI } = agent();
	const idParam = (key, description) => ({ __rl: true, mode: 'id', value: fromAI(key, description) });
	return [
		[
			'Apply macro',
			{
				operation: 'applyMacro',
				descriptionType: 'manual',
				ticketId: idParam('Ticket_ID', 'The ticket number'),
				macroId: idParam('Macro', "The macro's ID"),
			},
		],
		[
			'Merge tickets',
			{
				operation: 'merge',
				descriptionType: 'manual',
				ticketId: idParam('Target_Ticket_ID', 'The ticket to keep'),
				sourceTicketIds: fromAI('Source_Ticket_IDs', 'The tickets to merge into it, comma-separated'),
				targetComment: fromAI('Target_Comment', 'Why, for the ticket kept'),
				sourceComment: fromAI('Source_Comment', 'Why, for the tickets closed'),
			},
		],
	];
}

/** The workflow, imported with agent.js's other agent workflows. */
function macroMergeWorkflow(toolType, creds) {
	return agent().agentWorkflow({
		id: 'zdE2eAgentMacroMerge',
		name: 'e2e AI Agent: a macro and a merge',
		toolType,
		zendeskCred: creds.agentZendesk,
		openAiCred: creds.openAi,
		prompt: 'Escalate the missing-order ticket to tier 2 and merge its duplicate into it.',
		tools: macroMergeTools(),
	});
}

const comments = (state) => ({
	target: `Merged #${state.source} into this ticket: the same missing order.`,
	source: `Closed in favour of #${state.target}.`,
});

/** The items one tool call answered, found by the tool's name and one of the arguments the model gave it. */
const answered = (results, name, key, value) =>
	agent().parsed(results.find((r) => r.name === name && r.args[key] === String(value)).content);

/** Round 0: the macro, and a macro that does not exist; round 1: the merge, and a merge into itself; then the answer. */
function macroMergeScript(state) {
	const { toolResults } = agent();
	return ({ messages }, round) => {
		const { target, source } = state;
		if (round === 0)
			return {
				calls: [
					['Apply_macro', { Ticket_ID: String(target), Macro: String(MACRO) }],
					['Apply_macro', { Ticket_ID: String(source), Macro: String(NO_MACRO) }],
				],
			};
		const said = comments(state);
		if (round === 1)
			return {
				calls: [
					[
						'Merge_tickets',
						{
							Target_Ticket_ID: String(target),
							Source_Ticket_IDs: String(source),
							Target_Comment: said.target,
							Source_Comment: said.source,
						},
					],
					[
						'Merge_tickets',
						{ Target_Ticket_ID: String(target), Source_Ticket_IDs: String(target), Target_Comment: '', Source_Comment: '' },
					],
				],
			};
		state.results = toolResults(messages);
		const out = (name, key, value) => answered(state.results, name, key, value)[0] || {};
		const [applied, noMacro] = [out('Apply_macro', 'Macro', MACRO), out('Apply_macro', 'Macro', NO_MACRO)];
		const [merged, self] = [out('Merge_tickets', 'Source_Ticket_IDs', source), out('Merge_tickets', 'Source_Ticket_IDs', target)];
		state.finalText = `Ticket #${applied.id} is escalated (priority ${applied.priority}). Macro ${NO_MACRO}: ${noMacro.error} Ticket #${merged.merged_ids} is merged into #${merged.id}. Merging #${target} into itself: ${self.error}`;
		return { text: state.finalText };
	};
}

/** Two tickets of one customer about the same order: the target and its duplicate. */
async function seedTickets(emu) {
	const { apiCreateTicket } = agent();
	const make = async (subject, body) => (await apiCreateTicket(emu, { subject, comment: { body }, requester_id: 2001 })).id;
	return {
		target: await make('E2E agent: order 88 missing', 'Order 88 never arrived.'),
		source: await make('E2E agent: order 88 still missing', 'Still no sign of order 88.'),
	};
}

/** What n8n sent the model: the two tools, their operations' descriptions, the $fromAI keys. */
function checkTools(h, model) {
	const tools = agent().toolsSent(model.requests[0]);
	h.assertEq(Object.fromEntries(tools.map((t) => [t.name, t.description]).sort()), TOOL_DESCRIPTIONS, 'tool names and descriptions');
	h.assertEq(
		tools.map((t) => [t.name, Object.keys(t.parameters?.properties || {}).sort()]).sort(),
		[
			['Apply_macro', ['Macro', 'Ticket_ID']],
			['Merge_tickets', ['Source_Comment', 'Source_Ticket_IDs', 'Target_Comment', 'Target_Ticket_ID']],
		],
		'parameter schemas (properties)',
	);
}

/** Every request Zendesk got, in a stable order (the two calls of a round run side by side), the merge job's polls apart. */
function checkRequests(h, emu, reqs, state) {
	const api = reqs.filter((r) => r.path.startsWith('/api/v2/'));
	const polls = api.filter((r) => r.path === '/api/v2/job_statuses/show_many');
	const rest = api.filter((r) => !polls.includes(r)).map((r) => [r.method, r.path, r.query, r.status]);
	const { target, source } = state;
	const order = (x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y));
	h.assertEq(
		rest.sort(order),
		[
			['GET', `/api/v2/macros/${MACRO}`, {}, 200],
			['GET', `/api/v2/macros/${NO_MACRO}`, {}, 404],
			['PUT', `/api/v2/tickets/${target}`, {}, 200],
			['POST', `/api/v2/tickets/${target}/merge`, {}, 200],
			// The target read back after the job, with the merged IDs.
			['GET', `/api/v2/tickets/${target}`, {}, 200],
		].sort(order),
		'requests [method, path, query, status]',
	);
	h.assert(
		polls.length >= 1 && polls.every((r) => r.method === 'GET' && r.query.ids === polls[0].query.ids),
		`job polls, one job: ${h.show(polls.map((r) => r.query))}`,
	);
	const job = emu.state.jobStatuses.get(polls[0].query.ids);
	h.assertEq([job.job_type, job.status, job.total], ['TicketMergeJob', 'completed', 1], 'the polled job');
	const said = comments(state);
	h.assertEq(
		api.find((r) => r.method === 'PUT').body,
		{ ticket: { priority: 'urgent', group_id: 4002, comment: { body: 'Escalated to tier 2.', public: false } } },
		"the macro's change set and comment (PUT body)",
	);
	h.assertEq(
		api.find((r) => r.method === 'POST').body,
		{
			ids: [source],
			target_comment: said.target,
			source_comment: said.source,
			target_comment_is_public: false,
			source_comment_is_public: false,
		},
		'the merge (POST body)',
	);
}

/** The emulator's tickets: the macro applied once to the target, the source closed by the merge, the comments internal. */
function checkTickets(h, emu, state) {
	const [a, b] = [emu.state.tickets.get(state.target), emu.state.tickets.get(state.source)];
	const said = comments(state);
	h.assertEq([a.priority, a.group_id, a.status], ['urgent', 4002, 'new'], 'target [priority, group, status]');
	h.assertEq(
		a._comments.map((c) => [c.body, c.public]),
		[
			['Order 88 never arrived.', true],
			['Escalated to tier 2.', false],
			[said.target, false],
		],
		"target's comments: the macro's note once, then the merge's",
	);
	h.assertEq(
		[b.status, b.priority, b.tags.includes('closed_by_merge')],
		['closed', null, true],
		'source [status, priority, closed_by_merge]',
	);
	h.assertEq(
		b._comments.map((c) => [c.body, c.public]),
		[
			['Still no sign of order 88.', true],
			[said.source, false],
		],
		"source's comments: no macro, the merge's note",
	);
}

/** What the tools answered the model: the tickets as compact JSON, each error as the node's sentence. */
function checkToolOutputs(h, state) {
	const { results } = state;
	h.figures.macroMergeChars = agent().chars(results);
	h.assert(results.length === 4 && results.every((r) => r.content.length < 2500), `tool outputs: ${h.show(h.figures.macroMergeChars)}`);
	const out = (name, key, value) => answered(results, name, key, value);
	// The simplified ticket, as Simplify (on by default) makes it; its two times are the emulator's.
	const ticket = (t, extra) => {
		const { created_at, updated_at, ...rest } = t;
		h.assert(created_at && updated_at >= created_at, `times: ${h.show([created_at, updated_at])}`);
		return rest;
	};
	const simplified = {
		id: state.target,
		subject: 'E2E agent: order 88 missing',
		description: 'Order 88 never arrived.',
		status: 'new',
		priority: 'urgent',
		type: null,
		tags: [],
		requester_id: 2001,
		assignee_id: null,
		group_id: 4002,
		organization_id: 3001,
		brand_id: 8001,
		due_at: null,
	};
	const [applied, ...more] = out('Apply_macro', 'Macro', MACRO);
	h.assertEq([ticket(applied), more], [simplified, []], 'Apply macro output');
	const [merged, ...others] = out('Merge_tickets', 'Source_Ticket_IDs', state.source);
	h.assertEq([ticket(merged), others], [{ ...simplified, merged_ids: [state.source] }, []], 'Merge output');
	const [noMacro] = out('Apply_macro', 'Macro', NO_MACRO);
	h.assertEq(
		noMacro,
		{
			error: `Macro ${NO_MACRO} or its ticket was not found. Check the macro's ID (Admin Center → Workspaces → Macros) and the ticket's ID, and that the credential's Zendesk user can see both. Zendesk: RecordNotFound: Not found.`,
		},
		'the missing macro, to the model',
	);
	h.assertEq(
		out('Merge_tickets', 'Source_Ticket_IDs', state.target),
		[
			{
				error: `Source Ticket IDs: includes the target ticket ${state.target}; a ticket cannot be merged into itself. Fix the "Source Ticket IDs" value. No request was sent for this item.`,
			},
		],
		'the merge into itself, to the model',
	);
}

/** Runs the conversation once (the workflow imported already) and checks it. */
async function macroMergeScenario(ctx, h, { model, workflow }) {
	const { emu, scope } = ctx;
	const state = await seedTickets(emu);
	model.requests.length = 0;
	model.script = macroMergeScript(state);
	const from = emu.requests.length;
	const res = await h.execute(ctx, workflow.id, 'agent-macro-merge');
	const reqs = emu.requests.slice(from);
	if (!res) return;
	h.log(`${scope} macro+merge requests ${h.show(reqs.map((r) => [r.method, r.url, r.status, r.body]))}`);
	h.log(`${scope} macro+merge tool outputs ${h.show(state.results)}`);
	await h.check(scope, 'macro + merge: the model was sent the two tools with their own descriptions and $fromAI keys', () =>
		checkTools(h, model),
	);
	await h.check(scope, "macro + merge: Zendesk got the macro's changes once and one merge, nothing for the wrong calls", () =>
		checkRequests(h, emu, reqs, state),
	);
	await h.check(scope, 'macro + merge: the target escalated once, the source closed by the merge', () => checkTickets(h, emu, state));
	await h.check(scope, 'macro + merge: the model got compact tickets and the error sentences', () => checkToolOutputs(h, state));
	await h.check(scope, "macro + merge: the agent's final answer", () => {
		h.assertEq(
			model.requests.map((r) => r.round),
			[0, 1, 2],
			'model rounds',
		);
		h.assertEq(h.out(res, 'AI Agent')[0]?.output, state.finalText, 'AI Agent output');
	});
}

module.exports = { macroMergeWorkflow, macroMergeScenario };
