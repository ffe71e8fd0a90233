import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The node's subtitle: the chosen operation's action as its Operation option
 * says it (e.g. "Create a ticket"), so a new operation or resource needs no
 * second list of names.
 */
export function subtitleOf(operationProperties: Record<string, INodeProperties>): string {
	const actions = Object.fromEntries(
		Object.entries(operationProperties).map(([resource, property]) => [
			resource,
			Object.fromEntries(((property.options ?? []) as INodePropertyOptions[]).map((o) => [o.value, o.action ?? o.name])),
		]),
	);
	// Indented, so that the nested objects' closing braces never read as the expression's "}}".
	return `={{ (${JSON.stringify(actions, null, 1)}[$parameter["resource"]] || {})[$parameter["operation"]] }}`;
}
