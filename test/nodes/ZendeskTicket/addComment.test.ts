import nock from 'nock';

import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

describe('Add Comment', () => {
	it('adds an internal note by default, one PUT per item', async () => {
		const bodies: unknown[] = [];
		const scope = zendesk()
			.put('/api/v2/tickets/7', (b) => (bodies.push(b), true))
			.reply(200, { ticket: ticket(7) })
			.put('/api/v2/tickets/8', (b) => (bodies.push(b), true))
			.reply(200, { ticket: ticket(8) });
		const result = await runNode({
			parameters: { operation: 'addComment', ticketId: '={{ $json.id }}', comment: '={{ $json.text }}' },
			items: [
				{ id: 7, text: 'Customer called' },
				{ id: 8, text: '<b>Refund</b> approved' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{ ticket: { comment: { body: 'Customer called', public: false } } },
			{ ticket: { comment: { body: '<b>Refund</b> approved', public: false } } },
		]);
		expect(result.output.map((o) => [o.json.id, o.pairedItem])).toEqual([
			[7, { item: 0 }],
			[8, { item: 1 }],
		]);
		scope.done();
	});

	it('sends a public reply only when chosen, as HTML when asked', async () => {
		let body: unknown;
		zendesk()
			.put('/api/v2/tickets/7', (b) => ((body = b), true))
			.reply(200, { ticket: ticket(7) });
		await runNode({
			parameters: {
				operation: 'addComment',
				ticketId: '7',
				comment: '<p>Shipped today</p>',
				commentVisibility: 'public',
				options: { commentFormat: 'html' },
			},
		});
		expect(body).toEqual({ ticket: { comment: { html_body: '<p>Shipped today</p>', public: true } } });
	});

	it('is never repeated after a reset, and says how to check', async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/7')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.put('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) });
		const result = await runNode({ parameters: { operation: 'addComment', ticketId: '7', comment: 'Hi' }, continueOnFail: true });
		expect(scope.pendingMocks()).toHaveLength(1);
		expect(String(result.json[0].description)).toMatch(/^Zendesk may have posted the comment before the connection broke/);
	});

	it('as the end user, goes through PUT /requests/{id} with X-On-Behalf-Of', async () => {
		let body: unknown;
		zendesk()
			.put('/api/v2/requests/7', (b) => ((body = b), true))
			.matchHeader('x-on-behalf-of', 'carl@customer.test')
			.reply(200, { request: { id: 7, status: 'open' } });
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				operation: 'addComment',
				ticketId: '7',
				comment: 'Any news?',
				commentVisibility: 'public',
				requestOptions: { onBehalfOf: 'carl@customer.test' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(body).toEqual({ request: { comment: { body: 'Any news?' } } });
	});
});
