import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { ZendeskTicket } from '../../../nodes/ZendeskTicket/ZendeskTicket.node';
import { editorContext, runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const requests = (from: number) => recorded.slice(from).map((r) => `${r.method} ${r.url.replace('https://acme.zendesk.com', '')}`);
const apply = (extra: IDataObject = {}) => ({ operation: 'applyMacro', ticketId: '12', macroId: '7', ...extra });
const macro = (extra: IDataObject) => ({ id: 7, title: 'Refund', active: true, actions: [{ field: 'status', value: 'solved' }], ...extra });

async function refused(parameters: IDataObject, items?: IDataObject[]) {
	const from = recorded.length;
	const { json, output, error } = await runNode({ parameters, items, continueOnFail: true });
	expect(error).toBeUndefined();
	return { json, output, sent: requests(from) };
}

describe('apply macro: what the macro or Zendesk refuses', () => {
	it('an inactive macro: read, refused by name, nothing changed', async () => {
		zendesk()
			.get('/api/v2/macros/7')
			.reply(200, { macro: macro({ active: false }) });
		const { json, sent } = await refused(apply());
		expect(sent).toEqual(['GET /api/v2/macros/7']);
		expect(json).toEqual([
			{
				error: 'Macro 7 ("Refund") is inactive',
				description: 'Activate it in Zendesk (Admin Center → Workspaces → Macros), or pick an active macro. Nothing was changed.',
			},
		]);
	});

	it('a macro with a side conversation: the action named, nothing changed', async () => {
		zendesk()
			.get('/api/v2/macros/7')
			.reply(200, {
				macro: macro({
					actions: [
						{ field: 'side_conversation_slack', value: ['Q', 'B'] },
						{ field: 'status', value: 'open' },
					],
				}),
			});
		const { json, sent } = await refused(apply());
		expect(sent).toEqual(['GET /api/v2/macros/7']);
		expect(json[0].error).toBe('Macro 7 ("Refund") has actions this node cannot apply: side_conversation_slack');
	});

	it('a macro without actions changes nothing and says so', async () => {
		zendesk()
			.get('/api/v2/macros/7')
			.reply(200, { macro: macro({ actions: [] }) });
		const { json } = await refused(apply());
		expect(json[0].error).toBe('Macro 7 ("Refund") changes nothing');
	});

	it("an unknown macro: Zendesk's 404 in words", async () => {
		zendesk().get('/api/v2/macros/7').reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const { json, sent } = await refused(apply());
		expect(sent).toEqual(['GET /api/v2/macros/7']);
		expect(json[0].error).toBe('Macro 7 or its ticket was not found');
		expect(json[0].description).toMatch(/Check the macro's ID .* Zendesk: RecordNotFound: Not found\.$/);
	});

	it("a macro the credential's user may not use (403): says whose credential to use", async () => {
		zendesk()
			.get('/api/v2/tickets/12/macros/7/apply')
			.reply(403, { error: 'Forbidden', description: 'You do not have access to this page' });
		const { json } = await refused({ operation: 'previewMacro', ticketId: '12', macroId: '7' });
		expect(json[0].error).toBe('Ticket 12: Macro 7 may not be used with this credential');
		expect(json[0].description).toMatch(
			/personal macros also need a Professional plan .* Zendesk: Forbidden: You do not have access to this page\.$/,
		);
	});

	it('a closed ticket: one update tried, refused in words that say what to do', async () => {
		zendesk()
			.get('/api/v2/macros/7')
			.reply(200, { macro: macro({}) })
			.put('/api/v2/tickets/12')
			.reply(422, {
				error: 'RecordInvalid',
				description: 'Record validation errors',
				details: { status: [{ description: 'Status: closed prevents ticket update' }] },
			});
		const { json, sent } = await refused(apply());
		expect(sent).toEqual(['GET /api/v2/macros/7', 'PUT /api/v2/tickets/12']);
		expect(json[0].error).toBe('Ticket 12: is closed');
		expect(json[0].description).toMatch(
			/^Zendesk does not change closed tickets .*: create a follow-up ticket and apply the macro to it\.$/,
		);
	});

	it('bad IDs are refused by item and field, with nothing sent', async () => {
		const { json, sent } = await refused({ operation: 'applyMacro', ticketId: '={{ $json.t }}', macroId: '={{ $json.m }}' }, [
			{ t: 'abc', m: '7' },
			{ t: '12', m: 'refund' },
		]);
		expect(sent).toEqual([]);
		expect(json.map((j) => j.error)).toEqual([
			'Ticket ID: "abc" is not a ticket ID (a positive whole number)',
			'Macro: "refund" is not an ID (a positive whole number)',
		]);
	});

	it.each(['applyMacro', 'previewMacro'])('%s as an end user is refused by name, with nothing sent', async (operation) => {
		const { json, sent } = await refused({
			authentication: 'oAuth2',
			...apply({ operation }),
			requestOptions: { onBehalfOf: 'carl@customer.test' },
		});
		expect(sent).toEqual([]);
		const action = operation === 'applyMacro' ? 'apply a macro to a ticket' : 'preview a macro on a ticket';
		expect(json[0].error).toBe(`Act as End User: an end user cannot ${action}; remove Act as End User to do this as the agent`);
	});

	it('items that share a macro read it once, one by one without bulk', async () => {
		zendesk()
			.get('/api/v2/macros/7')
			.reply(200, { macro: macro({}) });
		for (const id of [1, 2, 3])
			zendesk()
				.put(`/api/v2/tickets/${id}`, { ticket: { status: 'solved' } })
				.reply(200, { ticket: ticket(id) });
		const { json, sent } = await refused({ ...apply({ ticketId: '={{ $json.id }}' }), requestOptions: { batching: false } }, [
			{ id: 1 },
			{ id: 2 },
			{ id: 3 },
		]);
		expect(sent).toEqual(['GET /api/v2/macros/7', 'PUT /api/v2/tickets/1', 'PUT /api/v2/tickets/2', 'PUT /api/v2/tickets/3']);
		expect(json.map((j) => j.id)).toEqual([1, 2, 3]);
	});
});

describe('macro picker', () => {
	const node = new ZendeskTicket();
	const ctx = () => editorContext({ parameters: apply() }, 'parameters.macroId');
	const macros = [
		{ id: 7, title: 'Billing::Refunds::Issued', active: true },
		{ id: 8, title: 'Greeting', active: true },
	];

	it('lists active macros by title, with their category, a page of 50 at a time', async () => {
		zendesk()
			.get('/api/v2/macros/active')
			.query({ page: '1', per_page: '50', sort_by: 'alphabetical', sort_order: 'asc' })
			.reply(200, { macros, next_page: 'https://acme.zendesk.com/api/v2/macros/active?page=2' });
		await expect(node.methods.listSearch.searchMacros.call(ctx())).resolves.toEqual({
			results: [
				{ name: 'Issued (Billing › Refunds)', value: '7', url: 'https://acme.zendesk.com/admin/workspaces/agent-workspace/macros/7' },
				{ name: 'Greeting', value: '8', url: 'https://acme.zendesk.com/admin/workspaces/agent-workspace/macros/8' },
			],
			paginationToken: '2',
		});
	});

	it("searches active macros' titles when the builder types", async () => {
		zendesk()
			.get('/api/v2/macros/search')
			.query({ query: 'refund', active: 'true', page: '2', per_page: '50', sort_by: 'alphabetical', sort_order: 'asc' })
			.reply(200, { macros: [macros[0]], next_page: null });
		const found = await node.methods.listSearch.searchMacros.call(ctx(), ' refund ', '2');
		expect(found).toEqual({ results: [expect.objectContaining({ value: '7' })], paginationToken: undefined });
	});
});
