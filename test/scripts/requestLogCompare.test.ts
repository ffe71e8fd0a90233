const { normalise, compare } = require('../../scripts/requestLogCompare.js') as {
	normalise: (line: string, now?: number) => string;
	compare: (
		base: string[],
		head: string[],
	) => { baseLines: number; headLines: number; missingAtHead: Array<[string, number]>; newAtHead: Array<[string, number]> };
};

/** scripts/requestLogCompare.js: issue 21's check that the engine tests' requests are kept. */
const NOW = Date.parse('2026-12-04T05:00:00Z');
const line = (url: string, body?: object) => JSON.stringify({ method: 'GET', url, body, headers: {} });

describe('request log comparison', () => {
	it('normalises only times taken from the clock: Unix and ISO times within two days of the run', () => {
		expect(normalise(line('/api/v2/incremental/tickets?start_time=1796355600'), NOW)).toBe(
			line('/api/v2/incremental/tickets?start_time=<unix-now>'),
		);
		expect(normalise(line('/x', { since: '2026-12-03T10:00:00Z', at: '2026-12-04T04:59:59.123Z' }), NOW)).toBe(
			line('/x', { since: '<iso-now>', at: '<iso-now>' }),
		);
		// A fixed date in a test, an ID of ten digits and a far timestamp stay as they are.
		const kept = line('/api/v2/tickets/1234567890?start_time=1700000000', { at: '2026-11-02T10:00:00Z' });
		expect(normalise(kept, NOW)).toBe(kept);
	});

	it('compares as multisets: order does not count, a line recorded fewer times is missing that many times', () => {
		const a = line('/a');
		const b = line('/b');
		const c = line('/c');
		expect(compare([a, b, a, ''], [b, a, c])).toEqual({
			baseLines: 3,
			headLines: 3,
			missingAtHead: [[a, 1]],
			newAtHead: [[c, 1]],
		});
		expect(compare([b, a], [a, b]).missingAtHead).toEqual([]);
	});
});
