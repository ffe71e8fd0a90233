import type { IDataObject } from 'n8n-workflow';

import { ZENDESK, ticket, zendesk } from './zendesk';

/** Says why Zendesk's job refuses one ticket of a batch (its error code), or nothing when it takes it. */
export type BulkRefusal = (ticket: IDataObject, index: number) => string | undefined;

/**
 * create_many / update_many answered like Zendesk: a queued job, finished on
 * the first poll of job_statuses/show_many, with a result per ticket (create
 * results by index, update results by ticket ID, refusals by index);
 * tickets/show_many reads any ticket back. Records each batch's tickets and each poll's job IDs.
 */
export function bulkZendesk(kind: 'create' | 'update', refuse?: BulkRefusal) {
	const jobs = new Map<string, IDataObject[]>();
	const bodies: IDataObject[][] = [];
	const polls: string[] = [];
	let nextId = 5000;
	const resultOf = (t: IDataObject, index: number): IDataObject => {
		const problem = refuse?.(t, index);
		if (problem) return { index, error: problem, details: 'Subject: cannot be blank', success: false };
		return kind === 'create' ? { index, id: nextId++ } : { id: t.id, action: 'update', status: 'Updated', success: true };
	};
	const idsOf = (uri: string) => new URL(uri, ZENDESK).searchParams.get('ids')!.split(',');
	const scope = zendesk();
	const path = kind === 'create' ? '/api/v2/tickets/create_many' : '/api/v2/tickets/update_many';
	(kind === 'create' ? scope.post(path) : scope.put(path))
		.times(Infinity)
		.reply((_uri, body) => {
			const tickets = (body as { tickets: IDataObject[] }).tickets;
			bodies.push(tickets);
			const id = `job${jobs.size + 1}`;
			jobs.set(id, tickets.map(resultOf));
			return [200, { job_status: { id, status: 'queued', url: `${ZENDESK}/api/v2/job_statuses/${id}.json` } }];
		})
		.get('/api/v2/job_statuses/show_many')
		.query(true)
		.times(Infinity)
		.reply((uri) => {
			polls.push(idsOf(uri).join(','));
			return [200, { job_statuses: idsOf(uri).map((id) => ({ id, status: 'completed', results: jobs.get(id) })) }];
		})
		.get('/api/v2/tickets/show_many')
		.query(true)
		.times(Infinity)
		.reply((uri) => [200, { tickets: idsOf(uri).map((id) => ticket(Number(id))) }]);
	return { scope, bodies, polls };
}
