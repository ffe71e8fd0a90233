import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';
import { captureLogs, echoOf, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

const queued = (id: string) => ({ job_status: { id, status: 'queued' } });
const done = (id: string, results: unknown, extra: IDataObject = {}) => ({
	job_statuses: [{ id, status: 'completed', results, ...extra }],
});

describe('job outages', () => {
	it('create_many accepted, then polling fails: every item is an error naming the job, nothing is passed through or re-sent', async () => {
		const scope = zendesk()
			.post('/api/v2/tickets/create_many')
			.once()
			.reply(200, queued('J1'))
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'J1' })
			.reply(500, { error: 'InternalError' });
		const result = await runNode({
			parameters: { operation: 'create', subject: '={{ $json.s }}', description: 'D' },
			items: [{ s: 'a' }, { s: 'b' }],
			continueOnFail: true,
		});
		scope.done();
		expect(result.json.map((j) => j.error)).toEqual([
			'Creating tickets: the outcome of Zendesk job J1 is unknown',
			'Creating tickets: the outcome of Zendesk job J1 is unknown',
		]);
		expect(result.json[1].description).toBe(
			'Zendesk accepted the batch as job J1, but its status could not be read (Zendesk is temporarily unavailable (500): try again in a few minutes (status.zendesk.com lists outages)). The tickets may have been created: check in Zendesk (or read /api/v2/job_statuses/J1) before running the workflow again, since running it again may do the work twice.',
		);
		expectPromisesKept(result, 2, logged);
	});

	it('without continue-on-fail, the run stops with a message that names the job and warns of duplicates', async () => {
		zendesk()
			.put('/api/v2/tickets/update_many')
			.reply(200, queued('J5'))
			.get('/api/v2/job_statuses/show_many')
			.query(true)
			.times(5)
			.reply(503, 'Service Unavailable');
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '={{ $json.id }}', updateFields: { status: 'solved' } },
			items: [{ id: 1 }, { id: 2 }],
		});
		expect(result.error?.message).toBe('Updating tickets: the outcome of Zendesk job J5 is unknown');
		expect(result.error?.description).toContain('The tickets may have been updated');
	});

	it('destroy_many accepted, then polling fails: each item is an unknown outcome, never a success', async () => {
		zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '1,2' })
			.reply(200, queued('J9'))
			.get('/api/v2/job_statuses/show_many')
			.query(true)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.get('/api/v2/job_statuses/show_many')
			.query(true)
			.times(4)
			.reply(502, 'Bad Gateway');
		const result = await runNode({
			parameters: { operation: 'delete', ticketId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});
		expect(result.json.map((j) => j.error)).toEqual([
			'Deleting tickets: the outcome of Zendesk job J9 is unknown',
			'Deleting tickets: the outcome of Zendesk job J9 is unknown',
		]);
		expectPromisesKept(result, 2, logged);
	});
});

describe('job results as Zendesk records them', () => {
	it('reads a job whose results is one object ({"success": true}) for update_many', async () => {
		const scope = zendesk()
			.put('/api/v2/tickets/update_many')
			.reply(200, queued('J1'))
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'J1' })
			.reply(200, done('J1', { success: true }))
			.get('/api/v2/tickets/show_many')
			.query({ ids: '1,2' })
			.reply(200, { tickets: [ticket(1), ticket(2)] });
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '={{ $json.id }}', updateFields: { status: 'open' } },
			items: [{ id: 1 }, { id: 2 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.id)).toEqual([1, 2]);
		scope.done();
	});

	it('reads a destroy job whose results is one object', async () => {
		const scope = zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query({ ids: '1,2' })
			.reply(200, queued('J1'))
			.get('/api/v2/job_statuses/show_many')
			.query({ ids: 'J1' })
			.reply(200, done('J1', { success: true }));
		const result = await runNode({ parameters: { operation: 'delete', ticketId: '={{ $json.id }}' }, items: [{ id: 1 }, { id: 2 }] });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ id: 1, deleted: true },
			{ id: 2, deleted: true },
		]);
		scope.done();
	});

	it('a create job that reports success without IDs fails its items without crashing', async () => {
		zendesk()
			.post('/api/v2/tickets/create_many')
			.reply(200, queued('J1'))
			.get('/api/v2/job_statuses/show_many')
			.query(true)
			.reply(200, done('J1', { success: true }));
		const result = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D' },
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(result.json.map((j) => j.error)).toEqual([
			"Ticket: Zendesk reported success without the new ticket's ID; find it in Zendesk before running again",
			"Ticket: Zendesk reported success without the new ticket's ID; find it in Zendesk before running again",
		]);
		expectPromisesKept(result, 2, logged);
	});
});

describe('job text that echoes secrets', () => {
	it.each(['apiToken', 'oAuth2'])('%s: per-ticket job errors and details leak nothing', async (authentication) => {
		const ECHO_ALL = echoOf(authentication);
		const api = zendesk();
		// With OAuth2 the token is refreshed first, so the echo holds tokens issued in the middle of the run.
		if (authentication === 'oAuth2') {
			api
				.put('/api/v2/tickets/update_many')
				.times(2)
				.reply(401, { error: 'invalid_token' })
				.post('/oauth/tokens')
				.query(true)
				.reply(200, { access_token: 'access-SECRET-new', refresh_token: 'refresh-SECRET-new', token_type: 'bearer', expires_in: 7200 });
		}
		api
			.put('/api/v2/tickets/update_many')
			.times(2)
			.reply(200, (_uri, body) => queued((body as { tickets: IDataObject[] }).tickets.length === 2 ? 'J1' : 'J2'))
			.get('/api/v2/job_statuses/show_many')
			.query(true)
			.reply(200, {
				job_statuses: [
					{
						id: 'J1',
						status: 'completed',
						results: [
							{ index: 0, id: 1, success: false, error: `Bad ${ECHO_ALL}`, details: { base: ECHO_ALL } },
							{ index: 1, id: 2, success: false, error: 'x', details: ECHO_ALL },
						],
					},
				],
			});
		const result = await runNode({
			parameters: { authentication, operation: 'update', ticketId: '={{ $json.id }}', updateFields: { status: 'open' } },
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});
		expect(result.json.map((j) => String(j.error).slice(0, 10))).toEqual(['Ticket 1: ', 'Ticket 2: ']);
		expectPromisesKept(result, 2, logged);
	});

	it('a failed job whose message echoes secrets leaks nothing', async () => {
		const ECHO_ALL = echoOf('apiToken');
		zendesk()
			.delete('/api/v2/tickets/destroy_many')
			.query(true)
			.reply(200, queued('J1'))
			.get('/api/v2/job_statuses/show_many')
			.query(true)
			.reply(200, { job_statuses: [{ id: 'J1', status: 'failed', message: ECHO_ALL }] });
		const result = await runNode({
			parameters: { operation: 'delete', ticketId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});
		expect(result.json.map((j) => String(j.error).slice(0, 38))).toEqual([
			"Deleting tickets: Zendesk's job failed",
			"Deleting tickets: Zendesk's job failed",
		]);
		expectPromisesKept(result, 2, logged);
	});
});
