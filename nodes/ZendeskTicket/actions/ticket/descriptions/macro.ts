import type { INodeProperties } from 'n8n-workflow';

/** The macro as n8n's resource locator: an active macro picked by title, or its ID. */
export const macroProperty = (description: string): INodeProperties => ({
	// Also the key n8n derives for a model's $fromAI value: "Macro".
	displayName: 'Macro',
	name: 'macroId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an active macro…',
			typeOptions: { searchListMethod: 'searchMacros', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '360001234567',
			validation: [{ type: 'regex', properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'Enter a macro ID: a number' } }],
		},
	],
});
