import { runNode } from '../../harness/run';
import { cursorPaged, ticket, zendesk } from '../../harness/zendesk';

describe('getAll', () => {
	it('returns exactly 250 with limit 250, in pages of 100', async () => {
		const seen: Array<Record<string, string>> = [];
		const scope = cursorPaged(zendesk(), '/api/v2/tickets', 'tickets', 1000, (i) => ticket(i + 1), seen);
		const { output } = await runNode({ parameters: { operation: 'getAll', limit: 250 } });
		expect(output).toHaveLength(250);
		expect(output[249]).toEqual({ json: ticket(250), pairedItem: { item: 0 } });
		expect(seen).toEqual([
			{ 'page[size]': '100' },
			{ 'page[size]': '100', 'page[after]': 'c100' },
			{ 'page[size]': '50', 'page[after]': 'c200' },
		]);
		scope.persist(false);
	});

	// Just past offset paging's 10,000-record ceiling: what it proves needs no more (a busy CI machine pays for every page).
	it('lists all 10,050 tickets with returnAll, beyond the 10,000 offset limit', async () => {
		const seen: Array<Record<string, string>> = [];
		const scope = cursorPaged(zendesk(), '/api/v2/tickets', 'tickets', 10050, (i) => ({ id: i + 1 }), seen);
		const { json, error } = await runNode({ parameters: { operation: 'getAll', returnAll: true } });
		expect(error).toBeUndefined();
		expect(json).toHaveLength(10050);
		expect(json[10049]).toEqual({ id: 10050 });
		expect(new Set(json.map((t) => t.id)).size).toBe(10050);
		expect(seen).toHaveLength(101);
		expect(seen.every((q) => q['page[size]'] === '100')).toBe(true);
		scope.persist(false);
	}, 180_000);

	it.each([
		['requested', { userId: '100' }, '/api/v2/users/100/tickets/requested'],
		['assigned', { userId: '200' }, '/api/v2/users/200/tickets/assigned'],
		['ccd', { userId: '201' }, '/api/v2/users/201/tickets/ccd'],
		['organization', { organizationId: '400' }, '/api/v2/organizations/400/tickets'],
	])('lists tickets %s', async (listScope, ids, path) => {
		const scope = zendesk()
			.get(path)
			.query({ 'page[size]': '10', sort: '-updated_at' })
			.reply(200, { tickets: [ticket(1)], meta: { has_more: false, after_cursor: null } });
		const { json } = await runNode({
			parameters: {
				operation: 'getAll',
				listScope,
				...ids,
				limit: 10,
				options: { sortBy: 'updated_at', sortOrder: 'desc' },
				simplify: true,
			},
		});
		expect(json).toEqual([expect.objectContaining({ id: 1, subject: 'Ticket 1' })]);
		expect(json[0].url).toBeUndefined();
		scope.done();
	});

	it('filters by external id', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets')
			.query({ 'page[size]': '50', external_id: 'shop-1' })
			.reply(200, { tickets: [ticket(9, { external_id: 'shop-1' })], meta: { has_more: false } });
		const { json } = await runNode({ parameters: { operation: 'getAll', options: { externalId: 'shop-1' } } });
		expect(json.map((t) => t.id)).toEqual([9]);
		scope.done();
	});

	it('refuses a non-numeric user id before sending', async () => {
		const { error } = await runNode({ parameters: { operation: 'getAll', listScope: 'requested', userId: 'jane' } });
		expect(error?.message).toBe('User ID: "jane" is not an ID (a positive whole number)');
	});
});
