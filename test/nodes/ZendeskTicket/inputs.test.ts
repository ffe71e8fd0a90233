import nock from 'nock';

import { recorded, zendesk } from '../../harness/zendesk';
import { runNode } from '../../harness/run';

afterEach(() => nock.cleanAll());

describe('input data cannot retarget or garble a request', () => {
	it('an "id" in Other Fields (JSON) is refused; the chosen ticket is never replaced', async () => {
		const from = recorded.length;
		const scope = zendesk()
			.put('/api/v2/tickets/update_many')
			.reply(200, { job_status: { id: 'J', status: 'completed', results: [] } });
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '={{ $json.id }}', updateFields: { jsonFields: '={{ $json.other }}' } },
			items: [
				{ id: 1, other: '{"id": 999, "status": "solved"}' },
				{ id: 2, other: { id: 998, priority: 'high' } },
			],
			continueOnFail: true,
		});
		expect(result.json).toEqual([
			{
				error: 'Other Fields (JSON): "id" cannot be set here; the ticket is the one chosen in Ticket ID',
				description: 'Fix the "Other Fields (JSON)" value of input item 0. No request was sent for this item.',
			},
			{
				error: 'Other Fields (JSON): "id" cannot be set here; the ticket is the one chosen in Ticket ID',
				description: 'Fix the "Other Fields (JSON)" value of input item 1. No request was sent for this item.',
			},
		]);
		expect(recorded.slice(from)).toEqual([]);
		expect(scope.isDone()).toBe(false);
	});

	it.each([
		[
			'Subject',
			{ subject: '={{ $json.v }}' },
			{ a: 1 },
			'Subject: is an object, not text: map a single text value (e.g. {{ $json.subject }})',
		],
		[
			'Subject',
			{ subject: '={{ $json.v }}' },
			['a', 'b'],
			'Subject: is a list, not text: map a single text value (e.g. {{ $json.subject }})',
		],
		[
			'Description',
			{ description: '={{ $json.v }}' },
			{ text: 'hi' },
			'Description: is an object, not text: map a single text value (e.g. {{ $json.subject }})',
		],
		[
			'External ID',
			{ additionalFields: { externalId: '={{ $json.v }}' } },
			{ id: 5 },
			'External ID: is an object, not text: map a single text value (e.g. {{ $json.subject }})',
		],
		[
			'Tags',
			{ additionalFields: { tags: '={{ $json.v }}' } },
			{ vip: true },
			'Tags: is an object, not text: map a single text value (e.g. {{ $json.subject }})',
		],
		[
			'a tag in a list',
			{ additionalFields: { tags: '={{ $json.v }}' } },
			['ok', { bad: 1 }],
			'Tags: is an object, not text: map a single text value (e.g. {{ $json.subject }})',
		],
	])('%s given an object or list is refused and nothing is sent', async (_name, fields, value, message) => {
		const from = recorded.length;
		const result = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', ...fields },
			items: [{ v: value }],
			continueOnFail: true,
		});
		expect(result.json).toEqual([{ error: message, description: expect.stringContaining('No request was sent for this item.') }]);
		expect(recorded.slice(from)).toEqual([]);
	});

	it('a list of tags is still taken as a list', async () => {
		let body: unknown;
		zendesk()
			.post('/api/v2/tickets', (b) => ((body = b), true))
			.reply(201, { ticket: { id: 1 } });
		const result = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', additionalFields: { tags: '={{ $json.v }}' } },
			items: [{ v: ['vip', ' urgent '] }],
		});
		expect(result.error).toBeUndefined();
		expect(body).toEqual({ ticket: { subject: 'S', comment: { body: 'D', public: true }, tags: ['vip', 'urgent'] } });
	});
});
