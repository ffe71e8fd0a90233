'use strict';
// HTTP plumbing: body reading, request log, latency, faults, rate limit,
// authentication and dispatch to the route table.
const http = require('node:http');
const https = require('node:https');
const { ApiError, sleep } = require('./util');
const { statusReply } = require('./faults');
const { authenticate, authorize } = require('./auth');
const { onBehalfOf } = require('./requests');

/** @typedef {[string, string, (ctx: any) => any, { public?: boolean }?]} RouteEntry [method, path pattern, handler, options] */

/**
 * Compiles route entries; `:name` segments become params.
 * @param {RouteEntry[]} entries
 */
function compileRoutes(entries) {
	return entries.map(([method, pattern, handler, opts = {}]) => {
		const names = [];
		const source = pattern.replace(/:([a-z_]+)/g, (_, n) => {
			names.push(n);
			return '([^/]+)';
		});
		return { method, pattern, re: new RegExp(`^${source}$`), names, handler, public: !!opts.public };
	});
}

/** Zendesk serves every API path with and without ".json". */
const normalizePath = (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p).replace(/\.json$/, '');

function matchRoute(routes, method, path) {
	const p = normalizePath(path);
	let pathKnown = false;
	for (const r of routes) {
		const m = r.re.exec(p);
		if (!m) continue;
		pathKnown = true;
		if (r.method !== method) continue;
		const params = {};
		r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
		return { route: r, params };
	}
	return { route: null, pathKnown };
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const isJsonType = (ct) => /\bjson\b/i.test(String(ct || ''));
const isTextType = (ct) => /^(text\/|application\/(x-www-form-urlencoded|xml|javascript))/i.test(String(ct || ''));

/** What the request log shows: parsed JSON when possible, else text. */
function loggedBody(raw, ct) {
	if (!raw.length) return undefined;
	const text = raw.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return isJsonType(ct) || isTextType(ct) || !ct ? text : `<${raw.length} bytes ${String(ct).split(';')[0]}>`;
	}
}

function encode(reply) {
	const headers = { 'X-Zendesk-Emulator': '1', ...(reply.headers || {}) };
	let body = Buffer.alloc(0);
	if (reply.status !== 204 && reply.status !== 304) {
		if (reply.raw) {
			body = reply.raw;
			headers['Content-Type'] = reply.contentType || 'application/octet-stream';
		} else if (reply.text !== undefined) {
			body = Buffer.from(reply.text, 'utf8');
			headers['Content-Type'] = reply.contentType || 'text/plain; charset=utf-8';
		} else if (reply.json !== undefined) {
			body = Buffer.from(JSON.stringify(reply.json), 'utf8');
			headers['Content-Type'] = 'application/json; charset=utf-8';
		}
	}
	return { headers, body };
}

function send(res, reply) {
	const { headers, body } = encode(reply);
	headers['Content-Length'] = String(body.length);
	res.writeHead(reply.status, headers);
	res.end(body);
}

/** Sends the status line, headers and half the body, then cuts the connection (or ends a chunked body early). */
function sendTruncated(res, reply, clean) {
	const { headers, body } = encode(reply);
	const half = body.subarray(0, Math.floor(body.length / 2));
	if (clean) {
		res.writeHead(reply.status, headers);
		res.end(half);
		return;
	}
	headers['Content-Length'] = String(body.length);
	res.writeHead(reply.status, headers);
	res.write(half, () => res.destroy());
}

function errorReply(err) {
	if (err instanceof ApiError) {
		return typeof err.body === 'string'
			? { status: err.status, text: err.body, headers: err.headers }
			: { status: err.status, json: err.body, headers: err.headers };
	}
	return { status: 500, json: { error: 'InternalServerError', description: `Emulator bug: ${err && err.message}` } };
}

async function dispatch(emu, ctx) {
	const { route, params, pathKnown } = matchRoute(emu.routes, ctx.method, ctx.path);
	const isApi = ctx.path.startsWith('/api/v2/') || ctx.path === '/api/v2';
	let rateHeaders = {};
	if (isApi && emu.options.rateLimitPerMinute > 0) {
		const { allowed, headers } = emu.limiter.check(emu.options.rateLimitPerMinute, Date.now(), emu.options.rateLimitWindowMs);
		rateHeaders = headers;
		if (!allowed) {
			return {
				status: 429,
				text: 'Number of allowed API requests per minute exceeded',
				contentType: 'text/plain; charset=utf-8',
				headers,
				limitedBy: 'account',
			};
		}
	}
	// Per-endpoint limit headers (endpointLimits.js) go on every answer of a limited endpoint, errors too.
	let limitHeaders = {};
	const withRate = (reply) => ({ ...reply, headers: { ...rateHeaders, ...limitHeaders, ...(reply.headers || {}) } });
	if (!route) {
		return withRate({
			status: 404,
			json: pathKnown
				? { error: 'InvalidEndpoint', description: `${ctx.method} is not supported here` }
				: { error: 'InvalidEndpoint', description: 'Not found' },
		});
	}
	try {
		ctx.params = params;
		if (ctx.bodyError)
			throw new ApiError(400, { error: 'InvalidJSON', description: `The request body is not valid JSON: ${ctx.bodyError}` });
		if (!route.public) {
			// X-On-Behalf-Of (requests.js): an admin's impersonate token acting as an end user.
			const auth = onBehalfOf(emu, authenticate(emu, ctx.headers), ctx.headers);
			if ('failure' in auth) throw auth.failure;
			authorize(auth, ctx.method, normalizePath(ctx.path));
			ctx.auth = auth;
			ctx.user = auth.user;
		}
		// Per-endpoint limits (Update Ticket, exports), when the endpointLimits option is set.
		const limited = emu.options.endpointLimits
			? emu.endpointLimiter.check(ctx.method, ctx.path, ctx.user && ctx.user.id, emu.options.endpointLimits)
			: null;
		if (limited) limitHeaders = limited.headers;
		if (limited && !limited.allowed) {
			return withRate({
				status: 429,
				text: 'Number of allowed API requests per minute exceeded',
				contentType: 'text/plain; charset=utf-8',
				limitedBy: 'endpoint',
			});
		}
		return withRate(await route.handler(ctx));
	} catch (err) {
		return withRate(errorReply(err));
	}
}

async function handle(emu, req, res) {
	const raw = await readBody(req);
	const url = new URL(req.url || '/', emu.url);
	const ct = req.headers['content-type'];
	/** @type {Record<string, any>} */
	const entry = {
		method: req.method,
		url: `${emu.url}${req.url}`,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		body: loggedBody(raw, ct),
		headers: { ...req.headers },
		status: null,
		at: Date.now(),
	};
	emu.requests.push(entry);
	const ctx = {
		emu,
		state: emu.state,
		method: req.method,
		path: url.pathname,
		query: url.searchParams,
		headers: req.headers,
		rawBody: raw,
		body: undefined,
		bodyError: null,
		params: {},
		auth: null,
		user: null,
	};
	if (raw.length && isJsonType(ct)) {
		try {
			ctx.body = JSON.parse(raw.toString('utf8'));
		} catch (e) {
			ctx.bodyError = e.message;
		}
	} else if (raw.length && isTextType(ct)) ctx.body = raw.toString('utf8');

	const fault = emu.faults.take(req.method, url.pathname);
	if (fault) entry.fault = fault.kind;
	if (emu.options.latencyMs > 0) await sleep(emu.options.latencyMs);
	if (fault && fault.kind === 'delay') await sleep(fault.ms);
	if (fault && fault.kind === 'expireToken') {
		const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization || ''));
		if (bearer) emu.expireAccessToken(bearer[1]);
	}
	if (fault && fault.kind === 'reset' && !fault.after) {
		entry.status = 0;
		req.socket.destroy();
		return;
	}
	const reply = fault && fault.kind === 'status' ? statusReply(fault) : await dispatch(emu, ctx);
	if (fault && fault.kind === 'reset') {
		entry.status = 0;
		req.socket.destroy();
		return;
	}
	entry.status = reply.status;
	// Which limit refused it, for the benchmark's fleet rows: the account's, an endpoint's or the job limit.
	if (reply.status === 429) entry.limitedBy = reply.limitedBy ?? (reply.json && reply.json.error === 'TooManyJobs' ? 'jobs' : 'other');
	if (emu.onWrite && req.method !== 'GET' && req.method !== 'HEAD') emu.onWrite();
	// Triggers and webhook deliveries (webhooks.js).
	if (emu.afterWrite && req.method !== 'GET' && req.method !== 'HEAD') emu.afterWrite();
	if (fault && fault.kind === 'truncate') sendTruncated(res, reply, !!fault.clean);
	else send(res, reply);
}

function listener(emu) {
	return (req, res) => {
		handle(emu, req, res).catch((err) => {
			if (!res.headersSent) send(res, errorReply(err));
			else res.destroy();
		});
	};
}

function createServer(emu) {
	return http.createServer(listener(emu));
}

/** The same emulator over HTTPS, for clients that insist on https://{subdomain}.zendesk.com. */
function createTlsServer(emu, { key, cert }) {
	return https.createServer({ key, cert }, listener(emu));
}

module.exports = { createServer, createTlsServer, compileRoutes, normalizePath };
