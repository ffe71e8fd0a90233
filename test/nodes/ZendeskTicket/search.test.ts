import { runNode } from '../../harness/run';
import { ZENDESK, cursorPaged, ticket, zendesk } from '../../harness/zendesk';

function searchResults(total: number) {
	const asked: Array<Record<string, string>> = [];
	const scope = zendesk()
		.get('/api/v2/search')
		.query(true)
		.times(Infinity)
		.reply((uri) => {
			const q = Object.fromEntries(new URL(uri, ZENDESK).searchParams);
			asked.push(q);
			const page = Number(q.page);
			const per = Number(q.per_page);
			if (page * per > 1000 + per)
				return [422, { error: 'invalid', description: 'Requested response size was greater than Search Response Limits' }];
			const start = (page - 1) * per;
			const end = Math.min(start + per, total, 1000);
			return [
				200,
				{
					results: Array.from({ length: Math.max(end - start, 0) }, (_, k) => ({ ...ticket(start + k + 1), result_type: 'ticket' })),
					count: total,
					next_page: end < Math.min(total, 1000) ? `${ZENDESK}/api/v2/search.json?page=${page + 1}` : null,
					previous_page: null,
				},
			];
		});
	return { scope, asked };
}

describe('search', () => {
	it('adds type:ticket and the filters to the query', async () => {
		const { scope, asked } = searchResults(3);
		const { json } = await runNode({
			parameters: {
				operation: 'search',
				query: 'refund "broken screen"',
				limit: 10,
				filters: {
					status: ['open', 'pending'],
					priority: ['urgent'],
					ticketType: ['incident'],
					tags: 'vip, big deal',
					assignee: 'me',
					requester: 'jane@example.com',
					group: 'Tier 2',
					createdAfter: '2026-01-01T00:00:00',
					updatedBefore: '2026-11-01T00:00:00',
				},
				options: { sortBy: 'updated_at', sortOrder: 'asc' },
			},
		});
		expect(asked).toEqual([
			{
				query:
					'type:ticket refund "broken screen" status:open status:pending priority:urgent ticket_type:incident tags:vip tags:"big deal" assignee:me requester:jane@example.com group:"Tier 2" created>2026-01-01 updated<2026-11-01',
				page: '1',
				per_page: '10',
				sort_by: 'updated_at',
				sort_order: 'asc',
			},
		]);
		expect(json).toHaveLength(3);
		scope.persist(false);
	});

	it('pages through /search for a limit under 1,000', async () => {
		const { scope, asked } = searchResults(600);
		const { json } = await runNode({ parameters: { operation: 'search', query: 'status:open', limit: 250 } });
		expect(json).toHaveLength(250);
		expect(asked.map((q) => [q.page, q.per_page])).toEqual([
			['1', '100'],
			['2', '100'],
			['3', '100'],
		]);
		scope.persist(false);
	});

	it('returns all 2,500 matches by switching to /search/export past 1,000', async () => {
		const { scope, asked } = searchResults(2500);
		const seen: Array<Record<string, string>> = [];
		const exportScope = cursorPaged(
			zendesk(),
			'/api/v2/search/export',
			'results',
			2500,
			(i) => ({ id: i + 1, result_type: 'ticket' }),
			seen,
			1000,
		);
		const { json, error } = await runNode({ parameters: { operation: 'search', query: 'type:ticket status:open', returnAll: true } });
		expect(error).toBeUndefined();
		expect(json).toHaveLength(2500);
		expect(new Set(json.map((t) => t.id)).size).toBe(2500);
		expect(asked).toHaveLength(1);
		// Pages of 1,000 (Zendesk's largest) while the account answers quickly: 3 pages, not 25 of 100.
		expect(seen[0]).toEqual({ query: 'status:open', 'filter[type]': 'ticket', 'page[size]': '1000' });
		expect(seen).toHaveLength(3);
		scope.persist(false);
		exportScope.persist(false);
	});

	it('stays on /search when returnAll matches fewer than 1,000', async () => {
		const { scope, asked } = searchResults(230);
		const { json } = await runNode({ parameters: { operation: 'search', query: 'x', returnAll: true } });
		expect(json).toHaveLength(230);
		expect(asked).toHaveLength(3);
		scope.persist(false);
	});

	it('refuses an empty query with no filters, and bad filter values from expressions', async () => {
		const { output } = await runNode({
			parameters: { operation: 'search', query: '={{ $json.q }}', filters: { status: '={{ $json.s }}' } },
			items: [
				{ q: '   ', s: [] },
				{ q: '', s: ['opened'] },
			],
			continueOnFail: true,
		});
		expect(output.map((o) => o.json.error)).toEqual([
			'Query: is empty: enter a search query or at least one filter',
			'Status: "opened" is not one of new, open, pending, hold, solved, closed',
		]);
	});
});
