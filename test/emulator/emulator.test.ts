// Tests of the local Zendesk emulator itself (test/emulator/*.js).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nock from 'nock';

import { emulatorOverHttp } from '../harness/emulator';
import { createEmulator, type Emulator } from './index';

type Json = any;
const { selfSignedCertificate } = require('../../scripts/selfSignedCertificate.js') as {
	selfSignedCertificate: (names: string[], days?: number) => { dir: string; certPath: string; key: string; cert: string };
};

beforeAll(() => nock.enableNetConnect('127.0.0.1'));

/** Small client bound to one emulator; authenticates with the admin API token unless told otherwise. */
function client(emu: Emulator) {
	async function call(method: string, path: string, opts: { body?: unknown; auth?: string | null; headers?: Record<string, string> } = {}) {
		const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
		const auth = opts.auth === undefined ? emu.credentials.basicAuth : opts.auth;
		if (auth) headers.Authorization = auth;
		let body: string | undefined;
		if (opts.body !== undefined) {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(opts.body);
		}
		const res = await fetch(path.startsWith('http') ? path : `${emu.url}${path}`, { method, headers, body });
		const text = await res.text();
		let json: Json = undefined;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json };
	}
	return {
		call,
		get: (path: string, opts?: Parameters<typeof call>[2]) => call('GET', path, opts),
		post: (path: string, body: unknown, opts?: Parameters<typeof call>[2]) => call('POST', path, { ...opts, body }),
		put: (path: string, body: unknown, opts?: Parameters<typeof call>[2]) => call('PUT', path, { ...opts, body }),
		del: (path: string, opts?: Parameters<typeof call>[2]) => call('DELETE', path, opts),
		async job(jobStatus: Json): Promise<Json> {
			for (let i = 0; i < 200; i++) {
				const r = await call('GET', jobStatus.url);
				if (r.json.job_status.status === 'completed' || r.json.job_status.status === 'failed') return r.json.job_status;
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			throw new Error('job did not finish');
		},
	};
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('auth', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 5 } });
	const zd = client(emu);

	it('accepts the seeded API token and rejects bad credentials', async () => {
		const me = await zd.get('/api/v2/users/me.json');
		expect(me.status).toBe(200);
		expect(me.json.user).toMatchObject({ id: 1001, email: 'admin@acme.test', role: 'admin' });

		const wrong = await zd.get('/api/v2/tickets.json', { auth: emu.basicAuth('admin@acme.test', 'nope') });
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({ error: "Couldn't authenticate you" });
		expect(wrong.headers.get('www-authenticate')).toContain('Basic');

		const missing = await zd.get('/api/v2/tickets/1', { auth: null });
		expect(missing.status).toBe(401);
	});

	it('answers /users/me with the anonymous user instead of 401', async () => {
		for (const auth of [null, emu.basicAuth('admin@acme.test', 'wrong')]) {
			const r = await zd.get('/api/v2/users/me', { auth });
			expect(r.status).toBe(200);
			expect(r.json.user).toMatchObject({ id: null, name: 'Anonymous user', role: 'end-user' });
		}
		emu.configure({ anonymousMe: false });
		expect((await zd.get('/api/v2/users/me', { auth: null })).status).toBe(401);
		emu.configure({ anonymousMe: true });
	});

	it('forbids end users from agent endpoints but not from /users/me', async () => {
		const auth = emu.basicAuth(emu.credentials.endUserEmail, emu.credentials.endUserApiToken);
		expect((await zd.get('/api/v2/tickets', { auth })).status).toBe(403);
		const me = await zd.get('/api/v2/users/me', { auth });
		expect(me.json.user).toMatchObject({ id: 2001, role: 'end-user' });
	});

	it('answers unknown routes with 404 JSON', async () => {
		const r = await zd.get('/api/v2/nope');
		expect(r.status).toBe(404);
		expect(r.json.error).toBe('InvalidEndpoint');
	});
});

describe('OAuth', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 3 } });
	const zd = client(emu);
	const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';

	async function authorize(params: Record<string, string>) {
		const url = new URL('/oauth/authorizations/new', emu.url);
		for (const [k, v] of Object.entries({
			response_type: 'code',
			client_id: emu.credentials.clientId,
			redirect_uri: redirectUri,
			scope: 'read write',
			state: 'xyz',
			...params,
		})) {
			url.searchParams.set(k, v);
		}
		const res = await fetch(url, { redirect: 'manual' });
		expect(res.status).toBe(302);
		return new URL(res.headers.get('location') ?? '');
	}

	async function token(body: Record<string, string>, query = '') {
		const res = await fetch(`${emu.url}/oauth/tokens${query}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form(body),
		});
		return { status: res.status, json: (await res.json()) as Json };
	}

	it('runs authorization code + PKCE, then rotates refresh tokens', async () => {
		const verifier = randomBytes(32).toString('base64url');
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		const back = await authorize({ code_challenge: challenge, code_challenge_method: 'S256' });
		expect(back.origin + back.pathname).toBe(redirectUri);
		expect(back.searchParams.get('state')).toBe('xyz');
		const code = back.searchParams.get('code') ?? '';
		/** The confidential client exchanges the code, proving the PKCE challenge with this verifier. */
		const exchange = (code_verifier: string, query = '') =>
			token(
				{
					grant_type: 'authorization_code',
					code,
					client_id: emu.credentials.clientId,
					client_secret: emu.credentials.clientSecret,
					redirect_uri: redirectUri,
					code_verifier,
				},
				query,
			);

		const bad = await exchange('wrong');
		expect(bad).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });

		const first = await exchange(verifier, '?expires_in=7200&refresh_token_expires_in=7689600');
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({ token_type: 'bearer', scope: 'read write', expires_in: 7200 });
		expect(first.json.refresh_token).toEqual(expect.any(String));

		const reused = await exchange(verifier);
		expect(reused.json.error).toBe('invalid_grant');

		const me = await zd.get('/api/v2/users/me', { auth: `Bearer ${first.json.access_token}` });
		expect(me.json.user.id).toBe(1001);

		// JSON body this time: the token endpoint takes both encodings.
		const refreshed = await fetch(`${emu.url}/oauth/tokens?expires_in=7200`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'refresh_token',
				refresh_token: first.json.refresh_token,
				client_id: emu.credentials.clientId,
				client_secret: emu.credentials.clientSecret,
			}),
		});
		const second = (await refreshed.json()) as Json;
		expect(refreshed.status).toBe(200);
		expect(second.refresh_token).not.toBe(first.json.refresh_token);

		const oldAccess = await zd.get('/api/v2/tickets', { auth: `Bearer ${first.json.access_token}` });
		expect(oldAccess.status).toBe(401);
		expect(oldAccess.json.error).toBe('invalid_token');
		const oldRefresh = await token({
			grant_type: 'refresh_token',
			refresh_token: first.json.refresh_token,
			client_id: emu.credentials.clientId,
			client_secret: emu.credentials.clientSecret,
		});
		expect(oldRefresh).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
		expect((await zd.get('/api/v2/tickets/1', { auth: `Bearer ${second.access_token}` })).status).toBe(200);
	});

	it('lets a public client use PKCE without a secret and omits refresh tokens when no lifetime is asked for', async () => {
		const verifier = randomBytes(32).toString('base64url');
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		const noPkce = await authorize({ client_id: emu.credentials.publicClientId });
		expect(noPkce.searchParams.get('error')).toBe('invalid_request');
		const back = await authorize({ client_id: emu.credentials.publicClientId, code_challenge: challenge, code_challenge_method: 'S256' });
		const r = await token({
			grant_type: 'authorization_code',
			code: back.searchParams.get('code') ?? '',
			client_id: emu.credentials.publicClientId,
			redirect_uri: redirectUri,
			code_verifier: verifier,
		});
		expect(r.status).toBe(200);
		expect(r.json.refresh_token).toBeUndefined();
		expect(r.json.expires_in).toBeUndefined();
	});

	it('issues client_credentials tokens without refresh tokens', async () => {
		const wrong = await token({
			grant_type: 'client_credentials',
			client_id: emu.credentials.clientId,
			client_secret: 'nope',
			scope: 'read',
		});
		expect(wrong).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
		const r = await token(
			{
				grant_type: 'client_credentials',
				client_id: emu.credentials.clientId,
				client_secret: emu.credentials.clientSecret,
				scope: 'tickets:read',
			},
			'?expires_in=3600',
		);
		expect(r.json).toMatchObject({ token_type: 'bearer', scope: 'tickets:read', expires_in: 3600 });
		expect(r.json.refresh_token).toBeUndefined();
		const auth = `Bearer ${r.json.access_token}`;
		expect((await zd.get('/api/v2/tickets/1', { auth })).status).toBe(200);
		// tickets:read does not allow writes.
		expect((await zd.put('/api/v2/tickets/1', { ticket: { priority: 'low' } }, { auth })).status).toBe(403);
	});

	it('expires access tokens on demand so clients must refresh', async () => {
		const verifier = randomBytes(32).toString('base64url');
		const back = await authorize({
			code_challenge: createHash('sha256').update(verifier).digest('base64url'),
			code_challenge_method: 'S256',
		});
		emu.configure({ accessTokenTtlSeconds: 600 });
		const t = await token({
			grant_type: 'authorization_code',
			code: back.searchParams.get('code') ?? '',
			client_id: emu.credentials.clientId,
			redirect_uri: redirectUri,
			code_verifier: verifier,
		});
		emu.configure({ accessTokenTtlSeconds: null });
		expect(t.json).toMatchObject({ expires_in: 600, refresh_token: expect.any(String) });
		emu.expireAccessToken(t.json.access_token);
		const expired = await zd.get('/api/v2/users/me', { auth: `Bearer ${t.json.access_token}` });
		expect(expired.status).toBe(401);
		expect(expired.json).toMatchObject({ error: 'invalid_token', error_description: expect.any(String) });
		// A PKCE grant refreshes without the secret.
		const r = await token({ grant_type: 'refresh_token', refresh_token: t.json.refresh_token, client_id: emu.credentials.clientId });
		expect(r.status).toBe(200);
		expect((await zd.get('/api/v2/users/me', { auth: `Bearer ${r.json.access_token}` })).json.user.id).toBe(1001);
	});

	it('validates requested lifetimes', async () => {
		const r = await token(
			{ grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret },
			'?expires_in=60',
		);
		expect(r).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
	});
});

describe('OAuth rotation and counters', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 2 } }, 'each');
	const zd = client(emu);
	const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';

	async function token(body: Record<string, string>, query = '?expires_in=7200&refresh_token_expires_in=7689600') {
		const res = await fetch(`${emu.url}/oauth/tokens${query}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: form(body),
		});
		return { status: res.status, json: (await res.json()) as Json };
	}
	/** Authorization code flow for a confidential client; returns the first token answer. */
	async function connect(clientId = emu.credentials.clientId, clientSecret = emu.credentials.clientSecret) {
		const url = new URL('/oauth/authorizations/new', emu.url);
		url.search = form({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'read write' });
		const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
		const r = await token({
			grant_type: 'authorization_code',
			code: back.searchParams.get('code') ?? '',
			client_id: clientId,
			client_secret: clientSecret,
			redirect_uri: redirectUri,
		});
		expect(r.status).toBe(200);
		return r.json;
	}
	const refresh = (refreshToken: string, clientId = emu.credentials.clientId, clientSecret = emu.credentials.clientSecret) =>
		token({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret });

	it('revokes the old refresh and access token at once: of two refreshes racing with one token, exactly one wins', async () => {
		const t0 = await connect();
		const [a, b] = await Promise.all([refresh(t0.refresh_token), refresh(t0.refresh_token)]);
		const [win, lose] = a.status === 200 ? [a, b] : [b, a];
		expect(win.status).toBe(200);
		expect(lose).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
		// Neither the old access token nor the old refresh token works after the rotation.
		expect((await zd.get('/api/v2/tickets/1', { auth: `Bearer ${t0.access_token}` })).status).toBe(401);
		expect(await refresh(t0.refresh_token)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
		expect((await zd.get('/api/v2/tickets/1', { auth: `Bearer ${win.json.access_token}` })).status).toBe(200);

		const lineage = emu.oauthLineage({ token: t0.refresh_token });
		expect(lineage).toMatchObject({
			clientId: emu.credentials.clientId,
			grantType: 'authorization_code',
			tokens: 2,
			counts: { authorizationCodeGrants: 1, refreshGrants: 1, clientCredentialsGrants: 0, invalidGrant: 2, spentRefreshTokens: 2 },
			current: { access_token: win.json.access_token, refresh_token: win.json.refresh_token, revoked: false, expired: false },
		});
		// Any token of the lineage finds it, the newest too.
		expect(emu.oauthLineage({ token: win.json.access_token })?.id).toBe(lineage?.id);
		expect(emu.oauthStats({ token: win.json.refresh_token })).toEqual(lineage?.counts);
	});

	it('counts per client and per lineage, and a chain of refreshes stays one lineage', async () => {
		const other = emu.addOAuthClient({ identifier: 'second-client', secret: 'second-secret' });
		expect(() => emu.addOAuthClient({ identifier: 'second-client' })).toThrow(/exists/);
		const x = await connect();
		const y = await connect(other.clientId, other.clientSecret ?? '');
		let rx = x.refresh_token;
		for (let i = 0; i < 3; i++) {
			const r = await refresh(rx);
			expect(r.status).toBe(200);
			rx = r.json.refresh_token;
		}
		expect((await refresh(y.refresh_token, other.clientId, other.clientSecret ?? '')).status).toBe(200);
		// A refresh token of one client presented by the other is refused, and does not count as spent.
		expect((await refresh(rx, other.clientId, other.clientSecret ?? '')).json.error).toBe('invalid_grant');
		// Unknown tokens and used codes are invalid_grant too, but not spent refresh tokens.
		expect((await refresh('never-issued')).json.error).toBe('invalid_grant');
		for (let i = 0; i < 2; i++) {
			expect(
				(
					await token({
						grant_type: 'client_credentials',
						client_id: other.clientId,
						client_secret: other.clientSecret ?? '',
						scope: 'read',
					})
				).status,
			).toBe(200);
		}

		expect(emu.oauthStats({ token: x.access_token })).toEqual({
			authorizationCodeGrants: 1,
			refreshGrants: 3,
			clientCredentialsGrants: 0,
			invalidGrant: 0,
			spentRefreshTokens: 0,
		});
		expect(emu.oauthLineage({ token: x.access_token })).toMatchObject({ tokens: 4, current: { refresh_token: rx } });
		expect(emu.oauthStats({ token: y.access_token })).toEqual({
			authorizationCodeGrants: 1,
			refreshGrants: 1,
			clientCredentialsGrants: 0,
			invalidGrant: 0,
			spentRefreshTokens: 0,
		});
		expect(emu.oauthStats({ clientId: emu.credentials.clientId })).toEqual({
			authorizationCodeGrants: 1,
			refreshGrants: 3,
			clientCredentialsGrants: 0,
			invalidGrant: 1,
			spentRefreshTokens: 0,
		});
		expect(emu.oauthStats({ clientId: other.clientId })).toEqual({
			authorizationCodeGrants: 1,
			refreshGrants: 1,
			clientCredentialsGrants: 2,
			invalidGrant: 1,
			spentRefreshTokens: 0,
		});
		expect(emu.oauthStats()).toEqual({
			authorizationCodeGrants: 2,
			refreshGrants: 4,
			clientCredentialsGrants: 2,
			invalidGrant: 2,
			spentRefreshTokens: 0,
		});
		expect(emu.oauthStats({ clientId: 'nobody' })).toEqual({
			authorizationCodeGrants: 0,
			refreshGrants: 0,
			clientCredentialsGrants: 0,
			invalidGrant: 0,
			spentRefreshTokens: 0,
		});
		expect(emu.oauthLineage({ token: 'never-issued' })).toBeNull();

		const events = emu.oauthEvents();
		expect(events).toHaveLength(10);
		expect(events.filter((e) => e.outcome === 'invalid_grant').map((e) => [e.clientId, e.lineage === null])).toEqual([
			[other.clientId, true],
			[emu.credentials.clientId, true],
		]);
		// The counters are copies.
		emu.oauthStats().refreshGrants = 99;
		expect(emu.oauthStats().refreshGrants).toBe(4);
	});

	it('answers the token endpoint after tokenLatencyMs, with the rotation already done', async () => {
		const t0 = await connect();
		emu.configure({ tokenLatencyMs: 300 });
		const started = Date.now();
		const pending = refresh(t0.refresh_token);
		// While the answer is on its way, the old refresh token is already spent.
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(emu.oauthStats({ token: t0.refresh_token })).toMatchObject({ refreshGrants: 1 });
		const second = refresh(t0.refresh_token);
		const [first, late] = await Promise.all([pending, second]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(first.status).toBe(200);
		expect(late).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
		expect(emu.oauthStats({ token: t0.refresh_token })).toMatchObject({ refreshGrants: 1, invalidGrant: 1, spentRefreshTokens: 1 });
	});

	it('tells a spent (rotated) refresh token apart in the answer and the counters, and counts invalid_client apart', async () => {
		const t0 = await connect();
		const t1 = await refresh(t0.refresh_token);
		const spent = await refresh(t0.refresh_token);
		expect(spent).toMatchObject({
			status: 400,
			json: { error: 'invalid_grant', error_description: expect.stringMatching(/already used/) },
		});
		const wrongSecret = await refresh(t1.json.refresh_token, emu.credentials.clientId, 'nope');
		expect(wrongSecret).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
		expect(emu.oauthStats({ token: t0.access_token })).toMatchObject({ refreshGrants: 1, invalidGrant: 1, spentRefreshTokens: 1 });
		expect(emu.oauthEvents().map((e) => e.outcome)).toEqual(['issued', 'issued', 'invalid_grant', 'invalid_client']);
		// Expiring the access token shows in the lineage; the refresh token still works.
		emu.expireAccessToken(t1.json.access_token);
		expect(emu.oauthLineage({ token: t0.access_token })?.current).toMatchObject({ expired: true, revoked: false });
		expect((await refresh(t1.json.refresh_token)).status).toBe(200);
	});
});

describe('tickets', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 20 }, jobDelayMs: 40 });
	const zd = client(emu);

	it('creates tickets, requiring a comment, and creates new requesters', async () => {
		const missing = await zd.post('/api/v2/tickets', { ticket: { subject: 'No comment' } });
		expect(missing.status).toBe(422);
		expect(missing.json).toMatchObject({
			error: 'RecordInvalid',
			description: 'Record validation errors',
			details: { base: [expect.objectContaining({ error: 'BlankValue' })] },
		});

		const r = await zd.post('/api/v2/tickets.json', {
			ticket: {
				subject: 'Printer on fire',
				comment: { body: 'Help!' },
				priority: 'urgent',
				type: 'task',
				due_at: '2030-01-01T10:00:00Z',
				tags: ['fire', 'printer'],
				requester: { email: 'new.person@example.test', name: 'New Person' },
				assignee_email: 'bob@acme.test',
				email_ccs: [{ user_email: 'cc@example.test', action: 'put' }],
				external_id: 'ext-new',
				brand_id: 8002,
			},
		});
		expect(r.status).toBe(201);
		expect(r.headers.get('location')).toBe(`${emu.url}/api/v2/tickets/${r.json.ticket.id}.json`);
		const t = r.json.ticket;
		expect(t).toMatchObject({
			subject: 'Printer on fire',
			description: 'Help!',
			priority: 'urgent',
			status: 'open',
			type: 'task',
			assignee_id: 1003,
			group_id: 4002,
			brand_id: 8002,
			external_id: 'ext-new',
			due_at: '2030-01-01T10:00:00Z',
		});
		const requester = emu.state.users.get(t.requester_id);
		expect(requester).toMatchObject({ email: 'new.person@example.test', role: 'end-user' });
		expect(t.email_cc_ids).toHaveLength(1);
	});

	it('stores one custom field of each type and rejects invalid values', async () => {
		const f = emu.fieldIds;
		const r = await zd.post('/api/v2/tickets', {
			ticket: {
				comment: { html_body: '<p>Fields</p>' },
				custom_fields: [
					{ id: f.text, value: 'A-1' },
					{ id: f.textarea, value: 'line 1\nline 2' },
					{ id: f.checkbox, value: true },
					{ id: f.date, value: '2026-05-01' },
					{ id: f.integer, value: 42 },
					{ id: f.decimal, value: '9.95' },
					{ id: f.regexp, value: 'ABC-1234' },
					{ id: f.partialcreditcard, value: '4111111111111111' },
					{ id: f.tagger, value: 'product_software' },
					{ id: f.multiselect, value: ['platform_linux', 'platform_macos'] },
					{ id: f.lookup, value: 2003 },
				],
			},
		});
		expect(r.status).toBe(201);
		const values = Object.fromEntries(r.json.ticket.custom_fields.map((c: Json) => [c.id, c.value]));
		expect(values).toEqual({
			[f.text]: 'A-1',
			[f.textarea]: 'line 1\nline 2',
			[f.checkbox]: true,
			[f.date]: '2026-05-01',
			[f.integer]: '42',
			[f.decimal]: '9.95',
			[f.regexp]: 'ABC-1234',
			[f.partialcreditcard]: 'XXXXXXXXXXXX1111',
			[f.tagger]: 'product_software',
			[f.multiselect]: ['platform_linux', 'platform_macos'],
			[f.lookup]: '2003',
		});
		expect(r.json.ticket.tags).toEqual(expect.arrayContaining(['vip_customer', 'product_software', 'platform_linux', 'platform_macos']));
		expect(r.json.ticket.description).toBe('Fields');

		const bad = await zd.post('/api/v2/tickets', {
			ticket: {
				comment: { body: 'x' },
				custom_fields: [
					{ id: f.integer, value: 'many' },
					{ id: f.regexp, value: 'nope' },
				],
			},
		});
		expect(bad.status).toBe(422);
		expect(bad.json.details.base.map((d: Json) => d.ticket_field_id)).toEqual([f.integer, f.regexp]);
	});

	it('honours Idempotency-Key: miss, hit (no new ticket), conflict', async () => {
		const body = { ticket: { subject: 'Once', comment: { body: 'only once' } } };
		const headers = { 'Idempotency-Key': 'key-1' };
		const first = await zd.post('/api/v2/tickets', body, { headers });
		expect(first.status).toBe(201);
		expect(first.headers.get('x-idempotency-lookup')).toBe('miss');
		const size = emu.state.tickets.size;

		const again = await zd.post('/api/v2/tickets', { ticket: { comment: { body: 'only once' }, subject: 'Once' } }, { headers });
		expect(again.status).toBe(201);
		expect(again.headers.get('x-idempotency-lookup')).toBe('hit');
		expect(again.json.ticket.id).toBe(first.json.ticket.id);
		expect(emu.state.tickets.size).toBe(size);

		const conflict = await zd.post('/api/v2/tickets', { ticket: { subject: 'Different', comment: { body: 'x' } } }, { headers });
		expect(conflict.status).toBe(400);
		expect(conflict.json).toEqual({
			error: 'IdempotentRequestError',
			description: "Request parameters don't match the given idempotency key",
		});
	});

	it('rejects stale safe updates with 409 and changes updated_at on every update', async () => {
		const t = (await zd.get('/api/v2/tickets/2')).json.ticket;
		const ok = await zd.put('/api/v2/tickets/2', { ticket: { priority: 'urgent', safe_update: true, updated_stamp: t.updated_at } });
		expect(ok.status).toBe(200);
		expect(ok.json.ticket.updated_at).not.toBe(t.updated_at);
		expect(ok.json.audit.events).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ type: 'Change', field_name: 'priority', value: 'urgent', previous_value: t.priority }),
			]),
		);

		const stale = await zd.put('/api/v2/tickets/2', { ticket: { priority: 'low', safe_update: true, updated_stamp: t.updated_at } });
		expect(stale.status).toBe(409);
		expect(stale.json).toEqual({
			error: 'UpdateConflict',
			description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
		});

		const a = await zd.put('/api/v2/tickets/2', { ticket: { comment: { body: 'one', public: false } } });
		const b = await zd.put('/api/v2/tickets/2', { ticket: { comment: { body: 'two' } } });
		expect(b.json.ticket.updated_at > a.json.ticket.updated_at).toBe(true);
		const comments = (await zd.get('/api/v2/tickets/2/comments')).json.comments;
		expect(comments.map((c: Json) => [c.body, c.public])).toEqual(
			expect.arrayContaining([
				['one', false],
				['two', true],
			]),
		);
	});

	it('adds and removes tags without replacing the others', async () => {
		const before = (await zd.get('/api/v2/tickets/3')).json.ticket.tags;
		const r = await zd.put('/api/v2/tickets/3', { ticket: { additional_tags: ['extra', 'more'], remove_tags: [before[0]] } });
		expect(r.json.ticket.tags).toEqual([...before.slice(1), 'extra', 'more']);
		const replaced = await zd.put('/api/v2/tickets/3', { ticket: { tags: ['only'] } });
		expect(replaced.json.ticket.tags).toEqual(['only']);
	});

	it('refuses to update closed tickets and answers missing ones with 404', async () => {
		const closed = [...emu.state.tickets.values()].find((t) => t.status === 'closed');
		const r = await zd.put(`/api/v2/tickets/${closed.id}`, { ticket: { priority: 'low' } });
		expect(r.status).toBe(422);
		const missing = await zd.get('/api/v2/tickets/999999');
		expect(missing).toMatchObject({ status: 404, json: { error: 'RecordNotFound', description: 'Not found' } });
	});

	it('deletes softly with 204', async () => {
		expect((await zd.del('/api/v2/tickets/4')).status).toBe(204);
		expect((await zd.get('/api/v2/tickets/4')).status).toBe(404);
		expect(emu.state.deletedTickets.has(4)).toBe(true);
		expect((await zd.del('/api/v2/tickets/4')).status).toBe(404);
	});

	it('show_many returns id order, skips missing ids and caps at 100', async () => {
		const r = await zd.get('/api/v2/tickets/show_many.json?ids=5,3,999,1');
		expect(r.json.tickets.map((t: Json) => t.id)).toEqual([1, 3, 5]);
		const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
		expect((await zd.get(`/api/v2/tickets/show_many?ids=${tooMany}`)).status).toBe(400);
	});

	it('side-loads users, groups and organizations', async () => {
		const r = await zd.get('/api/v2/tickets/6?include=users,groups,organizations');
		expect(r.json.users.map((u: Json) => u.id)).toContain(r.json.ticket.requester_id);
		expect(Array.isArray(r.json.groups)).toBe(true);
	});

	it('runs create_many as a job with per-ticket results', async () => {
		const r = await zd.post('/api/v2/tickets/create_many', {
			tickets: [
				{ subject: 'Bulk A', comment: { body: 'a' } },
				{ subject: 'Bulk B' },
				{ subject: 'Bulk C', comment: { body: 'c' }, priority: 'bogus' },
				{ subject: 'Bulk D', comment: { body: 'd' } },
			],
		});
		expect(r.status).toBe(200);
		expect(r.json.job_status).toMatchObject({ status: 'queued', total: 4, url: expect.stringContaining('/api/v2/job_statuses/') });
		const job = await zd.job(r.json.job_status);
		expect(job.status).toBe('completed');
		expect(job.results).toEqual([
			{ index: 0, id: expect.any(Number) },
			{ index: 1, error: 'RecordInvalid', details: expect.stringContaining('Description') },
			{ index: 2, error: 'RecordInvalid', details: expect.stringContaining('Priority') },
			{ index: 3, id: expect.any(Number) },
		]);
		const many = await zd.get(`/api/v2/job_statuses/show_many?ids=${job.id}`);
		expect(many.json.job_statuses[0].id).toBe(job.id);
		const tooMany = await zd.post('/api/v2/tickets/create_many', {
			tickets: Array.from({ length: 101 }, () => ({ comment: { body: 'x' } })),
		});
		expect(tooMany.status).toBe(400);
	});

	it('runs update_many in both forms and reports unknown ids', async () => {
		const same = await zd.put('/api/v2/tickets/update_many?ids=7,8,424242', { ticket: { additional_tags: ['bulk'] } });
		const job = await zd.job(same.json.job_status);
		expect(job.results).toEqual([
			{ id: 7, action: 'update', status: 'Updated', success: true },
			{ id: 8, action: 'update', status: 'Updated', success: true },
			{ id: 424242, error: 'RecordNotFound', details: expect.any(String), success: false },
		]);
		expect(emu.state.tickets.get(7).tags).toContain('bulk');

		const each = await zd.put('/api/v2/tickets/update_many.json', {
			tickets: [
				{ id: 9, priority: 'low' },
				{ id: 10, status: 'nonsense' },
			],
		});
		const job2 = await zd.job(each.json.job_status);
		expect(job2.results[0]).toEqual({ id: 9, action: 'update', status: 'Updated', success: true });
		expect(job2.results[1]).toMatchObject({ id: 10, success: false, error: 'RecordInvalid' });
		expect(emu.state.tickets.get(9).priority).toBe('low');
	});

	it('runs destroy_many and keeps the work until the job completes', async () => {
		const r = await zd.del('/api/v2/tickets/destroy_many?ids=11,12,525252');
		expect(emu.state.tickets.has(11)).toBe(true); // still queued
		const job = await zd.job(r.json.job_status);
		expect(job.results).toEqual([
			{ id: 11, action: 'delete', success: true },
			{ id: 12, action: 'delete', success: true },
			{ id: 525252, action: 'delete', error: 'RecordNotFound', details: expect.any(String), success: false },
		]);
		expect(emu.state.tickets.has(11)).toBe(false);
	});

	it('limits concurrent jobs', async () => {
		emu.configure({ maxConcurrentJobs: 2, jobDelayMs: 60_000 });
		await zd.put('/api/v2/tickets/update_many?ids=13', { ticket: { priority: 'low' } });
		await zd.put('/api/v2/tickets/update_many?ids=14', { ticket: { priority: 'low' } });
		const third = await zd.put('/api/v2/tickets/update_many?ids=15', { ticket: { priority: 'low' } });
		expect(third.status).toBe(429);
		expect(third.json.error).toBe('TooManyJobs');
		emu.flushJobs();
		emu.configure({ maxConcurrentJobs: 30, jobDelayMs: 40 });
		expect((await zd.put('/api/v2/tickets/update_many?ids=15', { ticket: { priority: 'low' } })).status).toBe(200);
	});

	it('can fail jobs', async () => {
		emu.configure({ failJobs: true });
		const r = await zd.del('/api/v2/tickets/destroy_many?ids=16');
		const job = await zd.job(r.json.job_status);
		emu.configure({ failJobs: false });
		expect(job.status).toBe('failed');
		expect(emu.state.tickets.has(16)).toBe(true);
	});
});

describe('pagination over 25,000 tickets', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 25_000 } });
	const zd = client(emu);

	// How fast is the bench's business (a busy CI machine took 11.5 s here): this checks the walk, not its speed.
	it('walks every ticket with cursor pagination, each once and in order', async () => {
		const ids: number[] = [];
		let url: string | null = '/api/v2/tickets.json?page[size]=100';
		let pages = 0;
		while (url) {
			const r = await zd.get(url);
			expect(r.status).toBe(200);
			ids.push(...r.json.tickets.map((t: Json) => t.id));
			pages++;
			url = r.json.meta.has_more ? r.json.links.next : null;
		}
		expect(pages).toBe(250);
		expect(ids).toHaveLength(25_000);
		expect(new Set(ids).size).toBe(25_000);
		expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
	});

	it('sorts by -updated_at and pages backwards with page[before]', async () => {
		const first = await zd.get('/api/v2/tickets?page[size]=50&sort=-updated_at');
		const stamps = first.json.tickets.map((t: Json) => t.updated_at);
		expect([...stamps].sort().reverse()).toEqual(stamps);
		const second = await zd.get(first.json.links.next);
		expect(second.json.tickets[0].updated_at <= stamps[stamps.length - 1]).toBe(true);
		const back = await zd.get(second.json.links.prev);
		expect(back.json.tickets.map((t: Json) => t.id)).toEqual(first.json.tickets.map((t: Json) => t.id));
	});

	it('rejects page sizes over 100 and unknown sorts', async () => {
		expect((await zd.get('/api/v2/tickets?page[size]=101')).status).toBe(400);
		expect((await zd.get('/api/v2/tickets?page[size]=10&sort=subject')).status).toBe(400);
	});

	it('limits offset pagination to the first 10,000 records', async () => {
		const last = await zd.get('/api/v2/tickets.json?page=100&per_page=100');
		expect(last.status).toBe(200);
		expect(last.json).toMatchObject({
			count: 25_000,
			next_page: expect.stringContaining('page=101'),
			previous_page: expect.stringContaining('page=99'),
		});
		const beyond = await zd.get(last.json.next_page);
		expect(beyond.status).toBe(400);
		expect(beyond.json.description).toMatch(/10000 records/);
	});

	it("filters by external_id and lists a user's requested tickets", async () => {
		const r = await zd.get('/api/v2/tickets?external_id=ext-300');
		expect(r.json.tickets.map((t: Json) => t.id)).toEqual([300]);
		const requested = await zd.get('/api/v2/users/2001/tickets/requested?page[size]=100');
		expect(requested.json.tickets.every((t: Json) => t.requester_id === 2001)).toBe(true);
		expect(requested.json.meta.has_more).toBe(true);
		expect((await zd.get('/api/v2/organizations/3002/tickets')).json.count).toBe(
			[...emu.state.tickets.values()].filter((t) => t.organization_id === 3002).length,
		);
	});

	it('adds tickets quickly with seedTickets', () => {
		const ids = emu.seedTickets(1000);
		expect(ids[0]).toBe(25_001);
		expect(emu.state.tickets.size).toBe(26_000);
		emu.state.tickets.forEach((t, id) => id > 25_000 && emu.state.tickets.delete(id));
		emu.state.ticketVersion++;
	});
});

describe('search', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 3000 } });
	const zd = client(emu);
	const all = () => [...emu.state.tickets.values()];
	const search = (query: string, extra = '') => zd.get(`/api/v2/search.json?query=${encodeURIComponent(query)}${extra}`);

	it('supports status/priority ordering, tags, people and dates', async () => {
		const order = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
		const cases: Array<[string, (t: Json) => boolean]> = [
			['type:ticket status<solved priority>normal', (t) => order.indexOf(t.status) < 4 && ['high', 'urgent'].includes(t.priority)],
			['type:ticket status:open status:pending', (t) => ['open', 'pending'].includes(t.status)],
			['type:ticket tags:vip -tags:printer', (t) => t.tags.includes('vip') && !t.tags.includes('printer')],
			['type:ticket assignee:none', (t) => t.assignee_id === null],
			['type:ticket assignee:alice@acme.test ticket_type:incident', (t) => t.assignee_id === 1002 && t.type === 'incident'],
			['type:ticket requester:2003 group:Support', (t) => t.requester_id === 2003 && t.group_id === 4001],
			['type:ticket created>2024-01-02 created<2024-01-03', (t) => t.created_at >= '2024-01-03' && t.created_at < '2024-01-03'],
			['type:ticket created>2024-01-01 created<2024-01-03', (t) => t.created_at >= '2024-01-02' && t.created_at < '2024-01-03'],
			['type:ticket updated>2024-01-02', (t) => t.updated_at >= '2024-01-03'],
			['type:ticket organization:3002 priority:low', (t) => t.organization_id === 3002 && t.priority === 'low'],
			['type:ticket external_id:ext-123', (t) => t.external_id === 'ext-123'],
			['printer', (t) => t.subject.toLowerCase().includes('printer')],
			['type:ticket "refund problem" status:solved', (t) => t.description.includes('refund problem') && t.status === 'solved'],
		];
		for (const [query, predicate] of cases) {
			const r = await search(query);
			expect({ query, status: r.status }).toEqual({ query, status: 200 });
			expect({ query, count: r.json.count }).toEqual({ query, count: all().filter(predicate).length });
			expect(r.json.results.every((x: Json) => x.result_type === 'ticket' && predicate(emu.state.tickets.get(x.id)))).toBe(true);
		}
	});

	it('resolves assignee:me and counts with /search/count', async () => {
		const r = await zd.get(`/api/v2/search/count?query=${encodeURIComponent('type:ticket assignee:me')}`);
		expect(r.json).toEqual({ count: all().filter((t) => t.assignee_id === 1001).length });
	});

	it('sorts, pages and stops at 1,000 results', async () => {
		const q = 'type:ticket status<closed';
		const total = all().filter((t) => t.status !== 'closed').length;
		const p1 = await search(q, '&sort_by=created_at&sort_order=asc&per_page=100');
		expect(p1.json.count).toBe(total);
		expect(p1.json.results[0].created_at <= p1.json.results[1].created_at).toBe(true);
		expect(p1.json.next_page).toContain('page=2');
		const p10 = await search(q, '&page=10&per_page=100');
		expect(p10.status).toBe(200);
		// next_page still points past the limit, as with Zendesk.
		const p11 = await zd.get(p10.json.next_page);
		expect(p11.status).toBe(422);
		expect(p11.json).toEqual({
			error: 'invalid',
			description: 'Invalid search: Requested response size was greater than Search Response Limits',
		});
		expect((await search(q, '&page[size]=10')).status).toBe(400);
	});

	it('exports every match with cursors, ordered by created_at', async () => {
		const q = 'status<closed';
		const expected = all().filter((t) => t.status !== 'closed').length;
		const ids: number[] = [];
		let url: string | null = `/api/v2/search/export?query=${encodeURIComponent(q)}&filter[type]=ticket&page[size]=500`;
		while (url) {
			const r = await zd.get(url);
			expect(r.status).toBe(200);
			expect(r.json.count).toBeUndefined();
			ids.push(...r.json.results.map((x: Json) => x.id));
			url = r.json.meta.has_more ? r.json.links.next : null;
		}
		expect(ids).toHaveLength(expected);
		expect(expected).toBeGreaterThan(1000);
		expect((await zd.get(`/api/v2/search/export?query=${encodeURIComponent(q)}`)).status).toBe(400);
		expect((await zd.get(`/api/v2/search/export?query=${encodeURIComponent(`type:ticket ${q}`)}&filter[type]=ticket`)).status).toBe(400);
	});

	it('searches users by name or email', async () => {
		const r = await zd.get('/api/v2/users/search?query=alice');
		expect(r.json.users.map((u: Json) => u.id)).toEqual([1002]);
	});
});

describe('rate limit, latency and faults', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 5 } });
	const zd = client(emu);
	afterEach(() => {
		emu.clearFaults();
		emu.configure({ rateLimitPerMinute: 0, latencyMs: 0 });
	});

	it('answers 429 in plain text with Retry-After once the minute is used up', async () => {
		emu.configure({ rateLimitPerMinute: 3 });
		for (let i = 0; i < 3; i++) {
			const r = await zd.get('/api/v2/tickets/1');
			expect(r.status).toBe(200);
			expect(r.headers.get('x-rate-limit')).toBe('3');
			expect(r.headers.get('x-rate-limit-remaining')).toBe(String(2 - i));
			expect(r.headers.get('ratelimit-limit')).toBe('3');
			expect(Number(r.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
		}
		const limited = await zd.get('/api/v2/tickets/1');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(limited.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(limited.text).toBe('Number of allowed API requests per minute exceeded');
	});

	it('adds latency', async () => {
		emu.configure({ latencyMs: 150 });
		const started = Date.now();
		await zd.get('/api/v2/tickets/1');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('injects scripted statuses in order, then behaves normally', async () => {
		emu.fault({ path: '/api/v2/tickets/1', kind: 'status', status: 503, times: 2 });
		emu.fault({ method: 'GET', path: /tickets\/1/, kind: 'status', status: 429, headers: { 'Retry-After': '7' } });
		expect((await zd.get('/api/v2/tickets/1.json')).status).toBe(503);
		expect((await zd.get('/api/v2/tickets/1')).json.error).toBe('ServiceUnavailable');
		const limited = await zd.get('/api/v2/tickets/1');
		expect([limited.status, limited.headers.get('retry-after'), limited.text]).toEqual([
			429,
			'7',
			'Number of allowed API requests per minute exceeded',
		]);
		expect((await zd.get('/api/v2/tickets/1')).status).toBe(200);
	});

	it('resets connections and truncates bodies', async () => {
		emu.fault({ path: '/api/v2/tickets/1', kind: 'reset' });
		await expect(fetch(`${emu.url}/api/v2/tickets/1`, { headers: { Authorization: emu.credentials.basicAuth } })).rejects.toThrow();
		expect(emu.requests[emu.requests.length - 1]).toMatchObject({ status: 0, fault: 'reset' });

		emu.fault({ path: '/api/v2/tickets/1', kind: 'truncate' });
		const res = await fetch(`${emu.url}/api/v2/tickets/1`, { headers: { Authorization: emu.credentials.basicAuth } });
		expect(res.status).toBe(200);
		await expect(res.json()).rejects.toThrow();

		emu.fault({ path: '/api/v2/tickets/1', kind: 'truncate', clean: true });
		const clean = await fetch(`${emu.url}/api/v2/tickets/1`, { headers: { Authorization: emu.credentials.basicAuth } });
		// A complete response whose JSON stops halfway (SyntaxError from another realm, so match the message).
		await expect(clean.json()).rejects.toThrow(/JSON/);
	});

	it('can lose the response of a request it processed (reset after)', async () => {
		const before = emu.state.tickets.size;
		emu.fault({ method: 'POST', path: '/api/v2/tickets', kind: 'reset', after: true });
		const body = { ticket: { subject: 'Lost reply', comment: { body: 'x' } } };
		await expect(zd.post('/api/v2/tickets', body, { headers: { 'Idempotency-Key': 'lost-1' } })).rejects.toThrow();
		expect(emu.state.tickets.size).toBe(before + 1);
		const retry = await zd.post('/api/v2/tickets', body, { headers: { 'Idempotency-Key': 'lost-1' } });
		expect(retry.headers.get('x-idempotency-lookup')).toBe('hit');
		expect(emu.state.tickets.size).toBe(before + 1);
	});

	it('delays a single request', async () => {
		emu.fault({ path: '/api/v2/tickets/2', kind: 'delay', ms: 120 });
		const started = Date.now();
		expect((await zd.get('/api/v2/tickets/2')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});

	it('logs requests with full URL, query and parsed body', async () => {
		emu.clearRequests();
		await zd.put('/api/v2/tickets/3.json?x=1', { ticket: { priority: 'low' } });
		expect(emu.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				url: `${emu.url}/api/v2/tickets/3.json?x=1`,
				path: '/api/v2/tickets/3.json',
				query: { x: '1' },
				body: { ticket: { priority: 'low' } },
				status: 200,
			}),
		]);
	});
});

describe('uploads', () => {
	const emu = emulatorOverHttp({ seed: { tickets: 1 } });
	const zd = client(emu);

	it('uploads a file, attaches it with comment.uploads and serves it back', async () => {
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
		const res = await fetch(`${emu.url}/api/v2/uploads.json?filename=crash.png`, {
			method: 'POST',
			headers: { Authorization: emu.credentials.basicAuth, 'Content-Type': 'application/binary' },
			body: bytes,
		});
		expect(res.status).toBe(201);
		const { upload } = (await res.json()) as Json;
		expect(upload.attachment).toMatchObject({ file_name: 'crash.png', content_type: 'image/png', size: bytes.length });

		const created = await zd.post('/api/v2/tickets', {
			ticket: { subject: 'With file', comment: { body: 'see file', uploads: [upload.token] } },
		});
		expect(created.status).toBe(201);
		const comments = (await zd.get(`/api/v2/tickets/${created.json.ticket.id}/comments`)).json.comments;
		expect(comments[0].attachments).toEqual([expect.objectContaining({ id: upload.attachment.id, file_name: 'crash.png' })]);

		const file = await fetch(comments[0].attachments[0].content_url);
		expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
		expect(file.headers.get('content-type')).toBe('image/png');

		const reused = await zd.post('/api/v2/tickets', { ticket: { comment: { body: 'again', uploads: [upload.token] } } });
		expect(reused.status).toBe(422);
	});

	it('with secure downloads, asks for the credential; an expireToken fault ends the token on the matching request', async () => {
		const res = await fetch(`${emu.url}/api/v2/uploads.json?filename=note.txt`, {
			method: 'POST',
			headers: { Authorization: emu.credentials.basicAuth, 'Content-Type': 'text/plain' },
			body: 'secret file',
		});
		const { upload } = (await res.json()) as Json;
		const url: string = upload.attachment.content_url;
		const tokenRes = await fetch(`${emu.url}/oauth/tokens?expires_in=3600`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: form({
				grant_type: 'client_credentials',
				client_id: emu.credentials.clientId,
				client_secret: emu.credentials.clientSecret,
				scope: 'read',
			}),
		});
		const bearer = `Bearer ${((await tokenRes.json()) as Json).access_token}`;
		emu.configure({ secureDownloads: true });
		try {
			expect((await fetch(url)).status).toBe(401);
			const ok = await fetch(url, { headers: { Authorization: bearer } });
			expect([ok.status, await ok.text()]).toEqual([200, 'secret file']);
			emu.fault({ kind: 'expireToken', method: 'GET', path: /^\/attachments\/token\// });
			const expired = await fetch(url, { headers: { Authorization: bearer } });
			expect([expired.status, ((await expired.json()) as Json).error]).toEqual([401, 'invalid_token']);
			// The token stays expired; the fault was used up.
			expect((await zd.get('/api/v2/tickets/1', { auth: bearer })).status).toBe(401);
		} finally {
			emu.configure({ secureDownloads: false });
		}
		expect((await fetch(url)).status).toBe(200);
	});

	it('lists the seeded configuration', async () => {
		const fields = (await zd.get('/api/v2/ticket_fields')).json.ticket_fields;
		expect(fields.map((f: Json) => f.type)).toEqual([
			'subject',
			'description',
			'status',
			'tickettype',
			'priority',
			'group',
			'assignee',
			'text',
			'textarea',
			'checkbox',
			'date',
			'integer',
			'decimal',
			'regexp',
			'partialcreditcard',
			'tagger',
			'multiselect',
			'lookup',
		]);
		expect(fields.find((f: Json) => f.type === 'tagger').custom_field_options[0]).toMatchObject({
			name: 'Hardware',
			value: 'product_hardware',
		});
		expect((await zd.get('/api/v2/groups')).json.groups).toHaveLength(3);
		expect((await zd.get('/api/v2/brands')).json.brands).toHaveLength(2);
		expect((await zd.get('/api/v2/ticket_forms')).json.ticket_forms).toHaveLength(2);
		const statuses = (await zd.get('/api/v2/custom_statuses')).json.custom_statuses;
		expect(statuses.filter((s: Json) => !s.default)).toHaveLength(2);
		const users = await zd.get('/api/v2/users?page[size]=2');
		expect(users.json.users).toHaveLength(2);
		expect(users.json.meta.has_more).toBe(true);
	});
});

describe('optional HTTPS listener', () => {
	// Skipped where the openssl CLI is missing.
	let pem: { key: string; cert: string } | undefined;
	try {
		const { dir, key, cert } = selfSignedCertificate(['acme.zendesk.com']);
		rmSync(dir, { recursive: true, force: true });
		pem = { key, cert };
	} catch {
		pem = undefined;
	}
	const maybe = pem ? it : it.skip;

	maybe('serves the same state over HTTPS with links under publicUrl', async () => {
		const emu = await createEmulator({ seed: { tickets: 3 }, tls: { ...pem!, port: 0 }, publicUrl: 'https://acme.zendesk.com/' });
		try {
			expect(emu.url).toBe('https://acme.zendesk.com');
			expect(emu.httpUrl).toBe(`http://127.0.0.1:${emu.port}`);
			expect(emu.tlsUrl).toBe(`https://127.0.0.1:${emu.tlsPort}`);
			const body = await new Promise<Json>((resolve, reject) => {
				const req = https.request(
					{
						host: '127.0.0.1',
						port: emu.tlsPort!,
						servername: 'acme.zendesk.com',
						ca: pem!.cert,
						path: '/api/v2/tickets/2.json',
						headers: { Authorization: emu.credentials.basicAuth },
					},
					(res) => {
						let text = '';
						res.on('data', (c) => (text += c));
						res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
					},
				);
				req.on('error', reject);
				req.end();
			});
			expect(body.status).toBe(200);
			expect(body.json.ticket.url).toBe('https://acme.zendesk.com/api/v2/tickets/2.json');
			// The plain HTTP listener still answers, on the same state and request log.
			const plain = await fetch(`${emu.httpUrl}/api/v2/tickets/2.json`, { headers: { Authorization: emu.credentials.basicAuth } });
			expect(plain.status).toBe(200);
			expect(emu.requests.map((r) => r.path)).toEqual(['/api/v2/tickets/2.json', '/api/v2/tickets/2.json']);
		} finally {
			await emu.close();
		}
	});
});

describe('persistence (dataFile)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'zd-emu-data-'));
	const file = join(dir, 'emulator.json');
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('keeps tickets, comments, deletions and OAuth tokens across a restart, and reseeds without the file', async () => {
		const first = await createEmulator({ seed: { tickets: 3 }, dataFile: file, jobDelayMs: 10 });
		expect(first.loadedFrom).toBeNull();
		const api = client(first);
		const created = await api.post('/api/v2/tickets.json', { ticket: { subject: 'Kept across restarts', comment: { body: 'first' } } });
		expect(created.status).toBe(201);
		const id = created.json.ticket.id;
		expect((await api.put(`/api/v2/tickets/${id}.json`, { ticket: { comment: { body: 'second', public: false } } })).status).toBe(200);
		expect((await api.del('/api/v2/tickets/2.json')).status).toBe(204);
		// An OAuth token issued before the restart must still work after it (dev imports such tokens into n8n).
		const cc = await fetch(`${first.url}/oauth/tokens?expires_in=7200`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: form({
				grant_type: 'client_credentials',
				client_id: first.credentials.clientId,
				client_secret: first.credentials.clientSecret,
				scope: 'read write',
			}),
		}).then((r) => r.json() as Promise<Json>);
		expect(cc.access_token).toEqual(expect.any(String));
		await first.close();

		const second = await createEmulator({ seed: { tickets: 3 }, dataFile: file });
		try {
			expect(second.loadedFrom).toBe(file);
			const again = client(second);
			const kept = await again.get(`/api/v2/tickets/${id}.json`);
			expect(kept.json.ticket.subject).toBe('Kept across restarts');
			const comments = await again.get(`/api/v2/tickets/${id}/comments.json`);
			expect(comments.json.comments.map((c: Json) => c.body)).toEqual(['first', 'second']);
			expect((await again.get('/api/v2/tickets/2.json')).status).toBe(404);
			expect((await again.get('/api/v2/tickets/1.json')).status).toBe(200);
			// New ids continue after the kept ones.
			const next = await again.post('/api/v2/tickets.json', { ticket: { subject: 'next', comment: { body: 'x' } } });
			expect(next.json.ticket.id).toBeGreaterThan(id);
			const me = await again.get('/api/v2/users/me.json', { auth: `Bearer ${cc.access_token}` });
			expect(me.status).toBe(200);
			expect(me.json.user.id).toBe(1001);
		} finally {
			await second.close();
		}

		rmSync(file);
		const fresh = await createEmulator({ seed: { tickets: 3 }, dataFile: file });
		try {
			expect(fresh.loadedFrom).toBeNull();
			expect(fresh.state.tickets.size).toBe(3);
		} finally {
			await fresh.close();
		}
	});

	it('keeps one OAuth grant shared between its access and refresh token, so a rotation after a restart revokes both', async () => {
		rmSync(file, { force: true });
		const first = await createEmulator({ seed: { tickets: 1 }, dataFile: file });
		const grant = { access_token: 'a', refresh_token: 'r' };
		first.state.tokens.set('a', grant as never);
		first.state.refreshTokens.set('r', grant as never);
		first.save();
		await first.close();
		const second = await createEmulator({ dataFile: file });
		try {
			expect(second.state.tokens.get('a')).toBe(second.state.refreshTokens.get('r'));
			expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('zendesk-emulator-state/1');
		} finally {
			await second.close();
		}
	});
});
