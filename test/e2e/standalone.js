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

/** Runs `run(line, h)` for the line asked for, prints the tally as `name: N passed, M failed` and exits 1 on any failure. */
function runAlone(name, run) {
	const line = lineArg();
	const { h, results } = standaloneHelpers();
	(async () => {
		try {
			await run(line, h);
		} catch (e) {
			await h.check(`[${line}]`, 'runner', () => {
				throw e;
			});
		}
		console.log(`${name}: ${results.passed} passed, ${results.failed} failed`);
		process.exit(results.failed ? 1 : 0);
	})();
}

/** `scenario(ctx, h)` on a fresh emulator and a fresh n8n user folder (community package mode), both removed after (the folder kept with `--keep`). */
const onFreshInstance = (scenario) => async (line, h) => {
	const e2e = require('../../scripts/e2e/n8n.js');
	const { createEmulator } = require('../emulator');
	const emu = await createEmulator({ port: 0, jobDelayMs: 50 });
	const n8n = await e2e.createInstance({
		line,
		mode: 'community',
		env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
	});
	try {
		await scenario({ line, scope: `[${line}]`, emu, n8n }, h);
	} finally {
		if (!process.argv.includes('--keep')) n8n.cleanup();
		await emu.close();
	}
};

module.exports = { standaloneHelpers, lineArg, runAlone, onFreshInstance };
