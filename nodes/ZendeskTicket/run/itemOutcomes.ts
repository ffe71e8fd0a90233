import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { answerTooDeep, errorForItem, MAX_ANSWER_DEPTH, nestsDeeperThan } from '../../../common/client';

/**
 * What happened to each input item. Operations that batch several items into
 * one request record results here, so every item still ends up with exactly
 * its own output or error, in input order, with its pairedItem.
 */
export class ItemOutcomes {
	private readonly data = new Map<number, Array<{ json: IDataObject; binary?: IBinaryKeyData }>>();

	private readonly errors = new Map<number, Error>();

	/** As a tool, every error goes to the model as output; in a workflow, only with continue-on-fail. */
	private readonly asTool: boolean;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly count: number,
	) {
		this.asTool = isToolRun(ctx);
	}

	ok(itemIndex: number, result: IDataObject | IDataObject[], binary?: IBinaryKeyData): void {
		const results = Array.isArray(result) ? result : [result];
		// Every output passes here: what nests too deep fails its item before n8n or the redaction walks it.
		if (results.some((json) => nestsDeeperThan(json))) {
			this.fail(itemIndex, answerTooDeep(this.ctx.getNode(), itemIndex, MAX_ANSWER_DEPTH));
			return;
		}
		const list = this.data.get(itemIndex) ?? [];
		for (const json of results) list.push(binary ? { json, binary } : { json });
		this.data.set(itemIndex, list);
	}

	/** Records a failure; without continue-on-fail the run stops here, as n8n users expect. */
	fail(itemIndex: number, error: Error): void {
		const own = errorForItem(this.ctx.getNode(), error, itemIndex);
		if (!this.errors.has(itemIndex)) this.errors.set(itemIndex, own);
		if (!this.asTool && !this.ctx.continueOnFail()) throw own;
	}

	hasFailed(itemIndex: number): boolean {
		return this.errors.has(itemIndex);
	}

	/** Runs `work` for each item that has not failed yet, one after the other. */
	async forEachPending(work: (itemIndex: number) => Promise<IDataObject | IDataObject[] | undefined>): Promise<void> {
		for (let i = 0; i < this.count; i++) {
			if (this.hasFailed(i)) continue;
			try {
				const result = await work(i);
				if (result !== undefined) this.ok(i, result);
			} catch (error) {
				this.fail(i, error as Error);
			}
		}
	}

	private errorJson(error: Error): IDataObject {
		if (this.asTool) return { error: toolSentence(error) };
		const description = (error as NodeOperationError).description;
		return { error: error.message, ...(description ? { description } : {}) };
	}

	toExecutionData(): INodeExecutionData[] {
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.count; i++) {
			for (const entry of this.data.get(i) ?? []) out.push({ ...entry, pairedItem: { item: i } });
			const error = this.errors.get(i);
			if (error) out.push({ json: this.errorJson(error), pairedItem: { item: i } });
		}
		return out;
	}
}

/**
 * Whether n8n runs the node as an AI agent's tool (its type is then the
 * node's name with "Tool" appended). A tool's errors go to the model as
 * output, whatever the n8n line: n8n 1.x would otherwise end the whole run.
 */
export function isToolRun(ctx: IExecuteFunctions): boolean {
	// Spelled out: n8n 1.x's n8n-workflow has no NodeHelpers.isToolType.
	return /Tool$/.test(ctx.getNode().type.split('.').pop() ?? '');
}

/** An error as a model reads it: the message (what happened and what to do) as a sentence, then Zendesk's explanation. */
export function toolSentence(error: Error): string {
	const message = error.message.trim();
	const description = (error as { description?: unknown }).description;
	const text = typeof description === 'string' ? description.replace(/ (of|for) input item \d+/g, '').trim() : '';
	const said = text !== '' ? ` ${text}` : '';
	// Some messages start with a phrase ("changed since you read it"); a sentence starts with a capital.
	const sentence = message.charAt(0).toUpperCase() + message.slice(1);
	return `${sentence}${/[.!?]$/.test(sentence) ? '' : '.'}${said}`;
}
