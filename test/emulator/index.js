'use strict';
// Local Zendesk Support API emulator for tests: `createEmulator()` starts it on
// 127.0.0.1 with seeded data and returns handles to its state, request log,
// fault injection and settings.
const { createServer, createTlsServer, compileRoutes } = require('./server');
const { createState } = require('./state');
const { seedAccount, seedTickets, CREDENTIALS, FIELD_IDS } = require('./seed');
const { FaultQueue } = require('./faults');
const { RateLimiter } = require('./ratelimit');
const { EndpointLimiter } = require('./endpointLimits');
const jobs = require('./jobs');
const oauth = require('./oauth');
const { loadState, saveState } = require('./persist');

const DEFAULTS = Object.freeze({
	port: 0,
	latencyMs: 0,
	rateLimitPerMinute: 0,
	// The account limit's window: Zendesk's minute, shorter for benchmarks that measure many windows.
	rateLimitWindowMs: 60_000,
	jobDelayMs: 100,
	maxConcurrentJobs: 30,
	accessTokenTtlSeconds: null,
	anonymousMe: true,
	failJobs: false,
	oauthUserId: null,
	tokenLatencyMs: 0,
	// Per-endpoint limits (endpointLimits.js): null for off, or { timeScale?, updateTicket?, searchExport?, … }.
	endpointLimits: null,
	// Zendesk's "secure downloads" account setting: attachment content_urls ask for the agent's credential.
	secureDownloads: false,
	// Zendesk's CCs setting: with it off, only tickets of the same requester can be merged.
	ccsEnabled: true,
	// The Collaboration add-on: off, side conversations answer 403 as Zendesk does for a feature the account lacks.
	sideConversations: true,
});
const CONFIGURABLE = [
	'latencyMs',
	'rateLimitPerMinute',
	'rateLimitWindowMs',
	'jobDelayMs',
	'maxConcurrentJobs',
	'accessTokenTtlSeconds',
	'anonymousMe',
	'failJobs',
	'oauthUserId',
	'tokenLatencyMs',
	'endpointLimits',
	'exportLagMs',
	'exportCursorTtlMs',
	'webhookRetries',
	'webhookRetryDelayMs',
	'webhookTimeoutMs',
	'secureDownloads',
	'ccsEnabled',
	'sideConversations',
];

/**
 * @param {Partial<typeof DEFAULTS> & { seed?: { tickets?: number } | false, tls?: { key: string | Buffer, cert: string | Buffer, port?: number }, publicUrl?: string, dataFile?: string }} [options]
 *   dataFile: keep the account data in this JSON file: loaded instead of seeding when it exists,
 *   written after changes and on close (see persist.js).
 */
async function createEmulator(options = {}) {
	const { seed, tls, publicUrl, dataFile, ...rest } = options;
	const opts = { ...DEFAULTS };
	for (const [k, v] of Object.entries(rest)) if (v !== undefined) opts[k] = v;

	const state = createState();
	/** @type {any} */
	const emu = {
		url: '',
		port: 0,
		state,
		requests: [],
		options: opts,
		faults: new FaultQueue(),
		limiter: new RateLimiter(),
		endpointLimiter: new EndpointLimiter(),
		routes: [],
		credentials: null,
		fieldIds: FIELD_IDS,
	};
	emu.routes = compileRoutes([
		...oauth.routes(emu),
		...require('./uploads').routes(emu),
		...require('./requests').routes(emu),
		...require('./resources').routes(emu),
		...require('./bulk').routes(emu),
		...require('./merge').routes(emu),
		...require('./audits').routes(emu),
		...require('./macros').routes(emu),
		...require('./sideConversations').routes(emu),
		...require('./tickets').routes(emu),
		...jobs.routes(emu),
		...require('./search').routes(emu),
		...require('./incremental').routes(emu),
		...require('./webhooks').routes(emu),
	]);

	const server = createServer(emu);
	const servers = [server];
	const listen = (srv, port) =>
		new Promise((resolve, reject) => {
			srv.once('error', reject);
			srv.listen(port, '127.0.0.1', () => {
				const address = srv.address();
				resolve(typeof address === 'object' && address ? address.port : port);
			});
		});
	emu.port = await listen(server, opts.port);
	emu.httpUrl = `http://127.0.0.1:${emu.port}`;
	// Optional HTTPS listener on the same state, e.g. behind a name like acme.zendesk.com.
	emu.tlsPort = null;
	emu.tlsUrl = null;
	if (tls) {
		const tlsServer = createTlsServer(emu, tls);
		try {
			emu.tlsPort = await listen(tlsServer, tls.port ?? 0);
		} catch (err) {
			await new Promise((resolve) => server.close(() => resolve(undefined)));
			throw err;
		}
		servers.push(tlsServer);
		emu.tlsUrl = `https://127.0.0.1:${emu.tlsPort}`;
	}
	// Links in responses (url, next_page, links.next, Location, job URLs) use this base.
	emu.url = publicUrl ? String(publicUrl).replace(/\/$/, '') : emu.httpUrl;

	emu.loadedFrom = dataFile && loadState(state, dataFile) ? dataFile : null;
	if (!emu.loadedFrom) {
		seedAccount(state);
		const seedCount = seed === false ? 0 : seed && seed.tickets != null ? seed.tickets : 50;
		if (seedCount > 0) seedTickets(state, seedCount);
	}
	/** Writes the data file now (no-op without dataFile). */
	emu.save = () => {
		if (dataFile) saveState(state, dataFile);
	};
	// Called by the server after each request that may change data; bulk jobs finish later, so wait for them.
	let saveTimer = null;
	emu.onWrite = dataFile
		? () => {
				clearTimeout(saveTimer);
				saveTimer = setTimeout(emu.save, Math.max(300, opts.jobDelayMs + 200));
				saveTimer.unref();
			}
		: null;
	if (dataFile && !emu.loadedFrom) emu.save();

	emu.credentials = {
		...CREDENTIALS,
		basicAuth: basicAuth(CREDENTIALS.email, CREDENTIALS.apiToken),
		authorizeUrl: `${emu.url}/oauth/authorizations/new`,
		tokenUrl: `${emu.url}/oauth/tokens`,
	};

	/** Queues a scripted fault; see faults.js for the shapes. */
	emu.fault = (spec) => {
		emu.faults.push(spec);
		return emu;
	};
	emu.clearFaults = () => emu.faults.clear();
	emu.configure = (changes = {}) => {
		for (const [k, v] of Object.entries(changes)) {
			if (!CONFIGURABLE.includes(k)) throw new Error(`configure: unknown option ${k}`);
			// A new limit starts a fresh window, so tests do not inherit earlier traffic.
			if (k === 'rateLimitPerMinute' && v !== opts.rateLimitPerMinute) emu.limiter.reset();
			if (k === 'endpointLimits') emu.endpointLimiter.reset();
			opts[k] = v;
		}
		return emu;
	};
	emu.seedTickets = (n) => seedTickets(state, n);
	emu.expireAccessToken = (token) => oauth.expireAccessToken(emu, token);
	/** Token-endpoint counters: total, `{ clientId }`, or the lineage of `{ token }` / `{ lineage }`. */
	emu.oauthStats = (filter) => oauth.oauthStats(emu, filter);
	/** A token's lineage (the authorization it comes from and its refreshes), with its newest tokens. */
	emu.oauthLineage = (filter) => oauth.oauthLineage(emu, filter);
	/** One entry per token-endpoint answer, oldest first. */
	emu.oauthEvents = () => state.oauthStats.events.slice();
	/** Registers another OAuth client, e.g. one per credential so counters per client tell them apart. */
	emu.addOAuthClient = ({ identifier, secret = null, userId = 1001 }) => {
		if (!identifier || state.oauthClients.has(identifier))
			throw new Error(`addOAuthClient: ${identifier ? `${identifier} exists` : 'identifier missing'}`);
		state.oauthClients.set(identifier, {
			identifier,
			secret,
			kind: secret ? 'confidential' : 'public',
			user_id: userId,
			redirect_uris: [],
		});
		return { clientId: identifier, clientSecret: secret };
	};
	emu.flushJobs = () => jobs.flushJobs(emu);
	emu.clearRequests = () => {
		emu.requests.length = 0;
	};
	emu.basicAuth = basicAuth;
	emu.close = async () => {
		clearTimeout(saveTimer);
		if (dataFile) {
			// Bulk jobs still queued are done now rather than lost with their timers.
			jobs.flushJobs(emu);
			emu.save();
		}
		jobs.cancelTimers(emu);
		await Promise.all(
			servers.map(
				(srv) =>
					new Promise((resolve) => {
						srv.close(() => resolve(undefined));
						srv.closeAllConnections();
					}),
			),
		);
	};
	return emu;
}

/** Authorization header value for an API token. */
function basicAuth(email = CREDENTIALS.email, token = CREDENTIALS.apiToken) {
	return `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
}

module.exports = { createEmulator, basicAuth, CREDENTIALS, FIELD_IDS };
