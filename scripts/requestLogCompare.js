#!/usr/bin/env node
'use strict';
/**
 * Compares two request logs (ZD_REQUEST_LOG, JSON lines of {method, url, body, headers}: see
 * test/harness/network.ts) as multisets of lines, after normalising what differs from one run to
 * the next, and names the lines of the first log that the second lacks. Test files run in no fixed
 * order, so lines are counted, never compared in place.
 *
 * Usage: node scripts/requestLogCompare.js base.log head.log [--all]
 * (scripts/request-log-diff.sh REV produces both logs and calls this.)
 */
const fs = require('node:fs');

/**
 * Run-dependent values: Unix times and ISO times that tests take from the clock (a poll's
 * start_time, "since" values, timestamps built from Date.now()) within two days of `now`.
 * Fixed times written in tests (2026-11-02T10:00:00Z) are kept as they are unless that close.
 */
function normalise(line, now = Date.now()) {
	const near = (ms) => Math.abs(ms - now) < 2 * 24 * 3600 * 1000;
	return line
		.replace(/\b1[6-9]\d{8}\b/g, (s) => (near(Number(s) * 1000) ? '<unix-now>' : s))
		.replace(/\b20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g, (s) => (near(Date.parse(s)) ? '<iso-now>' : s));
}

/** Lines → how many times each occurs. */
function countLines(lines) {
	const counts = new Map();
	for (const line of lines) if (line.trim()) counts.set(line, (counts.get(line) ?? 0) + 1);
	return counts;
}

/** What `base` has more often than `head` (with how many missing), and the other way round. */
function compare(baseLines, headLines) {
	const base = countLines(baseLines);
	const head = countLines(headLines);
	const short = (from, to) =>
		[...from]
			.map(([line, n]) => [line, n - (to.get(line) ?? 0)])
			.filter(([, missing]) => missing > 0)
			.sort(([a], [b]) => (a < b ? -1 : 1));
	const total = (counts) => [...counts.values()].reduce((a, b) => a + b, 0);
	return { baseLines: total(base), headLines: total(head), missingAtHead: short(base, head), newAtHead: short(head, base) };
}

/** A log file's lines, normalised against the time the log was written. */
function readLog(file) {
	const now = fs.statSync(file).mtimeMs;
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.map((line) => normalise(line, now));
}

function main([baseFile, headFile, ...flags]) {
	if (!baseFile || !headFile) {
		console.error('Usage: node scripts/requestLogCompare.js base.log head.log [--all]');
		process.exit(2);
	}
	const result = compare(readLog(baseFile), readLog(headFile));
	const sum = (rows) => rows.reduce((a, [, n]) => a + n, 0);
	console.log(`lines at base: ${result.baseLines}, at head: ${result.headLines}`);
	console.log(`base lines missing at head: ${sum(result.missingAtHead)} (${result.missingAtHead.length} distinct)`);
	for (const [line, n] of result.missingAtHead) console.log(`  -${n > 1 ? ` ×${n}` : ''} ${line}`);
	console.log(`lines new at head: ${sum(result.newAtHead)} (${result.newAtHead.length} distinct)`);
	if (flags.includes('--all')) for (const [line, n] of result.newAtHead) console.log(`  +${n > 1 ? ` ×${n}` : ''} ${line}`);
	process.exitCode = result.missingAtHead.length ? 1 : 0;
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { normalise, compare };
