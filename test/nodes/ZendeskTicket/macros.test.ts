import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const REFUND = {
	id: 7,
	title: 'Billing::Refund issued',
	active: true,
	actions: [
		{ field: 'status', value: 'solved' },
		{ field: 'current_tags', value: 'refund billing' },
		{ field: 'remove_tags', value: 'waiting' },
		{ field: 'custom_fields_11', value: 'A-1' },
		{ field: 'group_id', value: '300' },
		{ field: 'comment_value', value: ['channel:all', 'Your refund is on its way.'] },
		{ field: 'comment_mode_is_public', value: 'true' },
	],
};
const NOTE = {
	id: 9,
	title: 'Escalate',
	active: true,
	actions: [
		{ field: 'priority', value: 'urgent' },
		{ field: 'assignee_id', value: '' },
		{ field: 'comment_value', value: 'Escalated to tier 2.' },
		{ field: 'comment_mode_is_public', value: false },
	],
};
const GREETING = {
	id: 8,
	title: 'Greeting',
	active: true,
	actions: [
		{ field: 'status', value: 'pending' },
		{ field: 'comment_value_html', value: '<p>Hi {{ticket.requester.first_name}},</p>' },
	],
};
const rendered = (id: number) => ({
	result: {
		ticket: {
			...ticket(id, { status: 'pending' }),
			comment: { body: 'Hi Ann,', html_body: '<p>Hi Ann,</p>', public: true, scoped_body: [['channel:all', 'Hi Ann,']] },
		},
	},
});
const requests = (from: number) => recorded.slice(from).map((r) => `${r.method} ${r.url.replace('https://acme.zendesk.com', '')}`);

function captureUpdate(id: number, reply: IDataObject = { ticket: ticket(id, { status: 'solved' }) }) {
	const bodies: unknown[] = [];
	const scope = zendesk()
		.put(`/api/v2/tickets/${id}`, (b) => (bodies.push(b), true))
		.reply(200, reply);
	return { scope, bodies };
}

const apply = (extra: IDataObject = {}) => ({ operation: 'applyMacro', ticketId: '12', macroId: '7', ...extra });

describe('preview macro', () => {
	it('shows the ticket as the macro would leave it, with its comment, from one GET', async () => {
		const from = recorded.length;
		zendesk().get('/api/v2/tickets/12/macros/8/apply').reply(200, rendered(12));
		const { output, error } = await runNode({ parameters: { operation: 'previewMacro', ticketId: '12', macroId: '8' } });
		expect(error).toBeUndefined();
		expect(requests(from)).toEqual(['GET /api/v2/tickets/12/macros/8/apply']);
		expect(output).toEqual([
			{
				json: { ...ticket(12, { status: 'pending' }), comment: { body: 'Hi Ann,', html_body: '<p>Hi Ann,</p>', public: true } },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('takes the macro from the picker (a resource locator value)', async () => {
		const scope = zendesk().get('/api/v2/tickets/12/macros/8/apply').reply(200, rendered(12));
		await runNode({
			parameters: {
				operation: 'previewMacro',
				ticketId: { __rl: true, mode: 'list', value: '12' },
				macroId: { __rl: true, mode: 'list', value: '8' },
			},
		});
		scope.done();
	});
});

describe('apply macro to one ticket', () => {
	it("sends the macro's changes and its public reply in one update", async () => {
		const from = recorded.length;
		zendesk().get('/api/v2/macros/7').reply(200, { macro: REFUND });
		const { bodies } = captureUpdate(12);
		const { output, error } = await runNode({ parameters: apply() });
		expect(error).toBeUndefined();
		expect(requests(from)).toEqual(['GET /api/v2/macros/7', 'PUT /api/v2/tickets/12']);
		expect(bodies).toEqual([
			{
				ticket: {
					status: 'solved',
					additional_tags: ['refund', 'billing'],
					remove_tags: ['waiting'],
					custom_fields: [{ id: 11, value: 'A-1' }],
					group_id: 300,
					comment: { body: 'Your refund is on its way.', public: true },
				},
			},
		]);
		expect(output).toEqual([{ json: ticket(12, { status: 'solved' }), pairedItem: { item: 0 } }]);
	});

	it('posts a private note when the macro says so, and unassigns', async () => {
		zendesk().get('/api/v2/macros/9').reply(200, { macro: NOTE });
		const { bodies } = captureUpdate(12);
		await runNode({ parameters: apply({ macroId: '9' }) });
		expect(bodies).toEqual([
			{ ticket: { priority: 'urgent', assignee_id: null, comment: { body: 'Escalated to tier 2.', public: false } } },
		]);
	});

	it("renders placeholders for the ticket first, and sends Zendesk's rendering without its read-only keys", async () => {
		const from = recorded.length;
		zendesk().get('/api/v2/macros/8').reply(200, { macro: GREETING }).get('/api/v2/tickets/12/macros/8/apply').reply(200, rendered(12));
		const { bodies } = captureUpdate(12);
		await runNode({ parameters: apply({ macroId: '8' }) });
		expect(requests(from)).toEqual(['GET /api/v2/macros/8', 'GET /api/v2/tickets/12/macros/8/apply', 'PUT /api/v2/tickets/12']);
		expect(bodies).toEqual([{ ticket: { status: 'pending', comment: { html_body: '<p>Hi Ann,</p>', public: true } } }]);
	});

	it('adds safe_update and the stamp with Safe Update, and explains a conflict', async () => {
		zendesk().get('/api/v2/macros/7').reply(200, { macro: REFUND });
		const bodies: unknown[] = [];
		zendesk()
			.put('/api/v2/tickets/12', (b) => (bodies.push(b), true))
			.reply(409, { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' });
		const { json } = await runNode({
			parameters: apply({ options: { safeUpdate: true } }),
			items: [{ updated_at: '2026-11-02T10:00:00.000Z' }],
			continueOnFail: true,
		});
		expect((bodies[0] as { ticket: IDataObject }).ticket).toMatchObject({ safe_update: true, updated_stamp: '2026-11-02T10:00:00Z' });
		expect(json[0].error).toBe('Ticket 12: changed since you read it (Safe Update)');
	});

	it('is never repeated after a reset, and says how to check the comment', async () => {
		zendesk().get('/api/v2/macros/7').reply(200, { macro: REFUND });
		const scope = zendesk()
			.put('/api/v2/tickets/12')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.put('/api/v2/tickets/12')
			.reply(200, { ticket: ticket(12) });
		const { json } = await runNode({ parameters: apply(), continueOnFail: true });
		expect(scope.pendingMocks()).toHaveLength(1);
		expect(String(json[0].description)).toMatch(/^Zendesk may have posted the comment before the connection broke/);
	});
});

describe("as an AI agent's tool", () => {
	const fromAI = (key: string) => `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`x\`, 'string') }}`;

	it('the model names the ticket and the macro ($fromAI keys Ticket_ID and Macro) and reads the preview', async () => {
		zendesk().get('/api/v2/tickets/12/macros/8/apply').reply(200, rendered(12));
		const { json, error } = await runNode({
			parameters: { operation: 'previewMacro', ticketId: fromAI('Ticket_ID'), macroId: fromAI('Macro'), simplify: true },
			items: [{ Ticket_ID: '12', Macro: '8' }],
			asTool: true,
		});
		expect(error).toBeUndefined();
		expect(json).toEqual([
			expect.objectContaining({ id: 12, status: 'pending', comment: { body: 'Hi Ann,', html_body: '<p>Hi Ann,</p>', public: true } }),
		]);
		expect(Object.keys(json[0]).length).toBeLessThan(20);
	});

	it('a refused macro reaches the model as a sentence, and nothing is changed', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/macros/7')
			.reply(200, { macro: { ...REFUND, active: false } });
		const { json, error } = await runNode({
			parameters: { operation: 'applyMacro', ticketId: fromAI('Ticket_ID'), macroId: fromAI('Macro') },
			items: [{ Ticket_ID: '12', Macro: '7' }],
			asTool: true,
		});
		expect(error).toBeUndefined();
		expect(requests(from)).toEqual(['GET /api/v2/macros/7']);
		expect(json).toEqual([
			{
				error:
					'Macro 7 ("Billing::Refund issued") is inactive. Activate it in Zendesk (Admin Center → Workspaces → Macros), or pick an active macro. Nothing was changed.',
			},
		]);
	});
});
