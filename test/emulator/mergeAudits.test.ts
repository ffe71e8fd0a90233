// The emulator's merge and audit endpoints (jobs complete only when flushed, so nothing depends on timing) (merge.js, audits.js), as Zendesk's spec and merge rules describe them.
import nock from 'nock';

import { createEmulator, type Emulator } from './index';

let emu: Emulator;
beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	emu = await createEmulator({ port: 0, seed: { tickets: 12 }, jobDelayMs: 600_000 });
});
afterAll(async () => emu.close());

async function call(method: string, path: string, body?: unknown, token = emu.credentials.basicAuth) {
	const res = await fetch(`${emu.url}${path}`, {
		method,
		headers: { Authorization: token, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: res.status, json: (await res.json()) as any };
}

describe('merge (emulator)', () => {
	it('answers 400 without ids, 404 for an unknown target, 403 for an end user', async () => {
		expect((await call('POST', '/api/v2/tickets/1/merge', { target_comment: 'x' })).json).toEqual({
			error: 'InvalidParameter',
			description: 'ids is required: the IDs of the tickets to merge into the target',
		});
		expect((await call('POST', '/api/v2/tickets/999/merge', { ids: [2] })).status).toBe(404);
		const endUser = emu.basicAuth(emu.credentials.endUserEmail, emu.credentials.endUserApiToken);
		expect((await call('POST', '/api/v2/tickets/1/merge', { ids: [2] }, endUser)).status).toBe(403);
	});

	it('queues a TicketMergeJob and merges when it completes: sources closed, comments private by default', async () => {
		const { status, json } = await call('POST', '/api/v2/tickets/1/merge', { ids: [7], target_comment: 'In', source_comment: 'Out' });
		expect(status).toBe(200);
		expect(json.job_status).toMatchObject({ job_type: 'TicketMergeJob', status: 'queued', total: 1 });
		expect(emu.state.tickets.get(7)!.status).toBe('open');
		emu.flushJobs();
		const job = (await call('GET', `/api/v2/job_statuses/${json.job_status.id}`)).json.job_status;
		expect(job).toMatchObject({ status: 'completed', results: [{ id: 7, action: 'merge', success: true }] });
		expect(emu.state.tickets.get(7)!._comments.at(-1)).toMatchObject({ body: 'Out', public: false });
		expect(emu.state.tickets.get(1)!._comments.at(-1)).toMatchObject({ body: 'In', public: false });
	});

	it('fails the job, changing nothing, when a source is closed or the target itself', async () => {
		for (const [ids, message] of [
			[[5], 'Ticket #5 is closed: only tickets below Solved can be merged'],
			[[2], "Ticket #2 can't be merged into itself"],
		] as const) {
			const { json } = await call('POST', '/api/v2/tickets/2/merge', { ids });
			emu.flushJobs();
			expect((await call('GET', `/api/v2/job_statuses/${json.job_status.id}`)).json.job_status).toMatchObject({
				status: 'failed',
				message,
			});
		}
		expect(emu.state.tickets.get(2)!.status).toBe('pending');
	});
});

describe('audits (emulator)', () => {
	it("lists a ticket's audits by cursor, newest first, and each one by ID", async () => {
		await call('PUT', '/api/v2/tickets/3', { ticket: { priority: 'low' } });
		const page = (await call('GET', '/api/v2/tickets/3/audits?sort=-created_at&page[size]=1')).json;
		expect(page.audits).toHaveLength(1);
		expect(page.audits[0].events).toEqual([expect.objectContaining({ type: 'Change', field_name: 'priority', value: 'low' })]);
		expect(page.meta.has_more).toBe(true);
		const next = (await call('GET', `/api/v2/tickets/3/audits?sort=-created_at&page[size]=1&page[after]=${page.meta.after_cursor}`)).json;
		expect(next.audits[0].events.map((e: { type: string; field_name?: string }) => e.field_name ?? e.type)).toEqual([
			'Comment',
			'subject',
			'status',
			'priority',
			'type',
			'requester_id',
			'group_id',
			'tags',
		]);
		expect(next.meta.has_more).toBe(false);
		const shown = (await call('GET', `/api/v2/tickets/3/audits/${page.audits[0].id}`)).json;
		expect(shown.audit).toEqual(page.audits[0]);
	});
});
