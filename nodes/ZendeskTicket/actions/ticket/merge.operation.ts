import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputProblem, parseIds, plainText, requireText } from '../../../../common/helpers/validation';
import type { ZendeskClient } from '../../../../common/client';
import type { MergeComments } from '../../../../common/api/merge';
import { mergeTickets } from '../../../../common/api/merge';
import { runJobs } from '../../../../common/api/jobs';
import { showTickets } from '../../../../common/api/tickets';
import { validated } from '../../run/itemInput';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { mergeFailed, mergeMayHaveHappened, notMerged, sourcesMerged } from '../../run/mergeJob';
import { oneTicketId, shapeTicket } from '../../run/tickets';
import { commentVisibilityProperty } from './descriptions/ticketFields';
import { optionsCollection, requestOptionsProperty, simplifyProperty, ticketIdProperty } from '../common.descriptions';

const TARGET_FIELD = 'Target Ticket ID';
const SOURCES_FIELD = 'Source Ticket IDs';

/** Zendesk's two kinds of comment, as Add Comment offers them; a merge's comments are internal unless asked. */
const visibilityOption = (displayName: string, name: string, of: string): INodeProperties => ({
	...commentVisibilityProperty(displayName),
	name,
	description: `Whether the comment on ${of} is public. Zendesk keeps it internal anyway when a ticket is private or came from X, Facebook or a channel integration.`,
});

const properties: INodeProperties[] = [
	// The target as a picker, an ID or a URL; its label is also the model's $fromAI key ("Target_Ticket_ID").
	{ ...ticketIdProperty('merge the source tickets into', { many: false }), displayName: TARGET_FIELD },
	{
		displayName: SOURCES_FIELD,
		name: 'sourceTicketIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '124, 125',
		description:
			'The tickets to merge into the target, comma-separated. Zendesk closes them; a merge cannot be undone. Solved or closed tickets cannot be merged.',
	},
	{
		displayName: 'Target Comment',
		name: 'targetComment',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'Merged in #124 and #125',
		description: 'Why the tickets were merged, added to the target ticket (recommended by Zendesk)',
	},
	{
		displayName: 'Source Comment',
		name: 'sourceComment',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'Closed in favour of #123',
		description: 'Added to each source ticket as it is closed (recommended by Zendesk)',
	},
	optionsCollection([
		visibilityOption('Target Comment Visibility', 'targetCommentVisibility', 'the target'),
		visibilityOption('Source Comment Visibility', 'sourceCommentVisibility', 'the sources'),
	]),
	simplifyProperty,
	requestOptionsProperty(),
];

export const toolDescription =
	'Merge Zendesk tickets into a target ticket, given the target ID and the source IDs; the sources are closed. Cannot be undone.';

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['merge'] } }, properties);

interface MergeInput {
	target: number;
	sources: number[];
	comments: MergeComments;
}

/** An optional comment: empty sends none, anything else is checked as Zendesk's comments are. */
function commentText(field: string, value: unknown): string | undefined {
	return plainText(field, value).trim() ? requireText(field, value) : undefined;
}

function mergeInputOf(ctx: IExecuteFunctions, i: number): MergeInput {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return validated(ctx, i, () => {
		const target = oneTicketId(ctx, i, { field: TARGET_FIELD, several: 'takes one target ticket; put the others in Source Ticket IDs' });
		const { ids: sources, problem } = parseIds(ctx.getNodeParameter('sourceTicketIds', i));
		if (problem) throw new InputProblem(SOURCES_FIELD, problem);
		if (sources.includes(target))
			throw new InputProblem(SOURCES_FIELD, `includes the target ticket ${target}; a ticket cannot be merged into itself`);
		const comments: MergeComments = {
			targetComment: commentText('Target Comment', ctx.getNodeParameter('targetComment', i, '')),
			sourceComment: commentText('Source Comment', ctx.getNodeParameter('sourceComment', i, '')),
			targetCommentIsPublic: options.targetCommentVisibility === 'public',
			sourceCommentIsPublic: options.sourceCommentVisibility === 'public',
		};
		return { target, sources, comments };
	});
}

/** One merge job: sent once, then polled until Zendesk says how it ended; the finished job, or an error that says what to check. */
async function runMerge(ctx: IExecuteFunctions, client: ZendeskClient, i: number, input: MergeInput): Promise<IDataObject> {
	const { target, sources } = input;
	const submit = async () =>
		await mergeTickets(client, target, sources, input.comments, { itemIndex: i, ifUnsure: mergeMayHaveHappened(target, sources) });
	const [{ job, error }] = await runJobs(client, [input], submit, { context: 'Merging tickets', effect: 'merged', itemIndexOf: () => i });
	if (job && job.status !== 'completed') throw mergeFailed(ctx.getNode(), target, job, await client.redactor(), i);
	if (error) throw error;
	return job ?? {};
}

/**
 * One item, one merge, one after the other: items may name the same tickets,
 * and Zendesk applies jobs in any order. The output is the target ticket, read
 * after the job, with the IDs merged into it; sources the job refused make the
 * item's error.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	await outcomes.forEachPending(async (i) => {
		const input = mergeInputOf(this, i);
		const job = await runMerge(this, client, i, input);
		const { merged, refused } = sourcesMerged(job, input.sources, await client.redactor());
		if (merged.length) {
			// The merge is done; if reading the target back fails, its ID is still worth more than an error that invites a re-run.
			const { found } = await showTickets(client, [input.target], { ownerOf: () => i });
			outcomes.ok(i, { ...shapeTicket(this, i, found.get(input.target) ?? { id: input.target }), merged_ids: merged });
		}
		if (refused.length) throw notMerged(this.getNode(), input.target, refused, i);
		return undefined;
	});
	return outcomes.toExecutionData();
}
