import type { IDataObject } from 'n8n-workflow';

import { MAX_TEXT_BYTES } from '../zendeskFacts';

/** A problem with one field of one input item; the operation adds the item index. */
export class InputProblem extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
	}
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]{2,}$/;

/** Text as typed or mapped; an object or a list would otherwise reach Zendesk as "[object Object]" or "a,b". */
export function plainText(field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		throw new InputProblem(
			field,
			`is ${Array.isArray(value) ? 'a list' : 'an object'}, not text: map a single text value (e.g. {{ $json.subject }})`,
		);
	}
	return String(value);
}

export function requireText(field: string, value: unknown, { maxBytes = MAX_TEXT_BYTES } = {}): string {
	const text = plainText(field, value);
	if (text.trim() === '') throw new InputProblem(field, 'is empty');
	if (Buffer.byteLength(text, 'utf8') > maxBytes) {
		throw new InputProblem(field, `is longer than Zendesk accepts (${maxBytes} bytes)`);
	}
	return text;
}

/**
 * One of Zendesk's values (the keys of `allowed`, e.g. STATUSES), in any letter case. The
 * names people and models use ("On-Hold", "on hold") are read as the value they name.
 */
export function oneOf<T extends string>(field: string, value: unknown, allowed: Readonly<Record<T, string>>): T {
	const loose = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');
	// A model may pass {"value": "high"} or ["high"]: say what came, not "[object Object]".
	if (value !== null && typeof value === 'object') {
		throw new InputProblem(
			field,
			`must be one of ${Object.keys(allowed).join(', ')}; got ${Array.isArray(value) ? 'a list' : 'an object'}`,
		);
	}
	const text = loose(String(value ?? '').trim());
	const found = (Object.keys(allowed) as T[]).find((key) => key === text || loose(allowed[key]) === text);
	if (found === undefined) {
		throw new InputProblem(field, `"${String(value).slice(0, 40)}" is not one of ${Object.keys(allowed).join(', ')}`);
	}
	return found;
}

export function email(field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!EMAIL.test(text)) throw new InputProblem(field, `"${text.slice(0, 80)}" is not a valid email address`);
	return text;
}

/** Zendesk IDs are positive whole numbers. */
export function isPositiveId(text: string): boolean {
	return /^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text));
}

export function positiveId(field: string, value: unknown): number {
	const text = String(value ?? '').trim();
	if (!isPositiveId(text)) {
		throw new InputProblem(field, `"${text.slice(0, 40)}" is not an ID (a positive whole number)`);
	}
	return Number(text);
}

/** Lists arrive as arrays (expressions) or comma-separated text (typed by hand). */
export function list(value: unknown, field = 'List'): string[] {
	const parts = Array.isArray(value) ? value : plainText(field, value).split(',');
	return parts.map((p) => plainText(field, p).trim()).filter((p) => p !== '');
}

export function isoDate(field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	const date = new Date(text);
	if (text === '' || Number.isNaN(date.getTime())) throw new InputProblem(field, `"${text.slice(0, 40)}" is not a date`);
	return date.toISOString();
}

export function jsonObject(field: string, value: unknown): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	try {
		const parsed = JSON.parse(String(value)) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// reported below
	}
	throw new InputProblem(field, 'is not a valid JSON object');
}

/** Zendesk ids are positive integers; anything else is refused before a request is built. */
export function parseIds(value: unknown): { ids: number[]; problem?: string } {
	const parts: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'number'
			? [value]
			: typeof value === 'string'
				? value.split(',')
				: value === undefined || value === null
					? []
					: [value];
	const ids: number[] = [];
	for (const part of parts) {
		const candidate = typeof part === 'object' && part !== null ? (part as IDataObject).id : part;
		const text = String(candidate ?? '').trim();
		if (text === '') continue;
		if (!isPositiveId(text)) {
			return { ids: [], problem: `"${text.slice(0, 40)}" is not a ticket ID (a positive whole number)` };
		}
		ids.push(Number(text));
	}
	if (ids.length === 0) return { ids, problem: 'no ticket ID was given' };
	return { ids: [...new Set(ids)] };
}
