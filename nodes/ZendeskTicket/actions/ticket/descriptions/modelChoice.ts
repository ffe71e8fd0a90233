import type { INodeProperties } from 'n8n-workflow';
import { FROM_AI_AUTO_GENERATED_MARKER } from 'n8n-workflow';

import { PRIORITIES, STATUSES, TYPES } from '../../../../../common/zendeskFacts';

/*
 * Dropdowns an AI agent's model can fill.
 *
 * n8n's editor offers "Let the model define this parameter" for text parameters only, never
 * for dropdowns. So when the node is an agent's tool (n8n's '@tool' display option) each
 * dropdown below gives way to a text twin of the same name, whose default is already the
 * model's choice: the $fromAI expression the editor itself writes, with the allowed values in
 * its description. Adding "Priority" to a tool's fields therefore lets the model pick it; typing
 * a value instead fixes it. In workflow steps nothing changes. The node reads both the same
 * way: the value is checked against Zendesk's values (common/helpers/validation oneOf), and an empty
 * answer leaves the field alone.
 */

/** The expression n8n's editor writes for "Let the model define this parameter". */
export const fromModel = (key: string, says: string): string =>
	`={{ ${FROM_AI_AUTO_GENERATED_MARKER} $fromAI('${key}', \`${says}\`, 'string') }}`;

const inWords = (values: readonly string[]): string => `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

interface Choice {
	/** The $fromAI key the model sees. */
	key: string;
	/** What the model is told, before the allowed values. */
	says: string;
	values: Readonly<Record<string, string>>;
	/** Several values (a filter), comma-separated. */
	many?: boolean;
}

const onlyWhen = (tool: boolean, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, '@tool': [tool] } },
});

/** A dropdown for workflow steps and its text twin for tools, in that order. */
export function modelChoosable(dropdown: INodeProperties, choice: Choice): INodeProperties[] {
	const values = Object.keys(choice.values);
	const allowed = choice.many ? `comma-separated, from ${values.join(', ')}` : inWords(values);
	const empty = choice.many ? 'empty for any' : 'empty to leave it as it is';
	const twin: INodeProperties = {
		displayName: dropdown.displayName,
		name: dropdown.name,
		displayOptions: dropdown.displayOptions,
		type: 'string',
		default: fromModel(choice.key, `${choice.says}: ${allowed}; ${empty}`),
		description: `${choice.many ? 'Comma-separated: ' : 'One of: '}${values.join(', ')}. As a tool the model chooses it; type a value to fix it instead.`,
	};
	return [onlyWhen(false, dropdown), onlyWhen(true, twin)];
}

export const PRIORITY_CHOICE = { key: 'Priority', says: "The ticket's priority", values: PRIORITIES } satisfies Choice;
export const STATUS_CHOICE = { key: 'Status', says: "The ticket's status", values: STATUSES } satisfies Choice;
export const TYPE_CHOICE = { key: 'Type', says: "The ticket's type", values: TYPES } satisfies Choice;
