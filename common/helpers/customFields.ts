import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from './validation';

/** The part of a Zendesk ticket field definition needed to convert a value. */
export interface TicketFieldDefinition {
	id: number;
	type: string;
	title: string;
	active?: boolean;
	custom_field_options?: Array<{ name: string; value: string }>;
}

function optionValue(field: TicketFieldDefinition, raw: string, label: string): string {
	const options = field.custom_field_options ?? [];
	const match = options.find((o) => o.value === raw) ?? options.find((o) => o.name.toLowerCase() === raw.toLowerCase());
	if (!match) {
		const known = options
			.slice(0, 10)
			.map((o) => o.value)
			.join(', ');
		throw new InputProblem(label, `"${raw.slice(0, 40)}" is not an option of this field (options: ${known})`);
	}
	return match.value;
}

function toList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			const parsed = JSON.parse(value) as unknown;
			if (Array.isArray(parsed)) return toList(parsed);
		} catch {
			// fall through to comma splitting
		}
	}
	return String(value ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

/**
 * Converts what a builder typed (always text in the editor) into the JSON type
 * Zendesk expects for the field. Empty text clears the field.
 */
export function convertCustomFieldValue(field: TicketFieldDefinition | undefined, value: unknown, fieldId: number): unknown {
	const label = field ? `Custom field "${field.title}" (${fieldId})` : `Custom field ${fieldId}`;
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
	if (!field) return value;
	const text = typeof value === 'string' ? value.trim() : value;
	switch (field.type) {
		case 'checkbox': {
			if (typeof text === 'boolean') return text;
			const lowered = String(text).toLowerCase();
			if (['true', 'yes', '1', 'on'].includes(lowered)) return true;
			if (['false', 'no', '0', 'off'].includes(lowered)) return false;
			throw new InputProblem(label, `"${String(text).slice(0, 40)}" is not true or false`);
		}
		case 'integer': {
			const n = Number(text);
			if (!Number.isInteger(n)) throw new InputProblem(label, `"${String(text).slice(0, 40)}" is not a whole number`);
			return n;
		}
		case 'decimal': {
			const n = Number(text);
			if (!Number.isFinite(n)) throw new InputProblem(label, `"${String(text).slice(0, 40)}" is not a number`);
			return n;
		}
		case 'date': {
			const date = new Date(String(text));
			if (Number.isNaN(date.getTime())) throw new InputProblem(label, `"${String(text).slice(0, 40)}" is not a date`);
			return /^\d{4}-\d{2}-\d{2}$/.test(String(text)) ? String(text) : date.toISOString().slice(0, 10);
		}
		case 'tagger':
			return optionValue(field, String(text), label);
		case 'multiselect':
			return toList(text).map((v) => optionValue(field, v, label));
		default:
			if (typeof text === 'object') throw new InputProblem(label, 'expects text, not an object');
			return String(text);
	}
}

export function customFieldsPayload(
	entries: IDataObject[],
	definitions: Map<number, TicketFieldDefinition>,
): Array<{ id: number; value: unknown }> {
	return entries.map((entry) => {
		const id = Number(entry.fieldId);
		if (!Number.isSafeInteger(id) || id <= 0) {
			throw new InputProblem('Custom Fields', `"${String(entry.fieldId)}" is not a ticket field ID`);
		}
		return { id, value: convertCustomFieldValue(definitions.get(id), entry.value, id) };
	});
}
