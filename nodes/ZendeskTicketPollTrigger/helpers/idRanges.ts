/*
 * A set of ticket IDs kept as sorted, merged ranges. Zendesk numbers tickets
 * in order, so the tickets created since a trigger's activation take a few
 * ranges however many there are. Pure.
 */

/** [first, last] IDs, inclusive; sorted, not overlapping, not touching. */
export type IdRanges = Array<[number, number]>;

/** Ranges kept at most; past that the lowest (oldest tickets) go first. */
export const MAX_RANGES = 1000;

export function includesId(ranges: IdRanges, id: number): boolean {
	let low = 0;
	let high = ranges.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const [first, last] = ranges[middle];
		if (id < first) high = middle - 1;
		else if (id > last) low = middle + 1;
		else return true;
	}
	return false;
}

/** The ranges with `ids` added. */
export function withIds(ranges: IdRanges, ids: number[]): IdRanges {
	const all = [...ranges.map(([first, last]) => [first, last] as [number, number]), ...ids.map((id) => [id, id] as [number, number])];
	all.sort((a, b) => a[0] - b[0]);
	const merged: IdRanges = [];
	for (const [first, last] of all) {
		const top = merged[merged.length - 1];
		if (top && first <= top[1] + 1) top[1] = Math.max(top[1], last);
		else merged.push([first, last]);
	}
	return merged.slice(-MAX_RANGES);
}
