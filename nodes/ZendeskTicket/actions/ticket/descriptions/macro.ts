import type { INodeProperties } from 'n8n-workflow';

import { listOrIdLocator } from '../../locator.descriptions';

/** The macro as n8n's resource locator: an active macro picked by title, or its ID. */
export const macroProperty = (description: string): INodeProperties =>
	// The display name is also the key n8n derives for a model's $fromAI value: "Macro".
	listOrIdLocator(
		{ displayName: 'Macro', name: 'macroId', description, required: true },
		{ method: 'searchMacros', placeholder: 'Select an active macro…' },
		{ placeholder: '360001234567', errorMessage: 'Enter a macro ID: a number' },
	);

const MACRO_FIELD_HINT = {
	update:
		"The ID of a macro to apply with these changes, as an agent does in Zendesk: its field changes and its comment, rendered for the ticket. Fields set here win over the macro's; tags to add or remove add up.",
	create:
		"The ID of a macro whose field changes the new ticket gets (fields set here win; tags add up), recorded in the ticket's audit. A macro with a comment or placeholders needs the ticket: create it, then use Apply Macro.",
};

/** Create's and Update's optional macro, applied with the item's other fields. */
export const macroField = (kind: 'create' | 'update'): INodeProperties => ({
	displayName: 'Macro',
	name: 'macro',
	type: 'string',
	default: '',
	placeholder: '360001234567',
	description: MACRO_FIELD_HINT[kind],
});
