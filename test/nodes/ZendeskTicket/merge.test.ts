import type { IDataObject } from 'n8n-workflow';

import { expectPromisesKept } from '../../harness/invariants';
import { runNode } from '../../harness/run';
import { ZENDESK, recorded, ticket, zendesk } from '../../harness/zendesk';

const job = (id: string, status: string, extra: IDataObject = {}) => ({
	id,
	url: `${ZENDESK}/api/v2/job_statuses/${id}.json`,
	job_type: 'TicketMergeJob',
	status,
	total: 2,
	progress: status === 'completed' ? 2 : 0,
	message: null,
	results: null,
	...extra,
});

const MERGE = { operation: 'merge', ticketId: '7', sourceTicketIds: '5, 6' };
const RULES =
	'Zendesk merges only sources that are not solved or closed, not shared with another account, and (when CCs are off) of the same requester as the target; on Enterprise the agent\'s role needs the "merge tickets" permission.';

/** Zendesk taking the merge as job j1, which the poll finds as `finished`. */
function mergeAccepted(target: number, finished: IDataObject, bodies: unknown[] = []) {
	return zendesk()
		.post(`/api/v2/tickets/${target}/merge`, (body) => (bodies.push(body), true))
		.reply(200, { job_status: job('j1', 'queued') })
		.get('/api/v2/job_statuses/show_many')
		.query({ ids: 'j1' })
		.reply(200, { job_statuses: [finished] });
}

describe('merge', () => {
	it('merges the sources into the target, awaits the job and outputs the target with the merged IDs', async () => {
		const bodies: unknown[] = [];
		const scope = mergeAccepted(7, job('j1', 'completed', { results: { success: true } }), bodies)
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7, { tags: ['vip'] }) });
		const from = recorded.length;
		const result = await runNode({
			parameters: { ...MERGE, targetComment: 'Merged #5 and #6 here', sourceComment: 'Continued in #7' },
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([{ json: { ...ticket(7, { tags: ['vip'] }), merged_ids: [5, 6] }, pairedItem: { item: 0 } }]);
		expect(bodies).toEqual([
			{
				ids: [5, 6],
				target_comment: 'Merged #5 and #6 here',
				source_comment: 'Continued in #7',
				target_comment_is_public: false,
				source_comment_is_public: false,
			},
		]);
		expect(recorded.slice(from).map((r) => `${r.method} ${r.url.slice(ZENDESK.length)}`)).toEqual([
			'POST /api/v2/tickets/7/merge',
			'GET /api/v2/job_statuses/show_many?ids=j1',
			'GET /api/v2/tickets/7',
		]);
		expect(recorded[from].headers['content-type']).toMatch(/^application\/json/);
		scope.done();
	});

	it('sends public comments when asked, no comment keys when none is given, and simplifies the target', async () => {
		const bodies: unknown[] = [];
		const scope = mergeAccepted(7, job('j1', 'completed'), bodies)
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) });
		const result = await runNode({
			parameters: {
				...MERGE,
				sourceTicketIds: '={{ $json.sources }}',
				options: { targetCommentVisibility: 'public', sourceCommentVisibility: 'public' },
				simplify: true,
			},
			items: [{ sources: [6, 5, 6] }],
		});
		expect(bodies).toEqual([{ ids: [6, 5], target_comment_is_public: true, source_comment_is_public: true }]);
		expect(result.json).toEqual([expect.objectContaining({ id: 7, subject: 'Ticket 7', merged_ids: [6, 5] })]);
		expect(result.json[0]).not.toHaveProperty('url');
		scope.done();
	});

	it('refuses bad input by item and field, and sends nothing for it', async () => {
		const bodies: unknown[] = [];
		const scope = mergeAccepted(9, job('j1', 'completed'), bodies)
			.get('/api/v2/tickets/9')
			.reply(200, { ticket: ticket(9) });
		const from = recorded.length;
		const result = await runNode({
			parameters: {
				operation: 'merge',
				ticketId: '={{ $json.target }}',
				sourceTicketIds: '={{ $json.sources }}',
				targetComment: '={{ $json.note }}',
			},
			items: [
				{ target: 7, sources: '5, 7' },
				{ target: 7, sources: '' },
				{ target: 7, sources: '5, x' },
				{ target: '7, 8', sources: '5' },
				{ target: 7, sources: '5', note: { text: 'hi' } },
				{ target: 7, sources: '5', note: 'x'.repeat(65536) },
				{ target: 9, sources: '8', note: '   ' },
			],
			continueOnFail: true,
		});
		expect(result.json).toEqual([
			{
				error: 'Source Ticket IDs: includes the target ticket 7; a ticket cannot be merged into itself',
				description: 'Fix the "Source Ticket IDs" value of input item 0. No request was sent for this item.',
			},
			{
				error: 'Source Ticket IDs: no ticket ID was given',
				description: 'Fix the "Source Ticket IDs" value of input item 1. No request was sent for this item.',
			},
			{
				error: 'Source Ticket IDs: "x" is not a ticket ID (a positive whole number)',
				description: 'Fix the "Source Ticket IDs" value of input item 2. No request was sent for this item.',
			},
			{
				error: 'Target Ticket ID: takes one target ticket; put the others in Source Ticket IDs',
				description: 'Fix the "Target Ticket ID" value of input item 3. No request was sent for this item.',
			},
			{
				error: 'Target Comment: is an object, not text: map a single text value (e.g. {{ $json.subject }})',
				description: 'Fix the "Target Comment" value of input item 4. No request was sent for this item.',
			},
			{
				error: 'Target Comment: is longer than Zendesk accepts (65535 bytes)',
				description: 'Fix the "Target Comment" value of input item 5. No request was sent for this item.',
			},
			{ ...ticket(9), merged_ids: [8] },
		]);
		expect(recorded.slice(from).map((r) => r.url.slice(ZENDESK.length))).toEqual([
			'/api/v2/tickets/9/merge',
			'/api/v2/job_statuses/show_many?ids=j1',
			'/api/v2/tickets/9',
		]);
		// A comment of blanks is no comment.
		expect(bodies).toEqual([{ ids: [8], target_comment_is_public: false, source_comment_is_public: false }]);
		expectPromisesKept(result, 7, [], from);
		scope.done();
	});

	it("reports a failed job with Zendesk's words and the merge rules", async () => {
		const scope = mergeAccepted(7, job('j1', 'failed', { message: 'Ticket 5 is closed and cannot be merged' }));
		const result = await runNode({ parameters: MERGE, continueOnFail: true });
		expect(result.output).toEqual([
			{
				json: {
					error:
						"Zendesk's merge into ticket 7 failed (Ticket 5 is closed and cannot be merged): check the source tickets against Zendesk's merge rules",
					description: `${RULES} Check ticket 7 in Zendesk before running this item again.`,
				},
				pairedItem: { item: 0 },
			},
		]);
		scope.done();
	});

	it('outputs the sources that went in and fails the item for those the job refused', async () => {
		const results = [
			{ id: 5, success: true },
			{ id: 6, success: false, error: 'InvalidValue', details: 'Ticket is solved' },
		];
		const scope = mergeAccepted(7, job('j1', 'completed', { results }))
			.get('/api/v2/tickets/7')
			.reply(200, { ticket: ticket(7) });
		const result = await runNode({ parameters: MERGE, continueOnFail: true });
		expect(result.output).toEqual([
			{ json: { ...ticket(7), merged_ids: [5] }, pairedItem: { item: 0 } },
			{
				json: {
					error:
						"Zendesk did not merge ticket 6 (InvalidValue: Ticket is solved) into ticket 7: check against Zendesk's merge rules, then merge what is left",
					description: `${RULES} The other sources, if any, were merged and are in this item's output.`,
				},
				pairedItem: { item: 0 },
			},
		]);
		scope.done();
	});

	it.each([
		[
			403,
			{ error: 'Forbidden', description: 'You do not have access to this page.' },
			'Merging into ticket 7: The credential may not merge tickets: use an agent whose role has the "merge tickets" permission',
			"End users cannot merge, and on Enterprise an agent's role needs the permission (Admin Center > People > Roles). Zendesk: Forbidden: You do not have access to this page.",
		],
		[
			404,
			{ error: 'RecordNotFound', description: 'Not found' },
			'Merging into ticket 7: The target or a source ticket was not found: check the ticket IDs',
			'A ticket that was deleted or already merged (and closed) cannot take part in a merge. Zendesk: RecordNotFound: Not found.',
		],
		[
			422,
			{ error: 'InvalidValue', description: 'Ticket 5 is closed' },
			'Merging into ticket 7: Zendesk refused the merge: check the source tickets against its merge rules',
			`${RULES} Zendesk: InvalidValue: Ticket 5 is closed.`,
		],
	])('says what to do when Zendesk answers %s, and sends it once', async (status, body, message, description) => {
		const scope = zendesk().post('/api/v2/tickets/7/merge').reply(status, body);
		const from = recorded.length;
		const result = await runNode({ parameters: MERGE, continueOnFail: true });
		expect(result.json).toEqual([{ error: message, description }]);
		expect(recorded.length - from).toBe(1);
		scope.done();
	});

	it('never sends the merge again after a reset, and says the outcome is unknown and how to check', async () => {
		const scope = zendesk()
			.post('/api/v2/tickets/7/merge')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.post('/api/v2/tickets/7/merge')
			.reply(200, { job_status: job('j2', 'completed') });
		const result = await runNode({ parameters: MERGE, continueOnFail: true });
		expect(scope.pendingMocks()).toHaveLength(1);
		expect(result.json).toEqual([
			{
				error: 'Merging into ticket 7: The connection to Zendesk was reset: check the network between n8n and Zendesk',
				description:
					'Zendesk may have accepted the merge before the connection broke. It was not sent again, so that nothing is merged twice: open ticket 7 in Zendesk (or use Get History on it) and check whether tickets 5, 6 were merged into it (they are then closed) before running this item again.',
			},
		]);
	});

	it('says the outcome is unknown when the accepted job cannot be read, without sending the merge again', async () => {
		const scope = zendesk()
			.post('/api/v2/tickets/7/merge')
			.reply(200, { job_status: job('j3', 'queued') })
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'j3' })
			.reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const from = recorded.length;
		const result = await runNode({ parameters: MERGE, continueOnFail: true });
		expect(result.json).toEqual([
			{
				error: 'Merging tickets: the outcome of Zendesk job j3 is unknown',
				description: expect.stringMatching(
					/^Zendesk accepted the batch as job j3, but its status could not be read \(.+\)\. The tickets may have been merged: check in Zendesk \(or read \/api\/v2\/job_statuses\/j3\) before running the workflow again/,
				),
			},
		]);
		expect(recorded.slice(from).filter((r) => r.method === 'POST')).toHaveLength(1);
		scope.done();
	});

	it('runs one merge per item, in input order', async () => {
		const order: string[] = [];
		const scope = zendesk()
			.post(/\/api\/v2\/tickets\/\d+\/merge/)
			.times(2)
			.reply((uri) => {
				order.push(uri);
				return [200, { job_status: job(`j${order.length}`, 'completed') }];
			})
			.get(/\/api\/v2\/tickets\/\d+$/)
			.times(2)
			.reply((uri) => [200, { ticket: ticket(Number(uri.split('/').pop())) }]);
		const result = await runNode({
			parameters: { ...MERGE, ticketId: '={{ $json.target }}', sourceTicketIds: '={{ $json.sources }}' },
			items: [
				{ target: 7, sources: '5' },
				{ target: 8, sources: '7' },
			],
		});
		expect(order).toEqual(['/api/v2/tickets/7/merge', '/api/v2/tickets/8/merge']);
		expect(result.output).toEqual([
			{ json: { ...ticket(7), merged_ids: [5] }, pairedItem: { item: 0 } },
			{ json: { ...ticket(8), merged_ids: [7] }, pairedItem: { item: 1 } },
		]);
		scope.done();
	});

	it('as a tool, gives the model the error as a sentence', async () => {
		const scope = zendesk().post('/api/v2/tickets/7/merge').reply(403, { error: 'Forbidden' });
		const result = await runNode({ parameters: MERGE, asTool: true });
		expect(result.json).toEqual([{ error: expect.stringContaining('The credential may not merge tickets') }]);
		scope.done();
	});
});
