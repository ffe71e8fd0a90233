import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MERGE_RULES } from '../../../common/api/merge';
import { jobResults, resultProblem } from '../../../common/api/jobs';

/*
 * How a merge job's end reads: which sources went in, which Zendesk refused,
 * and what to check when the outcome is not known.
 */

const list = (ids: number[]) => ids.join(', ');

/** Said when the merge request broke off after Zendesk may have taken it; it is never sent again. */
export function mergeMayHaveHappened(target: number, sources: number[]): string {
	return `Zendesk may have accepted the merge before the connection broke. It was not sent again, so that nothing is merged twice: open ticket ${target} in Zendesk (or use Get History on it) and check whether tickets ${list(sources)} were merged into it (they are then closed) before running this item again.`;
}

/** A job that ended failed or killed: Zendesk's words, and what to check. */
export function mergeFailed(
	node: INode,
	target: number,
	job: IDataObject,
	redact: (text: string) => string,
	itemIndex: number,
): NodeApiError {
	const said = job.message ? redact(String(job.message)) : undefined;
	const message = `Zendesk's merge into ticket ${target} ${String(job.status)}${said ? ` (${said})` : ''}: check the source tickets against Zendesk's merge rules`;
	const description = `${MERGE_RULES} Check ticket ${target} in Zendesk before running this item again.`;
	return new NodeApiError(node, { message, description }, { message, description, itemIndex });
}

export interface MergedSources {
	merged: number[];
	/** Sources the job reported a failure for, with Zendesk's words. */
	refused: Array<{ id?: number; problem: string }>;
}

/**
 * The job's word per source. Zendesk documents no result shape for merges: a
 * failure with a source's ID fails that source, one without fails them all,
 * and a completed job without failures merged every source.
 */
export function sourcesMerged(job: IDataObject, sources: number[], redact: (text: string) => string): MergedSources {
	const refused: MergedSources['refused'] = [];
	for (const result of jobResults(job)) {
		const problem = resultProblem(result);
		if (problem === undefined) continue;
		const id = Number(result.id);
		refused.push({ ...(sources.includes(id) ? { id } : {}), problem: redact(problem) });
	}
	if (refused.some((r) => r.id === undefined)) return { merged: [], refused };
	return { merged: sources.filter((id) => !refused.some((r) => r.id === id)), refused };
}

export function notMerged(node: INode, target: number, refused: MergedSources['refused'], itemIndex: number): NodeApiError {
	const what = refused.map((r) => (r.id === undefined ? r.problem : `ticket ${r.id} (${r.problem})`)).join('; ');
	const message = `Zendesk did not merge ${what} into ticket ${target}: check against Zendesk's merge rules, then merge what is left`;
	const description = `${MERGE_RULES} The other sources, if any, were merged and are in this item's output.`;
	return new NodeApiError(node, { message, description }, { message, description, itemIndex });
}
