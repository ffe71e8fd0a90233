import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { HttpFailure } from '../transport/failure';
import { zendeskErrorText } from '../helpers/zendeskErrorBody';
import { InputProblem } from '../helpers/validation';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../helpers/zendeskFacts';
import { validated } from './itemInput';

/** Which run of the node this is in the execution: a loop, or an AI agent's second tool call, runs it again. */
function runIndexOf(ctx: IExecuteFunctions, itemIndex: number): number {
	const value = Number(ctx.evaluateExpression('{{ $runIndex }}', itemIndex));
	return Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * The key Zendesk uses to recognise a repeated create. By default it is
 * workflow + execution + node + run + item: the same for n8n's Retry On Fail
 * and the node's own retries, which repeat one run, and different for each
 * run of a loop or each tool call of an agent. A key from the source event
 * also survives re-running the workflow.
 */
export function idempotencyKey(ctx: IExecuteFunctions, itemIndex: number): string {
	const given = (ctx.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject).idempotencyKey;
	return validated(ctx, itemIndex, () => {
		if (given === undefined || given === null || String(given) === '') {
			return `n8n-${ctx.getWorkflow().id ?? 'wf'}-${ctx.getExecutionId()}-${ctx.getNode().id}-r${runIndexOf(ctx, itemIndex)}-${itemIndex}`;
		}
		const key = String(given).trim();
		if (key === '') throw new InputProblem('Idempotency Key', 'is empty');
		if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
			throw new InputProblem('Idempotency Key', `is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
		return key;
	});
}

export function explainIdempotencyConflict(failure: HttpFailure) {
	if (failure.status !== 400 || zendeskErrorText(failure.body).message !== 'IdempotentRequestError') return undefined;
	return {
		message: 'This idempotency key was already used for a different ticket',
		description:
			'Zendesk remembers each key for 2 hours and refuses it with other ticket data. Give every distinct ticket its own key (e.g. the ID of the source event), or leave the key empty.',
	};
}
