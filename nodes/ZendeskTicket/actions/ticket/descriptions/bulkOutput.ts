import type { INodeProperties } from 'n8n-workflow';

/** What bulk create and update output per item: the full ticket read back, or what the job results already say. */
export const bulkOutputProperty = (kind: 'create' | 'update'): INodeProperties => ({
	displayName: 'Bulk Output',
	name: 'bulkOutput',
	type: 'options',
	options: [
		{
			name: 'Full Ticket',
			value: 'full',
			description: `Each ticket as Zendesk stores it, read back after the jobs: one show_many request per 100 tickets on top of the ${kind}_many requests (1,000 tickets: 21 requests)`,
		},
		{
			name: 'ID and Status Only',
			value: 'idAndStatus',
			description: `The ticket ID and the job's result status (${kind === 'create' ? '"Created"' : '"Updated"'}) from the job results, without reading the tickets back (1,000 tickets: 11 requests)`,
		},
	],
	default: 'full',
	description:
		'What each item outputs when the items go through bulk requests (see Use Bulk Requests). Items sent one by one always output the full ticket.',
});
