import type { INodeProperties } from 'n8n-workflow';

/** A record picked from a searchable list, or given by ID (users, macros). */
export const listOrIdLocator = (
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'required'>,
	list: { method: string; placeholder: string },
	byId: { placeholder: string; errorMessage?: string },
): INodeProperties => ({
	...base,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: list.placeholder,
			typeOptions: { searchListMethod: list.method, searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: byId.placeholder,
			...(byId.errorMessage
				? { validation: [{ type: 'regex', properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: byId.errorMessage } }] }
				: {}),
		},
	],
});
