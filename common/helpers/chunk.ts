/** Values in runs of `size`: Zendesk's many-at-once endpoints take a bounded list. */
export function chunk<T>(values: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}
