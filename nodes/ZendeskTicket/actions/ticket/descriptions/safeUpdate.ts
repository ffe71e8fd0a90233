import type { INodeProperties } from 'n8n-workflow';

/** Update's and Apply Macro's Safe Update options: refuse a write over someone else's newer change. */
export const safeUpdateOptions: INodeProperties[] = [
	{
		displayName: 'Safe Update',
		name: 'safeUpdate',
		type: 'boolean',
		default: false,
		description: 'Whether to refuse the update when someone changed the ticket since it was read, instead of overwriting their change',
	},
	{
		displayName: 'Updated Stamp',
		name: 'updatedStamp',
		type: 'string',
		default: '',
		placeholder: '2026-11-02T10:00:00Z',
		description: "The ticket's updated_at when it was read. When empty, the input item's updated_at is used.",
	},
];
