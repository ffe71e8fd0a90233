'use strict';
/**
 * Zendesk Ticket as the tool of n8n's real AI Agent (@n8n/n8n-nodes-langchain), with the
 * OpenAI Chat Model node pointed at a scripted model server on loopback (below). The model
 * answers each chat-completions request from the conversation so far, with tool calls, and
 * records what n8n sent it: the tools (names, descriptions, parameter schemas) and the tool
 * outputs. Checked: what the emulator received, what the model was sent, the final answer.
 *
 * Called from run.js once per line (after the examples); `--no-agent` skips it. Alone:
 *   npm run build && node test/e2e/agent.js --line v2
 * Example 05 (the chat agent for customers) is checked here too (exampleSetup/exampleChecks).
 */
/* ------------------------------------------------------------------ scripted model server */

/**
 * scripts/standInModel.js's chat-completions server with a script per scenario: `script(request, round)`
 * answers, where round 0 is the first call of an agent run and round N follows N rounds of tool results.
 * The script returns `{ calls: [[name, args], ...] }` or `{ text }`; every request is recorded with its
 * round and answer, so the checks can read what n8n sent the model.
 */
async function startModelServer() {
	const { serveChatCompletions } = require('../../scripts/standInModel.js');
	const server = {
		/** @type {Array<{ body: any, round: number, answer: any }>} */
		requests: [],
		script: null,
	};
	const move = (body) => {
		const messages = body.messages || [];
		const round = messages.filter((m) => m.role === 'assistant').length;
		let answer;
		try {
			answer = server.script ? server.script({ body, messages, tools: body.tools || [] }, round) : { text: 'no script' };
		} catch (e) {
			answer = { text: `script error: ${e.message}` };
		}
		server.requests.push({ body, round, answer });
		return answer;
	};
	return Object.assign(server, await serveChatCompletions({ models: ['scripted-model'], name: 'The e2e scripted model', move }));
}

/** The tool results (role "tool") in a request, by the name of the tool that was called. */
function toolResults(messages) {
	const names = new Map();
	for (const m of messages)
		for (const c of m.tool_calls || []) names.set(c.id, { name: c.function.name, args: JSON.parse(c.function.arguments || '{}') });
	return messages
		.filter((m) => m.role === 'tool')
		.map((m) => ({ ...names.get(m.tool_call_id), content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content) }));
}
const idsIn = (text) => [...String(text).matchAll(/"id":\s*(\d+)/g)].map((m) => Number(m[1]));
/** A tool output as the model gets it: the JSON of the items, an object or an array of them. */
function parsed(content) {
	try {
		const v = JSON.parse(content);
		return Array.isArray(v) ? v : [v];
	} catch {
		return [];
	}
}

/* ------------------------------------------------------------------ workflows */

const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';
const MODEL_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
const fromAI = (key, description, type = 'string') => `={{ $fromAI('${key}', \`${description}\`, '${type}') }}`;

function agentWorkflow({ id, name, toolType, zendeskCred, openAiCred, prompt, tools }) {
	const nodes = [
		{ id: `${id}-t`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${id}-a`,
			name: 'AI Agent',
			type: AGENT_TYPE,
			typeVersion: 2.2,
			position: [300, 0],
			parameters: { promptType: 'define', text: prompt, options: { systemMessage: 'You help customers with their Zendesk tickets.' } },
		},
		{
			id: `${id}-m`,
			name: 'OpenAI Chat Model',
			type: MODEL_TYPE,
			typeVersion: 1.2,
			position: [200, 200],
			parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: {} },
			credentials: { openAiApi: { id: openAiCred.id, name: openAiCred.name } },
		},
		...tools.map(([nodeName, parameters], i) => ({
			id: `${id}-z${i}`,
			name: nodeName,
			type: toolType,
			typeVersion: 1,
			position: [400 + 150 * i, 200],
			parameters: { authentication: zendeskCred.authentication, ...parameters },
			credentials: { [zendeskCred.type]: { id: zendeskCred.id, name: zendeskCred.name } },
		})),
	];
	const connections = {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const [nodeName] of tools) connections[nodeName] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' } };
}

const ticketIdParam = (key) => ({ __rl: true, mode: 'id', value: fromAI(key, 'The ticket number') });

/**
 * What the editor saves when a builder adds this field to a tool's collection: the field's
 * default in the tool, read from the built node (the model's choice, with the allowed values).
 */
function addedInTool(collection, operation, field) {
	const { ZendeskTicket } = require('../../dist/nodes/ZendeskTicket/ZendeskTicket.node.js');
	const owner = new ZendeskTicket().description.properties.find(
		(p) => p.name === collection && p.displayOptions?.show?.operation?.includes(operation),
	);
	return owner.options.find((o) => o.name === field && o.displayOptions?.show?.['@tool']?.[0] === true).default;
}

/** The agent's tools: one node per operation, as a builder sets them up. */
const AGENT_TOOLS = () => [
	[
		'Create ticket',
		{
			operation: 'create',
			subject: fromAI('subject', 'A short summary'),
			description: fromAI('description', "The customer's words"),
			additionalFields: { priority: addedInTool('additionalFields', 'create', 'priority') },
		},
	],
	['Get ticket', { operation: 'get', ticketId: ticketIdParam('Ticket_IDs'), options: { comments: 'all', commentsLimit: 3 } }],
	['Search tickets', { operation: 'search', query: fromAI('query', 'Words to look for'), limit: 5, descriptionType: 'manual' }],
	[
		'Add internal note',
		{ operation: 'addComment', ticketId: ticketIdParam('Ticket_ID'), comment: fromAI('note', 'The note for the agents') },
	],
];

/** The conversation the model plays (agent as the agent): see the file's header. */
function agentScript(state) {
	return ({ messages }, round) => {
		const results = toolResults(messages);
		if (round === 0) {
			return {
				calls: [
					[
						'Create_ticket',
						{ subject: 'E2E agent: printer jams', description: 'The office printer jams on every page.', Priority: 'High' },
					],
					[
						'Create_ticket',
						{ subject: 'E2E agent: scanner offline', description: 'The scanner shows offline since Monday.', Priority: '' },
					],
				],
			};
		}
		if (round === 1) {
			state.created = results.filter((r) => r.name === 'Create_ticket').flatMap((r) => idsIn(r.content).slice(0, 1));
			return {
				calls: [
					['Get_ticket', { Ticket_IDs: String(state.created[0]) }],
					['Get_ticket', { Ticket_IDs: '999999' }],
				],
			};
		}
		if (round === 2) {
			return {
				calls: [
					['Search_tickets', { query: 'E2E agent' }],
					[
						'Add_internal_note',
						{ Ticket_ID: String(state.created[0]), note: 'Customer says the printer jams on every page; checked by the agent.' },
					],
				],
			};
		}
		if (round === 3) return { calls: [['Get_ticket', { Ticket_IDs: String(state.created[0]) }]] };
		const missing = results.find((r) => r.name === 'Get_ticket' && r.args.Ticket_IDs === '999999');
		const last = parsed(results[results.length - 1].content)[0] || {};
		const latest = (last.comments || [])[0] || {};
		state.finalText = `Created #${state.created.join(' and #')}. Latest on #${state.created[0]} by ${latest.author}: "${latest.body}". About 999999: ${parsed(missing.content)[0].error}`;
		return { text: state.finalText };
	};
}

/** Acting as the customer: create one request for them, then try to read another customer's ticket. */
const END_USER_TOOLS = (customer) => [
	[
		'Create my ticket',
		{
			operation: 'create',
			subject: fromAI('subject', 'A short summary'),
			description: fromAI('description', "The customer's words"),
			requestOptions: { onBehalfOf: customer },
		},
	],
	['Get my ticket', { operation: 'get', ticketId: ticketIdParam('Ticket_IDs'), requestOptions: { onBehalfOf: customer } }],
];
function endUserScript(state) {
	return ({ messages }, round) => {
		const results = toolResults(messages);
		if (round === 0) return { calls: [['Create_my_ticket', { subject: 'E2E customer: refund', description: 'Please refund order 77.' }]] };
		if (round === 1) {
			state.created = idsIn(results[0].content)[0];
			return {
				calls: [
					['Get_my_ticket', { Ticket_IDs: String(state.created) }],
					['Get_my_ticket', { Ticket_IDs: String(state.othersTicket) }],
				],
			};
		}
		const refused = results.find((r) => r.args.Ticket_IDs === String(state.othersTicket));
		state.finalText = `Your ticket is #${state.created}. Ticket #${state.othersTicket}: ${parsed(refused.content)[0].error}`;
		return { text: state.finalText };
	};
}

/* ------------------------------------------------------------------ scenarios */

/** A credential as `npm run dev` sets it up (scripts/emulatorCredentials.js), by its key in IDS. */
function devCredential(emu, key) {
	const { emulatorCredentials, IDS } = require('../../scripts/emulatorCredentials.js');
	return emulatorCredentials(emu, undefined, emu.url).find((cred) => cred.id === IDS[key]);
}

function credentials(emu, model) {
	return {
		openAi: { id: 'zdE2eOpenAi', name: 'Scripted model (e2e)', type: 'openAiApi', data: { apiKey: 'sk-e2e-scripted', url: model.url } },
		agentZendesk: {
			id: 'zdE2eAgentApi',
			name: 'Zendesk e2e agent (API token)',
			type: 'zendeskTicketApi',
			authentication: 'apiToken',
			data: devCredential(emu, 'apiToken').data,
		},
		impersonate: {
			id: 'zdE2eImpersonate',
			name: 'Zendesk e2e (OAuth2, impersonate)',
			type: 'zendeskTicketOAuth2Api',
			authentication: 'oAuth2',
			data: devCredential(emu, 'oauthImpersonate').data,
		},
	};
}

const hit = (reqs, method, re) => reqs.filter((r) => r.method === method && re.test(r.path));
async function apiCreateTicket(emu, ticket) {
	const res = await fetch(`${emu.url}/api/v2/tickets.json`, {
		method: 'POST',
		headers: { Authorization: emu.credentials.basicAuth, 'Content-Type': 'application/json' },
		body: JSON.stringify({ ticket }),
	});
	if (res.status !== 201) throw new Error(`creating a ticket: ${res.status} ${await res.text()}`);
	return (await res.json()).ticket;
}
const toolsSent = (req) => (req.body.tools || []).map((t) => t.function);
const chars = (results) => Object.fromEntries(results.map((r, i) => [`${i}:${r.name}`, r.content.length]));

/**
 * Runs both agent scenarios on one line. `h` are run.js's helpers: check, assert, assertEq,
 * execute, out, show, log, figures (an object the figures are written to).
 */
async function agentScenarios(ctx, h) {
	const { emu, n8n } = ctx;
	const scope = `${ctx.scope} agent:`;
	const t0 = Date.now();
	const model = await startModelServer();
	try {
		const creds = credentials(emu, model);
		const toolType = `${n8n.nodeType}Tool`;
		const wfAgent = agentWorkflow({
			id: 'zdE2eAgent',
			name: 'e2e AI Agent with Zendesk tools',
			toolType,
			zendeskCred: creds.agentZendesk,
			openAiCred: creds.openAi,
			prompt: 'My printer jams and my scanner is offline. Open tickets and tell me the latest.',
			tools: AGENT_TOOLS(),
		});
		const wfCustomer = agentWorkflow({
			id: 'zdE2eAgentCustomer',
			name: 'e2e AI Agent acting for a customer',
			toolType,
			zendeskCred: creds.impersonate,
			openAiCred: creds.openAi,
			prompt: 'I want a refund for order 77. And show me ticket {{ 1 }}.',
			tools: END_USER_TOOLS('eve@example.test'),
		});
		const macroMerge = require('./agentMacroMerge.js');
		const wfMacroMerge = macroMerge.macroMergeWorkflow(toolType, creds);
		const ready = await h.check(
			scope,
			'import the agent workflows and credentials (scripted OpenAI model, API token, OAuth2 with impersonate)',
			async () => {
				await n8n.importCredentials(
					Object.values(creds).map(({ id, name, type, data }) => ({ id, name, type, data })),
					{ timeoutMs: 240_000 },
				);
				await n8n.importWorkflows([wfAgent, wfCustomer, wfMacroMerge], { timeoutMs: 240_000 });
			},
		);
		if (!ready) return;

		// 1. The agent acting as the credential's agent.
		const state = {};
		model.script = agentScript(state);
		let from = emu.requests.length;
		let res = await h.execute({ ...ctx, scope }, wfAgent.id, 'agent');
		let reqs = emu.requests.slice(from);
		if (res) {
			const calls = model.requests;
			await h.check(scope, 'the model was sent 4 tools with their own names, operation descriptions and $fromAI schemas', () => {
				const tools = toolsSent(calls[0]);
				h.assertEq(tools.map((t) => t.name).sort(), ['Add_internal_note', 'Create_ticket', 'Get_ticket', 'Search_tickets'], 'tool names');
				const by = Object.fromEntries(tools.map((t) => [t.name, t]));
				h.assertEq(
					['Create_ticket', 'Get_ticket', 'Search_tickets', 'Add_internal_note'].map((name) => by[name].description),
					[
						'Create a ticket in Zendesk Ticket',
						'Get tickets by ID in Zendesk Ticket',
						// Set Manually, left at its default: the operation's own words.
						'Find Zendesk tickets by words or Zendesk search syntax (e.g. status<solved tags:vip). Returns the matching tickets.',
						'Add a comment to a ticket in Zendesk Ticket',
					],
					'tool descriptions',
				);
				const props = (name) => Object.keys(by[name].parameters?.properties || {}).sort();
				h.assertEq(
					[props('Create_ticket'), props('Get_ticket'), props('Search_tickets'), props('Add_internal_note')],
					[['Priority', 'description', 'subject'], ['Ticket_IDs'], ['query'], ['Ticket_ID', 'note']],
					'parameter schemas (properties)',
				);
				const priority = by.Create_ticket.parameters.properties.Priority;
				h.assertEq(
					[priority.type, priority.description],
					['string', "The ticket's priority: urgent, high, normal or low; empty to leave it as it is"],
					'Priority, as the model is told',
				);
				h.figures.tools = Object.fromEntries(tools.map((t) => [t.name, t.description]));
			});
			await h.check(scope, 'two tickets in one turn, get, a missing ticket, search, an internal note, the replies read', () => {
				h.assertEq(
					calls.map((c) => c.round),
					[0, 1, 2, 3, 4],
					'model rounds',
				);
				const created = state.created || [];
				h.assertEq(created.length, 2, 'two ticket ids from the two creates');
				const [a, b] = created.map((id) => emu.state.tickets.get(id));
				h.assertEq([a.subject, b.subject], ['E2E agent: printer jams', 'E2E agent: scanner offline'], 'subjects');
				h.assertEq([a.priority, b.priority], ['high', null], "priorities: the model's High, and none where it gave none");
				h.assertEq(
					hit(reqs, 'POST', /^\/api\/v2\/tickets(\.json)?$/).map((r) => r.status),
					[201, 201],
					'POST /tickets',
				);
				const keys = hit(reqs, 'POST', /^\/api\/v2\/tickets(\.json)?$/).map((r) => r.headers['idempotency-key']);
				h.assert(new Set(keys).size === keys.length, `idempotency keys differ: ${h.show(keys)}`);
				const note = a._comments[a._comments.length - 1];
				h.assertEq(
					[note.public, note.body],
					[false, 'Customer says the printer jams on every page; checked by the agent.'],
					'internal note',
				);
				h.assert(hit(reqs, 'PUT', new RegExp(`^/api/v2/tickets/${a.id}(\\.json)?$`)).length === 1, 'one PUT of the noted ticket');
				const comments = hit(reqs, 'GET', new RegExp(`^/api/v2/tickets/${a.id}/comments`));
				h.assert(
					comments.length === 2 && comments.every((r) => r.query.sort === '-created_at'),
					`comment reads: ${h.show(comments.map((r) => r.query))}`,
				);
				const missing = reqs.filter((r) => r.status === 404);
				h.assert(missing.length >= 1 && missing.every((r) => /999999/.test(r.url)), `404s: ${h.show(missing.map((r) => r.url))}`);
				h.assert(hit(reqs, 'GET', /^\/api\/v2\/search/).length >= 1, 'a search request');
			});
			await h.check(scope, 'the model received the error sentence, compact outputs, and the replies newest first', () => {
				const last = calls[calls.length - 1];
				const results = toolResults(last.body.messages);
				const missing = results.find((r) => r.args.Ticket_IDs === '999999');
				// n8n 2.x: "Ticket 999999: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk
				// account can see it. Not found"; n8n 1.123 (older NodeApiError, no body): the same without "(RecordNotFound)" and
				// "Not found". Either way a sentence that says what to do, without "[item N]".
				const [err] = parsed(missing.content);
				h.assert(
					err &&
						Object.keys(err).join() === 'error' &&
						/^Ticket 999999: Zendesk found no such record.*: check the ID/.test(err.error) &&
						!/\[item/.test(err.error),
					`error output: ${missing.content}`,
				);
				h.figures.errorSentence = err.error;
				const read = parsed(results[results.length - 1].content)[0];
				const admin = emu.state.users.get(1001).name;
				h.assertEq(
					read.comments.map((c) => [c.author, c.public, c.body]),
					[
						[admin, false, 'Customer says the printer jams on every page; checked by the agent.'],
						[admin, true, 'The office printer jams on every page.'],
					],
					'comments newest first with authors',
				);
				const sizes = chars(results);
				h.figures.outputChars = sizes;
				for (const [k, n] of Object.entries(sizes)) h.assert(n < 4000, `tool output ${k} is ${n} characters`);
			});
			await h.check(scope, "the agent's final answer", () => {
				const answer = h.out(res, 'AI Agent')[0];
				h.assertEq(answer && answer.output, state.finalText, 'AI Agent output');
			});
		}

		// 2. Acting for the customer: the other customer's ticket is refused, to the model, in words.
		const other = (await apiCreateTicket(emu, { subject: 'Frank: private', comment: { body: 'Frank only' }, requester_id: 2002 })).id;
		const cstate = { othersTicket: other };
		model.requests.length = 0;
		model.script = endUserScript(cstate);
		from = emu.requests.length;
		res = await h.execute({ ...ctx, scope }, wfCustomer.id, 'agent-customer');
		reqs = emu.requests.slice(from);
		if (res) {
			await h.check(scope, "acting as the customer: a request created as eve, frank's ticket refused", () => {
				const api = reqs.filter((r) => r.path.startsWith('/api/v2/'));
				h.assert(
					api.length >= 3 &&
						api.every((r) => r.headers['x-on-behalf-of'] === 'eve@example.test' && /^Bearer /.test(String(r.headers.authorization))),
					`every call as eve: ${h.show(api.map((r) => [r.method, r.path, r.headers['x-on-behalf-of']]))}`,
				);
				const order = (x, y) => String(x).localeCompare(String(y));
				h.assertEq(
					api.map((r) => [r.method, r.path.replace(/\.json$/, ''), r.status]).sort(order),
					[
						['POST', '/api/v2/requests', 201],
						['GET', `/api/v2/requests/${cstate.created}`, 200],
						['GET', `/api/v2/requests/${other}`, 404],
					].sort(order),
					'Requests API calls',
				);
				h.assertEq(emu.state.tickets.get(cstate.created).requester_id, 2001, 'requester of the new request');
				const refusal = toolResults(model.requests[model.requests.length - 1].body.messages).find(
					(r) => r.args.Ticket_IDs === String(other),
				);
				h.assert(
					/not one of eve@example\.test's requests/.test(refusal.content) && !/Frank only/.test(refusal.content),
					`refusal: ${refusal.content}`,
				);
				h.assertEq(h.out(res, 'AI Agent')[0].output, cstate.finalText, 'final answer');
			});
		}

		// 3. A macro and a merge in one conversation, each tool also called wrongly once.
		await macroMerge.macroMergeScenario({ ...ctx, scope }, h, { model, workflow: wfMacroMerge });
	} catch (e) {
		h.check(scope, 'setup', () => {
			throw e;
		});
	} finally {
		await model.close();
		h.figures.ms = Date.now() - t0;
		h.log(`${scope} done in ${((Date.now() - t0) / 1000).toFixed(1)}s ${JSON.stringify(h.figures)}`);
	}
}

/* ------------------------------------------------------------------ example 05 (run by run.js's exampleScenario) */

/**
 * Before examples/05-chat-agent-for-customers.json runs: a scripted model for its OpenAI
 * credential, its OAuth2 credential with the impersonate scope, and eve's tickets: one with
 * an agent's public reply and an internal note after it (which eve must not be told), and one of
 * frank's (which must not show up).
 */
async function exampleSetup(ctx) {
	const { emu, n8n } = ctx;
	const model = await startModelServer();
	await n8n.importCredentials(
		[
			{ id: 'openAiExample', name: 'OpenAI', type: 'openAiApi', data: { apiKey: 'sk-e2e-scripted', url: model.url } },
			// Example 05 names this credential's ID.
			devCredential(emu, 'oauthImpersonate'),
		],
		{ timeoutMs: 240_000 },
	);
	const replied = (
		await apiCreateTicket(emu, {
			subject: 'Refund for order A-1990',
			comment: { body: 'I returned it two weeks ago.' },
			requester_id: 2001,
		})
	).id;
	const put = (id, ticket) =>
		fetch(`${emu.url}/api/v2/tickets/${id}.json`, {
			method: 'PUT',
			headers: { Authorization: emu.credentials.basicAuth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ ticket }),
		});
	await put(replied, {
		comment: { body: 'Your refund was issued today; it shows on your card in 3 to 5 days.', public: true, author_id: 1002 },
		assignee_id: 1002,
		status: 'pending',
	});
	await put(replied, { comment: { body: 'Internal: refund approved by finance.', public: false } });
	const franks = (await apiCreateTicket(emu, { subject: 'Frank: invoice address', comment: { body: 'Frank only' }, requester_id: 2002 }))
		.id;
	const state = { replied, franks };
	model.script = ({ messages }, round) => {
		const results = toolResults(messages);
		if (round === 0)
			return {
				calls: [
					['Open_a_ticket', { subject: 'Cracked screen on order A-2001', description: 'My order #A-2001 arrived with a cracked screen.' }],
				],
			};
		if (round === 1) {
			state.created = idsIn(results.find((r) => r.name === 'Open_a_ticket').content)[0];
			return { calls: [['List_my_tickets', {}]] };
		}
		if (round === 2) {
			state.listed = parsed(results.find((r) => r.name === 'List_my_tickets').content).map((t) => t.id);
			return { calls: [['Read_the_replies', { Ticket_ID: String(replied) }]] };
		}
		const read = parsed(results.find((r) => r.name === 'Read_the_replies').content)[0] || {};
		const latest = (read.comments || [])[0] || {};
		state.finalText = `I opened ticket #${state.created} for the cracked screen. On ticket #${replied}, ${latest.author} wrote: "${latest.body}"`;
		return { text: state.finalText };
	};
	return { model, state };
}

const results05 = (model) => {
	const rs = toolResults(model.requests[model.requests.length - 1].body.messages);
	return {
		list: rs.find((r) => r.name === 'List_my_tickets')?.content.length,
		read: rs.find((r) => r.name === 'Read_the_replies')?.content.length,
	};
};

/** After example 05 ran (res null when the run failed): what the emulator, the model and the chat saw. */
async function exampleChecks(ctx, { model, state }, res, reqs, h) {
	try {
		if (!res) return;
		const { emu } = ctx;
		const scope = `${ctx.scope} example 05-chat-agent-for-customers.json:`;
		await h.check(scope, "acting as eve: a ticket opened, her tickets listed (not frank's), the latest public reply told", () => {
			const api = reqs.filter((r) => r.path.startsWith('/api/v2/'));
			h.assert(
				api.length && api.every((r) => r.headers['x-on-behalf-of'] === 'eve@example.test'),
				`X-On-Behalf-Of: ${h.show(api.map((r) => [r.method, r.path, r.headers['x-on-behalf-of']]))}`,
			);
			const order = (x, y) => String(x).localeCompare(String(y));
			h.assertEq(
				api.map((r) => [r.method, r.path.replace(/\.json$/, ''), r.status]).sort(order),
				[
					['POST', '/api/v2/requests', 201],
					['GET', '/api/v2/requests', 200],
					['GET', `/api/v2/requests/${state.replied}`, 200],
					['GET', `/api/v2/requests/${state.replied}/comments`, 200],
				].sort(order),
				'Requests API calls',
			);
			const t = emu.state.tickets.get(state.created);
			h.assertEq(
				[t.subject, t.requester_id, t._comments[0].author_id],
				['Cracked screen on order A-2001', 2001, 2001],
				"the new ticket is eve's",
			);
			h.assert(
				state.listed.includes(state.replied) && state.listed.includes(state.created) && !state.listed.includes(state.franks),
				`listed: ${h.show(state.listed)}`,
			);
			const all = JSON.stringify(model.requests.map((r) => r.body.messages));
			h.assert(
				!/refund approved by finance/.test(all) && !/Frank only/.test(all),
				"the model saw an internal note or another customer's ticket",
			);
			const answer = h.out(res, 'AI Agent')[0];
			h.assertEq(answer && answer.output, state.finalText, 'AI Agent output');
			h.assert(/Alice Agent wrote: "Your refund was issued today/.test(state.finalText), `final answer: ${state.finalText}`);
			h.figures.example05 = { listChars: results05(model).list, readChars: results05(model).read };
			h.log(`${scope} output sizes ${h.show(h.figures.example05)}`);
		});
		await exampleWithoutCustomer(ctx, model, h);
	} finally {
		await model.close();
	}
}

/**
 * Example 05 again, from a chat that carries no customer email (a widget that did not pass
 * it): the tools must refuse to act, never answer with the admin's view of the account.
 * Same scripted model server, a new script; the workflow is the example with an empty metadata.
 */
async function exampleWithoutCustomer(ctx, model, h) {
	const { emu, n8n } = ctx;
	const scope = `${ctx.scope} example 05 without a customer:`;
	const { workflow } = require('./workflows.js')
		.loadExamples(n8n.nodeType)
		.find((e) => e.file.startsWith('05-'));
	const anonymous = JSON.parse(JSON.stringify(workflow));
	anonymous.id = `${workflow.id}Anon`;
	anonymous.name = `${workflow.name} (no customer)`;
	const sample = anonymous.nodes.find((n) => n.name === 'Sample chat message').parameters.assignments.assignments;
	sample.find((a) => a.name === 'metadata').value = '={{ {} }}';
	const state = {};
	model.script = ({ messages }, round) => {
		if (round === 0) return { calls: [['List_my_tickets', {}]] };
		state.toolSaid = toolResults(messages).find((r) => r.name === 'List_my_tickets')?.content;
		return { text: 'I cannot see who you are, so I cannot look at tickets. Please sign in to the chat.' };
	};
	const imported = await h.check(scope, 'import the example with an empty chat metadata', () =>
		n8n.importWorkflows([anonymous], { timeoutMs: 240_000 }),
	);
	if (!imported) return;
	const from = emu.requests.length;
	const res = await h.execute({ ...ctx, scope }, anonymous.id, 'example-05-no-customer');
	if (!res) return;
	await h.check(scope, "the tool refuses to act, and nothing reaches Zendesk (not the admin's view)", () => {
		const api = emu.requests.slice(from).filter((r) => r.path.startsWith('/api/v2/'));
		h.assertEq(
			api.map((r) => [r.method, r.path]),
			[],
			'requests to Zendesk',
		);
		h.assert(
			/Act as End User: is set but empty for this item, so nothing was sent rather than acting as the admin/.test(String(state.toolSaid)),
			`the tool's answer to the model: ${h.show(state.toolSaid)}`,
		);
		h.assertEq(
			h.out(res, 'AI Agent')[0]?.output,
			'I cannot see who you are, so I cannot look at tickets. Please sign in to the chat.',
			'AI Agent output',
		);
	});
}

module.exports = {
	exampleSetup,
	exampleChecks,
	agentScenarios,
	startModelServer,
	toolResults,
	parsed,
	agentWorkflow,
	credentials,
	fromAI,
	apiCreateTicket,
	toolsSent,
	chars,
};

/* ------------------------------------------------------------------ alone: node test/e2e/agent.js --line v2|v1 */

/** run.js's helpers that agentScenarios uses beyond standalone.js's: show, figures, execute (with its log), out. */
function aloneHelpers(line, h) {
	const e2e = require('../../scripts/e2e/n8n.js');
	const show = (v) => JSON.stringify(v);
	return Object.assign(h, {
		show,
		figures: {},
		async execute(ctx, id, label) {
			const res = await ctx.n8n.execute(id, { timeoutMs: 240_000 });
			if (res.crashedOnExit)
				console.log(`KNOWN ${ctx.scope} ${label}: n8n CLI exited with ${res.crashedOnExit} after printing the finished run`);
			require('node:fs').writeFileSync(`/tmp/agent-${line}-${label}.log`, `${res.stdout}\n--- stderr\n${res.stderr}`);
			const ok = await h.check(ctx.scope, `${label}: n8n execute (${(res.ms / 1000).toFixed(1)}s)`, () =>
				h.assert(res.ok, `exit ${res.code}: ${show(res.run?.data?.resultData?.error?.message)}\n${res.stderr.slice(-2000)}`),
			);
			return ok ? res : null;
		},
		out: (res, node) => e2e.nodeOutputJson(res.run, node),
	});
}

/** The agent scenarios, then example 05 as run.js's exampleScenario runs it. */
async function alone(ctx, standalone) {
	const { emu, n8n } = ctx;
	const h = aloneHelpers(ctx.line, standalone);
	await agentScenarios(ctx, h);
	const { workflow } = require('./workflows.js')
		.loadExamples(n8n.nodeType)
		.find((e) => e.file.startsWith('05-'));
	await n8n.importWorkflows([workflow], { timeoutMs: 240_000 });
	const before = await exampleSetup(ctx);
	const from = emu.requests.length;
	const res = await h.execute(ctx, workflow.id, 'example-05');
	await exampleChecks(ctx, before, res, emu.requests.slice(from), h);
	if (!res) await before.model.close();
}

if (require.main === module) {
	const { runAlone, onFreshInstance } = require('./standalone.js');
	runAlone('agent', onFreshInstance(alone));
}
