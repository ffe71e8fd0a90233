#!/usr/bin/env node
'use strict';
/**
 * Real-browser test of the package in n8n's own editor: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) clicks through n8n 2.x like a workflow builder,
 * against the local Zendesk emulator (test/emulator).
 *
 *   node test/browser/run.js [--build] [--docs-screenshots] [--trace] [--keep] [--slow-mo MS]
 *
 *   --build             compile the package into a temporary folder first (tsc + icons + codex),
 *                       without touching dist/; default: use the existing dist/ (`npm run build`)
 *   --docs-screenshots  also copy the best screenshots to docs/screenshots/ (for the README)
 *   --trace             save a Playwright trace (test/browser/.artifacts/trace.zip)
 *   --keep              keep the temporary n8n user folder (its path is printed)
 *   --slow-mo MS        slow every browser action down (debugging)
 *
 * Everything is hermetic: a fresh n8n user folder in the OS temp dir (community-package install
 * of the built package, scripts/e2e/n8n.js), the emulator and n8n on free loopback ports, a fresh
 * browser profile, and every browser request to a host other than localhost/127.0.0.1 aborted.
 * Needs n8n under .cache/e2e (installed on first use by scripts/e2e/install-n8n.sh) and Chromium
 * (apt-get install -y chromium when missing, as root). CHROMIUM_PATH overrides /usr/bin/chromium.
 *
 * Steps (each prints PASS/FAIL; the last line is `browser: N passed, M failed`; exit 1 on failure):
 * The instance gets what `npm run dev` sets up (scripts/emulatorCredentials.js): an OAuth2
 * credential connected through the emulator, an OAuth2 client-credentials one and the API-token
 * one, all with "Use Local Emulator" on, and the example workflows.
 *   1. owner account set-up on a fresh instance
 *   2. new workflow; searching "Zendesk Ticket" in the node panel shows exactly "Zendesk Ticket"
 *      (n8n merges the action node and the webhook trigger: the webhook trigger's description, which
 *      names the actions first) and "Zendesk Ticket Poll Trigger" with the trigger icon and its own
 *      description; the entry lists a trigger per webhook event and the actions
 *   3. "Create a ticket" with the defaults a new node gets, the credential n8n picked for it
 *      ("Zendesk OAuth2 (local emulator)", as in dev) included: Subject, Description, Additional Fields >
 *      Group picked from the dropdown that n8n loads from the emulator
 *   4. "Execute step" with that default credential: the output panel shows the created ticket;
 *      the emulator has it with that group_id
 *   5. a second node, "Update a ticket": the ticket picked from the resource locator list
 *      (searchTickets), Status set to Pending, executed; the emulator has the new status
 *   6. a new "Zendesk Ticket OAuth2 API" credential: Subdomain, client, "Use Local Emulator" on;
 *      Connect opens the emulator's authorize page in a popup, which redirects back to n8n's
 *      callback; the credential shows "Account connected"
 *   7. every example in examples/ opens clean: no node issues on the canvas, no parameter issues
 *      in any Zendesk Ticket node's panel (dropdowns loaded from the emulator), and the workflow
 *      still "Saved" afterwards (opening it changed nothing)
 *   8. the AI agent tool (a copy of example 05, "Open a ticket", Create): Tool Description > Set Manually
 *      starts from Create's own words; Additional Fields > Priority shows "defined automatically by the
 *      model" (n8n's $fromAI override, not a dropdown); saved, the workflow has descriptionType manual
 *      and that $fromAI expression as additionalFields.priority
 *   9. every example runs green (the editor's run endpoint, from its Manual Trigger) with what dev adds:
 *      04 deletes the test-data tickets dev seeded; 05's agent, on dev's stand-in chat model, opens
 *      one ticket for eve and answers once, labelled as the stand-in
 *  10. a builder's first mistakes, each a Get of ticket 999999 run from the editor: an OAuth2 credential
 *      never connected, a ticket that does not exist, a wrong API token; each error is the node's
 *      sentence, without "[item N]" (and step 6 checks the warning under a refused Subdomain)
 * Screenshots of every step go to test/browser/.artifacts/ (emptied at the start of each run),
 * with n8n's log, the browser console and the list of blocked requests.
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(__dirname, '.artifacts');
const DOCS_SHOTS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OWNER = { email: 'owner@example.test', firstName: 'Browser', lastName: 'Test', password: 'Browser-Test-Passw0rd' };
const API_CREDENTIAL = { id: 'zdEmulatorApi', name: 'Zendesk (local emulator)' };
/** The credential a new node gets in dev: the connected OAuth2 one, the newest of dev's four (scripts/emulatorCredentials.js). */
const DEV_DEFAULT_CREDENTIAL = 'Zendesk OAuth2 (local emulator)';
const OAUTH_CREDENTIAL_NAME = 'Zendesk OAuth2 (browser test)';
/** How the node (and the credential form, under Subdomain) starts to say that a subdomain is refused. */
const REFUSED_SUBDOMAIN_START = /^The Zendesk subdomain is not valid: only "acme"/;
/**
 * Step 10: what a builder's first mistakes read as, from the editor's run of a Get of ticket 999999:
 * [case, credential (an existing one by id, or one the step creates), the sentence the error must hold].
 */
const FIRST_MISTAKES = [
	[
		'an OAuth2 credential never connected',
		{ type: 'zendeskTicketOAuth2Api', authentication: 'oAuth2', create: { grantType: 'authorizationCode' } },
		'The OAuth2 credential is not connected to Zendesk yet: open it and click "Connect my account", or set its Grant Type to Client Credentials',
	],
	[
		'a ticket that does not exist',
		{ type: 'zendeskTicketApi', authentication: 'apiToken', id: 'zdEmulatorApi', name: 'Zendesk (local emulator)' },
		"Ticket 999999: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it",
	],
	[
		'a wrong API token',
		{ type: 'zendeskTicketApi', authentication: 'apiToken', create: { apiToken: 'not-the-token' } },
		"Zendesk did not accept the credential (Couldn't authenticate you): check the credential's Email and API Token",
	],
];
/** What a tool's "Set Manually" Description starts from, for Create (dist/nodes/ZendeskTicket/actions/ticket/create.operation.js). */
const CREATE_TOOL_DESCRIPTION =
	'Open a new Zendesk ticket from a short subject and a description of the problem. Returns the new ticket with its ID.';
/** A tool's Priority as added: n8n's own "let the model define this parameter" expression, with the allowed values. */
const PRIORITY_FROM_AI =
	"={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Priority', `The ticket's priority: urgent, high, normal or low; empty to leave it as it is`, 'string') }}";
const RUN_TIMEOUT_MS = Number(process.env.BROWSER_TEST_TIMEOUT_MS || 10 * 60_000);

/** Screenshot (artifact name) -> docs/screenshots name, copied with --docs-screenshots. */
const DOCS_PICKS = {
	'03b-create-group-dropdown.png': 'create-ticket-group-dropdown.png',
	'04-create-output.png': 'create-ticket-output.png',
	'05a-update-pick-ticket-from-list.png': 'update-ticket-pick-from-list.png',
	'06b-oauth2-credential-form.png': 'oauth2-credential-form.png',
	'06c-oauth2-account-connected.png': 'oauth2-account-connected.png',
};

/* ------------------------------------------------------------------ options and reporting */

function parseArgs(argv) {
	const opts = { build: false, docs: false, trace: false, keep: false, slowMo: 0 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--build') opts.build = true;
		else if (a === '--docs-screenshots') opts.docs = true;
		else if (a === '--trace') opts.trace = true;
		else if (a === '--keep') opts.keep = true;
		else if (a === '--slow-mo') opts.slowMo = Number(argv[++i]) || 0;
		else if (a === '--help' || a === '-h') opts.help = true;
		else throw new Error(`unknown argument ${a} (see --help)`);
	}
	return opts;
}

const T0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const log = (msg) => process.stderr.write(`[browser ${secs(Date.now() - T0)}] ${msg}\n`);
const results = { passed: 0, failed: 0 };

class CheckError extends Error {}
function assert(cond, message) {
	if (!cond) throw new CheckError(message);
}

/* ------------------------------------------------------------------ prerequisites */

const hasCmd = (c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status === 0;

function run(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
	return res.status === 0;
}

/** Debian's chromium; apt-get install as root when missing (apt-get update only when needed). */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${CHROMIUM} does not exist`);
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`${CHROMIUM} is missing: run \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
	}
	if (!hasCmd('apt-get')) throw new Error(`${CHROMIUM} is missing and there is no apt-get to install it`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const policy = spawnSync('apt-cache', ['policy', 'chromium'], { encoding: 'utf8', env });
	const known = /Candidate:\s*(?!\(none\))\S+/.test(policy.stdout || '');
	log(`installing chromium with apt-get${known ? '' : ' (apt-get update first: no candidate in the package lists)'}`);
	if (!known && !run('apt-get', ['update', '-q'], { env })) throw new Error('apt-get update failed');
	let ok = run('apt-get', ['install', '-y', '-q', 'chromium'], { env });
	if (!ok && known) {
		// Stale lists (e.g. a removed .deb version): refresh once and retry.
		ok = run('apt-get', ['update', '-q'], { env }) && run('apt-get', ['install', '-y', '-q', 'chromium'], { env });
	}
	if (!ok || !fs.existsSync(CHROMIUM)) throw new Error('apt-get install -y chromium failed');
	return CHROMIUM;
}

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error('playwright-core is not installed: run `npm ci` in the repository first');
	}
}

/** --build: tsc into a temporary package folder (package.json + dist/), like `npm run build` does. */
function privateBuild() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-browser-pkg-'));
	const dist = path.join(dir, 'dist');
	log(`building the package into ${dir} (tsc)`);
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	if (!run(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json'), '--outDir', dist], { cwd: ROOT })) {
		throw new Error('tsc failed');
	}
	// What gulp's build task copies: the icons and the nodes' codex files.
	fs.mkdirSync(path.join(dist, 'icons'), { recursive: true });
	for (const f of fs.readdirSync(path.join(ROOT, 'icons'))) {
		if (f.endsWith('.svg')) fs.copyFileSync(path.join(ROOT, 'icons', f), path.join(dist, 'icons', f));
	}
	const walk = (rel) => {
		for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
			const r = path.join(rel, e.name);
			if (e.isDirectory()) walk(r);
			else if (e.name.endsWith('.node.json')) {
				fs.mkdirSync(path.dirname(path.join(dist, r)), { recursive: true });
				fs.copyFileSync(path.join(ROOT, r), path.join(dist, r));
			}
		}
	};
	walk('nodes');
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
	return dir;
}

/* ------------------------------------------------------------------ n8n and the emulator */

const procs = { n8n: null, model: null, emulator: null, browser: null, userFolder: null, packageDir: null };

/** `n8n start` in its own process group on a free port; resolves once the editor is served. */
async function startN8n(e2e, inst) {
	const port = await e2e.freePort();
	const env = await inst.env({
		N8N_PORT: String(port),
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // no lookups of api.n8n.io's community node list
	});
	const logFile = path.join(ARTIFACTS, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const child = spawn(inst.nodeBin, [inst.n8nBin, 'start'], {
		env,
		cwd: inst.userFolder,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	procs.n8n = child;
	const base = `http://localhost:${port}`;
	const t0 = Date.now();
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${logFile}`);
		}
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })
			.then((r) => r.ok)
			.catch(() => false);
		if (ok && /Editor is now accessible/.test(fs.readFileSync(logFile, 'utf8'))) break;
		if (Date.now() - t0 > 180_000) throw new Error(`n8n not ready after 180 s; see ${logFile}`);
		await sleep(500);
	}
	log(`n8n ${inst.line} ready on ${base} after ${secs(Date.now() - t0)}`);
	return base;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {}
}

async function stopN8n() {
	const child = procs.n8n;
	procs.n8n = null;
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	killGroup(child, 'SIGTERM');
	const t = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
	await exited;
	clearTimeout(t);
	killGroup(child, 'SIGKILL'); // task runners left in the group, if any
}

let cleaning = null;
function cleanup({ keep = false } = {}) {
	if (!cleaning) {
		cleaning = (async () => {
			if (procs.browser) {
				const b = procs.browser;
				procs.browser = null;
				await Promise.race([b.close().catch(() => {}), sleep(10_000)]);
			}
			await stopN8n();
			if (procs.model) {
				const m = procs.model;
				procs.model = null;
				await m.close().catch(() => {});
			}
			if (procs.emulator) {
				const emu = procs.emulator;
				procs.emulator = null;
				await Promise.race([emu.close().catch(() => {}), sleep(5_000)]);
			}
			if (procs.userFolder) {
				if (keep) log(`kept the n8n user folder ${procs.userFolder}`);
				else fs.rmSync(procs.userFolder, { recursive: true, force: true });
			}
			if (procs.packageDir) fs.rmSync(procs.packageDir, { recursive: true, force: true });
		})();
	}
	return cleaning;
}

// Last resort, if the process dies without cleanup(): no n8n left behind.
process.on('exit', () => {
	if (procs.n8n) killGroup(procs.n8n, 'SIGKILL');
});

/* ------------------------------------------------------------------ the browser side */

/** Thin helpers over a Playwright page for n8n's editor. */
function editor(page, base) {
	const tid = (id) => `[data-test-id="${id}"]`;
	const h = {
		tid,
		base,
		page,
		async goto(p) {
			await page.goto(`${base}${p}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
		},
		/** The visible option of an open n8n/element-plus dropdown whose text matches `text`. */
		option(text, id = 'parameter-input-item') {
			return page.locator(`${tid(id)}:visible`, { hasText: text }).first();
		},
		ndv: page.locator(tid('ndv')),
		params: page.locator(`${tid('ndv')} ${tid('node-parameters')}`),
		output: page.locator(`${tid('ndv')} ${tid('output-panel')}`),
		async closeNdv() {
			await page.locator(tid('ndv-close-button')).click();
			await h.ndv.waitFor({ state: 'hidden' });
		},
		/** Node panel: search, open the node, pick an action. */
		async addNodeAction(nodeName, action) {
			const search = page.locator(tid('node-creator-search-bar'));
			await search.waitFor();
			await search.fill(nodeName);
			await page
				.locator(`${tid('node-creator-item-name')}:visible`, { hasText: new RegExp(`^${nodeName}$`) })
				.first()
				.click();
			const item = page.locator(`${tid('node-creator-item-name')}:visible`, { hasText: new RegExp(`^${action}$`) }).first();
			await item.waitFor();
			return item;
		},
		/**
		 * Click `trigger` until `target` shows: the parameter list re-renders while n8n settles a change
		 * (a new field, loaded options), and a click landing in a re-render opens nothing.
		 */
		async openUntil(trigger, target, what, timeoutMs = 60_000) {
			const t0 = Date.now();
			for (let attempt = 1; ; attempt++) {
				if (await target.first().isVisible()) return;
				await trigger.click();
				try {
					await target.first().waitFor({ timeout: 5_000 });
					return;
				} catch {
					if (Date.now() - t0 > timeoutMs) throw new CheckError(`${what} did not show after ${attempt} clicks`);
				}
			}
		},
		/** Pick the credential with this id in the open node's credential select. */
		async chooseCredential(id, name) {
			// Older n8n shows the node's "Authentication" parameter on its own; 2.x folds it into the credential select.
			const auth = h.params.locator(tid('parameter-input-authentication'));
			if (await auth.isVisible()) {
				const apiToken = h.option(/^API Token \(Legacy, Ends 2027-04-30\)$/);
				await h.openUntil(auth, apiToken, 'the Authentication options');
				await apiToken.click();
			}
			const select = h.params.locator(tid('node-credentials-select'));
			const item = page.locator(`${tid(`node-credentials-select-item-${id}`)}:visible`);
			await h.openUntil(select, item, `credential "${name}" in the credential select`);
			await item.click();
			await waitFor(async () => (await select.locator('input').inputValue()) === name, `credential select to show "${name}"`);
		},
		/** Open "Add Field" (Additional Fields / Update Fields) and add the field whose label matches. */
		async addCollectionField(label) {
			const add = h.params
				.locator(tid('collection-parameter-add'))
				.filter({ has: page.locator('input[placeholder="Add Field"]') })
				.first();
			const option = h.option(label, 'collection-parameter-option');
			await h.openUntil(add, option, `"${label}" under Add Field`);
			await option.click();
		},
		/** The editor's own REST API, in its session (the auth cookie is bound to the browser-id header); resolves with `data`. */
		async rest(method, p, body) {
			const res = await page.evaluate(
				async ({ method, p, body }) => {
					const r = await fetch(p, {
						method,
						headers: { 'browser-id': localStorage.getItem('n8n-browserId') || '', 'content-type': 'application/json' },
						body: body === undefined ? undefined : JSON.stringify(body),
					});
					return { status: r.status, text: await r.text() };
				},
				{ method, p, body },
			);
			if (res.status >= 400) throw new CheckError(`${method} ${p}: ${res.status} ${res.text.slice(0, 400)}`);
			return JSON.parse(res.text).data;
		},
		/** "Execute step" in the open NDV, then its output as JSON; resolves with that text once `expect(text)` holds. */
		async executeStep(expect, what) {
			await page.locator(`${tid('ndv')} ${tid('node-execute-button')}`).click();
			const done = h.output.locator(`${tid('node-run-status-success')}, ${tid('node-run-status-error')}, ${tid('ndv-items-count')}`);
			await done.first().waitFor({ timeout: 60_000 });
			if (await h.output.locator(tid('node-run-status-error')).count()) {
				throw new CheckError(`the node failed:\n${(await h.output.innerText()).slice(0, 1500)}`);
			}
			const json = h.output.locator(tid('radio-button-json'));
			if (await json.isVisible()) await json.click();
			// The JSON view renders after the click: poll its text.
			const read = async () => (await h.output.locator(tid('ndv-data-container')).innerText()).replace(/\s+/g, ' ');
			let text = '';
			try {
				await waitFor(async () => expect((text = await read())), `the output panel to show ${what}`);
			} catch (e) {
				throw new CheckError(`${e.message}\noutput panel: ${text.slice(0, 800)}`);
			}
			return text;
		},
	};
	return h;
}

async function waitFor(fn, what, timeoutMs = 30_000) {
	const t0 = Date.now();
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last) return last;
		} catch (e) {
			last = e;
		}
		if (Date.now() - t0 > timeoutMs)
			throw new CheckError(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
		await sleep(250);
	}
}

/** Name, description and trigger icon of each node-panel entry shown. */
function panelEntries(page) {
	return page.evaluate(() =>
		[...document.querySelectorAll('[data-test-id="node-creator-item-name"]')]
			.filter((e) => e.offsetParent !== null)
			.map((e) => {
				const item = e.closest('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]') || e.parentElement;
				const description = item.querySelector('[data-test-id="node-creator-item-description"]');
				return {
					name: e.textContent.trim(),
					description: description ? description.textContent.trim() : '',
					trigger: !!item.querySelector('[class*="triggerIcon"]'), // the bolt n8n shows (titled "Trigger Node")
				};
			}),
	);
}

/** What the node panel should show, from the built nodes. */
function nodePanelExpectations(packageDir) {
	// A --build package sits in the temp dir, where its n8n-workflow import does not resolve: read the repository's dist/ then.
	const dir = fs.existsSync(path.join(ROOT, 'dist', 'nodes')) ? ROOT : packageDir;
	const load = (name) => {
		const mod = require(path.join(dir, 'dist', 'nodes', name, `${name}.node.js`));
		return new mod[name]().description;
	};
	const webhook = load('ZendeskTicketTrigger');
	return {
		entry: webhook.description,
		poll: load('ZendeskTicketPollTrigger').description,
		events: webhook.properties.find((p) => p.name === 'events').options.map((o) => o.name),
	};
}
let NODE_PANEL;

/* ------------------------------------------------------------------ main */

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	fs.rmSync(ARTIFACTS, { recursive: true, force: true });
	fs.mkdirSync(ARTIFACTS, { recursive: true });

	const executablePath = ensureChromium();
	const { chromium } = loadPlaywright();
	const e2e = require('../../scripts/e2e/n8n.js');
	const { createEmulator } = require('../emulator');

	let packageDir = ROOT;
	if (opts.build) packageDir = procs.packageDir = privateBuild();
	else if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run `npm run build` first (or pass --build)');
	}

	NODE_PANEL = nodePanelExpectations(packageDir);
	const emu = (procs.emulator = await createEmulator({ port: 0, seed: { tickets: 50 } }));
	const emuUrl = emu.httpUrl || emu.url;
	log(`emulator on ${emuUrl}`);
	const zd = async (p) => {
		const r = await fetch(`${emuUrl}/api/v2${p}`, { headers: { Authorization: emu.credentials.basicAuth } });
		const body = await r.json().catch(() => null);
		if (!r.ok) throw new CheckError(`emulator GET ${p}: ${r.status} ${JSON.stringify(body)}`);
		return body;
	};

	const inst = await e2e.createInstance({ line: 'v2', mode: 'community', packageDir });
	procs.userFolder = inst.userFolder;
	log(`n8n user folder ${inst.userFolder}`);
	// What `npm run dev` imports: three working credentials and the examples.
	const { connectOAuth, emulatorCredentials } = require('../../scripts/emulatorCredentials.js');
	// And what dev adds for the examples: test-data tickets for 04, the stand-in chat model for 05.
	const { seedTestData, standInCredential, TEST_DATA_TICKETS } = require('../../scripts/devExamples.js');
	const { startStandInModel, LABEL } = require('../../scripts/standInModel.js');
	const seeded = await seedTestData(emu);
	const model = (procs.model = await startStandInModel());
	await inst.importCredentials([...emulatorCredentials(emu, await connectOAuth(emu), emuUrl), standInCredential(model.url)]);
	const examples = fs
		.readdirSync(path.join(ROOT, 'examples'))
		.filter((f) => /^\d\d-.*\.json$/.test(f))
		.sort()
		.map((f) => ({ file: f, workflow: JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')) }));
	await inst.importWorkflows(examples.map((e) => e.workflow));
	const base = await startN8n(e2e, inst);

	const browser = (procs.browser = await chromium.launch({
		executablePath,
		slowMo: opts.slowMo,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-crash-reporter',
		],
	}));
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC' });
	context.setDefaultTimeout(30_000);
	context.setDefaultNavigationTimeout(60_000);
	if (opts.trace) await context.tracing.start({ screenshots: true, snapshots: true });

	// Loopback only: anything else the editor would load is aborted and listed.
	const blocked = new Set();
	await context.route(
		(url) => !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname),
		(route) => {
			blocked.add(new URL(route.request().url()).origin);
			return route.abort('blockedbyclient');
		},
	);
	const consoleLines = [];
	context.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`[${m.type()}] ${m.text()}`);
	});
	context.on('response', (r) => {
		if (r.status() < 400) return;
		const body = r.request().postData();
		consoleLines.push(`[http ${r.status()}] ${r.request().method()} ${r.url()}${body ? ` ${body.slice(0, 400)}` : ''}`);
		if (r.status() >= 500)
			r.text().then(
				(t) => consoleLines.push(`    -> ${t.slice(0, 400)}`),
				() => {},
			);
	});
	const visited = [];
	context.on('request', (r) => {
		if (r.isNavigationRequest()) visited.push(r.url());
	});

	const page = await context.newPage();
	page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
	const ed = editor(page, base);

	const shot = async (name) => {
		try {
			// Let CSS transitions (dropdowns fading in, panels sliding) finish first; skip endless ones (spinners).
			await page
				.evaluate(() =>
					Promise.race([
						Promise.all(
							document
								.getAnimations()
								.filter((a) => a.effect?.getTiming().iterations !== Infinity)
								.map((a) => a.finished.catch(() => {})),
						),
						new Promise((r) => setTimeout(r, 2000)),
					]),
				)
				.catch(() => {});
			await page.screenshot({ path: path.join(ARTIFACTS, name), animations: 'disabled' });
		} catch (e) {
			log(`screenshot ${name} failed: ${e.message}`);
		}
	};

	const state = { ok: {} };
	async function step(n, name, needs, fn) {
		if (aborted) return;
		const t = Date.now();
		const missing = needs.filter((k) => !state.ok[k]);
		if (missing.length) {
			results.failed++;
			console.log(`FAIL ${n}. ${name}\n     not run: step ${missing.join(', ')} failed`);
			return;
		}
		log(`step ${n}: ${name}`);
		try {
			await fn();
			state.ok[n] = true;
			results.passed++;
			console.log(`PASS ${n}. ${name} (${secs(Date.now() - t)})`);
		} catch (e) {
			if (aborted) return;
			results.failed++;
			await shot(`${String(n).padStart(2, '0')}-FAILED.png`);
			const text = e instanceof CheckError ? e.message : String(e.stack || e.message);
			console.log(`FAIL ${n}. ${name} (${secs(Date.now() - t)})\n     ${text.trim().replace(/\n/g, '\n     ')}`);
		}
	}

	// The emulator starts empty of it on every run, so a plain, README-friendly subject is unique enough.
	const subject = 'Printer jammed on floor 3';
	const description = 'Paper is stuck in tray 2 and the display shows error E-42.';
	const ticket = {};
	const tid = ed.tid;

	await step(1, 'owner account set-up on a fresh instance', [], async () => {
		await ed.goto('/');
		await page.waitForURL(/\/setup/, { timeout: 60_000 });
		const form = page.locator(tid('setup-form'));
		await form.waitFor();
		await form.locator('input[name="email"]').fill(OWNER.email);
		await form.locator('input[name="firstName"]').fill(OWNER.firstName);
		await form.locator('input[name="lastName"]').fill(OWNER.lastName);
		await form.locator('input[name="password"]').fill(OWNER.password);
		await shot('01-owner-setup.png');
		await form.locator(tid('form-submit-button')).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/setup'), { timeout: 60_000 });
		// Signed in as the new owner: the editor's own session (its auth cookie is bound to its browser-id header).
		const me = await page.evaluate(async () => {
			const r = await fetch('/rest/login', { headers: { 'browser-id': localStorage.getItem('n8n-browserId') || '' } });
			return { status: r.status, body: await r.text() };
		});
		assert(
			me.status === 200 && JSON.parse(me.body).data?.email === OWNER.email,
			`GET /rest/login after set-up: ${me.status} ${me.body.slice(0, 300)}`,
		);
		await page.locator(tid('main-sidebar-settings')).waitFor();
	});

	await step(
		2,
		'new workflow: the node panel lists "Zendesk Ticket" (actions and webhook triggers) and the poll trigger as a trigger',
		[1],
		async () => {
			await ed.goto('/workflow/new');
			await page.locator(tid('canvas-plus-button')).click({ timeout: 60_000 });
			const search = page.locator(tid('node-creator-search-bar'));
			await search.fill('Zendesk Ticket');
			const result = page.locator(`${tid('node-creator-item-name')}:visible`, { hasText: /^Zendesk Ticket$/ });
			await result.first().waitFor();
			await page
				.locator(`${tid('node-creator-item-name')}:visible`, { hasText: /^Zendesk Ticket Poll Trigger$/ })
				.first()
				.waitFor();
			await shot('02a-node-panel-search.png');
			// n8n merges "Zendesk Ticket" with "Zendesk Ticket Trigger" (by type name) and shows the trigger's description for both.
			const entries = (await panelEntries(page)).filter((e) => e.name.startsWith('Zendesk Ticket'));
			log(`node panel: ${JSON.stringify(entries)}`);
			assert(
				JSON.stringify(entries) ===
					JSON.stringify([
						{ name: 'Zendesk Ticket', description: NODE_PANEL.entry, trigger: false },
						{ name: 'Zendesk Ticket Poll Trigger', description: NODE_PANEL.poll, trigger: true },
					]),
				`the node panel's Zendesk Ticket entries: ${JSON.stringify(entries)}`,
			);
			await result.first().click();
			// The entry's triggers: one per webhook event ("On Ticket Created", ...), as for n8n's own app nodes.
			const names = async () => (await page.locator(`${tid('node-creator-item-name')}:visible`).allInnerTexts()).map((t) => t.trim());
			await waitFor(async () => {
				const shown = (await names()).map((n) => n.toLowerCase());
				return NODE_PANEL.events.every((e) => shown.includes(`on ${e}`.toLowerCase()));
			}, 'a trigger per webhook event ("On Ticket Created", ...)');
			log(`the entry's items: ${JSON.stringify(await names())}`);
			// On an empty canvas n8n lists a node's triggers first and may fold its actions away.
			const actionsHeader = page.getByText(/^Actions \(\d+\)$/).first();
			const firstAction = page.locator(`${tid('node-creator-item-name')}:visible`, { hasText: /^Create a ticket$/ }).first();
			if (!(await firstAction.isVisible()) && (await actionsHeader.count()))
				await ed.openUntil(actionsHeader, firstAction, "the node's actions");
			for (const action of ['Create a ticket', 'Update a ticket', 'Get many tickets', 'Search tickets']) {
				await page
					.locator(`${tid('node-creator-item-name')}:visible`, { hasText: new RegExp(`^${action}$`) })
					.first()
					.waitFor();
			}
			await shot('02b-node-panel-actions.png');
		},
	);

	await step(
		3,
		'"Create a ticket" with a new node\'s defaults and the credential n8n picked: Subject, Description, Group from the dropdown',
		[2],
		async () => {
			await page
				.locator(`${tid('node-creator-item-name')}:visible`, { hasText: /^Create a ticket$/ })
				.first()
				.click();
			await ed.params.waitFor({ timeout: 60_000 });
			// No credential chosen here: n8n fills one in, as for a newcomer after `npm run dev`.
			const credential = ed.params.locator(`${tid('node-credentials-select')} input`);
			await waitFor(async () => (await credential.inputValue()) !== '', 'n8n to pick a credential for the new node');
			ticket.credential = await credential.inputValue();
			log(`the new node got the credential "${ticket.credential}"`);
			assert(ticket.credential === DEV_DEFAULT_CREDENTIAL, `the new node got "${ticket.credential}", not "${DEV_DEFAULT_CREDENTIAL}"`);
			assert((await ed.params.locator(`${tid('parameter-input-operation')} input`).inputValue()) === 'Create', 'Operation is not "Create"');
			await ed.params.locator(`${tid('parameter-input-subject')} input`).fill(subject);
			await ed.params.locator(`${tid('parameter-input-description')} textarea`).fill(description);
			// Everything else as a new node has it (Simplify, visibility, ...), so that the screenshots show the defaults.
			await ed.addCollectionField(/^Group( Name or ID)?$/);
			const group = ed.params.locator(tid('parameter-input-groupId'));
			// loadOptions (getGroups) answered by the emulator: its three seeded groups.
			const names = [...emu.state.groups.values()].map((g) => g.name).sort();
			await ed.openUntil(group, ed.option(new RegExp(`^${names[0]}$`)), 'the groups loaded from the emulator');
			for (const name of names) await ed.option(new RegExp(`^${name}$`)).waitFor({ timeout: 60_000 });
			await shot('03b-create-group-dropdown.png');
			await ed.option(/^Billing$/).click();
			await waitFor(async () => (await group.locator('input').inputValue()) === 'Billing', 'the group select to show "Billing"');
			ticket.groupId = [...emu.state.groups.values()].find((g) => g.name === 'Billing').id;
			await shot('03c-create-configured.png');
		},
	);

	await step(
		4,
		'execute with the default credential: the output shows the created ticket; the emulator has it with the group',
		[3],
		async () => {
			// The JSON view fills in after the run's status shows, line by line: wait for every line the step checks.
			const hasGroup = new RegExp(`"group_id":\\s*${ticket.groupId}\\b`);
			const text = await ed.executeStep(
				(t) => t.includes(`"subject": "${subject}"`) && hasGroup.test(t),
				`"subject": "${subject}" and "group_id": ${ticket.groupId}`,
			);
			const id = Number(/"id":\s*(\d+)/.exec(text)?.[1]);
			assert(id > 0, `no ticket id in the output: ${text.slice(0, 400)}`);
			await shot('04-create-output.png');
			const { ticket: saved } = await zd(`/tickets/${id}.json`);
			assert(saved.subject === subject, `emulator ticket ${id} subject: ${JSON.stringify(saved.subject)}`);
			assert(saved.group_id === ticket.groupId, `emulator ticket ${id} group_id: ${saved.group_id}, expected ${ticket.groupId}`);
			ticket.id = id;
			log(`created ticket #${id} in group ${ticket.groupId}`);
		},
	);

	await step(5, '"Update a ticket": ticket picked from the list, Status set, executed', [4], async () => {
		await ed.closeNdv();
		const created = page.locator(tid('canvas-node'), { hasText: 'Create a ticket' });
		await created.locator(tid('canvas-handle-plus')).click();
		await (await ed.addNodeAction('Zendesk Ticket', 'Update a ticket')).click();
		await ed.params.waitFor({ timeout: 60_000 });
		await ed.chooseCredential(API_CREDENTIAL.id, API_CREDENTIAL.name);
		const rlc = ed.params.locator(tid('resource-locator-ticketId'));
		try {
			await rlc.waitFor({ timeout: 15_000 });
		} catch {
			throw new CheckError(
				'"Ticket" is not a resource locator in this build (no [data-test-id=resource-locator-ticketId]): ' +
					'rebuild once nodes/ZendeskTicket/methods/listSearch.ts has searchTickets',
			);
		}
		// Its modes: From list (the default) / By ID / By URL.
		const modeOption = (re) => page.locator('[role="option"]:visible', { hasText: re }).first();
		await ed.openUntil(rlc.locator(tid('rlc-mode-selector')), modeOption(/^From list$/i), 'the resource locator modes');
		for (const mode of [/^From list$/i, /^By ID$/i, /^By URL$/i]) {
			await page.locator('[role="option"]:visible', { hasText: mode }).first().waitFor();
		}
		await page
			.locator('[role="option"]:visible', { hasText: /^From list$/i })
			.first()
			.click();
		// The list (searchTickets): the new ticket first (most recently updated) ...
		const label = `#${ticket.id} ${subject}`;
		const items = page.locator(`${tid('rlc-item')}:visible`);
		await ed.openUntil(rlc.locator(tid('rlc-input')), items, 'the ticket list (searchTickets)');
		await waitFor(async () => (await items.first().innerText()).trim() === label, `"${label}" at the top of the list`);
		// ... and the search box (Zendesk search in the emulator) narrows it down.
		await page.locator(`${tid('rlc-search')}:visible`).fill('Printer');
		await waitFor(async () => {
			const texts = (await items.allInnerTexts()).map((t) => t.trim());
			return texts.length > 1 && texts.includes(label) && texts.every((t) => /printer/i.test(t));
		}, 'the list filtered to tickets about "Printer", ours among them');
		await shot('05a-update-pick-ticket-from-list.png');
		await items.filter({ hasText: label }).first().click();
		await waitFor(async () => (await rlc.locator(tid('rlc-input')).inputValue()) === label, `the ticket field to show "${label}"`);
		await ed.addCollectionField(/^Status$/);
		await ed.openUntil(ed.params.locator(tid('parameter-input-status')), ed.option(/^Pending$/), 'the Status options');
		await ed.option(/^Pending$/).click();
		await shot('05b-update-configured.png');
		const ticketsBefore = emu.state.tickets.size;
		const text = await ed.executeStep(
			(t) => new RegExp(`"id":\\s*${ticket.id}\\b`).test(t) && /"status":\s*"pending"/.test(t),
			`ticket ${ticket.id} with "status": "pending"`,
		);
		if (emu.state.tickets.size !== ticketsBefore) log('note: n8n ran "Create a ticket" again for the partial execution');
		assert(new RegExp(`"id":\\s*${ticket.id}\\b`).test(text), `the output does not show ticket ${ticket.id}: ${text.slice(0, 400)}`);
		assert(/"status":\s*"pending"/.test(text), `the output does not show "status": "pending": ${text.slice(0, 400)}`);
		await shot('05c-update-output.png');
		const { ticket: saved } = await zd(`/tickets/${ticket.id}.json`);
		assert(saved.status === 'pending', `emulator ticket ${ticket.id} status: ${saved.status}, expected pending`);
		await ed.closeNdv();
		await page.locator(tid('zoom-to-fit')).click();
		await shot('05d-workflow-canvas.png');
	});

	await step(6, 'OAuth2 credential: Connect through the emulator, "Account connected"', [1], async () => {
		await ed.goto('/home/credentials');
		await page.locator(tid('add-resource-credential')).click({ timeout: 60_000 });
		const chooser = page.locator(tid('selectCredential-modal'));
		await chooser.locator(tid('new-credential-type-select')).click();
		await page.keyboard.type('Zendesk Ticket OAuth2');
		const type = ed.option(/^Zendesk Ticket OAuth2 API$/, 'new-credential-type-select-option');
		await ed.openUntil(chooser.locator(tid('new-credential-type-select')), type, 'the credential type "Zendesk Ticket OAuth2 API"');
		await type.click();
		await chooser.locator(tid('new-credential-type-button')).click();
		const modal = page.locator(tid('editCredential-modal'));
		await modal.waitFor();
		// Name it.
		await modal.locator(tid('credential-name')).click();
		const nameInput = modal.locator(`${tid('credential-name')} input`);
		await nameInput.fill(OAUTH_CREDENTIAL_NAME);
		await nameInput.press('Enter');
		const field = (name) => modal.locator(`${tid(`parameter-input-${name}`)} input`);
		assert((await field('grantType').inputValue()) === 'Authorization Code', 'Grant Type is not "Authorization Code"');
		await field('clientId').fill(emu.credentials.clientId);
		await field('clientSecret').fill(emu.credentials.clientSecret);
		// A refused Subdomain is said under the field as it is typed, in the node's words; none on the fresh form.
		const refusedNotice = modal.getByText(REFUSED_SUBDOMAIN_START);
		assert(!(await refusedNotice.isVisible()), 'the fresh form already warns about the Subdomain');
		await field('subdomain').fill('acme.zendesk.com.evil.com');
		await refusedNotice.waitFor({ timeout: 15_000 }).catch(() => {
			throw new CheckError('no warning under Subdomain for the look-alike "acme.zendesk.com.evil.com"');
		});
		await shot('06a-oauth2-refused-subdomain.png');
		await field('subdomain').fill('acme');
		await refusedNotice.waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => {
			throw new CheckError('the Subdomain warning stays for "acme"');
		});
		// The local URL only appears once "Use Local Emulator" is on.
		assert(
			!(await modal.locator(tid('parameter-input-localEmulatorUrl')).isVisible()),
			'Local Emulator URL is shown while "Use Local Emulator" is off',
		);
		assert(!(await modal.locator(tid('parameter-input-baseUrlOverride')).isVisible()), 'the 0.1.x Base URL Override is shown');
		await modal.locator(`${tid('parameter-input-useLocalEmulator')} .el-switch`).click();
		await field('localEmulatorUrl').waitFor();
		await field('localEmulatorUrl').fill(emuUrl);
		// Refresh Token Lifetime (Days) is for authorization code and PKCE only.
		assert(
			await modal.locator(tid('parameter-input-refreshLifetimeDays')).isVisible(),
			'Refresh Token Lifetime is not shown for Authorization Code',
		);
		const redirect = (await modal.locator(tid('copy-input')).first().innerText()).trim();
		assert(redirect === `${base}/rest/oauth2-credential/callback`, `OAuth Redirect URL shown: ${redirect}`);
		// The form's order: n8n's inherited OAuth2 fields first, then this credential's own, Subdomain leading.
		const order = await modal.evaluate((el) =>
			[...el.querySelectorAll('[data-test-id^="parameter-input-"]')]
				.filter((e) => e.offsetParent !== null)
				.map((e) => e.getAttribute('data-test-id').replace('parameter-input-', '')),
		);
		log(`OAuth2 form fields in order: ${order.join(', ')}`);
		// n8n's own: the inherited OAuth2 fields and "Allowed HTTP Request Domains", which it adds to every credential.
		const own = order.filter((f) => !['grantType', 'clientId', 'clientSecret', 'allowedHttpRequestDomains', 'field'].includes(f));
		assert(own[0] === 'subdomain', `the first of the credential's own fields is ${own[0]}, not subdomain (${order.join(', ')})`);
		await modal.locator(tid('parameter-input-clientSecret')).evaluate((el) => el.scrollIntoView({ block: 'start' }));
		await shot('06b-oauth2-credential-form.png');
		const connect = modal.locator(`${tid('quick-connect-button')}, ${tid('oauth-connect-button')}`).first();
		await connect.scrollIntoViewIfNeeded();
		const popupOpened = context.waitForEvent('page', { timeout: 30_000 });
		const tokensBefore = emu.requests.filter((r) => r.path.startsWith('/oauth/tokens')).length;
		await connect.click();
		const popup = await popupOpened;
		await modal.locator(tid('oauth-connect-success-banner')).waitFor({ timeout: 60_000 });
		const banner = (await modal.locator(tid('oauth-connect-success-banner')).innerText()).trim();
		assert(/Account connected/.test(banner), `banner: ${banner}`);
		await modal.locator(tid('oauth-connect-success-banner')).scrollIntoViewIfNeeded();
		await page.waitForTimeout(500); // the "created" toast settles
		await shot('06c-oauth2-account-connected.png');
		// The popup went to the emulator's authorize URL and came back to n8n's callback ...
		const authorize = visited.find((u) => u.startsWith(`${emuUrl}/oauth/authorizations/new`));
		assert(authorize, `the popup never opened ${emuUrl}/oauth/authorizations/new; navigations: ${visited.join(' ')}`);
		const q = new URL(authorize).searchParams;
		assert(q.get('client_id') === emu.credentials.clientId, `authorize client_id=${q.get('client_id')}`);
		assert(q.get('redirect_uri') === redirect, `authorize redirect_uri=${q.get('redirect_uri')}`);
		assert(
			visited.some((u) => u.startsWith(`${redirect}?`) && /[?&]code=/.test(u)),
			'no navigation to the callback with a code',
		);
		// ... and n8n exchanged the code for a token at the emulator.
		const tokenCalls = emu.requests.filter((r) => r.path.startsWith('/oauth/tokens')).slice(tokensBefore);
		assert(
			tokenCalls.some((r) => r.status === 200),
			`token requests: ${JSON.stringify(tokenCalls.map((r) => r.status))}`,
		);
		await waitFor(() => popup.isClosed(), 'the popup to close', 15_000).catch(() => log('note: the OAuth popup stayed open'));
		await modal
			.locator('.el-dialog__headerbtn, [aria-label="Close"]')
			.first()
			.click()
			.catch(() => {});
	});

	await step(
		7,
		`every example opens clean (${examples.map((e) => e.file.slice(0, 2)).join(', ')}): no issues, nothing changed`,
		[1],
		async () => {
			const problems = [];
			for (const { file, workflow } of examples) {
				await ed.goto(`/workflow/${workflow.id}`);
				const nodes = page.locator(tid('canvas-node'));
				await nodes.first().waitFor({ timeout: 60_000 });
				await waitFor(
					async () => (await nodes.count()) === workflow.nodes.filter((n) => !/stickyNote/.test(n.type)).length,
					`${file}: all nodes on the canvas`,
				);
				const zendeskNodes = workflow.nodes.filter((n) => /zendeskTicket$/.test(n.type));
				for (const node of zendeskNodes) {
					await page.locator(tid('canvas-node'), { hasText: node.name }).first().dblclick();
					await ed.params.waitFor({ timeout: 60_000 });
					// Let the dropdowns load their options from the emulator before judging their values.
					await page.waitForTimeout(2500);
					const issues = ed.params.locator(`${tid('parameter-issues')}:visible`);
					if (await issues.count()) {
						await shot(`07-${file.slice(0, 2)}-issues.png`);
						const texts = [];
						for (const el of await issues.all()) texts.push(((await el.getAttribute('title')) || (await el.innerText()) || '').trim());
						const ndvText = (await ed.params.innerText()).replace(/\s+/g, ' ');
						const notSupported = /The value "[^"]*" is not supported!?/.exec(ndvText);
						problems.push(
							`${file} / ${node.name}: ${await issues.count()} parameter issue(s) ${JSON.stringify(texts)}${notSupported ? ` (${notSupported[0]})` : ''}`,
						);
					}
					await ed.closeNdv();
				}
				if (await page.locator(`${tid('canvas-node')} ${tid('node-issues')}`).count())
					problems.push(`${file}: a node shows issues on the canvas`);
				if (await page.locator(`${tid('canvas-node')} ${tid('canvas-node-status-warning')}`).count())
					problems.push(`${file}: a node is marked changed on the canvas`);
				const save = page.locator(tid('workflow-save-button'));
				if (await save.count()) {
					const label = (await save.first().innerText()).trim();
					if (!/^Saved$/i.test(label))
						problems.push(`${file}: the save button reads "${label}" after opening its nodes (the workflow changed)`);
				}
				await shot(`07-${file.slice(0, 2)}-opened.png`);
			}
			assert(problems.length === 0, problems.join('\n'));
		},
	);

	await step(
		8,
		'AI agent tool "Open a ticket": Tool Description set manually, Priority added as the model\'s choice, both saved',
		[1],
		async () => {
			// A copy of example 05 (its chat agent and Zendesk tools): n8n saves edits on its own, and the examples stay as they are.
			const example = examples.find((e) => e.file.startsWith('05-')).workflow;
			const { name, nodes, connections, settings } = example;
			const workflow = await ed.rest('POST', '/rest/workflows', { name: `${name} (browser test copy)`, nodes, connections, settings });
			await ed.goto(`/workflow/${workflow.id}`);
			await page.locator(tid('canvas-node')).first().waitFor({ timeout: 60_000 });
			const toolName = 'Open a ticket';
			assert(
				nodes.some((n) => n.name === toolName && /zendeskTicketTool$/.test(n.type) && n.parameters.operation === 'create'),
				`example 05 has no Zendesk Ticket Tool "${toolName}" (operation create)`,
			);
			await page.locator(tid('canvas-node'), { hasText: toolName }).first().dblclick();
			await ed.params.waitFor({ timeout: 60_000 });
			assert((await ed.params.locator(`${tid('parameter-input-operation')} input`).inputValue()) === 'Create', 'Operation is not "Create"');
			// Tool Description: Set Automatically by default; Set Manually starts from the operation's own words.
			const descriptionType = ed.params.locator(tid('parameter-input-descriptionType'));
			await descriptionType.waitFor({ timeout: 15_000 }).catch(() => {
				throw new CheckError('no "Tool Description" ([data-test-id=parameter-input-descriptionType]) in the tool\'s panel');
			});
			const typeValue = await descriptionType.locator('input').inputValue();
			assert(typeValue === 'Set Automatically', `Tool Description shows "${typeValue}", not "Set Automatically"`);
			const toolDescription = ed.params.locator(tid('parameter-input-toolDescription'));
			assert(!(await toolDescription.isVisible()), 'the Description field shows while Tool Description is "Set Automatically"');
			await ed.openUntil(descriptionType, ed.option(/^Set Manually/), 'the Tool Description options');
			await shot('08a-tool-description-options.png');
			await ed.option(/^Set Manually/).click();
			const textarea = toolDescription.locator('textarea');
			let shown = '';
			await waitFor(
				async () => (shown = await textarea.inputValue()) === CREATE_TOOL_DESCRIPTION,
				`the Description field to read "${CREATE_TOOL_DESCRIPTION}"`,
				15_000,
			).catch((e) => {
				throw new CheckError(`${e.message}\nit reads: ${JSON.stringify(shown)}`);
			});
			await shot('08b-tool-description-manual.png');
			// Additional Fields > Priority: in a tool, "defined automatically by the model" (n8n's $fromAI override), no dropdown.
			await ed.addCollectionField(/^Priority$/);
			const priority = ed.params.locator('label[for="priority"]').locator(`xpath=ancestor::*[@data-test-id="input-label"][1]`);
			await priority.waitFor();
			const override = priority.locator(tid('fromAI-override-field'));
			try {
				await override.waitFor({ timeout: 10_000 });
			} catch {
				const dropdown = await priority
					.locator(`${tid('parameter-input-priority')} .el-select, ${tid('parameter-input-priority')} select`)
					.count();
				throw new CheckError(
					`Priority is not shown as the model's choice (no [data-test-id=fromAI-override-field])${dropdown ? ': it is a dropdown' : ''}; ` +
						`the field reads: ${JSON.stringify((await priority.innerText()).replace(/\s+/g, ' ').trim())}`,
				);
			}
			const overrideText = (await override.innerText()).replace(/\s+/g, ' ').trim();
			assert(/Defined automatically by the model/i.test(overrideText), `the override field reads "${overrideText}"`);
			assert(!(await priority.locator(tid('parameter-input-priority')).count()), 'Priority shows an input next to the override field');
			await priority.scrollIntoViewIfNeeded();
			await shot('08c-priority-from-model.png');
			await ed.closeNdv();
			// What the editor stores: save (n8n would autosave it soon anyway) and read the workflow back.
			await page.keyboard.press('ControlOrMeta+s');
			let stored;
			await waitFor(async () => {
				const wf = await ed.rest('GET', `/rest/workflows/${workflow.id}`);
				stored = wf.nodes.find((n) => n.name === toolName)?.parameters;
				return stored?.descriptionType !== undefined && stored?.additionalFields?.priority !== undefined;
			}, `the saved "${toolName}" to have descriptionType and additionalFields.priority`).catch((e) => {
				throw new CheckError(`${e.message}\nsaved parameters: ${JSON.stringify(stored)}`);
			});
			await shot('08d-tool-saved.png');
			assert(stored.descriptionType === 'manual', `saved descriptionType: ${JSON.stringify(stored.descriptionType)}`);
			// n8n stores no parameter at its default, so the unchanged Description is left out (a run fills defaults back in).
			assert(
				stored.toolDescription === undefined || stored.toolDescription === CREATE_TOOL_DESCRIPTION,
				`saved toolDescription: ${JSON.stringify(stored.toolDescription)}`,
			);
			assert(
				stored.additionalFields.priority === PRIORITY_FROM_AI,
				`saved additionalFields.priority: ${JSON.stringify(stored.additionalFields.priority)}\nexpected: ${JSON.stringify(PRIORITY_FROM_AI)}`,
			);
		},
	);

	/** What "Execute workflow" does, from the workflow's Manual Trigger, in the editor's session; resolves with the finished execution. */
	async function runFromManualTrigger(workflow, what) {
		const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
		const started = await ed.rest('POST', `/rest/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: trigger.name } });
		assert(started && started.executionId, `${what}: no execution started: ${JSON.stringify(started)}`);
		let execution;
		await waitFor(
			async () =>
				['success', 'error', 'crashed', 'canceled'].includes(
					(execution = await ed.rest('GET', `/rest/executions/${started.executionId}`)).status,
				),
			`${what}: execution ${started.executionId} to finish`,
			180_000,
		);
		return execution;
	}

	await step(9, `every example runs green with what dev sets up (${examples.map((e) => e.file.slice(0, 2)).join(', ')})`, [1], async () => {
		const testData = () => [...emu.state.tickets.values()].filter((t) => (t.tags || []).includes('test-data')).length;
		assert(seeded === TEST_DATA_TICKETS.length && testData() === seeded, `test-data tickets before 04: ${testData()}`);
		const ticketsBefore = new Set(emu.state.tickets.keys());
		const statuses = {};
		for (const { file, workflow } of examples) {
			const execution = await runFromManualTrigger(workflow, file);
			statuses[file.slice(0, 2)] = execution.status;
		}
		log(`examples: ${JSON.stringify(statuses)}`);
		assert(
			Object.values(statuses).every((s) => s === 'success'),
			`example runs: ${JSON.stringify(statuses)}`,
		);
		assert(testData() === 0, `04 left ${testData()} test-data tickets`);
		const answers = model.requests.filter((r) => r.move.text).map((r) => r.move.text);
		assert(answers.length === 1 && answers[0].startsWith(LABEL), `05: the stand-in's answers: ${JSON.stringify(answers)}`);
		const opened = [...emu.state.tickets.values()].filter((t) => !ticketsBefore.has(t.id) && t.requester_id === 2001);
		assert(
			opened.length === 1 && answers[0].includes(`I opened ticket #${opened[0].id}`),
			`05: tickets opened for eve: ${JSON.stringify(opened.map((t) => [t.id, t.subject]))}; answer: ${answers[0]}`,
		);
	});

	await step(10, `a builder's first mistakes read as sentences (${FIRST_MISTAKES.map(([name]) => name).join('; ')})`, [1], async () => {
		const data = {
			zendeskTicketApi: { email: emu.credentials.email, apiToken: emu.credentials.apiToken },
			zendeskTicketOAuth2Api: { clientId: emu.credentials.clientId, clientSecret: emu.credentials.clientSecret, scopePreset: 'read write' },
		};
		for (const [name, credential, sentence] of FIRST_MISTAKES) {
			const { type, authentication, create } = credential;
			const { id, name: credentialName } = create
				? await ed.rest('POST', '/rest/credentials', {
						name: `Zendesk (browser test: ${name})`,
						type,
						data: { subdomain: 'acme', useLocalEmulator: true, localEmulatorUrl: emuUrl, ...data[type], ...create },
					})
				: credential;
			const trigger = {
				id: crypto.randomUUID(),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			};
			const get = {
				id: crypto.randomUUID(),
				name: 'Get a ticket',
				type: 'n8n-nodes-zendesk-ticket.zendeskTicket',
				typeVersion: 1,
				position: [220, 0],
				parameters: { authentication, resource: 'ticket', operation: 'get', ticketId: { __rl: true, mode: 'id', value: '999999' } },
				credentials: { [type]: { id, name: credentialName } },
			};
			const connections = { Start: { main: [[{ node: get.name, type: 'main', index: 0 }]] } };
			const workflow = await ed.rest('POST', '/rest/workflows', {
				name: `First mistake: ${name}`,
				nodes: [trigger, get],
				connections,
				settings: {},
			});
			const execution = await runFromManualTrigger(workflow, name);
			// The run's data as n8n keeps it (flatted text): the error's message is one of its strings.
			const text = typeof execution.data === 'string' ? execution.data : JSON.stringify(execution.data);
			const said = JSON.stringify(sentence).slice(1, -1);
			assert(execution.status === 'error', `${name}: the run ended "${execution.status}", not "error"`);
			assert(text.includes(said), `${name}: the error does not say "${sentence}"; the run's data: ${text.slice(0, 600)}`);
			assert(!/\[item \d+\]/.test(text), `${name}: the message still carries "[item N]"`);
			log(`${name}: "${sentence}"`);
		}
	});

	if (opts.trace) await context.tracing.stop({ path: path.join(ARTIFACTS, 'trace.zip') }).catch((e) => log(`trace: ${e.message}`));
	fs.writeFileSync(path.join(ARTIFACTS, 'browser-console.log'), consoleLines.join('\n') + '\n');
	fs.writeFileSync(path.join(ARTIFACTS, 'blocked-requests.log'), [...blocked].join('\n') + '\n');
	if (blocked.size) log(`aborted non-loopback requests to: ${[...blocked].join(', ')}`);

	if (opts.docs && results.failed) log('docs/screenshots/ left as they are: not every step passed');
	else if (opts.docs) {
		fs.mkdirSync(DOCS_SHOTS, { recursive: true });
		for (const [from, to] of Object.entries(DOCS_PICKS)) {
			const src = path.join(ARTIFACTS, from);
			if (fs.existsSync(src)) {
				fs.copyFileSync(src, path.join(DOCS_SHOTS, to));
				log(`docs/screenshots/${to} <- ${from}`);
			} else log(`not copied (missing): ${from}`);
		}
	}
	return results.failed ? 1 : 0;
}

/* ------------------------------------------------------------------ entry */

let finished = false;
let aborted = false;
async function finish(code, { keep = false } = {}) {
	if (finished) return;
	finished = true;
	await cleanup({ keep });
	console.log(`browser: ${results.passed} passed, ${results.failed} failed`);
	log(`done in ${secs(Date.now() - T0)}; artifacts in ${path.relative(process.cwd(), ARTIFACTS) || ARTIFACTS}`);
	process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, () => {
		log(`${sig}: cleaning up`);
		aborted = true;
		results.failed++;
		finish(130);
	});
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
	const doc = fs.readFileSync(__filename, 'utf8').split('/**')[1].split('*/')[0];
	console.log(doc.replace(/^ \* ?/gm, '').trim());
	process.exit(0);
}

const keep = process.argv.includes('--keep');
const watchdog = setTimeout(() => {
	log(`the whole run took longer than ${RUN_TIMEOUT_MS / 1000} s: giving up`);
	aborted = true;
	results.failed++;
	finish(1, { keep });
}, RUN_TIMEOUT_MS);
watchdog.unref();

main()
	.then((code) => finish(code, { keep }))
	.catch((e) => {
		console.log(`FAIL setup\n     ${String(e.stack || e.message).replace(/\n/g, '\n     ')}`);
		results.failed++;
		finish(1, { keep });
	});
