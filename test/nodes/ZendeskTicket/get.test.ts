import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';

describe('get', () => {
	it('gets one ticket', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/5')
			.reply(200, { ticket: ticket(5) });
		const { output } = await runNode({ parameters: { operation: 'get', ticketId: '5' } });
		expect(output).toEqual([{ json: ticket(5), pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('gets several ids with show_many, in the order asked for', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/show_many')
			.query({ ids: '3,1,2' })
			.reply(200, { tickets: [ticket(1), ticket(2), ticket(3)] });
		const { output } = await runNode({ parameters: { operation: 'get', ticketId: '3, 1,2' } });
		expect(output.map((o) => [o.json.id, o.pairedItem])).toEqual([
			[3, { item: 0 }],
			[1, { item: 0 }],
			[2, { item: 0 }],
		]);
		scope.done();
	});

	it('takes an array from an expression and batches ids of all items together', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/show_many')
			.query({ ids: '1,2,3' })
			.reply(200, { tickets: [ticket(3), ticket(2), ticket(1)] });
		const { output } = await runNode({
			parameters: { operation: 'get', ticketId: '={{ $json.ids }}' },
			items: [{ ids: [1, 2] }, { ids: [3] }],
		});
		expect(output.map((o) => [o.json.id, o.pairedItem])).toEqual([
			[1, { item: 0 }],
			[2, { item: 0 }],
			[3, { item: 1 }],
		]);
		scope.done();
	});

	it('makes a missing id an error of its item, never dropping it silently', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/show_many')
			.query({ ids: '1,404,2' })
			.reply(200, { tickets: [ticket(1), ticket(2)] });
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '={{ $json.ids }}' },
			items: [{ ids: '1,404' }, { ids: '2' }],
			continueOnFail: true,
		});
		expect(result.output.map((o) => [o.json.id ?? o.json.error, o.pairedItem])).toEqual([
			[1, { item: 0 }],
			['Ticket 404 not found', { item: 0 }],
			[2, { item: 1 }],
		]);
		scope.done();
	});

	it('fails the run on a missing id without continue-on-fail', async () => {
		const scope = zendesk().get('/api/v2/tickets/404').reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const { error } = await runNode({ parameters: { operation: 'get', ticketId: '404' } });
		expect(error?.message).toBe(
			"Ticket 404: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it",
		);
		expect(error?.description).toBe('Not found');
		scope.done();
	});

	it('fetches 250 ids with 3 show_many requests', async () => {
		const asked: string[] = [];
		const scope = zendesk()
			.get('/api/v2/tickets/show_many')
			.query(true)
			.times(3)
			.reply((uri) => {
				const ids = new URL(uri, 'https://x').searchParams.get('ids')!;
				asked.push(ids);
				return [
					200,
					{
						tickets: ids
							.split(',')
							.reverse()
							.map((id) => ticket(Number(id))),
					},
				];
			});
		const ids = Array.from({ length: 250 }, (_, i) => i + 1);
		const { json } = await runNode({ parameters: { operation: 'get', ticketId: ids.join(',') } });
		expect(asked.map((a) => a.split(',').length)).toEqual([100, 100, 50]);
		expect(asked[0].split(',')[0]).toBe('1');
		expect(json.map((t) => t.id)).toEqual(ids);
		scope.done();
	});

	it('side-loads users, groups and organizations onto each ticket', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/5')
			.query({ include: 'users,groups,organizations' })
			.reply(200, {
				ticket: ticket(5, { organization_id: 400 }),
				users: [
					{ id: 100, name: 'Requester' },
					{ id: 200, name: 'Agent' },
				],
				groups: [{ id: 300, name: 'Support' }],
				organizations: [{ id: 400, name: 'Acme Inc' }],
			});
		const { json } = await runNode({
			parameters: { operation: 'get', ticketId: '5', options: { include: ['users', 'groups', 'organizations'] } },
		});
		expect(json[0]).toMatchObject({
			requester: { id: 100, name: 'Requester' },
			assignee: { id: 200, name: 'Agent' },
			group: { id: 300, name: 'Support' },
			organization: { id: 400, name: 'Acme Inc' },
		});
		expect(json[0].submitter).toBeUndefined();
		scope.done();
	});

	it('refuses malformed ids per item without sending them', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) });
		const { output } = await runNode({
			parameters: { operation: 'get', ticketId: '={{ $json.id }}' },
			items: [{ id: 'abc' }, { id: -3 }, { id: 7 }, { id: '1.5' }, { id: '' }, { id: 0 }],
			continueOnFail: true,
		});
		expect(output.map((o) => [o.json.id ?? o.json.error, o.pairedItem])).toEqual([
			['Ticket IDs: "abc" is not a ticket ID (a positive whole number)', { item: 0 }],
			['Ticket IDs: "-3" is not a ticket ID (a positive whole number)', { item: 1 }],
			[7, { item: 2 }],
			['Ticket IDs: "1.5" is not a ticket ID (a positive whole number)', { item: 3 }],
			['Ticket IDs: no ticket ID was given', { item: 4 }],
			['Ticket IDs: "0" is not a ticket ID (a positive whole number)', { item: 5 }],
		]);
		scope.done();
	});
});
