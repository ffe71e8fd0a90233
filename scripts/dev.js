'use strict';
/**
 * npm run dev [-- --reset] [-- --real] [-- --line v1] [-- --verbose]
 *
 * Builds the package, starts the Zendesk emulator (its data kept in .cache/dev/emulator-<line>.json
 * across restarts; --reset starts it over from the seed; tickets tagged test-data added when there
 * are none, for example 04), the stand-in chat model of example 05 (scripts/standInModel.js) and n8n
 * with the package installed, the example workflows (examples/ and examples/triggers/) and four
 * working credentials: API token, OAuth2 connected through a real authorization-code flow against
 * the emulator, OAuth2 client credentials (also with impersonate), plus example 05's OpenAI one.
 * Ports: scripts/devPorts.js.
 */
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { spawn, spawnSync } = require('node:child_process');

const e2e = require('./e2e/n8n.js');
const { connectOAuth, emulatorCredentials } = require('./emulatorCredentials.js');
const { choosePorts, firstFree } = require('./devPorts.js');
const { seedTestData, standInCredential, STAND_IN_CREDENTIAL } = require('./devExamples.js');
const { startStandInModel } = require('./standInModel.js');

const args = process.argv.slice(2);
const real = args.includes('--real');
const reset = args.includes('--reset');
const verbose = args.includes('--verbose');
const line = args.includes('--line') ? args[args.indexOf('--line') + 1] : 'v2';
const root = path.join(__dirname, '..');
const devDir = path.join(root, '.cache', 'dev');
const userFolder = path.join(devDir, `n8n-${line}`);
const emulatorDataFile = path.join(devDir, `emulator-${line}.json`);
/** Bumped when the credentials dev imports change shape, so that older dev folders get them again. */
const CREDENTIALS_VERSION = 4;
const T0 = Date.now();
/** Measured, see the README ("The first run takes longer"). */
const FIRST_INSTALL = 'about 9 minutes (measured 8 min 38 s on a busy 2-core machine with an empty npm cache)';

const since = () => {
	const s = Math.round((Date.now() - T0) / 1000);
	return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};
function step(text) {
	console.log(`\n▶ [${since()}] ${text}`);
}

/** examples/*.json and examples/triggers/*.json (the trigger example runs once its workflow is active). */
function exampleWorkflows() {
	return ['examples', path.join('examples', 'triggers')]
		.map((d) => path.join(root, d))
		.filter((dir) => fs.existsSync(dir))
		.flatMap((dir) =>
			fs
				.readdirSync(dir)
				.filter((f) => f.endsWith('.json'))
				.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))),
		);
}

/**
 * n8n start-up lines that say nothing about this package or a local setup (shown with --verbose):
 * the Python runner it cannot start without a virtualenv, the list of deprecated settings, the licence SDK.
 */
const NOISE = [/Failed to start Python task runner/, /^\[license SDK\]/];
const NOISE_BLOCK_START = /^There are deprecations related to your n8n setup/;

/** Prints a child's output line by line with one prefix (a chunk can end mid-line). */
function pipeLines(stream, prefix, onLine) {
	let inBlock = false;
	readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (text) => {
		onLine(text);
		if (!verbose) {
			if (NOISE_BLOCK_START.test(text)) inBlock = true;
			if (inBlock) {
				if (text.trim() === '') inBlock = false;
				return;
			}
			if (NOISE.some((re) => re.test(text))) return;
		}
		process.stdout.write(`${prefix}${text}\n`);
	});
}

function readMarker(marker) {
	try {
		return JSON.parse(fs.readFileSync(marker, 'utf8'));
	} catch {
		return fs.existsSync(marker) ? { workflows: true } : {};
	}
}

/** The emulator with its data file, the `test-data` tickets example 04 deletes, and the stand-in chat model of example 05. */
async function startLocalServices(ports) {
	if (reset && fs.existsSync(emulatorDataFile)) {
		fs.rmSync(emulatorDataFile);
		console.log(`  --reset: removed ${path.relative(root, emulatorDataFile)}`);
	}
	const { createEmulator } = require('../test/emulator');
	const emulator = await createEmulator({ port: ports.emulator, seed: { tickets: 50 }, dataFile: emulatorDataFile });
	step(
		`Zendesk emulator on http://127.0.0.1:${ports.emulator}: ${
			emulator.loadedFrom
				? `${emulator.state.tickets.size} tickets kept from the last run (${path.relative(root, emulatorDataFile)}; \`npm run dev -- --reset\` starts over)`
				: `seeded with ${emulator.state.tickets.size} tickets, kept in ${path.relative(root, emulatorDataFile)}`
		}`,
	);
	const seeded = await seedTestData(emulator);
	if (seeded) console.log(`  ${seeded} tickets tagged test-data, for example 04 to find and delete`);
	const { port } = await firstFree(4020, { host: '127.0.0.1', avoid: [ports.emulator, ports.n8n] });
	const model = await startStandInModel({ port });
	step(`Stand-in chat model for example 05 on ${model.url}: scripted, not an AI (README: "Example 05 without an OpenAI key")`);
	return { emulator, model };
}

/** Credentials (again when their version, the emulator or its URL changed) and the examples n8n does not have yet. */
async function importInto(n8n, local, ports) {
	const marker = path.join(userFolder, '.dev-imported');
	const done = readMarker(marker);
	const { emulator, model } = local;
	const emulatorUrl = emulator && (emulator.httpUrl || emulator.url);
	if (emulator && (done.credentials !== CREDENTIALS_VERSION || !emulator.loadedFrom || done.emulatorUrl !== emulatorUrl)) {
		// A fresh emulator has none of the tokens n8n holds: connect again. On another port, the credentials point at it.
		step('Importing the emulator credentials (OAuth2 connected; OAuth2 client credentials, also with impersonate; API token)');
		const redirectUri = `http://localhost:${ports.n8n}/rest/oauth2-credential/callback`;
		await n8n.importCredentials(emulatorCredentials(emulator, await connectOAuth(emulator, redirectUri)));
		Object.assign(done, { credentials: CREDENTIALS_VERSION, emulatorUrl });
	}
	if (model && done.modelUrl !== model.url) {
		await n8n.importCredentials([standInCredential(model.url)]);
		done.modelUrl = model.url;
	}
	// Examples added to the repository since the last start are imported; ones already there are
	// left alone (import would overwrite your edits).
	const examples = exampleWorkflows();
	const listed = done.workflows ? await n8n.run(['list:workflow']) : { code: 0, stdout: '' };
	if (listed.code === 0) {
		const present = new Set(listed.stdout.split('\n').map((l) => l.split('|')[0].trim()));
		const missing = examples.filter((w) => !present.has(w.id));
		if (missing.length) {
			step(
				`Importing ${missing.length === examples.length ? 'the example workflows' : `new examples: ${missing.map((w) => w.name).join('; ')}`}`,
			);
			await n8n.importWorkflows(missing);
		}
		done.workflows = true;
	}
	fs.writeFileSync(marker, JSON.stringify({ ...done, at: new Date().toISOString() }));
}

function banner(ports) {
	return `
┌──────────────────────────────────────────────────────────────────────────────
│ n8n is ready after ${since()}: open http://localhost:${ports.n8n}
│ 1. First time: create the owner account (any email and password; it stays local).
│ 2. Open a workflow under "Overview": the examples use "Zendesk (local emulator)".
│    Or add a node: search "Zendesk Ticket" in the nodes panel.
│ 3. Click "Execute workflow" and look at the Zendesk Ticket output.
${
	real
		? '│ Real mode: create a "Zendesk Ticket OAuth2 API" credential for your account (see README).'
		: `│ Credentials, all working against the emulator on http://127.0.0.1:${ports.emulator}:
│   "Zendesk OAuth2 (local emulator)": OAuth2, already connected (a new node gets it);
│   "Zendesk OAuth2 client credentials (local emulator)": OAuth2, no Connect step;
│   "Zendesk OAuth2 with impersonate (local emulator)": the same with impersonate (example 05);
│   "Zendesk (local emulator)": API token admin@acme.test / emulator-api-token;
│   "${STAND_IN_CREDENTIAL.name}": example 05's chat model.
│ Emulator data is kept across restarts; \`npm run dev -- --reset\` starts it over.`
}
│ Stop with Ctrl-C.
└──────────────────────────────────────────────────────────────────────────────`;
}

async function main() {
	const ports = await choosePorts({ emulator: !real });
	for (const note of ports.notes) console.log(`  ${note}`);
	step('Building the package');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) process.exit(build.status ?? 1);

	const installed = fs.existsSync(path.join(root, '.cache', 'e2e', line, '.e2e-installed'));
	step(
		installed
			? `n8n (${line}) is installed in .cache/e2e/${line}`
			: `Installing n8n (${line}) into .cache/e2e/${line}: the first time only, ${FIRST_INSTALL}; progress below`,
	);
	fs.mkdirSync(userFolder, { recursive: true });
	const n8n = await e2e.createInstance({ line, mode: 'community', userFolder });
	const local = real ? {} : await startLocalServices(ports);
	await importInto(n8n, local, ports);

	step(`Starting n8n on http://localhost:${ports.n8n}`);
	const env = await n8n.env({ N8N_PORT: String(ports.n8n), N8N_SECURE_COOKIE: 'false', N8N_HOST: 'localhost' });
	const child = spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], { env, cwd: userFolder, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let announced = false;
	const onLine = (text) => {
		if (announced || !/Editor is now accessible/.test(text)) return;
		announced = true;
		console.log(banner(ports));
	};
	pipeLines(child.stdout, '  n8n │ ', onLine);
	pipeLines(child.stderr, '  n8n │ ', onLine);

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
		if (local.model) await local.model.close();
		if (local.emulator) await local.emulator.close(); // writes the data file
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
