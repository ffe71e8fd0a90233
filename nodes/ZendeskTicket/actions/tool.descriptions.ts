import type { INodeProperties } from 'n8n-workflow';

/*
 * The tool's description, as the model reads it. n8n gives every node it turns into a tool a
 * "Tool Description" choice, whose manual text starts from the node's summary ("Create, update,
 * get, ... tickets"), which is wrong for a tool that does one thing. n8n leaves it out when the
 * node has its own, so the node has these: n8n's names and choices (saved tools keep theirs),
 * shown only in tools (n8n's '@tool'), and the manual text starts from the operation's own words.
 * "Set Automatically" stays n8n's: the operation's action, e.g. "Add a comment to a ticket in Zendesk Ticket".
 */

const inTools = { '@tool': [true] };

export const descriptionTypeProperty: INodeProperties = {
	displayName: 'Tool Description',
	name: 'descriptionType',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: inTools },
	options: [
		{ name: 'Set Automatically', value: 'auto', description: 'From the operation, e.g. "Create a ticket in Zendesk Ticket"' },
		{ name: 'Set Manually', value: 'manual', description: 'Write what the model is told about this tool' },
	],
	default: 'auto',
};

/** One "Description" per operation, each starting from that operation's `toolDescription`. */
export function toolDescriptionProperties(resource: string, operations: Record<string, { toolDescription: string }>): INodeProperties[] {
	return Object.entries(operations).map(([operation, { toolDescription }]) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		required: true,
		typeOptions: { rows: 2 },
		default: toolDescription,
		description: 'What the model is told this tool does. A specific description helps it call the tool at the right time.',
		displayOptions: { show: { ...inTools, descriptionType: ['manual'], resource: [resource], operation: [operation] } },
	}));
}
