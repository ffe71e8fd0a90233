import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, cursorPaged, recorded, zendesk } from '../../harness/zendesk';

/** /search answering only the count, so that the node switches to /search/export. */
function searchCount(total: number) {
	return zendesk()
		.get('/api/v2/search')
		.query(true)
		.reply(200, { results: [], count: total, next_page: `${ZENDESK}/api/v2/search.json?page=2`, previous_page: null });
}

const result = (i: number) => ({ id: i + 1, result_type: 'ticket' });
const exportPath = '/api/v2/search/export';
const pageSizes = (seen: Array<Record<string, string>>) => seen.map((q) => q['page[size]']);

afterEach(() => nock.cleanAll());

describe('search export page size', () => {
	it('returns 5,000 results in 6 requests: the count and 5 pages of 1,000', async () => {
		recorded.length = 0;
		searchCount(5000);
		const seen: Array<Record<string, string>> = [];
		cursorPaged(zendesk(), exportPath, 'results', 5000, result, seen, 1000);
		const { json, error } = await runNode({ parameters: { operation: 'search', query: 'status:open', returnAll: true } });
		expect(error).toBeUndefined();
		expect(json).toHaveLength(5000);
		expect(recorded.map((r) => `${r.method} ${decodeURIComponent(r.url)}`)).toEqual([
			`GET ${ZENDESK}/api/v2/search?query=type:ticket status:open&page=1&per_page=100`,
			`GET ${ZENDESK}${exportPath}?query=status:open&filter[type]=ticket&page[size]=1000`,
			...[1000, 2000, 3000, 4000].map(
				(n) => `GET ${ZENDESK}${exportPath}?query=status:open&filter[type]=ticket&page[size]=1000&page[after]=c${n}`,
			),
		]);
	});

	it('repeats a 1,000-page that timed out once at 100, and stays at 100', async () => {
		searchCount(2500);
		const timedOut: Array<Record<string, string>> = [];
		// The first page of 1,000 never answers within the Timeout.
		zendesk()
			.get(exportPath)
			.query((q) => q['page[size]'] === '1000' && (timedOut.push(q as Record<string, string>), true))
			.delay(2_500)
			.reply(200, { results: [], meta: { has_more: false } });
		const seen: Array<Record<string, string>> = [];
		cursorPaged(zendesk(), exportPath, 'results', 2500, result, seen, 1000);
		const { json, error } = await runNode({
			parameters: { operation: 'search', query: 'status:open', returnAll: true, requestOptions: { timeout: 1 } },
		});
		expect(error).toBeUndefined();
		expect(json).toHaveLength(2500);
		expect(timedOut).toHaveLength(1);
		expect(seen[0]).toEqual({ query: 'status:open', 'filter[type]': 'ticket', 'page[size]': '100' });
		expect(pageSizes(seen)).toEqual(Array(25).fill('100'));
	});

	it('falls back to 100 for the rest of the run after a page that took over a quarter of the Timeout', async () => {
		searchCount(2500);
		const seen: Array<Record<string, string>> = [];
		// 1.5 s of an 4 s Timeout: slow by the rule, whatever the machine (its own slowness only adds).
		zendesk()
			.get(exportPath)
			.query((q) => !q['page[after]'] && (seen.push(q as Record<string, string>), true))
			.delay(1_500)
			.reply(200, {
				results: Array.from({ length: 1000 }, (_, i) => result(i)),
				meta: { has_more: true, after_cursor: 'c1000' },
			});
		cursorPaged(zendesk(), exportPath, 'results', 2500, result, seen, 1000);
		const { json, error } = await runNode({
			parameters: { operation: 'search', query: 'status:open', returnAll: true, requestOptions: { timeout: 4 } },
		});
		expect(error).toBeUndefined();
		expect(json).toHaveLength(2500);
		expect(pageSizes(seen)).toEqual(['1000', ...Array(15).fill('100')]);
	});

	it('still stops an export whose cursor comes round again', async () => {
		searchCount(5000);
		const seen: Array<Record<string, string>> = [];
		zendesk()
			.get(exportPath)
			.query((q) => (seen.push(q as Record<string, string>), true))
			.times(10)
			.reply(200, { results: [result(0)], meta: { has_more: true, after_cursor: 'same' } });
		const { error } = await runNode({ parameters: { operation: 'search', query: 'status:open', returnAll: true } });
		expect(error?.message).toContain('Zendesk sent a page cursor it had sent before');
		expect(seen).toHaveLength(2);
	});
});

describe("search export's own rate limit", () => {
	it('holds the next page when the export budget is spent, although the account has plenty, and counts it against Max Rate Limit Wait', async () => {
		searchCount(5000);
		const seen: Array<Record<string, string>> = [];
		zendesk()
			.get(exportPath)
			.query((q) => (seen.push(q as Record<string, string>), true))
			.times(5)
			.reply(
				200,
				{ results: Array.from({ length: 1000 }, (_, i) => result(i)), meta: { has_more: true, after_cursor: 'c1000' } },
				{ 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '690', 'zendesk-ratelimit-search-export': 'total=100; remaining=0; resets=50' },
			);
		const { error } = await runNode({
			parameters: { operation: 'search', query: 'status:open', returnAll: true, requestOptions: { maxRateLimitWait: 5 } },
		});
		expect(error?.message).toMatch(/rate limit/i);
		expect(error?.description ?? error?.message).toMatch(/resets in 50 seconds.*Max Rate Limit Wait/);
		expect(seen).toHaveLength(1);
	});
});
