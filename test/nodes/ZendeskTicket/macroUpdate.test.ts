import nock from 'nock';

import { runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const REFUND = {
	id: 7,
	title: 'Refund',
	active: true,
	actions: [
		{ field: 'status', value: 'solved' },
		{ field: 'current_tags', value: 'refund' },
		{ field: 'comment_value', value: 'Your refund is on its way.' },
	],
};
const requests = (from: number) => recorded.slice(from).map((r) => `${r.method} ${r.url.replace('https://acme.zendesk.com', '')}`);

function captureUpdate(id: number) {
	const bodies: unknown[] = [];
	zendesk()
		.put(`/api/v2/tickets/${id}`, (b) => (bodies.push(b), true))
		.reply(200, { ticket: ticket(id) });
	return bodies;
}

describe('Update with a Macro', () => {
	it("applies the macro with the item's own fields, which win; tags to add add up", async () => {
		const from = recorded.length;
		zendesk().get('/api/v2/macros/7').reply(200, { macro: REFUND });
		const bodies = captureUpdate(12);
		const { error } = await runNode({
			parameters: { operation: 'update', ticketId: '12', updateFields: { macro: '7', status: 'open', priority: 'low', addTags: 'vip' } },
		});
		expect(error).toBeUndefined();
		expect(requests(from)).toEqual(['GET /api/v2/macros/7', 'PUT /api/v2/tickets/12']);
		expect(bodies).toEqual([
			{
				ticket: {
					status: 'open',
					priority: 'low',
					additional_tags: ['refund', 'vip'],
					comment: { body: 'Your refund is on its way.', public: true },
				},
			},
		]);
	});

	it('a macro alone is something to update; its placeholders are rendered for the ticket', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/macros/8')
			.reply(200, {
				macro: { id: 8, title: 'Hi', active: true, actions: [{ field: 'comment_value', value: 'Hi {{ticket.requester.first_name}}' }] },
			})
			.get('/api/v2/tickets/12/macros/8/apply')
			.reply(200, { result: { ticket: { ...ticket(12), comment: { body: 'Hi Ann', public: true } } } });
		const bodies = captureUpdate(12);
		await runNode({ parameters: { operation: 'update', ticketId: '12', updateFields: { macro: '8' } } });
		expect(requests(from)).toEqual(['GET /api/v2/macros/8', 'GET /api/v2/tickets/12/macros/8/apply', 'PUT /api/v2/tickets/12']);
		expect(bodies).toEqual([{ ticket: { comment: { body: 'Hi Ann', public: true } } }]);
	});

	it("refuses a Comment beside a macro's comment by field, with nothing changed", async () => {
		const from = recorded.length;
		zendesk().get('/api/v2/macros/7').reply(200, { macro: REFUND });
		const { json } = await runNode({
			parameters: { operation: 'update', ticketId: '12', updateFields: { macro: '7', comment: 'Also this' } },
			continueOnFail: true,
		});
		expect(requests(from)).toEqual(['GET /api/v2/macros/7']);
		expect(json[0].error).toBe('Comment: the macro adds a comment too: leave Comment empty, or pick a macro without a comment');
	});

	it('refuses a Macro that is not an ID before anything is sent', async () => {
		const from = recorded.length;
		const { json } = await runNode({
			parameters: { operation: 'update', ticketId: '12', updateFields: { macro: 'Refund' } },
			continueOnFail: true,
		});
		expect(requests(from)).toEqual([]);
		expect(json[0].error).toBe('Macro: "Refund" is not an ID (a positive whole number)');
	});

	it('refuses a Macro when acting as an end user, by name, with nothing sent', async () => {
		const from = recorded.length;
		const { json } = await runNode({
			parameters: {
				authentication: 'oAuth2',
				operation: 'update',
				ticketId: '12',
				updateFields: { macro: '7', comment: 'Hi', commentVisibility: 'public' },
				requestOptions: { onBehalfOf: 'carl@customer.test' },
			},
			continueOnFail: true,
		});
		expect(requests(from)).toEqual([]);
		expect(json[0].error).toBe('Act as End User: an end user can only add a comment or mark the ticket solved, not set macro');
	});
});

describe('Create with a Macro', () => {
	const TRIAGE = {
		id: 5,
		title: 'Triage::Billing',
		active: true,
		actions: [
			{ field: 'priority', value: 'high' },
			{ field: 'group_id', value: '300' },
			{ field: 'current_tags', value: 'billing triage' },
		],
	};

	it("gets the macro's field changes under its own, tags added up, and the macro recorded in the audit", async () => {
		const from = recorded.length;
		const bodies: unknown[] = [];
		zendesk()
			.get('/api/v2/macros/5')
			.reply(200, { macro: TRIAGE })
			.post('/api/v2/tickets', (b) => (bodies.push(b), true))
			.reply(201, { ticket: ticket(40) });
		const { error } = await runNode({
			parameters: {
				operation: 'create',
				subject: 'Invoice',
				description: 'Wrong amount',
				additionalFields: { macro: '5', priority: 'urgent', tags: 'vip' },
			},
		});
		expect(error).toBeUndefined();
		expect(requests(from)).toEqual(['GET /api/v2/macros/5', 'POST /api/v2/tickets']);
		expect(bodies).toEqual([
			{
				ticket: {
					subject: 'Invoice',
					comment: { body: 'Wrong amount', public: true },
					priority: 'urgent',
					group_id: 300,
					tags: ['billing', 'triage', 'vip'],
					macro_ids: [5],
				},
			},
		]);
	});

	it('refuses a macro with a comment, saying to use Apply Macro, and creates nothing', async () => {
		const from = recorded.length;
		zendesk().get('/api/v2/macros/7').reply(200, { macro: REFUND });
		const { json } = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', additionalFields: { macro: '7' } },
			continueOnFail: true,
		});
		expect(requests(from)).toEqual(['GET /api/v2/macros/7']);
		expect(json[0].error).toBe(
			"Macro: adds a comment or placeholders, which need an existing ticket (a new ticket's first comment is its Description): create the ticket, then use Apply Macro",
		);
	});
});
