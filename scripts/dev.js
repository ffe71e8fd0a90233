#!/usr/bin/env node
// `npm run dev`: builds the package, starts the local Zendesk emulator and an
// n8n with the package installed on http://localhost:5678 (embedded SQLite),
// with an emulator credential and the example workflows already imported.
//   npm run dev               with the emulator on http://127.0.0.1:4010
//   npm run dev -- --real     no emulator: use your own Zendesk credential
//   npm run dev -- --line v1  n8n 1.123 on Node 22 instead of n8n 2.x on Node 24
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const e2e = require('./e2e/n8n.js');

const args = process.argv.slice(2);
const real = args.includes('--real');
const line = args.includes('--line') ? args[args.indexOf('--line') + 1] : 'v2';
const root = path.join(__dirname, '..');
const userFolder = path.join(root, '.cache', 'dev', `n8n-${line}`);
const EMULATOR_PORT = Number(process.env.ZD_EMULATOR_PORT || 4010);
const N8N_PORT = Number(process.env.N8N_DEV_PORT || 5678);

function step(text) {
	console.log(`\n▶ ${text}`);
}

function emulatorCredentials() {
	const base = `http://127.0.0.1:${EMULATOR_PORT}`;
	return [
		{
			id: 'zdEmulatorApi',
			name: 'Zendesk (local emulator)',
			type: 'zendeskTicketApi',
			data: { subdomain: 'acme', email: 'admin@acme.test', apiToken: 'emulator-api-token', baseUrlOverride: base },
		},
		{
			id: 'zdEmulatorOAuth',
			name: 'Zendesk OAuth2 (local emulator)',
			type: 'zendeskTicketOAuth2Api',
			data: {
				subdomain: 'acme',
				grantType: 'authorizationCode',
				clientId: 'n8n-emulator',
				clientSecret: 'emulator-client-secret',
				baseUrlOverride: base,
			},
		},
	];
}

function exampleWorkflows() {
	const dir = path.join(root, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

async function main() {
	step('Building the package');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);

	step(`Installing n8n (${line}) on first use; cached in .cache/e2e`);
	fs.mkdirSync(userFolder, { recursive: true });
	const n8n = await e2e.createInstance({ line, mode: 'community', userFolder });

	let emulator;
	if (!real) {
		step(`Starting the Zendesk emulator on http://127.0.0.1:${EMULATOR_PORT}`);
		const { createEmulator } = require('../test/emulator');
		emulator = await createEmulator({ port: EMULATOR_PORT, seed: { tickets: 50 } });
	}

	const marker = path.join(userFolder, '.dev-imported');
	if (!fs.existsSync(marker)) {
		step('Importing the emulator credentials and the example workflows');
		await n8n.importCredentials(emulatorCredentials());
		const workflows = exampleWorkflows();
		if (workflows.length) await n8n.importWorkflows(workflows);
		fs.writeFileSync(marker, new Date().toISOString());
	}

	step(`Starting n8n on http://localhost:${N8N_PORT}`);
	const env = await n8n.env({ N8N_PORT: String(N8N_PORT), N8N_SECURE_COOKIE: 'false', N8N_HOST: 'localhost' });
	const child = spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], { env, cwd: userFolder, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let announced = false;
	const watch = (chunk) => {
		const text = chunk.toString();
		process.stdout.write(text.replace(/^/gm, '  n8n │ '));
		if (!announced && /Editor is now accessible/.test(text)) {
			announced = true;
			console.log(`
┌──────────────────────────────────────────────────────────────────────────────
│ n8n is ready: open http://localhost:${N8N_PORT}
│ 1. First time: create the owner account (any email and password; it stays local).
│ 2. Open a workflow under "Overview": the examples use "Zendesk (local emulator)".
│    Or add a node: search "Zendesk Ticket" in the nodes panel.
│ 3. Click "Execute workflow" and look at the Zendesk Ticket output.
${real ? '│ Real mode: create a "Zendesk Ticket OAuth2 API" credential for your account (see README).' : `│ Emulator: http://127.0.0.1:${EMULATOR_PORT} (API token admin@acme.test / emulator-api-token;
│ OAuth client n8n-emulator / emulator-client-secret: "Connect" approves at once).`}
│ Stop with Ctrl-C.
└──────────────────────────────────────────────────────────────────────────────`);
		}
	};
	child.stdout.on('data', watch);
	child.stderr.on('data', watch);

	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the emulator…');
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
		const killer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, 10_000);
		await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
		clearTimeout(killer);
		if (emulator) await emulator.close();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	child.once('exit', (code) => {
		if (!stopping) {
			console.error(`n8n exited (${code})`);
			stop(code || 1);
		}
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
