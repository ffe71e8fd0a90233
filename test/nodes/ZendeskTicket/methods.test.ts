import type { IDataObject } from 'n8n-workflow';

import { ZendeskTicket } from '../../../nodes/ZendeskTicket/ZendeskTicket.node';
import { editorContext, runNode } from '../../harness/run';
import { ZENDESK, zendesk } from '../../harness/zendesk';

const node = new ZendeskTicket();
const ctx = (parameters: IDataObject = { operation: 'update' }) => editorContext({ parameters });

describe('dropdowns (loadOptions)', () => {
	it('lists groups by name, without deleted ones, sorted', async () => {
		const scope = zendesk()
			.get('/api/v2/groups')
			.query({ 'page[size]': '100' })
			.reply(200, {
				groups: [
					{ id: 2, name: 'Tier 2', deleted: false },
					{ id: 1, name: 'Billing', deleted: false },
					{ id: 3, name: 'Old', deleted: true },
				],
				meta: { has_more: false },
			});
		await expect(node.methods.loadOptions.getGroups.call(ctx())).resolves.toEqual([
			{ name: 'Billing', value: 1 },
			{ name: 'Tier 2', value: 2 },
		]);
		scope.done();
	});

	it('lists active brands, ticket forms and custom statuses across cursor pages', async () => {
		const scope = zendesk()
			.get('/api/v2/brands')
			.query({ 'page[size]': '100' })
			.reply(200, { brands: [{ id: 1, name: 'Acme', subdomain: 'acme', active: true }], meta: { has_more: true, after_cursor: 'b2' } })
			.get('/api/v2/brands')
			.query({ 'page[size]': '100', 'page[after]': 'b2' })
			.reply(200, { brands: [{ id: 2, name: 'Beta', subdomain: 'beta', active: false }], meta: { has_more: false } })
			.get('/api/v2/ticket_forms')
			.reply(200, { ticket_forms: [{ id: 8, name: 'f', display_name: 'Refund request', active: true }] })
			.get('/api/v2/custom_statuses')
			.reply(200, {
				custom_statuses: [{ id: 10101, agent_label: 'Waiting on vendor', status_category: 'hold', active: true }],
			});
		await expect(node.methods.loadOptions.getBrands.call(ctx())).resolves.toEqual([{ name: 'Acme', value: 1, description: 'acme' }]);
		await expect(node.methods.loadOptions.getTicketForms.call(ctx())).resolves.toEqual([{ name: 'Refund request', value: 8 }]);
		await expect(node.methods.loadOptions.getCustomStatuses.call(ctx())).resolves.toEqual([
			{ name: 'Waiting on vendor (hold)', value: 10101 },
		]);
		scope.done();
	});

	it('offers "All Custom Fields" before the forms for limiting the custom field inputs', async () => {
		const scope = zendesk()
			.get('/api/v2/ticket_forms')
			.reply(200, {
				ticket_forms: [
					{ id: 9, name: 'default', display_name: 'Default form', active: true },
					{ id: 10, name: 'x', active: false },
				],
			});
		await expect(node.methods.loadOptions.getTicketFormFilter.call(ctx())).resolves.toEqual([
			{ name: 'All Custom Fields', value: '' },
			{ name: 'Default form', value: 9 },
		]);
		scope.done();
	});

	it('lists active custom ticket fields, leaving out system fields', async () => {
		const scope = zendesk()
			.get('/api/v2/ticket_fields')
			.query(true)
			.reply(200, {
				ticket_fields: [
					{ id: 1, type: 'subject', title: 'Subject', active: true },
					{ id: 11, type: 'checkbox', title: 'VIP', active: true },
					{ id: 12, type: 'text', title: 'Retired', active: false },
				],
				meta: { has_more: false },
			});
		await expect(node.methods.loadOptions.getCustomFields.call(ctx())).resolves.toEqual([
			{ name: 'VIP', value: 11, description: 'checkbox field' },
		]);
		scope.done();
	});
});

describe('searchable lists (listSearch)', () => {
	it('lists recent tickets with their agent URL and a cursor for more', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets')
			.query({ 'page[size]': '50', sort: '-updated_at' })
			.reply(200, { tickets: [{ id: 7, subject: 'Printer on fire' }], meta: { has_more: true, after_cursor: 'xyz' } });
		await expect(node.methods.listSearch.searchTickets.call(ctx())).resolves.toEqual({
			results: [{ name: '#7 Printer on fire', value: '7', url: `${ZENDESK}/agent/tickets/7` }],
			paginationToken: 'xyz',
		});
		scope.done();
	});

	it('searches tickets by the text typed', async () => {
		const scope = zendesk()
			.get('/api/v2/search')
			.query({ query: 'type:ticket "printer fire"', page: '1', per_page: '50', sort_by: 'updated_at', sort_order: 'desc' })
			.reply(200, { results: [{ id: 7, subject: 'Printer on fire' }], next_page: null, count: 1 });
		const result = await node.methods.listSearch.searchTickets.call(ctx(), 'printer fire');
		expect(result).toEqual({
			results: [{ name: '#7 Printer on fire', value: '7', url: `${ZENDESK}/agent/tickets/7` }],
			paginationToken: undefined,
		});
		scope.done();
	});

	it('searches requesters by name or email', async () => {
		const scope = zendesk()
			.get('/api/v2/users/search')
			.query({ query: 'jane', page: '1', per_page: '50' })
			.reply(200, { users: [{ id: 100, name: 'Jane', email: 'jane@example.com', role: 'end-user' }], next_page: null });
		await expect(node.methods.listSearch.searchUsers.call(ctx(), 'jane')).resolves.toEqual({
			results: [{ name: 'Jane <jane@example.com>', value: '100', url: `${ZENDESK}/agent/users/100` }],
			paginationToken: undefined,
		});
		scope.done();
	});

	it('offers only agents and admins as assignees', async () => {
		const scope = zendesk()
			.get('/api/v2/users')
			.query({ 'page[size]': '50', 'role[]': ['agent', 'admin'] })
			.reply(200, { users: [{ id: 200, name: 'Agent Smith', email: 'smith@acme.test', role: 'agent' }], meta: { has_more: false } })
			.get('/api/v2/users/search')
			.query(true)
			.reply(200, {
				users: [
					{ id: 100, name: 'Jane', email: 'jane@example.com', role: 'end-user' },
					{ id: 201, name: 'Jane Admin', email: 'ja@acme.test', role: 'admin' },
				],
				next_page: null,
			});
		await expect(node.methods.listSearch.searchAgents.call(ctx())).resolves.toEqual({
			results: [{ name: 'Agent Smith <smith@acme.test>', value: '200', url: `${ZENDESK}/agent/users/200` }],
			paginationToken: undefined,
		});
		const searched = await node.methods.listSearch.searchAgents.call(ctx(), 'jane');
		expect(searched.results.map((r) => r.value)).toEqual(['201']);
		scope.done();
	});
});

describe('custom fields (resourceMapping)', () => {
	const fields = [
		{ id: 1, type: 'subject', title: 'Subject', active: true },
		{ id: 11, type: 'checkbox', title: 'VIP', active: true },
		{ id: 12, type: 'integer', title: 'Seats', active: true },
		{ id: 13, type: 'date', title: 'Renewal', active: true },
		{ id: 14, type: 'tagger', title: 'Plan', active: true, custom_field_options: [{ name: 'Gold', value: 'plan_gold' }] },
		{ id: 15, type: 'multiselect', title: 'Products', active: true, custom_field_options: [{ name: 'Widgets', value: 'p_w' }] },
		{ id: 16, type: 'text', title: 'Retired', active: false },
		{ id: 17, type: 'textarea', title: 'Notes', active: true },
	];

	it('offers one typed input per active custom field', async () => {
		const scope = zendesk()
			.get('/api/v2/ticket_fields')
			.query(true)
			.reply(200, { ticket_fields: fields, meta: { has_more: false } });
		const { fields: columns } = await node.methods.resourceMapping.getCustomFieldColumns.call(ctx({ operation: 'create' }));
		expect(columns.map((c) => [c.id, c.displayName, c.type])).toEqual([
			['11', 'VIP', 'boolean'],
			['12', 'Seats', 'number'],
			['13', 'Renewal', 'dateTime'],
			['14', 'Plan', 'options'],
			['15', 'Products (comma-separated: p_w)', 'string'],
			['17', 'Notes', 'string'],
		]);
		expect(columns[3].options).toEqual([{ name: 'Gold', value: 'plan_gold' }]);
		scope.done();
	});

	it('limits the inputs to the fields of a chosen ticket form', async () => {
		const scope = zendesk()
			.get('/api/v2/ticket_fields')
			.query(true)
			.reply(200, { ticket_fields: fields, meta: { has_more: false } })
			.get('/api/v2/ticket_forms/8')
			.reply(200, { ticket_form: { id: 8, ticket_field_ids: [1, 12, 14] } });
		const { fields: columns } = await node.methods.resourceMapping.getCustomFieldColumns.call(
			ctx({ operation: 'create', customFieldsForm: 8 }),
		);
		expect(columns.map((c) => c.id)).toEqual(['12', '14']);
		scope.done();
	});

	it('converts mapped values to each field type on create', async () => {
		let body: { ticket: { custom_fields: unknown } } | undefined;
		const scope = zendesk()
			.get('/api/v2/ticket_fields')
			.query(true)
			.reply(200, { ticket_fields: fields, meta: { has_more: false } })
			.post('/api/v2/tickets', (b) => ((body = b), true))
			.reply(201, { ticket: { id: 1 } });
		const { error } = await runNode({
			parameters: {
				operation: 'create',
				subject: 'S',
				description: 'D',
				customFieldValues: {
					mappingMode: 'defineBelow',
					value: { '11': true, '12': 4, '13': '2027-01-31T00:00:00.000Z', '14': 'plan_gold', '15': 'Widgets', '17': null },
				},
			},
		});
		expect(error).toBeUndefined();
		expect(body?.ticket.custom_fields).toEqual([
			{ id: 11, value: true },
			{ id: 12, value: 4 },
			{ id: 13, value: '2027-01-31' },
			{ id: 14, value: 'plan_gold' },
			{ id: 15, value: ['p_w'] },
		]);
		scope.done();
	});
});
