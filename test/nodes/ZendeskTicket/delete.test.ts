import { runNode } from '../../harness/run';
import { ZENDESK, zendesk } from '../../harness/zendesk';

const job = (id: string, status: string, extra = {}) => ({
	job_status: {
		id,
		url: `${ZENDESK}/api/v2/job_statuses/${id}.json`,
		status,
		total: 0,
		progress: 0,
		message: null,
		results: null,
		...extra,
	},
});

describe('delete', () => {
	it('deletes one ticket', async () => {
		const scope = zendesk().delete('/api/v2/tickets/5').reply(204);
		const { output } = await runNode({ parameters: { operation: 'delete', ticketId: '5' } });
		expect(output).toEqual([{ json: { id: 5, deleted: true }, pairedItem: { item: 0 } }]);
		scope.done();
	});

	it('deletes 250 ids with 3 destroy_many jobs and polls each until done', async () => {
		const asked: string[] = [];
		let jobs = 0;
		const scope = zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query(true)
			.times(3)
			.reply((uri) => {
				asked.push(new URL(uri, ZENDESK).searchParams.get('ids')!);
				jobs += 1;
				return [200, job(`j${jobs}`, 'queued')];
			})
			// all running jobs are polled together
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'j1,j2,j3' })
			.reply(200, { job_statuses: ['j1', 'j2', 'j3'].map((id) => job(id, 'working').job_status) })
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'j1,j2,j3' })
			.reply(200, { job_statuses: ['j1', 'j2', 'j3'].map((id) => job(id, 'completed').job_status) });
		const ids = Array.from({ length: 250 }, (_, i) => i + 1);
		const { json, error } = await runNode({ parameters: { operation: 'delete', ticketId: ids.join(',') } });
		expect(error).toBeUndefined();
		expect(asked.map((a) => a.split(',').length)).toEqual([100, 100, 50]);
		expect(json).toEqual(ids.map((id) => ({ id, deleted: true })));
		scope.done();
	});

	it('gives each input item its own deleted ids', async () => {
		const scope = zendesk().delete('/api/v2/tickets/destroy_many').query({ ids: '1,2,3' }).reply(200, job('j1', 'completed'));
		const { output } = await runNode({
			parameters: { operation: 'delete', ticketId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: '2,3' }],
		});
		expect(output).toEqual([
			{ json: { id: 1, deleted: true }, pairedItem: { item: 0 } },
			{ json: { id: 2, deleted: true }, pairedItem: { item: 1 } },
			{ json: { id: 3, deleted: true }, pairedItem: { item: 1 } },
		]);
		scope.done();
	});

	it('makes a ticket the job could not delete an error of its item only', async () => {
		const scope = zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '1,2,3' })
			.reply(200, job('j5', 'queued'))
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'j5' })
			.reply(200, {
				job_statuses: [
					job('j5', 'completed', {
						results: [
							{ id: 1, action: 'delete', success: true },
							{ id: 2, error: 'RecordNotFound', details: 'Ticket not found', success: false },
							{ id: 3, action: 'delete', success: true },
						],
					}).job_status,
				],
			});
		const { output } = await runNode({
			parameters: { operation: 'delete', ticketId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }, { id: 3 }],
			continueOnFail: true,
		});
		expect(output).toEqual([
			{ json: { id: 1, deleted: true }, pairedItem: { item: 0 } },
			{
				json: {
					error:
						"Ticket 2: Zendesk found no such record (RecordNotFound: Ticket not found): check the ID, and that the credential's Zendesk account can see it",
				},
				pairedItem: { item: 1 },
			},
			{ json: { id: 3, deleted: true }, pairedItem: { item: 2 } },
		]);
		scope.done();
	});

	it('reports a failed job as an error of the items it served', async () => {
		const scope = zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '1,2' })
			.reply(200, job('j9', 'queued'))
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'j9' })
			.reply(200, { job_statuses: [job('j9', 'failed', { message: 'Permission denied' }).job_status] });
		const { output } = await runNode({
			parameters: { operation: 'delete', ticketId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});
		expect(output).toEqual([
			{
				json: {
					error:
						"Deleting tickets: Zendesk's job failed (Permission denied): check in Zendesk which tickets it changed before running these items again",
					description: 'Permission denied',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error:
						"Deleting tickets: Zendesk's job failed (Permission denied): check in Zendesk which tickets it changed before running these items again",
					description: 'Permission denied',
				},
				pairedItem: { item: 1 },
			},
		]);
		scope.done();
	});
});
