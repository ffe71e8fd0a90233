'use strict';
// Zendesk's OAuth endpoints: auto-approving authorization, and the token
// endpoint with authorization_code (+PKCE), rotating refresh_token and
// client_credentials grants. Every token answer is counted per OAuth client
// and per grant lineage (one authorization and the refreshes that follow it),
// so tests can tell how often a shared credential was refreshed and how often
// a spent refresh token was presented (see oauthStats / oauthLineage).
const crypto = require('node:crypto');
const { ApiError, json, randomToken, isPlainObject, sleep } = require('./util');
const { emptyOAuthCounts: emptyCounts } = require('./state');

const CODE_TTL_MS = 120_000;
const DEFAULT_REFRESH_TTL = 2_592_000; // 30 days

const oauthError = (status, error, description) =>
	new ApiError(status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
const invalidGrant = (why) =>
	oauthError(
		400,
		'invalid_grant',
		`The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client. (${why})`,
	);
const invalidClient = () =>
	oauthError(
		401,
		'invalid_client',
		'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
	);

/**
 * Token-endpoint answers counted per client, per lineage and in total: authorizationCodeGrants,
 * refreshGrants, clientCredentialsGrants (tokens issued), invalidGrant (every 400 invalid_grant
 * answer) and spentRefreshTokens (the part of those for a refresh token this emulator issued and
 * then rotated away: a refresh race lost).
 */
const COUNTED = {
	authorization_code: 'authorizationCodeGrants',
	refresh_token: 'refreshGrants',
	client_credentials: 'clientCredentialsGrants',
};

/** The counters of one OAuth client, created on first use. */
function clientCounts(emu, clientId) {
	const all = emu.state.oauthStats.byClient;
	if (!all.has(clientId)) all.set(clientId, emptyCounts());
	return all.get(clientId);
}

/** Adds one token-endpoint answer to the totals, the client's and the lineage's counters, and to the event log. */
function count(emu, { grantType, clientId, lineage, outcome, reason, spent }) {
	const stats = emu.state.oauthStats;
	const targets = [stats.total];
	if (clientId) targets.push(clientCounts(emu, clientId));
	if (lineage) targets.push(lineage.counts);
	for (const c of targets) {
		if (outcome === 'issued' && COUNTED[grantType]) c[COUNTED[grantType]]++;
		if (outcome === 'invalid_grant') {
			c.invalidGrant++;
			if (spent) c.spentRefreshTokens++;
		}
	}
	stats.events.push({
		at: Date.now(),
		grantType: grantType || null,
		clientId: clientId || null,
		lineage: lineage ? lineage.id : null,
		outcome,
		reason: reason || null,
	});
}

function newLineage(emu, clientId, grantType) {
	const stats = emu.state.oauthStats;
	const lineage = { id: ++stats.seq, clientId, grantType, current: null, tokens: 0, counts: emptyCounts() };
	stats.lineages.set(lineage.id, lineage);
	return lineage;
}

function redirectAllowed(client, uri) {
	let u;
	try {
		u = new URL(uri);
	} catch {
		return false;
	}
	if (client.redirect_uris.includes(uri)) return true;
	return (u.protocol === 'http:' || u.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

function authorizeEndpoint(emu, ctx) {
	const q = ctx.query;
	const client = emu.state.oauthClients.get(q.get('client_id') || '');
	const redirectUri = q.get('redirect_uri') || '';
	// Without a trustworthy redirect URI the error cannot be sent back to the client.
	if (!client) return json(400, { error: 'invalid_client', error_description: 'Unknown client_id' });
	if (!redirectAllowed(client, redirectUri))
		return json(400, { error: 'invalid_request', error_description: 'redirect_uri is not allowed for this client' });
	const back = (params) => {
		const target = new URL(redirectUri);
		for (const [k, v] of Object.entries(params)) if (v != null) target.searchParams.set(k, v);
		return { status: 302, headers: { Location: target.toString() }, text: '' };
	};
	const state = q.get('state');
	if (q.get('response_type') !== 'code')
		return back({ error: 'unsupported_response_type', error_description: 'Only response_type=code is supported', state });
	const challenge = q.get('code_challenge');
	const method = q.get('code_challenge_method');
	if (challenge && method !== 'S256')
		return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256', state });
	if (!challenge && client.kind === 'public')
		return back({ error: 'invalid_request', error_description: 'Public clients must use PKCE (code_challenge)', state });
	const code = randomToken(24);
	emu.state.oauthCodes.set(code, {
		code,
		client_id: client.identifier,
		redirect_uri: redirectUri,
		scope: q.get('scope') || 'read',
		challenge: challenge || null,
		user_id: emu.options.oauthUserId || client.user_id,
		expires_at: Date.now() + CODE_TTL_MS,
		used: false,
	});
	return back({ code, state });
}

function readParams(ctx) {
	if (isPlainObject(ctx.body)) return { ...ctx.body };
	if (typeof ctx.body === 'string' && ctx.body) return Object.fromEntries(new URLSearchParams(ctx.body));
	return {};
}

/** Requested lifetimes; n8n sends them in the token URL's query string. */
function lifetimes(emu, ctx, params) {
	const pick = (k) => (params[k] != null && params[k] !== '' ? params[k] : ctx.query.get(k));
	const parse = (k, min, max) => {
		const raw = pick(k);
		if (raw == null || raw === '') return null;
		const n = Number(raw);
		if (!Number.isInteger(n) || n <= min || n >= max)
			throw oauthError(400, 'invalid_request', `${k} must be an integer greater than ${min} and less than ${max}`);
		return n;
	};
	const requested = parse('expires_in', 300, 172_800);
	const refresh = parse('refresh_token_expires_in', 604_800, 7_776_000);
	if (requested != null && refresh != null && requested >= refresh) {
		throw oauthError(400, 'invalid_request', 'expires_in must be less than refresh_token_expires_in');
	}
	return { requested, refresh };
}

function issue(emu, { clientId, userId, scope, ttl, refreshTtl, pkce, withRefresh, lineage }) {
	const now = Date.now();
	const grant = {
		access_token: randomToken(32),
		refresh_token: null,
		client_id: clientId,
		user_id: userId,
		scope,
		ttl,
		refresh_ttl: refreshTtl,
		pkce,
		expires_at: ttl == null ? null : now + ttl * 1000,
		refresh_expires_at: null,
		created_at: now,
		lineage: lineage.id,
	};
	emu.state.tokens.set(grant.access_token, grant);
	lineage.current = grant;
	lineage.tokens++;
	emu.state.oauthStats.tokenLineage.set(grant.access_token, lineage.id);
	const body = { access_token: grant.access_token, token_type: 'bearer', scope };
	// Like Zendesk's pre-2026 clients: no lifetime asked for, no expiry and no refresh token.
	if (ttl != null) {
		body.expires_in = ttl;
		if (withRefresh) {
			grant.refresh_token = randomToken(32);
			grant.refresh_expires_at = now + refreshTtl * 1000;
			emu.state.refreshTokens.set(grant.refresh_token, grant);
			emu.state.oauthStats.tokenLineage.set(grant.refresh_token, lineage.id);
			body.refresh_token = grant.refresh_token;
			body.refresh_token_expires_in = refreshTtl;
		}
	}
	return json(200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

/** The token endpoint, counting what it answered (see count()). */
function tokenEndpoint(emu, ctx) {
	const p = readParams(ctx);
	const known = emu.state.oauthClients.has(String(p.client_id || '')) ? String(p.client_id) : null;
	const grantType = typeof p.grant_type === 'string' ? p.grant_type : null;
	const note = {};
	try {
		const reply = grant(emu, ctx, p, note);
		count(emu, { grantType, clientId: known, lineage: note.lineage, outcome: 'issued' });
		return reply;
	} catch (err) {
		const error = err && err.body && err.body.error;
		count(emu, { grantType, clientId: known, lineage: note.lineage, outcome: error || 'error', reason: note.reason, spent: note.spent });
		throw err;
	}
}

/** Handles one token request; tells `note` the lineage it concerned and why it was refused. */
function grant(emu, ctx, p, note) {
	const refuse = (why) => {
		note.reason = why;
		return invalidGrant(why);
	};
	const client = emu.state.oauthClients.get(String(p.client_id || ''));
	if (!client) throw invalidClient();
	const secretGiven = p.client_secret != null && p.client_secret !== '';
	if (secretGiven && p.client_secret !== client.secret) throw invalidClient();
	const { requested, refresh } = lifetimes(emu, ctx, p);
	const override = emu.options.accessTokenTtlSeconds;

	switch (p.grant_type) {
		case 'authorization_code': {
			const code = emu.state.oauthCodes.get(String(p.code || ''));
			if (!code || code.client_id !== client.identifier) throw refuse('unknown code');
			if (code.used) throw refuse('code already used');
			if (Date.now() > code.expires_at) throw refuse('code expired');
			if ((p.redirect_uri || '') !== code.redirect_uri) throw refuse('redirect_uri does not match');
			if (code.challenge) {
				if (!p.code_verifier) throw refuse('code_verifier missing');
				const hashed = crypto.createHash('sha256').update(String(p.code_verifier)).digest('base64url');
				if (hashed !== code.challenge) throw refuse('code_verifier does not match code_challenge');
			} else if (client.secret && !secretGiven) throw invalidClient();
			code.used = true;
			// A new authorization starts a new lineage: the credential a user just connected.
			note.lineage = newLineage(emu, client.identifier, 'authorization_code');
			return issue(emu, {
				clientId: client.identifier,
				userId: code.user_id,
				scope: code.scope,
				ttl: override ?? requested,
				refreshTtl: refresh ?? DEFAULT_REFRESH_TTL,
				pkce: !!code.challenge,
				withRefresh: true,
				lineage: note.lineage,
			});
		}
		case 'refresh_token': {
			const presented = String(p.refresh_token || '');
			const old = emu.state.refreshTokens.get(presented);
			const stats = emu.state.oauthStats;
			const lineage = stats.lineages.get(/** @type {number} */ (stats.tokenLineage.get(presented)));
			if (lineage && lineage.clientId === client.identifier) note.lineage = lineage;
			if (!old || old.client_id !== client.identifier) {
				// Counted apart when it is a token this emulator issued and rotated away: a refresh race lost.
				note.spent = !old && !!note.lineage;
				throw refuse(note.spent ? 'refresh token already used: it was revoked when it was rotated' : 'unknown or revoked refresh token');
			}
			if (Date.now() >= old.refresh_expires_at) throw refuse('refresh token expired');
			if (client.secret && !secretGiven && !old.pkce) throw invalidClient();
			// Rotation, as Zendesk does it: "a successful request [...] deletes the previous access
			// and refresh tokens", at once; a second use of the old refresh token is invalid_grant.
			emu.state.refreshTokens.delete(old.refresh_token);
			emu.state.tokens.delete(old.access_token);
			return issue(emu, {
				clientId: client.identifier,
				userId: old.user_id,
				scope: p.scope ? String(p.scope) : old.scope,
				ttl: override ?? requested ?? old.ttl,
				refreshTtl: refresh ?? old.refresh_ttl,
				pkce: old.pkce,
				withRefresh: true,
				lineage: note.lineage || newLineage(emu, client.identifier, 'refresh_token'),
			});
		}
		case 'client_credentials': {
			if (!client.secret) throw oauthError(400, 'unauthorized_client', 'Public clients cannot use client_credentials');
			if (!secretGiven) throw invalidClient();
			// Each client-credentials token stands alone (its own lineage); count them per client.
			note.lineage = newLineage(emu, client.identifier, 'client_credentials');
			return issue(emu, {
				clientId: client.identifier,
				userId: client.user_id,
				scope: p.scope ? String(p.scope) : 'read',
				ttl: override ?? requested,
				refreshTtl: refresh ?? DEFAULT_REFRESH_TTL,
				pkce: false,
				withRefresh: false,
				lineage: note.lineage,
			});
		}
		default:
			throw oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code, refresh_token or client_credentials');
	}
}

/**
 * Answers after `tokenLatencyMs`, with the work done at once: a refresh has rotated (and revoked)
 * the old tokens before the client hears of it, as on a real server far away. That is the window
 * in which another process still holds only the old refresh token.
 */
async function delayed(emu, work) {
	let reply;
	let error;
	try {
		reply = work();
	} catch (e) {
		error = e;
	}
	if (emu.options.tokenLatencyMs > 0) await sleep(emu.options.tokenLatencyMs);
	if (error) throw error;
	return reply;
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	return [
		['GET', '/oauth/authorizations/new', (ctx) => authorizeEndpoint(emu, ctx), { public: true }],
		['POST', '/oauth/tokens', (ctx) => delayed(emu, () => tokenEndpoint(emu, ctx)), { public: true }],
	];
}

/** Makes one access token (or all of them) expired, so the next API call gets 401 invalid_token. */
function expireAccessToken(emu, token) {
	for (const grant of emu.state.tokens.values()) if (!token || grant.access_token === token) grant.expires_at = Date.now() - 1;
}

/**
 * Token-endpoint counters: in total, for one client (`{ clientId }`), or for the lineage of one
 * token (`{ token }`: any access or refresh token it issued, rotated away or not, or `{ lineage }`).
 * A copy, so that a test can take one before and one after and compare.
 */
function oauthStats(emu, filter = {}) {
	const stats = emu.state.oauthStats;
	let counts = stats.total;
	if (filter.clientId != null) counts = stats.byClient.get(filter.clientId) || emptyCounts();
	else if (filter.token != null || filter.lineage != null) {
		const lineage = oauthLineage(emu, filter);
		counts = lineage ? lineage.counts : emptyCounts();
	}
	return { ...counts };
}

/**
 * The lineage of a token (`{ token }`) or by id (`{ lineage }`): its client, how it started, its
 * counters and its newest grant (`current`: the access and refresh token a client should hold now).
 */
function oauthLineage(emu, { token, lineage } = {}) {
	const stats = emu.state.oauthStats;
	const id = lineage != null ? lineage : stats.tokenLineage.get(String(token));
	const l = id == null ? undefined : stats.lineages.get(id);
	if (!l) return null;
	const cur = l.current;
	const live = cur && emu.state.tokens.get(cur.access_token) === cur;
	return {
		id: l.id,
		clientId: l.clientId,
		grantType: l.grantType,
		tokens: l.tokens,
		counts: { ...l.counts },
		current: cur
			? {
					access_token: cur.access_token,
					refresh_token: cur.refresh_token,
					revoked: !live,
					expired: cur.expires_at !== null && Date.now() >= cur.expires_at,
					created_at: cur.created_at,
				}
			: null,
	};
}

module.exports = { routes, expireAccessToken, oauthStats, oauthLineage };
