import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { bulkZendesk } from '../../harness/bulk';
import { runNode } from '../../harness/run';
import { ZENDESK, recorded, ticket, zendesk } from '../../harness/zendesk';

const requests = () => recorded.map((r) => `${r.method} ${new URL(r.url).pathname}`);

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('bulk output: ID and status only', () => {
	it('creates 1,000 tickets in 11 requests (10 create_many, 1 poll) and outputs each ID and status, without show_many', async () => {
		bulkZendesk('create');
		const items = Array.from({ length: 1000 }, (_, n) => ({ n }));
		const { json, error } = await runNode({
			parameters: { operation: 'create', subject: '=Order {{ $json.n }}', description: 'D', bulkOutput: 'idAndStatus' },
			items,
		});
		expect(error).toBeUndefined();
		expect(requests()).toEqual([...Array(10).fill('POST /api/v2/tickets/create_many'), 'GET /api/v2/job_statuses/show_many']);
		expect(json).toHaveLength(1000);
		expect(json[0]).toEqual({ id: 5000, status: 'Created' });
		expect(json[999]).toEqual({ id: 5999, status: 'Created' });
	});

	it('updates 250 tickets in 4 requests and outputs the job result status; a failed ticket stays its own error', async () => {
		bulkZendesk('update', (t) => (t.subject === 'bad' ? 'RecordInvalid' : undefined));
		const items = Array.from({ length: 250 }, (_, n) => ({ id: n + 1, subject: n === 7 ? 'bad' : 'ok' }));
		const { json, error } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '={{ $json.id }}',
				updateFields: { subject: '={{ $json.subject }}' },
				bulkOutput: 'idAndStatus',
			},
			items,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(requests()).toEqual([...Array(3).fill('PUT /api/v2/tickets/update_many'), 'GET /api/v2/job_statuses/show_many']);
		expect(json[0]).toEqual({ id: 1, status: 'Updated' });
		expect(String(json[7].error)).toContain('RecordInvalid');
		expect(json.filter((j) => j.status === 'Updated')).toHaveLength(249);
	});

	it('keeps Full Ticket as the default: the same 1,000 creates read every ticket back (21 requests)', async () => {
		bulkZendesk('create');
		const items = Array.from({ length: 1000 }, (_, n) => ({ n }));
		const { json, error } = await runNode({
			parameters: { operation: 'create', subject: '=Order {{ $json.n }}', description: 'D' },
			items,
		});
		expect(error).toBeUndefined();
		expect(requests().filter((r) => r === 'GET /api/v2/tickets/show_many')).toHaveLength(10);
		expect(recorded).toHaveLength(21);
		expect(json[0]).toMatchObject({ id: 5000, subject: 'Ticket 5000' });
	});
});
