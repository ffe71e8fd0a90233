/*
 * How many of the package's files one run goes through (issue 21): a Get
 * with the defaults through the engine, traced with V8's precise coverage.
 * A file is crossed when one of its functions runs during the run; module
 * loading is done before (by a first run), and so is building the node and
 * credential types, which n8n does once, at start. The credential files,
 * called by the engine to sign the request, are counted apart.
 */
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';

import type { RunOptions } from '../harness/run';
import { engineFor } from '../harness/run';
import { ticket, zendesk } from '../harness/zendesk';

const ROOT = `${__dirname}/../..`;
const GET: RunOptions = { parameters: { operation: 'get', ticketId: '5' } };

/** The package's files in which a function ran while `work` did. */
async function filesRun(work: () => Promise<unknown>): Promise<string[]> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
	await session.post('Profiler.takePreciseCoverage');
	await work();
	const { result } = (await session.post('Profiler.takePreciseCoverage')) as Profiler.TakePreciseCoverageReturnType;
	await session.post('Profiler.stopPreciseCoverage');
	session.disconnect();
	return result
		.filter((script) => script.functions.some((f) => f.ranges[0].count > 0))
		.map((script) => relative(ROOT, script.url.replace(/^file:\/\//, '')))
		.filter((file) => /^(nodes|common|credentials)\//.test(file))
		.sort();
}

async function getOne(): Promise<string[]> {
	const scope = zendesk()
		.get('/api/v2/tickets/5')
		.reply(200, { ticket: ticket(5) });
	const engine = engineFor(GET);
	let output: unknown;
	const files = await filesRun(async () => (output = (await engine.run()).output));
	expect(output).toEqual([{ json: ticket(5), pairedItem: { item: 0 } }]);
	scope.done();
	return files;
}

describe('the path of one run', () => {
	it('a Get with the defaults crosses at most 10 files outside common/client/, and no other node folder', async () => {
		await getOne();
		const files = await getOne();
		const outside = files.filter((f) => !f.startsWith('common/client/') && !f.startsWith('credentials/'));
		// Today: the node, its router, the operation, run/ (end user, outcomes, tickets), common/api/tickets,
		// authentication, validation and the URL rule; 15 files of common/client/ behind its entry.
		// Past 10 files the failure lists the ones over (in name order), not a bare count.
		expect(outside.slice(10)).toEqual([]);
		expect(files).toContain('common/client/index.ts');
		expect(outside.filter((f) => f.startsWith('nodes/') && !f.startsWith('nodes/ZendeskTicket/'))).toEqual([]);
	});
});
