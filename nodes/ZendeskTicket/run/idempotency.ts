import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { HttpFailure } from '../../../common/client';
import { zendeskErrorText } from '../../../common/client';
import { headerValue } from '../input/headerValue';
import { InputProblem } from '../../../common/helpers/validation';
import { IDEMPOTENCY_KEY_LIFETIME_MS, MAX_IDEMPOTENCY_KEY_LENGTH } from '../../../common/zendeskFacts';
import { validated } from './itemInput';

/** Which run of the node this is in the execution: a loop, or an AI agent's second tool call, runs it again. */
function runIndexOf(ctx: IExecuteFunctions, itemIndex: number): number {
	const value = Number(ctx.evaluateExpression('{{ $runIndex }}', itemIndex));
	return Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * The n8n instance: two instances restored from one backup (or copies) share
 * workflow and node IDs and count executions alike, so without it the second
 * one's ticket would be taken for the first one's and silently not created.
 */
function instanceOf(ctx: IExecuteFunctions): string {
	try {
		return ctx.getInstanceId() || 'n8n';
	} catch {
		return 'n8n';
	}
}

/**
 * The key Zendesk uses to recognise a repeated create. By default it is
 * instance + workflow + execution + node + run + item: the same for n8n's
 * Retry On Fail and the node's own retries, which repeat one run, and
 * different for each run of a loop or each tool call of an agent. A key from
 * the source event also survives re-running the workflow.
 */
export function idempotencyKey(ctx: IExecuteFunctions, itemIndex: number): string {
	const given = (ctx.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject).idempotencyKey;
	return validated(ctx, itemIndex, () => {
		if (given === undefined || given === null || String(given) === '') {
			const run = `${ctx.getWorkflow().id ?? 'wf'}-${ctx.getExecutionId()}-${ctx.getNode().id}-r${runIndexOf(ctx, itemIndex)}`;
			return `n8n-${instanceOf(ctx)}-${run}-${itemIndex}`;
		}
		if (typeof given === 'object') throw new InputProblem('Idempotency Key', 'is not text: map one value, e.g. the source event ID');
		const key = String(given).trim();
		if (key === '') throw new InputProblem('Idempotency Key', 'is empty');
		// Two keys that differ only in what a header cannot carry ("заказ-1042", "счёт-1042") would reach Zendesk as one.
		headerValue('Idempotency Key', key, 'use letters, digits and punctuation in ASCII only (e.g. an encoded or numeric event ID)');
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

/** Bounds the memory below; the oldest keys go first. */
const MAX_UNSURE_CREATES = 10_000;
/** Creates whose answer was lost after they may have been done, by key, with when. */
const unsureCreates = new Map<string, number>();

/**
 * Remembers a create that may have been done although its answer was lost,
 * where Zendesk is not known to recognise its key (the Requests API). n8n's
 * Retry On Fail runs the node again in the same process with the same key,
 * and the repeat must not open a second ticket.
 */
export function rememberUnsureCreate(key: string, now = Date.now()): void {
	unsureCreates.delete(key);
	unsureCreates.set(key, now);
	for (const [old, at] of unsureCreates) {
		if (unsureCreates.size <= MAX_UNSURE_CREATES && now - at < IDEMPOTENCY_KEY_LIFETIME_MS) break;
		unsureCreates.delete(old);
	}
}

/** Whether a create with this key may already have been done in this process, within the key's lifetime. */
export function createMayHaveBeenDone(key: string, now = Date.now()): boolean {
	const at = unsureCreates.get(key);
	return at !== undefined && now - at < IDEMPOTENCY_KEY_LIFETIME_MS;
}
