import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../../common/helpers/chunk';
import { BULK_LIMIT } from '../../../common/zendeskFacts';
import type { ItemOutcomes } from './itemOutcomes';
import type { ZendeskClient } from '../../../common/client';
import { jobResults, resultFor, resultProblem, runJobs } from '../../../common/api/jobs';
import { showTickets } from '../../../common/api/tickets';
import { ticketError } from '../../../common/client';
import { updateManyAlike, writeManyTickets } from '../../../common/api/ticketsBulk';
import { shapeTicket } from './tickets';

export interface BulkEntry {
	item: number;
	/** The ticket as Zendesk takes it; for updates it carries its `id`. */
	ticket: IDataObject;
}

/** Whether this run sends its items through a bulk endpoint. */
export function usesBulk(ctx: IExecuteFunctions, itemCount: number): boolean {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return itemCount > 1 && options.batching !== false;
}

/** Batches of up to 100; an update batch never holds one ticket twice, since Zendesk applies them in any order. */
function batchesOf(entries: BulkEntry[], kind: 'create' | 'update'): BulkEntry[][] {
	if (kind === 'create') return chunk(entries, BULK_LIMIT);
	const batches: BulkEntry[][] = [];
	let current: BulkEntry[] = [];
	let ids = new Set<unknown>();
	for (const entry of entries) {
		if (current.length === BULK_LIMIT || ids.has(entry.ticket.id)) {
			batches.push(current);
			current = [];
			ids = new Set();
		}
		current.push(entry);
		ids.add(entry.ticket.id);
	}
	if (current.length) batches.push(current);
	return batches;
}

/** What a bulk write succeeded with, per item: the ticket ID and the job result's status. */
type Written = Map<number, { id: number; status: string }>;

/**
 * The output of the written items. "Full ticket" reads them back with
 * show_many, as on the one-by-one path; "ID and status only" gives what the
 * job results said, without those requests.
 */
async function outputWritten(ctx: IExecuteFunctions, client: ZendeskClient, written: Written, outcomes: ItemOutcomes): Promise<void> {
	if (ctx.getNodeParameter('bulkOutput', 0, 'full') === 'idAndStatus') {
		for (const [item, { id, status }] of written) outcomes.ok(item, { id, status });
		return;
	}
	const itemsOf = new Map<number, number>();
	for (const [item, { id }] of written) if (!itemsOf.has(id)) itemsOf.set(id, item);
	const { found } = await showTickets(client, [...itemsOf.keys()], { ownerOf: (id) => itemsOf.get(id) });
	for (const [item, { id }] of written) {
		// The write succeeded; if reading it back failed, the ID is still worth more than an error that invites a re-run.
		outcomes.ok(item, shapeTicket(ctx, item, found.get(id) ?? { id }));
	}
}

/** Sends one batch; with `shared`, the tickets go as ids and the one change set once. */
function submitter(client: ZendeskClient, kind: 'create' | 'update', effect: string, context: string, shared: IDataObject | undefined) {
	return async (batch: BulkEntry[]) => {
		const call = {
			itemIndex: batch[0].item,
			context,
			ifUnsure: `Zendesk may have accepted this batch of ${batch.length} tickets before the connection broke. It was not sent again, so that nothing is ${effect} twice: check in Zendesk whether the tickets were ${effect} before running the workflow again.`,
		};
		const tickets = batch.map((e) => e.ticket);
		if (shared)
			return await updateManyAlike(
				client,
				tickets.map((t) => Number(t.id)),
				shared,
				call,
			);
		return await writeManyTickets(client, kind, tickets, call);
	};
}

/**
 * Creates or updates tickets through create_many / update_many (with `shared`,
 * one change set for every ticket of a batch). Each ticket's result in the
 * finished job decides its own item: an error fails that item only. The output is the full ticket or the job's word (see outputWritten).
 */
export async function writeInBulk(
	ctx: IExecuteFunctions,
	client: ZendeskClient,
	entries: BulkEntry[],
	kind: 'create' | 'update',
	outcomes: ItemOutcomes,
	shared?: IDataObject,
): Promise<void> {
	const context = kind === 'create' ? 'Creating tickets' : 'Updating tickets';
	const effect = kind === 'create' ? 'created' : 'updated';
	const submit = submitter(client, kind, effect, context, shared);
	const jobs = await runJobs(client, batchesOf(entries, kind), submit, { context, effect, itemIndexOf: (batch) => batch[0].item });

	// Read after the jobs, so that a token refreshed on the way is redacted too.
	const redact = await client.redactor();
	const written: Written = new Map();
	const done = kind === 'create' ? 'Created' : 'Updated';
	for (const { batch, job, error } of jobs) {
		const results = jobResults(job);
		batch.forEach((entry, position) => {
			// One failure of a shared request is each item's own error, under its own index.
			if (error) return outcomes.fail(entry.item, error);
			const given = kind === 'update' ? Number(entry.ticket.id) : undefined;
			const result = resultFor(results, position, given);
			const problem = resultProblem(result);
			const id = Number(result?.id ?? given);
			if (problem) outcomes.fail(entry.item, ticketError(ctx.getNode(), Number.isFinite(id) ? id : undefined, redact(problem), entry.item));
			else if (!Number.isFinite(id))
				outcomes.fail(
					entry.item,
					ticketError(
						ctx.getNode(),
						undefined,
						"Zendesk reported success without the new ticket's ID; find it in Zendesk before running again",
						entry.item,
					),
				);
			else written.set(entry.item, { id, status: typeof result?.status === 'string' ? result.status : done });
		});
	}
	await outputWritten(ctx, client, written, outcomes);
}
