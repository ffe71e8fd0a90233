import { MAX_RANGES, includesId, withIds } from '../../../../nodes/ZendeskTicketPollTrigger/helpers/idRanges';

describe('ticket ID ranges', () => {
	it('merges IDs that touch or overlap, in any order, and keeps the rest apart', () => {
		const ranges = withIds([[10, 12]], [13, 5, 11, 20, 14, 4, 19]);
		expect(ranges).toEqual([
			[4, 5],
			[10, 14],
			[19, 20],
		]);
		expect([3, 4, 5, 6, 9, 10, 14, 15, 18, 19, 20, 21].map((id) => includesId(ranges, id))).toEqual([
			false,
			true,
			true,
			false,
			false,
			true,
			true,
			false,
			false,
			true,
			true,
			false,
		]);
	});

	it('keeps at most MAX_RANGES, dropping the lowest', () => {
		const odd = Array.from({ length: MAX_RANGES + 5 }, (_, k) => 2 * k + 1);
		const ranges = withIds([], odd);
		expect(ranges).toHaveLength(MAX_RANGES);
		expect(ranges[0]).toEqual([11, 11]);
		expect(includesId(ranges, 9)).toBe(false);
		expect(includesId(ranges, 2 * (MAX_RANGES + 4) + 1)).toBe(true);
	});

	it('leaves the ranges it was given as they were', () => {
		const given: Array<[number, number]> = [[1, 2]];
		withIds(given, [3]);
		expect(given).toEqual([[1, 2]]);
	});
});
