import type { IDataObject } from 'n8n-workflow';

import { isPositiveId } from './validation';

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

export function chunk<T>(values: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}
