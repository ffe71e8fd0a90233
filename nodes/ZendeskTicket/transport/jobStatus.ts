import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { chunk } from '../helpers/ids';
import type { ZendeskFunctions } from './credentials';
import { parallelismFor, zendeskApiRequest } from './index';
import { mapLimit } from './pacing';

const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 5_000;
const MAX_TOTAL_MS = 10 * 60_000;
/** Zendesk runs at most 30 jobs of an account at once; more are refused. */
export const MAX_CONCURRENT_JOBS = 30;
const SHOW_MANY_LIMIT = 100;
const DONE = new Set(['completed', 'failed', 'killed']);

export interface JobOutcome<T> {
	batch: T;
	/** The finished job_status, with per-ticket `results`. */
	job?: IDataObject;
	error?: Error;
}

/**
 * Bulk endpoints answer at once with a job_status and do the work later.
 * Batches are submitted in waves that stay under Zendesk's job limit, and
 * all jobs of a wave are polled together through job_statuses/show_many
 * with back-off, so waiting costs a request per poll, not per job.
 */
export async function runJobs<T>(
	ctx: ZendeskFunctions,
	batches: T[],
	submit: (batch: T) => Promise<IDataObject>,
	{ context, itemIndexOf }: { context: string; itemIndexOf: (batch: T) => number | undefined },
): Promise<Array<JobOutcome<T>>> {
	const outcomes: Array<JobOutcome<T>> = batches.map((batch) => ({ batch }));
	const limit = await parallelismFor(ctx);
	for (const wave of chunk(outcomes, MAX_CONCURRENT_JOBS)) {
		const pending = new Map<string, JobOutcome<T>>();
		await mapLimit(wave, limit, async (outcome) => {
			try {
				const job = ((await submit(outcome.batch)).job_status ?? {}) as IDataObject;
				if (DONE.has(String(job.status))) outcome.job = job;
				else pending.set(String(job.id), outcome);
			} catch (error) {
				outcome.error = error as Error;
			}
		});
		let delay = FIRST_POLL_MS;
		let waited = 0;
		while (pending.size) {
			if (waited > MAX_TOTAL_MS) {
				for (const [id, outcome] of pending) {
					outcome.error = new NodeApiError(ctx.getNode(), { message: 'Zendesk job did not finish in time' }, {
						message: `${context}: job ${id} was still running after ${MAX_TOTAL_MS / 60000} minutes`,
						description: 'Zendesk may still finish it: check the tickets before running the workflow again.',
						itemIndex: itemIndexOf(outcome.batch),
					});
				}
				break;
			}
			await sleep(delay);
			waited += delay;
			delay = Math.min(delay * 2, MAX_POLL_MS);
			for (const ids of chunk([...pending.keys()], SHOW_MANY_LIMIT)) {
				const response = await zendeskApiRequest.call(ctx, {
					method: 'GET',
					endpoint: '/job_statuses/show_many',
					qs: { ids: ids.join(',') },
					context,
				});
				for (const job of (response.job_statuses as IDataObject[] | undefined) ?? []) {
					const outcome = pending.get(String(job.id));
					if (outcome && DONE.has(String(job.status))) {
						outcome.job = job;
						pending.delete(String(job.id));
					}
				}
			}
		}
	}
	for (const outcome of outcomes) {
		const job = outcome.job;
		if (job && job.status !== 'completed') {
			outcome.error = new NodeApiError(ctx.getNode(), { message: String(job.message ?? 'Zendesk job failed') }, {
				message: `${context}: job ${String(job.status)}${job.message ? ` (${String(job.message)})` : ''}`,
				itemIndex: itemIndexOf(outcome.batch),
			});
		}
	}
	return outcomes;
}

/** A job result entry that reports a failure for its ticket, as text. */
export function resultProblem(result: IDataObject | undefined): string | undefined {
	if (!result) return 'Zendesk reported no result for this ticket';
	if (result.error === undefined && result.success !== false) return undefined;
	const details = typeof result.details === 'string' ? result.details : result.details ? JSON.stringify(result.details) : '';
	return [result.error ?? 'Failed', details].filter(Boolean).join(': ');
}
