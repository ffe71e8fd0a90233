'use strict';
/** PASS/FAIL helpers for an e2e piece run on its own (trigger.js, httpRequest.js), as run.js prints them. */

function standaloneHelpers() {
	const results = { passed: 0, failed: 0 };
	const h = {
		log: (m) => process.stderr.write(`${m}\n`),
		assert: (c, m) => {
			if (!c) throw new Error(m);
		},
		assertEq: (a, b, what) => {
			if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
		},
		check: async (scope, name, fn) => {
			try {
				await fn();
				results.passed++;
				console.log(`PASS ${scope} ${name}`);
				return true;
			} catch (e) {
				results.failed++;
				console.log(
					`FAIL ${scope} ${name}\n  ${String(e.stack || e.message)
						.split('\n')
						.join('\n  ')}`,
				);
				return false;
			}
		},
	};
	return { h, results };
}

/** `--line v2|v1` of the command line, v2 by default. */
const lineArg = () => (process.argv.includes('--line') ? process.argv[process.argv.indexOf('--line') + 1] : 'v2');

module.exports = { standaloneHelpers, lineArg };
