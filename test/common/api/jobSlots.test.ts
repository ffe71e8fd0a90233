import type { IDataObject } from 'n8n-workflow';

import { runJobs } from '../../../common/api/jobs';
import type { ZendeskClient } from '../../../common/client';

/*
 * A bulk job's slot under Zendesk's 30-at-once limit goes back as soon as the
 * job is seen ended, so that the runs sharing the account do not wait for the
 * slowest job of another run's wave (issue 25). The client is a stand-in that
 * records what runJobs asks of it, in order.
 */

/** Each poll's answer: the jobs' statuses, or 'fails' for a poll Zendesk does not answer. */
function recordingClient(statuses: Array<Record<string, string> | 'fails'>) {
	const events: string[] = [];
	let polls = 0;
	const client = {
		node: { name: 'Zendesk Ticket' },
		parallelism: async () => () => 1,
		redactor: async () => (text: string) => text,
		jobSlots: async (wanted: number) => {
			events.push(`take ${wanted}`);
			return { granted: wanted, release: (count?: number) => events.push(`release ${count ?? 'all'}`) };
		},
		request: async ({ qs }: { qs: { ids: string } }) => {
			const said = statuses[polls++];
			events.push(`poll ${qs.ids}`);
			if (said === 'fails') throw new Error('Service Unavailable');
			return { job_statuses: qs.ids.split(',').map((id) => ({ id, status: said[id], results: [] })) };
		},
	};
	return { client: client as unknown as ZendeskClient, events };
}

const context = { context: 'Updating tickets', effect: 'updated', itemIndexOf: () => 0 };

describe('job slots under the account-wide job limit', () => {
	it("gives back each job's slot when its poll shows it ended, before the wave's slower jobs end", async () => {
		const { client, events } = recordingClient([
			{ J1: 'completed', J2: 'working', J3: 'working' },
			{ J2: 'failed', J3: 'working' },
			{ J3: 'completed' },
		]);
		const submit = async (batch: string): Promise<IDataObject> => {
			events.push(`submit ${batch}`);
			// J0 ended before it was answered (as a repeated DELETE answers): no poll, and its slot back at once.
			return { job_status: { id: batch, status: batch === 'J0' ? 'completed' : 'queued' } };
		};
		const outcomes = await runJobs(client, ['J0', 'J1', 'J2', 'J3'], submit, context);
		expect(events).toEqual([
			'take 4',
			'submit J0',
			'release 1',
			'submit J1',
			'submit J2',
			'submit J3',
			'poll J1,J2,J3',
			'release 1',
			'poll J2,J3',
			'release 1',
			'poll J3',
			'release 1',
			'release all',
		]);
		expect(outcomes.map((o) => o.job?.status)).toEqual(['completed', 'completed', 'failed', 'completed']);
	});

	it('holds the slot of a job whose status could not be read until the wave ends: Zendesk may still be running it', async () => {
		const { client, events } = recordingClient([{ J1: 'completed', J2: 'working' }, 'fails']);
		const submit = async (batch: string): Promise<IDataObject> => ({ job_status: { id: batch, status: 'queued' } });
		const outcomes = await runJobs(client, ['J1', 'J2'], submit, context);
		expect(events).toEqual(['take 2', 'poll J1,J2', 'release 1', 'poll J2', 'release all']);
		expect(outcomes[1].error?.message).toBe('Updating tickets: the outcome of Zendesk job J2 is unknown');
	});

	it('holds the slot of a batch whose submit broke until the wave ends: Zendesk may have started its job', async () => {
		const { client, events } = recordingClient([{ J2: 'completed' }]);
		const submit = async (batch: string): Promise<IDataObject> => {
			if (batch === 'J1') throw new Error('socket hang up');
			return { job_status: { id: batch, status: 'queued' } };
		};
		const outcomes = await runJobs(client, ['J1', 'J2'], submit, context);
		expect(events).toEqual(['take 2', 'poll J2', 'release 1', 'release all']);
		expect(outcomes[0].error?.message).toBe('socket hang up');
	});
});
