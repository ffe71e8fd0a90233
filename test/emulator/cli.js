#!/usr/bin/env node
'use strict';
// node test/emulator/cli.js [--port 4010] [--latency ms] [--rate-limit n] [--seed-tickets n] [--job-delay ms]
const { createEmulator } = require('./index');

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!m) throw new Error(`Unexpected argument ${argv[i]}`);
		const value = m[2] ?? argv[++i];
		if (value === undefined || !/^\d+$/.test(value)) throw new Error(`--${m[1]} needs a non-negative integer`);
		out[m[1]] = Number(value);
	}
	return out;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const known = ['port', 'latency', 'rate-limit', 'seed-tickets', 'job-delay'];
	for (const k of Object.keys(args)) if (!known.includes(k)) throw new Error(`Unknown option --${k}`);
	const emu = await createEmulator({
		port: args.port ?? 4010,
		latencyMs: args.latency ?? 0,
		rateLimitPerMinute: args['rate-limit'] ?? 0,
		jobDelayMs: args['job-delay'],
		seed: { tickets: args['seed-tickets'] ?? 50 },
	});
	const c = emu.credentials;
	process.stdout.write(
		[
			`Zendesk emulator listening on ${emu.url}`,
			`  tickets seeded:   ${emu.state.tickets.size}`,
			`  API token:        ${c.email} / ${c.apiToken}`,
			`  Basic header:     Authorization: ${c.basicAuth}`,
			`  OAuth client:     ${c.clientId} / ${c.clientSecret} (public PKCE client: ${c.publicClientId})`,
			`  authorize URL:    ${c.authorizeUrl}`,
			`  token URL:        ${c.tokenUrl}`,
			'Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await emu.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`${err.message}\n`);
	process.exit(1);
});
