import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { jobProblemSentence } from './failureSentences';

/** The item an error was raised for; n8n shows it beside the message, so messages do not repeat it. */
export function itemIndexOf(error: Error): number | undefined {
	const index = (error as NodeApiError).context?.itemIndex;
	return typeof index === 'number' ? index : undefined;
}

/**
 * The same error, told for another item: a request that served several items
 * (a bulk batch, show_many) fails each of them under its own index.
 */
export function errorForItem(node: INode, error: Error, itemIndex: number): Error {
	const own = itemIndexOf(error);
	if (own === undefined || own === itemIndex) return error;
	const { message } = error;
	const { description, httpCode } = error as NodeApiError;
	if (!(error instanceof NodeApiError)) return new NodeOperationError(node, message, { description: description ?? undefined, itemIndex });
	const clean: JsonObject = { message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(node, clean, { message, description: description ?? undefined, httpCode: httpCode ?? undefined, itemIndex });
}

export function inputError(node: INode, itemIndex: number, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem}`, {
		itemIndex,
		description: `Fix the "${field}" value of input item ${itemIndex}. No request was sent for this item.`,
	});
}

/** A failure Zendesk reported for one ticket inside a bulk job. */
export function ticketError(node: INode, id: number | undefined, problem: string, itemIndex: number | undefined): NodeApiError {
	const message = `${id === undefined ? 'Ticket' : `Ticket ${id}`}: ${jobProblemSentence(problem)}`;
	return new NodeApiError(node, { message }, { message, itemIndex });
}

/** A 2xx answer without the record: the write it answered may still have been done. */
export function answerWithoutTicket(node: INode, itemIndex: number): NodeApiError {
	const message = 'Zendesk answered without the ticket';
	const description =
		'The answer held no ticket, so there is nothing to output. If this item creates or changes a ticket, Zendesk may still have done it: check in Zendesk before running this item again.';
	return new NodeApiError(node, { message, description }, { message, description, itemIndex });
}

/** A 2xx answer nested too deep to pass on (see MAX_ANSWER_DEPTH): the write it answered was done. */
export function answerTooDeep(node: INode, itemIndex: number, levels: number): NodeApiError {
	const message = `Zendesk's answer nests deeper than the node reads (over ${levels} levels)`;
	const description =
		"Zendesk's own records nest about ten levels deep, so this answer was not passed on: walking it could overflow the stack of n8n's process. If this item creates or changes a ticket, Zendesk answered, so it was done: check in Zendesk before running the item again.";
	return new NodeApiError(node, { message, description }, { message, description, itemIndex });
}

export function ticketsNotFound(node: INode, ids: number[], itemIndex: number): NodeApiError {
	return new NodeApiError(
		node,
		{ message: 'Ticket not found' },
		{
			message: `Ticket ${ids.join(', ')} not found`,
			description: 'Zendesk returned no ticket with this ID: it may have been deleted, merged, or belong to another account.',
			httpCode: '404',
			itemIndex,
		},
	);
}

/** A comment is stored, and a public reply emailed, again on every repeat: the builder checks instead. */
export function commentMayBePosted(id: number): string {
	return `Zendesk may have posted the comment before the connection broke. It was not sent again, so that a public reply never reaches the customer twice: open ticket ${id} in Zendesk (or get it) and check its latest comment before running this item again.`;
}
