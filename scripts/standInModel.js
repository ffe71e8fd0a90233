'use strict';
/**
 * A stand-in chat model for trying example 05 without an OpenAI key: an OpenAI-compatible
 * chat-completions endpoint on loopback that `npm run dev` serves. It is NOT an AI. A short script
 * reads the customer's last message and the tools n8n offers, then calls them as a model would:
 * it opens a ticket when the message reports a problem, lists the customer's tickets, reads the
 * replies of their most recently updated other ticket, and answers from what the tools returned.
 * Every answer starts with LABEL. To use a real model, give the OpenAI Chat Model node a
 * credential with your own key (the README says how).
 */
const http = require('node:http');

const LABEL = '[Stand-in model, scripted: not an AI]';
const MODELS = ['gpt-4o-mini', 'stand-in-scripted'];

const text = (content) =>
	typeof content === 'string' ? content : (content || []).map((p) => (typeof p === 'string' ? p : p.text || '')).join('');

function parsedItems(content) {
	try {
		const v = JSON.parse(text(content));
		return Array.isArray(v) ? v : [v];
	} catch {
		return [{ error: text(content) }];
	}
}

/** The tool of `tools` (chat-completions format) whose name matches. */
const toolNamed = (tools, re) => (tools.find((t) => re.test(t.function?.name || '')) || {}).function;

/** Arguments for a tool from its JSON schema: subject, description, ticket ID; '' for anything else. */
function argumentsFor(tool, { message, ticketId }) {
	const props = Object.keys(tool.parameters?.properties || {});
	const subject = message.split(/(?<=[.!?])\s/)[0].slice(0, 80);
	return Object.fromEntries(
		props.map((p) => {
			if (/subject|title/i.test(p)) return [p, subject];
			if (/description|body|comment|message/i.test(p)) return [p, message];
			if (/id$/i.test(p)) return [p, String(ticketId ?? '')];
			return [p, ''];
		}),
	);
}

/** The model's next move in this turn: { calls: [[name, args]] } or { text }. */
function nextMove(messages, tools) {
	const lastUser = messages.map((m) => m.role).lastIndexOf('user');
	const message = text(messages[lastUser]?.content).trim();
	const turn = messages.slice(lastUser + 1);
	const called = new Map(turn.flatMap((m) => (m.tool_calls || []).map((c) => [c.id, c.function.name])));
	const results = new Map(turn.filter((m) => m.role === 'tool').map((m) => [called.get(m.tool_call_id), parsedItems(m.content)]));
	const create = toolNamed(tools, /open|create/i);
	const list = toolNamed(tools, /list|many|search/i);
	const others = tools.filter((t) => ![create?.name, list?.name].includes(t.function?.name));
	const read = toolNamed(others, /read|repl|get/i);
	if (!turn.length) {
		const calls = [];
		if (create && /problem|broken|crack|damag|not work|issue|wrong|open a ticket|refund|help/i.test(message))
			calls.push([create.name, argumentsFor(create, { message })]);
		if (list) calls.push([list.name, {}]);
		return calls.length ? { calls } : { text: `${LABEL} I can open a ticket or tell you about your tickets.` };
	}
	const created = create && results.get(create.name)?.[0];
	const listed = ((list && results.get(list.name)) || []).filter((t) => t.id && t.id !== created?.id);
	const latest = [...listed].sort((a, b) => String(b.updated_at || '').localeCompare(String(a.updated_at || '')) || b.id - a.id)[0];
	if (read && latest && !results.has(read.name) && /answer|repl|latest|status|news/i.test(message))
		return { calls: [[read.name, argumentsFor(read, { message, ticketId: latest.id })]] };
	return { text: answer({ created, listed, latest, read: read && results.get(read.name)?.[0], results }) };
}

function answer({ created, listed, latest, read, results }) {
	const lines = [LABEL];
	if (created?.id) lines.push(`I opened ticket #${created.id}: "${created.subject}".`);
	const errors = [...results.values()].flat().filter((r) => r && r.error);
	for (const e of errors) lines.push(`A tool answered: ${e.error}`);
	const shown = listed.slice(0, 5).map((t) => `#${t.id} ${t.subject} (${t.status})`);
	if (listed.length > 5) shown.push(`${listed.length - 5} more`);
	if (listed.length) lines.push(`Your other tickets: ${shown.join('; ')}.`);
	if (read && !read.error) {
		const reply = (read.comments || [])[0];
		lines.push(reply ? `On ticket #${latest.id}, ${reply.author} wrote: "${reply.body}"` : `Ticket #${latest.id} has no public reply yet.`);
	}
	return lines.join(' ');
}

/** One chat-completions answer, as JSON or as a server-sent-events stream (whichever was asked for). */
function reply(res, body, move, seq, defaultModel) {
	const calls = (move.calls || []).map(([name, args], index) => ({
		index,
		id: `call_${seq}_${index}`,
		type: 'function',
		function: { name, arguments: JSON.stringify(args) },
	}));
	const finish = calls.length ? 'tool_calls' : 'stop';
	const message = { role: 'assistant', content: move.text ?? null, ...(calls.length ? { tool_calls: calls } : {}) };
	const base = { id: `chatcmpl-standin-${seq}`, created: Math.floor(Date.now() / 1000), model: body.model || defaultModel };
	const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
	if (!body.stream) {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage }));
		return;
	}
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	const send = (o) => res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...o })}\n\n`);
	send({ choices: [{ index: 0, delta: { ...message, content: move.text ?? '' }, finish_reason: null }] });
	send({ choices: [{ index: 0, delta: {}, finish_reason: finish }] });
	if (body.stream_options?.include_usage) send({ choices: [], usage });
	res.end('data: [DONE]\n\n');
}

const readJson = (chunks) => {
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		return undefined;
	}
};

/**
 * An OpenAI-compatible chat-completions endpoint on 127.0.0.1:`port` (0: any) whose moves a script decides:
 * `move(body)` returns `{ calls: [[name, args], ...] }` or `{ text }` for each POST /v1/chat/completions, answered
 * as JSON or as a stream, whichever the client asks for; GET /v1/models lists `models`; anything else is refused
 * with a 404 that `name`s the server. Resolves { url, port, close() }. The stand-in of example 05 and the e2e
 * agent test's scripted model are both this server with another script.
 */
async function serveChatCompletions({ port = 0, models, name, move }) {
	let seq = 0;
	const srv = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			if (req.method === 'GET' && /\/models$/.test(req.url || '')) {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', owned_by: 'stand-in' })) }));
				return;
			}
			const body = readJson(chunks);
			if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url || '') || !body) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `${name} only answers POST /v1/chat/completions and GET /v1/models` } }));
				return;
			}
			reply(res, body, move(body), ++seq, models[0]);
		});
	});
	await new Promise((resolve, reject) => {
		srv.once('error', reject);
		srv.listen(port, '127.0.0.1', resolve);
	});
	const actual = srv.address().port;
	return { url: `http://127.0.0.1:${actual}/v1`, port: actual, close: () => new Promise((resolve) => srv.close(resolve)) };
}

/** Starts the stand-in on 127.0.0.1:`port` (0: any); resolves { url, port, requests, close() }. */
async function startStandInModel({ port = 0 } = {}) {
	const requests = [];
	const move = (body) => {
		const next = nextMove(body.messages || [], body.tools || []);
		requests.push({ body, move: next });
		return next;
	};
	return { ...(await serveChatCompletions({ port, models: MODELS, name: LABEL, move })), requests };
}

module.exports = { startStandInModel, serveChatCompletions, nextMove, LABEL };
