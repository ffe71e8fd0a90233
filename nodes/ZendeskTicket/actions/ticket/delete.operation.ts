import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../../../common/helpers/chunk';
import { SHOW_MANY_LIMIT } from '../../../../common/zendeskFacts';
import { ItemOutcomes } from '../../run/itemOutcomes';
import type { ZendeskClient } from '../../../../common/client';
import { deleteTicket } from '../../../../common/api/tickets';
import { deleteManyTickets } from '../../../../common/api/ticketsBulk';
import { jobResults, resultFor, resultProblem, runJobs } from '../../../../common/api/jobs';
import { ticketError } from '../../../../common/client';
import { requestOptionsProperty, ticketIdProperty } from '../common.descriptions';
import { gatherTicketIds } from '../../run/tickets';

const properties: INodeProperties[] = [
	ticketIdProperty('delete', {
		extra: ' Zendesk keeps deleted tickets for 30 days (Admin Center > Deleted tickets) before they are gone for good.',
	}),
	requestOptionsProperty(),
];

export const toolDescription = 'Delete Zendesk tickets, given their IDs.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['delete'] } }, properties);

/** One DELETE for a single id; otherwise destroy_many jobs of up to 100 ids, whichever item they came from. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	const { wanted, allIds, ownerOf } = gatherTicketIds(this, items, outcomes);
	const failedIds = new Map<number, Error>();

	if (allIds.length === 1) {
		const id = allIds[0];
		try {
			await deleteTicket(client, id, ownerOf(id));
		} catch (error) {
			failedIds.set(id, error as Error);
		}
	} else {
		const jobs = await runJobs(
			client,
			chunk(allIds, SHOW_MANY_LIMIT),
			async (ids) => await deleteManyTickets(client, ids, ownerOf(ids[0])),
			{ context: 'Deleting tickets', effect: 'deleted', itemIndexOf: (ids) => ownerOf(ids[0]) },
		);
		const redact = await client.redactor();
		for (const { batch, job, error } of jobs) {
			const results = jobResults(job);
			batch.forEach((id, position) => {
				// Zendesk may report a completed destroy job without per-ticket results.
				const problem = error || !results.length ? undefined : resultProblem(resultFor(results, position, id));
				if (error) failedIds.set(id, error);
				else if (problem) failedIds.set(id, ticketError(this.getNode(), id, redact(problem), ownerOf(id)));
			});
		}
	}

	for (const { item, ids } of wanted) {
		const error = ids.map((id) => failedIds.get(id)).find(Boolean);
		for (const id of ids) if (!failedIds.has(id)) outcomes.ok(item, { id, deleted: true });
		if (error) outcomes.fail(item, error);
	}
	return outcomes.toExecutionData();
}
