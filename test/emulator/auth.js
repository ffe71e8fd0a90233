'use strict';
// Resolves the caller of an /api/v2 request from Basic API-token or Bearer
// OAuth credentials, with Zendesk's error bodies.
const { ApiError } = require('./util');

const basicFailure = () => new ApiError(401, { error: "Couldn't authenticate you" }, { 'WWW-Authenticate': 'Basic realm="Web Password"' });
const INVALID_TOKEN_TEXT = 'The access token provided is expired, revoked, malformed or invalid for other reasons.';
const invalidToken = () =>
	new ApiError(
		401,
		{ error: 'invalid_token', error_description: INVALID_TOKEN_TEXT },
		{
			'WWW-Authenticate': `Bearer realm="Zendesk", error="invalid_token", error_description="${INVALID_TOKEN_TEXT}"`,
		},
	);
const forbidden = () =>
	new ApiError(403, {
		error: 'Forbidden',
		description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
	});

/**
 * @typedef {{ user: Record<string, any>, kind: 'token' | 'oauth', scopes: string[], grant?: Record<string, any> }} Auth
 * @returns {Auth | { failure: ApiError, bearer: boolean }}
 */
function authenticate(emu, headers) {
	const header = String(headers.authorization || '');
	const [scheme, value = ''] = header.split(/\s+/, 2);
	if (/^bearer$/i.test(scheme)) {
		const grant = emu.state.tokens.get(value);
		if (!grant || (grant.expires_at !== null && Date.now() >= grant.expires_at)) return { failure: invalidToken(), bearer: true };
		const user = emu.state.users.get(grant.user_id);
		if (!user || !user.active) return { failure: invalidToken(), bearer: true };
		return { user, kind: 'oauth', scopes: grant.scope.split(/\s+/).filter(Boolean), grant };
	}
	if (/^basic$/i.test(scheme)) {
		const decoded = Buffer.from(value, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const login = colon === -1 ? decoded : decoded.slice(0, colon);
		const secret = colon === -1 ? '' : decoded.slice(colon + 1);
		// Only API tokens ("{email}/token:{token}"); Zendesk has retired agent passwords for the API.
		if (login.endsWith('/token')) {
			const email = login.slice(0, -'/token'.length).toLowerCase();
			const ok = emu.state.apiTokens.some((t) => t.active && t.email.toLowerCase() === email && t.token === secret);
			const user = ok && [...emu.state.users.values()].find((u) => String(u.email).toLowerCase() === email);
			if (user && user.active) return { user, kind: 'token', scopes: ['read', 'write'] };
		}
	}
	return { failure: basicFailure(), bearer: false };
}

// Resource scopes (tickets:read, users:write, ...) cover these path roots.
const SCOPE_RESOURCE = {
	tickets: 'tickets',
	ticket_fields: 'tickets',
	ticket_forms: 'tickets',
	custom_statuses: 'tickets',
	deleted_tickets: 'tickets',
	job_statuses: 'tickets',
	search: 'tickets',
	uploads: 'tickets',
	attachments: 'tickets',
	brands: 'tickets',
	requests: 'tickets',
	users: 'users',
	groups: 'groups',
	organizations: 'organizations',
};

/** Throws 403 when the caller's role or OAuth scopes do not allow the request. */
function authorize(auth, method, path) {
	const rest = path.replace(/^\/api\/v2\//, '');
	if (/^users\/me$/.test(rest)) return;
	// End users may upload files and use the Requests API (requests.js) but not the agent ticket API.
	if (auth.user.role === 'end-user' && !/^(uploads|requests)(\/|$)/.test(rest)) throw forbidden();
	if (auth.kind !== 'oauth') return;
	const level = method === 'GET' ? 'read' : 'write';
	if (auth.scopes.includes(level)) return;
	const segments = rest.split('/');
	// /users/{id}/tickets/... and /organizations/{id}/tickets are ticket reads.
	const root = segments[2] === 'tickets' ? 'tickets' : segments[0];
	const resource = SCOPE_RESOURCE[root] || root;
	if (auth.scopes.includes(`${resource}:${level}`)) return;
	throw forbidden();
}

module.exports = { authenticate, authorize, basicFailure, invalidToken, forbidden };
