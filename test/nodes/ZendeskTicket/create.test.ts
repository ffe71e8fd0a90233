import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';

const FIELDS = [
	{ id: 11, type: 'text', title: 'Order number', active: true },
	{ id: 12, type: 'checkbox', title: 'VIP', active: true },
	{ id: 13, type: 'integer', title: 'Seats', active: true },
	{ id: 14, type: 'decimal', title: 'Amount', active: true },
	{ id: 15, type: 'date', title: 'Renewal', active: true },
	{
		id: 16,
		type: 'tagger',
		title: 'Plan',
		active: true,
		custom_field_options: [
			{ name: 'Gold plan', value: 'plan_gold' },
			{ name: 'Free', value: 'plan_free' },
		],
	},
	{
		id: 17,
		type: 'multiselect',
		title: 'Products',
		active: true,
		custom_field_options: [
			{ name: 'Widgets', value: 'p_widgets' },
			{ name: 'Gadgets', value: 'p_gadgets' },
		],
	},
];

describe('create', () => {
	it('creates a ticket with subject and a public plain-text description', async () => {
		let body: unknown;
		const scope = zendesk()
			.post('/api/v2/tickets', (b) => ((body = b), true))
			.matchHeader('content-type', /application\/json/)
			.reply(201, { ticket: ticket(1, { subject: 'Printer on fire' }) });
		const { output, error } = await runNode({
			parameters: { operation: 'create', subject: 'Printer on fire', description: 'Smoke everywhere' },
		});
		expect(error).toBeUndefined();
		expect(body).toEqual({ ticket: { subject: 'Printer on fire', comment: { body: 'Smoke everywhere', public: true } } });
		expect(output).toEqual([{ json: ticket(1, { subject: 'Printer on fire' }), pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('maps every additional field to Zendesk words', async () => {
		let body: unknown;
		const scope = zendesk()
			.post('/api/v2/tickets', (b) => ((body = b), true))
			.reply(201, { ticket: ticket(2) });
		const { error } = await runNode({
			parameters: {
				operation: 'create',
				subject: 'Refund',
				description: '<p>Please <b>refund</b></p>',
				additionalFields: {
					descriptionFormat: 'html',
					publicDescription: false,
					priority: 'high',
					status: 'pending',
					customStatusId: '901',
					type: 'task',
					tags: 'billing, vip ,',
					requesterEmail: 'jane@example.com',
					requesterName: 'Jane Doe',
					assigneeEmail: 'agent@acme.test',
					groupId: 300,
					organizationId: '400',
					emailCcs: 'cc@example.com, 501',
					followers: 'boss@acme.test',
					dueAt: '2026-12-01T12:00:00.000Z',
					externalId: 'shop-1042',
					brandId: 7,
					ticketFormId: 8,
				},
			},
		});
		expect(error).toBeUndefined();
		expect(body).toEqual({
			ticket: {
				subject: 'Refund',
				comment: { html_body: '<p>Please <b>refund</b></p>', public: false },
				priority: 'high',
				status: 'pending',
				custom_status_id: 901,
				type: 'task',
				tags: ['billing', 'vip'],
				requester: { email: 'jane@example.com', name: 'Jane Doe' },
				assignee_email: 'agent@acme.test',
				group_id: 300,
				organization_id: 400,
				email_ccs: [
					{ user_email: 'cc@example.com', action: 'put' },
					{ user_id: 501, action: 'put' },
				],
				followers: [{ user_email: 'boss@acme.test', action: 'put' }],
				due_at: '2026-12-01T12:00:00.000Z',
				external_id: 'shop-1042',
				brand_id: 7,
				ticket_form_id: 8,
			},
		});
		scope.done();
	});

	it('converts custom field values to each field type', async () => {
		let body: { ticket: { custom_fields: unknown } } | undefined;
		const scope = zendesk()
			.get('/api/v2/ticket_fields')
			.query({ 'page[size]': '100' })
			.reply(200, { ticket_fields: FIELDS, meta: { has_more: false } })
			.post('/api/v2/tickets', (b) => ((body = b), true))
			.reply(201, { ticket: ticket(3) });
		const { error } = await runNode({
			parameters: {
				operation: 'create',
				subject: 'S',
				description: 'D',
				additionalFields: {
					customFields: {
						field: [
							{ fieldId: 11, value: 'A-1' },
							{ fieldId: 12, value: 'yes' },
							{ fieldId: 13, value: '12' },
							{ fieldId: 14, value: '9.5' },
							{ fieldId: 15, value: '2027-01-31' },
							{ fieldId: 16, value: 'Gold plan' },
							{ fieldId: 17, value: 'p_widgets, Gadgets' },
							{ fieldId: 11, value: '' },
						],
					},
				},
			},
		});
		expect(error).toBeUndefined();
		expect(body?.ticket.custom_fields).toEqual([
			{ id: 11, value: 'A-1' },
			{ id: 12, value: true },
			{ id: 13, value: 12 },
			{ id: 14, value: 9.5 },
			{ id: 15, value: '2027-01-31' },
			{ id: 16, value: 'plan_gold' },
			{ id: 17, value: ['p_widgets', 'p_gadgets'] },
			{ id: 11, value: null },
		]);
		scope.done();
	});

	it('reads the ticket fields once for many items', async () => {
		const scope = zendesk()
			.get('/api/v2/ticket_fields')
			.query(true)
			.once()
			.reply(200, { ticket_fields: FIELDS, meta: { has_more: false } })
			.post('/api/v2/tickets')
			.times(3)
			.reply(201, (_uri, b) => ({
				ticket: ticket(10, { custom_fields: (b as { ticket: { custom_fields: unknown } }).ticket.custom_fields }),
			}));
		const { json, error } = await runNode({
			parameters: {
				operation: 'create',
				subject: 'S',
				description: 'D',
				additionalFields: { customFields: { field: [{ fieldId: 13, value: '={{ $json.seats }}' }] } },
				requestOptions: { batching: false },
			},
			items: [{ seats: 1 }, { seats: 2 }, { seats: 3 }],
		});
		expect(error).toBeUndefined();
		expect(json.map((t) => t.custom_fields)).toEqual([[{ id: 13, value: 1 }], [{ id: 13, value: 2 }], [{ id: 13, value: 3 }]]);
		scope.done();
	});

	it('refuses a custom field value of the wrong type without sending the ticket', async () => {
		const scope = zendesk()
			.get('/api/v2/ticket_fields')
			.query(true)
			.reply(200, { ticket_fields: FIELDS, meta: { has_more: false } });
		const { error } = await runNode({
			parameters: {
				operation: 'create',
				subject: 'S',
				description: 'D',
				additionalFields: { customFields: { field: [{ fieldId: 13, value: 'twelve' }] } },
			},
		});
		expect(error?.message).toBe('Custom field "Seats" (13): "twelve" is not a whole number');
		scope.done();
	});

	it('returns the simplified ticket when asked', async () => {
		const full: Record<string, unknown> = ticket(4, { via: { channel: 'api' }, satisfaction_rating: null });
		const scope = zendesk().post('/api/v2/tickets').reply(201, { ticket: full });
		const { json } = await runNode({ parameters: { operation: 'create', subject: 'S', description: 'D', simplify: true } });
		// Simplify keeps the fields most workflows use: of this ticket, all but its URL, custom fields, channel and rating.
		const { url: _url, custom_fields: _customFields, via: _via, satisfaction_rating: _rating, ...kept } = full;
		expect(json).toEqual([kept]);
		scope.done();
	});

	it('keeps emoji and right-to-left text intact', async () => {
		let body: { ticket: { subject: string; comment: { body: string } } } | undefined;
		const subject = 'طلب استرداد 🚀 — naïve café';
		const description = 'שלום 👋🏽 עולם\nline two';
		const scope = zendesk()
			.post('/api/v2/tickets', (b) => ((body = b), true))
			.reply(201, (_u, b) => ({ ticket: ticket(5, { subject: (b as typeof body)!.ticket.subject }) }));
		const { json } = await runNode({ parameters: { operation: 'create', subject, description } });
		expect(body?.ticket.subject).toBe(subject);
		expect(body?.ticket.comment.body).toBe(description);
		expect(json[0].subject).toBe(subject);
		scope.done();
	});
});
