import nock from 'nock';

import { runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

const puts = () => recorded.filter((r) => r.method === 'PUT').map((r) => new URL(r.url).pathname);

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('per-endpoint budgets', () => {
	it("holds the 31st update of one ticket within 10 minutes (Zendesk's 30 per ticket) while another ticket's update goes on", async () => {
		const scope = zendesk()
			.put(/\/api\/v2\/tickets\/\d+$/)
			.times(Infinity)
			.reply((uri) => [200, { ticket: ticket(Number(uri.split('/').pop())) }, { 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '690' }]);
		const items = [...Array.from({ length: 31 }, () => ({ id: 1 })), { id: 2 }];
		const { json, error } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '={{ $json.id }}',
				updateFields: { status: 'solved' },
				requestOptions: { batching: false, maxRateLimitWait: 0 },
			},
			items,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(puts()).toEqual([...Array(30).fill('/api/v2/tickets/1'), '/api/v2/tickets/2']);
		expect(json[30].error).toMatch(/rate limit/i);
		expect(json[31]).toMatchObject({ id: 2 });
		scope.persist(false);
	});

	it("reads Update Ticket's own header: a spent update budget holds the next update although the account has plenty", async () => {
		zendesk()
			.put(/\/api\/v2\/tickets\/\d+$/)
			.times(Infinity)
			.reply((uri) => [
				200,
				{ ticket: ticket(Number(uri.split('/').pop())) },
				{ 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '690', 'zendesk-ratelimit-update-ticket': 'total=100; remaining=2; resets=40' },
			]);
		const { json, error } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '={{ $json.id }}',
				updateFields: { status: 'solved' },
				requestOptions: { batching: false, maxRateLimitWait: 5 },
			},
			items: [{ id: 1 }, { id: 2 }, { id: 3 }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(puts()).toEqual(['/api/v2/tickets/1']);
		expect(json[0]).toMatchObject({ id: 1 });
		expect(json[1].error).toMatch(/rate limit/i);
		expect(String(json[1].description ?? json[1].error)).toMatch(/resets in 40 seconds/);
	});
});
