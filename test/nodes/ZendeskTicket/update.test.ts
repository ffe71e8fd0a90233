import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';

function captureUpdate(id: number) {
	const bodies: unknown[] = [];
	const scope = zendesk()
		.put(`/api/v2/tickets/${id}`, (b) => (bodies.push(b), true))
		.reply(200, { ticket: ticket(id, { status: 'solved' }), audit: { id: 1 } });
	return { scope, bodies };
}

describe('update', () => {
	it('changes subject, status, priority and type', async () => {
		const { scope, bodies } = captureUpdate(12);
		const { output, error } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '12',
				updateFields: { subject: 'New subject', status: 'solved', priority: 'low', type: 'incident', problemId: '99' },
			},
		});
		expect(error).toBeUndefined();
		expect(bodies).toEqual([{ ticket: { subject: 'New subject', status: 'solved', priority: 'low', type: 'incident', problem_id: 99 } }]);
		expect(output).toEqual([{ json: ticket(12, { status: 'solved' }), pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('adds a public reply by default', async () => {
		const { scope, bodies } = captureUpdate(12);
		await runNode({
			parameters: { operation: 'update', ticketId: '12', updateFields: { comment: 'We are on it', commentVisibility: 'public' } },
		});
		expect(bodies).toEqual([{ ticket: { comment: { body: 'We are on it', public: true } } }]);
		scope.done();
	});

	it('adds an internal note in HTML', async () => {
		const { scope, bodies } = captureUpdate(12);
		await runNode({
			parameters: {
				operation: 'update',
				ticketId: '12',
				updateFields: { comment: '<i>check logs</i>', commentFormat: 'html', commentVisibility: 'internal' },
			},
		});
		expect(bodies).toEqual([{ ticket: { comment: { html_body: '<i>check logs</i>', public: false } } }]);
		scope.done();
	});

	it('adds and removes tags without touching the others', async () => {
		const { scope, bodies } = captureUpdate(12);
		await runNode({
			parameters: { operation: 'update', ticketId: '12', updateFields: { addTags: 'vip, escalated', removeTags: 'new' } },
		});
		expect(bodies).toEqual([{ ticket: { additional_tags: ['vip', 'escalated'], remove_tags: ['new'] } }]);
		scope.done();
	});

	it('replaces all tags when asked to', async () => {
		const { scope, bodies } = captureUpdate(12);
		await runNode({ parameters: { operation: 'update', ticketId: '12', updateFields: { tags: 'a,b' } } });
		expect(bodies).toEqual([{ ticket: { tags: ['a', 'b'] } }]);
		scope.done();
	});

	it('refuses replace and add/remove together, and an empty update, without a request', async () => {
		const { error, output } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '={{ $json.id }}',
				updateFields: { tags: '={{ $json.tags }}', addTags: '={{ $json.add }}' },
			},
			items: [
				{ id: 1, tags: 'a', add: 'b' },
				{ id: 2, tags: '', add: '' },
			],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => [o.json.error, o.pairedItem])).toEqual([
			['Tags: choose either "Tags (Replace All)" or "Add Tags"/"Remove Tags", not both', { item: 0 }],
			['Update Fields: nothing to update: add at least one field', { item: 1 }],
		]);
	});

	it('updates requester, assignee, group and followers', async () => {
		const { scope, bodies } = captureUpdate(12);
		await runNode({
			parameters: {
				operation: 'update',
				ticketId: 12,
				updateFields: { requesterId: '100', assigneeId: '200', groupId: '300', followers: '201, agent@acme.test' },
			},
		});
		expect(bodies).toEqual([
			{
				ticket: {
					requester_id: 100,
					assignee_id: 200,
					group_id: 300,
					followers: [
						{ user_id: 201, action: 'put' },
						{ user_email: 'agent@acme.test', action: 'put' },
					],
				},
			},
		]);
		scope.done();
	});
});

describe('ticket resource locator', () => {
	it.each([
		['list', '12'],
		['id', ' 12 '],
		['url', 'https://acme.zendesk.com/agent/tickets/12'],
	])('takes the ticket %s mode', async (mode, value) => {
		const { scope, bodies } = captureUpdate(12);
		const { error } = await runNode({
			parameters: { operation: 'update', ticketId: { __rl: true, mode, value }, updateFields: { status: 'open' } },
		});
		expect(error).toBeUndefined();
		expect(bodies).toHaveLength(1);
		scope.done();
	});

	it('takes requester and assignee picked from the user lists', async () => {
		const { scope, bodies } = captureUpdate(12);
		await runNode({
			parameters: {
				operation: 'update',
				ticketId: { __rl: true, mode: 'id', value: '12' },
				updateFields: {
					requesterId: { __rl: true, mode: 'list', value: '100' },
					assigneeId: { __rl: true, mode: 'id', value: '200' },
				},
			},
		});
		expect(bodies).toEqual([{ ticket: { requester_id: 100, assignee_id: 200 } }]);
		scope.done();
	});
});
