import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ZendeskFunctions } from './credentials';
import { zendeskApiRequest } from './index';

const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 5_000;
const MAX_TOTAL_MS = 10 * 60_000;
const DONE = new Set(['completed', 'failed', 'killed']);

/**
 * Bulk endpoints answer at once with a job_status and do the work later; the
 * outcome per ticket is only known when the job is done.
 */
export async function waitForJob(
	this: ZendeskFunctions,
	job: IDataObject,
	{ itemIndex, context }: { itemIndex?: number; context?: string } = {},
): Promise<IDataObject> {
	let current = job;
	let delay = FIRST_POLL_MS;
	let waited = 0;
	while (!DONE.has(String(current.status))) {
		if (waited > MAX_TOTAL_MS) {
			throw new NodeApiError(this.getNode(), { message: 'Zendesk job did not finish in time' }, {
				message: `${context ?? 'Zendesk job'}: job ${String(current.id)} was still ${String(current.status)} after ${MAX_TOTAL_MS / 60000} minutes`,
				description: 'Zendesk may still finish it: check the tickets before running the workflow again.',
				itemIndex,
			});
		}
		await sleep(delay);
		waited += delay;
		delay = Math.min(delay * 2, MAX_POLL_MS);
		const response = await zendeskApiRequest.call(this, {
			method: 'GET',
			endpoint: `/job_statuses/${encodeURIComponent(String(current.id))}`,
			itemIndex,
			context,
		});
		current = (response.job_status as IDataObject | undefined) ?? current;
	}
	if (current.status !== 'completed') {
		throw new NodeApiError(this.getNode(), { message: String(current.message ?? 'Zendesk job failed') }, {
			message: `${context ?? 'Zendesk job'}: job ${String(current.status)}${current.message ? ` (${String(current.message)})` : ''}`,
			itemIndex,
		});
	}
	return current;
}
