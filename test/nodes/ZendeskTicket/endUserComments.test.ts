import nock from 'nock';

import { runNode } from '../../harness/run';
import { recorded, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

describe('acting as the end user: Get → Include Comments reads the Requests API', () => {
	it('GET /requests/{id}/comments (sort=-created_at, one page of the limit) with X-On-Behalf-Of; authors from the page', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/requests/40')
			.reply(200, { request: { id: 40, subject: 'Late order', status: 'open', requester_id: 31 } })
			.get('/api/v2/requests/40/comments')
			.query({ sort: '-created_at', 'page[size]': '2' })
			.reply(200, {
				comments: [
					{ id: 3, author_id: 21, public: true, body: '<p>Shipped</p>', plain_body: 'Shipped', created_at: '2026-11-03T10:00:00Z' },
					{
						id: 1,
						author_id: 31,
						public: true,
						body: '<p>Where is it?</p>',
						plain_body: 'Where is it?',
						created_at: '2026-11-01T10:00:00Z',
					},
				],
				users: [
					{ id: 21, name: 'Alice Agent', role: 'agent' },
					{ id: 31, name: 'Carl Customer', role: 'end-user' },
				],
				meta: { has_more: false },
			});
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				operation: 'get',
				ticketId: '40',
				options: { comments: 'all', commentsLimit: 2 },
				requestOptions: { onBehalfOf: 'carl@customer.test' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].comments).toEqual([
			{
				id: 3,
				author_id: 21,
				author: 'Alice Agent',
				author_role: 'agent',
				public: true,
				body: 'Shipped',
				created_at: '2026-11-03T10:00:00Z',
			},
			{
				id: 1,
				author_id: 31,
				author: 'Carl Customer',
				author_role: 'end-user',
				public: true,
				body: 'Where is it?',
				created_at: '2026-11-01T10:00:00Z',
			},
		]);
		const sent = recorded.slice(from);
		expect(sent.map((r) => r.headers['x-on-behalf-of'])).toEqual(['carl@customer.test', 'carl@customer.test']);
	});
});
