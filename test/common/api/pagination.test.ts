import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, ticket, zendesk } from '../../harness/zendesk';
import { captureLogs, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

/** A list endpoint that keeps saying "more" with what `page` returns, counting requests (bounded: 50). */
function endlessList(path: string, property: string, page: (n: number) => { records: unknown[]; cursor: string }) {
	let requests = 0;
	zendesk()
		.get(path)
		.query(true)
		.times(50)
		.reply(() => {
			const { records, cursor } = page(requests++);
			return [
				200,
				{ [property]: records, meta: { has_more: true, after_cursor: cursor }, links: { next: `${ZENDESK}${path}?page[after]=${cursor}` } },
			];
		});
	return () => requests;
}

describe('lists that would never end', () => {
	it('a cursor that comes back again stops the list with a clear error', async () => {
		const requests = endlessList('/api/v2/tickets', 'tickets', (n) => ({ records: [ticket(n + 1)], cursor: n === 0 ? 'c1' : 'c2' }));
		const result = await runNode({ parameters: { operation: 'getAll', returnAll: true }, continueOnFail: true });
		expect(requests()).toBe(3);
		expect(result.json).toEqual([
			{
				error: 'Listing /tickets stopped: Zendesk sent a page cursor it had sent before',
				description:
					'The node stopped after 3 records so that the list cannot run forever. Run it again later; if this repeats, narrow the query or set a limit.',
			},
		]);
		expectPromisesKept(result, 1, logged);
	});

	it('empty pages that always say "more" stop after three', async () => {
		const requests = endlessList('/api/v2/tickets', 'tickets', (n) => ({ records: [], cursor: `c${n}` }));
		const result = await runNode({ parameters: { operation: 'getAll', returnAll: true }, continueOnFail: true });
		expect(requests()).toBe(3);
		expect(result.json[0].error).toBe('Listing /tickets stopped: Zendesk sent 3 pages in a row with nothing new');
	});

	it('pages that repeat the same tickets under new cursors stop too', async () => {
		const requests = endlessList('/api/v2/tickets', 'tickets', (n) => ({ records: [ticket(1), ticket(2)], cursor: `c${n}` }));
		const result = await runNode({ parameters: { operation: 'getAll', returnAll: true }, continueOnFail: true });
		expect(requests()).toBe(4);
		expect(result.json[0].error).toBe('Listing /tickets stopped: Zendesk sent 3 pages in a row with nothing new');
	});

	it('the search export stops on a repeated cursor as well', async () => {
		zendesk()
			.get('/api/v2/search')
			.query(true)
			.reply(200, { results: [ticket(1)], count: 5000, next_page: `${ZENDESK}/api/v2/search?page=2` });
		const requests = endlessList('/api/v2/search/export', 'results', (n) => ({ records: [ticket(n + 10)], cursor: 'same' }));
		const result = await runNode({ parameters: { operation: 'search', query: 'status:open', returnAll: true }, continueOnFail: true });
		expect(requests()).toBe(2);
		expect(result.json[0].error).toBe('Listing /search/export stopped: Zendesk sent a page cursor it had sent before');
	});

	it('a limit that is reached first ends the list normally', async () => {
		endlessList('/api/v2/tickets', 'tickets', (n) => ({ records: [ticket(n + 1)], cursor: 'same' }));
		const result = await runNode({ parameters: { operation: 'getAll', limit: 1 } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([ticket(1)]);
	});
});

describe('offset search pages stay aligned', () => {
	it('a short first page (a match Zendesk counts but does not show) keeps the page size, so no match is skipped', async () => {
		const total = 300;
		const asked: Array<Record<string, string>> = [];
		zendesk()
			.get('/api/v2/search')
			.query(true)
			.times(10)
			.reply((uri) => {
				const q = Object.fromEntries(new URL(uri, ZENDESK).searchParams);
				asked.push(q);
				const [page, perPage] = [Number(q.page), Number(q.per_page)];
				const start = (page - 1) * perPage;
				// Match 3 is counted but not shown (deleted since it was indexed, or not visible to this agent).
				const ids = Array.from({ length: perPage }, (_, k) => start + k + 1).filter((id) => id <= total && id !== 3);
				const next = start + perPage < total ? `${ZENDESK}/api/v2/search.json?page=${page + 1}&per_page=${perPage}` : null;
				return [200, { results: ids.map((id) => ticket(id)), count: total, next_page: next }];
			});
		const result = await runNode({ parameters: { operation: 'search', query: 'status:open', limit: 50 } });
		expect(result.error).toBeUndefined();
		// The first 50 matches that exist: 1, 2, 4 … 51. A page 2 of 100 would have started at match 101.
		expect(result.json.map((j) => j.id)).toEqual([1, 2, ...Array.from({ length: 48 }, (_, k) => k + 4)]);
		expect(asked).toEqual([
			{ query: 'type:ticket status:open', page: '1', per_page: '50' },
			{ query: 'type:ticket status:open', page: '2', per_page: '50' },
		]);
		expect(result.output.every((o) => JSON.stringify(o.pairedItem) === '{"item":0}')).toBe(true);
	});
});
