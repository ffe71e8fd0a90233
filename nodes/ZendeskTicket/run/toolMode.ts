import type { IExecuteFunctions } from 'n8n-workflow';

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
