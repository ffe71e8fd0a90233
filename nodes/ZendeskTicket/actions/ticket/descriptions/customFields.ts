import type { INodeProperties } from 'n8n-workflow';

/**
 * Custom fields as a list of field and value pairs, under Create's and
 * Update's fields: version 1 only, kept for saved workflows. From 1.1 on,
 * "Custom Field Values" (the resource mapper) is the one way to set them.
 */
export const customFieldsCollection: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	displayOptions: { show: { '@version': [1] } },
	placeholder: 'Add Custom Field',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'fieldId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFields' },
					default: '',
					description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description:
						'Converted to the field type: a number, true/false for a checkbox, YYYY-MM-DD for a date, the option value or name for a dropdown, comma-separated options for a multi-select. Leave empty to clear.',
				},
			],
		},
	],
};

/** Custom fields as n8n's resource mapper: one typed input per field, optionally of one form. */
export const customFieldMapperProperties: INodeProperties[] = [
	{
		displayName: 'Custom Fields of Form Name or ID',
		name: 'customFieldsForm',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTicketFormFilter' },
		default: '',
		description:
			'Show only the custom fields of this ticket form below. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Custom Field Values',
		name: 'customFieldValues',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		typeOptions: {
			loadOptionsDependsOn: ['customFieldsForm'],
			resourceMapper: {
				resourceMapperMethod: 'getCustomFieldColumns',
				mode: 'add',
				fieldWords: { singular: 'custom field', plural: 'custom fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
	},
];
