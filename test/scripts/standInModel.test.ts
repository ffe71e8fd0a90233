import nock from 'nock';

type Move = { calls?: Array<[string, Record<string, string>]>; text?: string };
type Message = { role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string };
const { nextMove, startStandInModel, serveChatCompletions, LABEL } = require('../../scripts/standInModel.js') as {
	nextMove: (messages: Message[], tools: unknown[]) => Move;
	startStandInModel: () => Promise<{ url: string; requests: unknown[]; close: () => Promise<void> }>;
	serveChatCompletions: (options: {
		models: string[];
		name: string;
		move: (body: Record<string, unknown>) => Move;
	}) => Promise<{ url: string; close: () => Promise<void> }>;
	LABEL: string;
};

/**
 * The stand-in chat model `npm run dev` serves for example 05 (scripts/standInModel.js): the tool
 * calls it makes from the customer's message and the tool results, as n8n's AI Agent sends them
 * (OpenAI chat-completions format), and its answers over HTTP.
 */
const tool = (name: string, properties: string[] = []) => ({
	type: 'function',
	function: {
		name,
		description: name,
		parameters: { type: 'object', properties: Object.fromEntries(properties.map((p) => [p, { type: 'string' }])), required: properties },
	},
});
const TOOLS = [tool('Open_a_ticket', ['subject', 'description']), tool('List_my_tickets'), tool('Read_the_replies', ['Ticket_ID'])];
const MESSAGE = 'Hi, my order #A-2001 arrived with a cracked screen. Please open a ticket, and what was the latest answer on my tickets?';
const start: Message[] = [
	{ role: 'system', content: 'You are the support assistant of Acme.' },
	{ role: 'user', content: MESSAGE },
];
const called = (id: string, name: string, args: object): Message => ({
	role: 'assistant',
	content: null,
	tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
});
const result = (id: string, content: unknown): Message => ({ role: 'tool', tool_call_id: id, content: JSON.stringify(content) });

const afterRoundOne: Message[] = [
	...start,
	called('c1', 'Open_a_ticket', {}),
	called('c2', 'List_my_tickets', {}),
	result('c1', { id: 51, subject: 'Hi, my order #A-2001 arrived with a cracked screen.' }),
	result('c2', [
		{ id: 51, subject: 'Hi, my order #A-2001 arrived with a cracked screen.', status: 'new', updated_at: '2026-12-03T10:00:00Z' },
		{ id: 5, subject: 'Refund', status: 'pending', updated_at: '2024-01-03T00:00:00Z' },
		{ id: 10, subject: 'Printer', status: 'open', updated_at: '2024-01-02T00:00:00Z' },
	]),
];

describe('stand-in chat model', () => {
	it('opens a ticket for a reported problem and lists the customer’s tickets, in one round', () => {
		expect(nextMove(start, TOOLS)).toEqual({
			calls: [
				['Open_a_ticket', { subject: 'Hi, my order #A-2001 arrived with a cracked screen.', description: MESSAGE }],
				['List_my_tickets', {}],
			],
		});
	});

	it('then reads the replies of the most recently updated other ticket', () => {
		expect(nextMove(afterRoundOne, TOOLS)).toEqual({ calls: [['Read_the_replies', { Ticket_ID: '5' }]] });
	});

	it('then answers from what the tools returned, labelled as the stand-in', () => {
		const messages = [
			...afterRoundOne,
			called('c3', 'Read_the_replies', { Ticket_ID: '5' }),
			result('c3', { id: 5, comments: [{ author: 'Alice Agent', body: 'Your refund was issued today.' }] }),
		];
		expect(nextMove(messages, TOOLS)).toEqual({
			text:
				`${LABEL} I opened ticket #51: "Hi, my order #A-2001 arrived with a cracked screen.". ` +
				'Your other tickets: #5 Refund (pending); #10 Printer (open). On ticket #5, Alice Agent wrote: "Your refund was issued today."',
		});
	});

	it('passes a tool’s refusal on (a chat without the customer’s email)', () => {
		const messages = [
			...start,
			called('c1', 'Open_a_ticket', {}),
			called('c2', 'List_my_tickets', {}),
			result('c1', { error: 'Act as End User is set but empty' }),
			result('c2', { error: 'Act as End User is set but empty' }),
		];
		expect(nextMove(messages, TOOLS)).toEqual({
			text: `${LABEL} A tool answered: Act as End User is set but empty A tool answered: Act as End User is set but empty`,
		});
	});

	it('lists the tickets for a greeting, and answers by itself when there is no tool', () => {
		expect(nextMove([{ role: 'user', content: 'Hello' }], [tool('List_my_tickets')])).toEqual({ calls: [['List_my_tickets', {}]] });
		expect(nextMove([{ role: 'user', content: 'Hello' }], [])).toEqual({
			text: `${LABEL} I can open a ticket or tell you about your tickets.`,
		});
	});

	describe('over HTTP', () => {
		beforeAll(() => nock.enableNetConnect('127.0.0.1'));

		it('answers chat completions as JSON and as a stream, and lists its models', async () => {
			const model = await startStandInModel();
			try {
				const post = (stream: boolean) =>
					fetch(`${model.url}/chat/completions`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ model: 'gpt-4o-mini', messages: start, tools: TOOLS, stream }),
					});
				const json = (await (await post(false)).json()) as {
					choices: Array<{ finish_reason: string; message: { tool_calls: Array<{ function: { name: string } }> } }>;
				};
				expect(json.choices[0].finish_reason).toBe('tool_calls');
				expect(json.choices[0].message.tool_calls.map((c: { function: { name: string } }) => c.function.name)).toEqual([
					'Open_a_ticket',
					'List_my_tickets',
				]);
				const sse = await (await post(true)).text();
				const chunks = sse
					.split('\n\n')
					.filter((l) => l.startsWith('data: {'))
					.map((l) => JSON.parse(l.slice(6)));
				expect(chunks.map((c) => c.choices[0].finish_reason)).toEqual([null, 'tool_calls']);
				expect(sse.endsWith('data: [DONE]\n\n')).toBe(true);
				const models = (await (await fetch(`${model.url}/models`)).json()) as { data: Array<{ id: string }> };
				expect(models.data.map((m: { id: string }) => m.id)).toEqual(['gpt-4o-mini', 'stand-in-scripted']);
				expect(model.requests).toHaveLength(2);
			} finally {
				await model.close();
			}
		});

		it("serves another script's moves, and refuses other paths with a 404 that names the server", async () => {
			const bodies: unknown[] = [];
			const server = await serveChatCompletions({
				models: ['scripted-model'],
				name: 'The scripted model',
				move: (body) => (bodies.push(body), { text: 'Done' }),
			});
			try {
				const answered = await fetch(`${server.url}/chat/completions`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
				});
				expect(await answered.json()).toMatchObject({
					object: 'chat.completion',
					model: 'scripted-model',
					choices: [{ index: 0, message: { role: 'assistant', content: 'Done' }, finish_reason: 'stop' }],
				});
				expect(bodies).toEqual([{ messages: [{ role: 'user', content: 'Hi' }] }]);
				const refused = await fetch(`${server.url}/embeddings`, { method: 'POST', body: '{}' });
				expect(refused.status).toBe(404);
				expect(await refused.json()).toEqual({
					error: { message: 'The scripted model only answers POST /v1/chat/completions and GET /v1/models' },
				});
			} finally {
				await server.close();
			}
		});
	});
});
