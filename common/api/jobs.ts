import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { mapLimit } from '../client';
import { chunk } from '../helpers/chunk';
import { MAX_CONCURRENT_JOBS, SHOW_MANY_LIMIT } from '../zendeskFacts';
import type { ZendeskClient } from '../client';

const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 5_000;
const MAX_TOTAL_MS = 10 * 60_000;
const DONE = new Set(['completed', 'failed', 'killed']);

export interface JobOutcome<T> {
	batch: T;
	/** The finished job_status, with per-ticket `results`. */
	job?: IDataObject;
	error?: Error;
}

/** Called once per batch whose job is known to have ended: its job slot can go to another run. */
type JobEnded = () => void;

export interface JobsContext<T> {
	/** Names the work in messages, e.g. "Creating tickets". */
	context: string;
	/** What the tickets may have become when the outcome is unknown, e.g. "created". */
	effect: string;
	itemIndexOf: (batch: T) => number | undefined;
}

function unknownOutcome<T>(
	client: ZendeskClient,
	jobs: JobsContext<T>,
	jobId: string,
	why: string,
	itemIndex: number | undefined,
): NodeApiError {
	const message = `${jobs.context}: the outcome of Zendesk job ${jobId} is unknown`;
	const description =
		`Zendesk accepted the batch as job ${jobId}, but ${why}. The tickets may have been ${jobs.effect}: check in Zendesk ` +
		`(or read /api/v2/job_statuses/${jobId}) before running the workflow again, since running it again may do the work twice.`;
	return new NodeApiError(client.node, { message, description }, { message, description, itemIndex });
}

/** Submits a wave's batches a few at a time; those whose job is already done need no poll. */
async function submitWave<T>(
	client: ZendeskClient,
	wave: Array<JobOutcome<T>>,
	submit: (batch: T) => Promise<IDataObject>,
	ended: JobEnded,
): Promise<Map<string, JobOutcome<T>>> {
	const pending = new Map<string, JobOutcome<T>>();
	await mapLimit(wave, await client.parallelism(), async (outcome) => {
		try {
			const job = (await submit(outcome.batch)).job_status as IDataObject | undefined;
			// A repeated DELETE whose first attempt went through answers without a job: the work is done.
			if (job && !DONE.has(String(job.status))) return void pending.set(String(job.id), outcome);
			outcome.job = job ?? { status: 'completed', results: [] };
			ended();
		} catch (error) {
			// A refused or broken submit keeps its slot until the wave ends: Zendesk may have started its job.
			outcome.error = error as Error;
		}
	});
	return pending;
}

/** Polls a wave's jobs together until each is done; an outage or a stuck job leaves them unknown, never lost. */
async function pollWave<T>(
	client: ZendeskClient,
	pending: Map<string, JobOutcome<T>>,
	jobs: JobsContext<T>,
	ended: JobEnded,
): Promise<void> {
	let delay = FIRST_POLL_MS;
	let waited = 0;
	while (pending.size) {
		if (waited > MAX_TOTAL_MS) {
			const why = `it was still running after ${MAX_TOTAL_MS / 60000} minutes`;
			for (const [id, outcome] of pending) outcome.error = unknownOutcome(client, jobs, id, why, jobs.itemIndexOf(outcome.batch));
			return;
		}
		await sleep(delay);
		waited += delay;
		delay = Math.min(delay * 2, MAX_POLL_MS);
		for (const ids of chunk([...pending.keys()], SHOW_MANY_LIMIT)) {
			let response: IDataObject;
			try {
				response = await client.request({
					method: 'GET',
					endpoint: '/job_statuses/show_many',
					qs: { ids: ids.join(',') },
				});
			} catch (error) {
				const why = `its status could not be read (${(error as Error).message})`;
				for (const id of ids) {
					const outcome = pending.get(id)!;
					outcome.error = unknownOutcome(client, jobs, id, why, jobs.itemIndexOf(outcome.batch));
					pending.delete(id);
				}
				// Unknown is not ended: Zendesk may still run them, so their slots are held until the wave ends.
				continue;
			}
			for (const job of (response.job_statuses as IDataObject[] | undefined) ?? []) {
				const outcome = pending.get(String(job.id));
				if (outcome && DONE.has(String(job.status))) {
					outcome.job = job;
					pending.delete(String(job.id));
					ended();
				}
			}
		}
	}
}

/**
 * Bulk endpoints answer at once with a job_status and do the work later.
 * Batches are submitted in waves that keep the process's runs together under Zendesk's job limit, and
 * all jobs of a wave are polled together through job_statuses/show_many
 * with back-off, so waiting costs a request per poll, not per job. Every
 * batch ends with its job or an error; none is left without either.
 */
export async function runJobs<T>(
	client: ZendeskClient,
	batches: T[],
	submit: (batch: T) => Promise<IDataObject>,
	jobs: JobsContext<T>,
): Promise<Array<JobOutcome<T>>> {
	const outcomes: Array<JobOutcome<T>> = batches.map((batch) => ({ batch }));
	for (let next = 0; next < outcomes.length; ) {
		// The job limit is the account's: the slots are shared with the process's other runs on it.
		const slots = await client.jobSlots(Math.min(MAX_CONCURRENT_JOBS, outcomes.length - next));
		const wave = outcomes.slice(next, (next += slots.granted));
		try {
			// Each job's slot goes back as soon as the job is seen ended, not when the wave's slowest one is.
			const ended = () => slots.release(1);
			await pollWave(client, await submitWave(client, wave, submit, ended), jobs, ended);
		} finally {
			slots.release();
		}
	}
	const redact = await client.redactor();
	for (const outcome of outcomes) {
		const job = outcome.job;
		if (job && job.status !== 'completed') {
			const itemIndex = jobs.itemIndexOf(outcome.batch);
			const said = job.message ? redact(String(job.message)) : undefined;
			const message = `${jobs.context}: Zendesk's job ${String(job.status)}${said ? ` (${said})` : ''}: check in Zendesk which tickets it changed before running these items again`;
			outcome.error = new NodeApiError(
				client.node,
				{ message, ...(said ? { description: said } : {}) },
				{ message, description: said, itemIndex },
			);
		}
	}
	return outcomes;
}

/**
 * A job's per-ticket results. Zendesk's schema also allows one object for the
 * whole job (real jobs answer `{"success": true}`), which then stands for
 * every ticket of the batch.
 */
export function jobResults(job: IDataObject | undefined): IDataObject[] {
	const results = job?.results;
	if (Array.isArray(results)) return results.filter((r): r is IDataObject => typeof r === 'object' && r !== null);
	return results && typeof results === 'object' ? [results as IDataObject] : [];
}

/** The result entry of one ticket: by its position in the batch, by its id, or the whole job's. */
export function resultFor(results: IDataObject[], position: number, id?: number): IDataObject | undefined {
	const byIndex = results.find((r) => r.index !== undefined && Number(r.index) === position);
	if (byIndex) return byIndex;
	const byId = id === undefined ? undefined : results.find((r) => r.id !== undefined && Number(r.id) === id);
	if (byId) return byId;
	const whole = results.length === 1 && results[0].id === undefined && results[0].index === undefined;
	return whole ? results[0] : undefined;
}

/** A job result entry that reports a failure for its ticket, as text. */
export function resultProblem(result: IDataObject | undefined): string | undefined {
	if (!result) return 'Zendesk reported no result for this ticket';
	if (result.error === undefined && result.success !== false) return undefined;
	const details = typeof result.details === 'string' ? result.details : result.details ? JSON.stringify(result.details) : '';
	return [result.error ?? 'Failed', details].filter(Boolean).join(': ');
}
