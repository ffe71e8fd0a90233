'use strict';
/** The OAuth2 grant e2e credentials start from (run.js, httpRequest.js). */

const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';
const EXPIRES_IN = 7200;
const REFRESH_EXPIRES_IN = 7689600;

/** Authorization-code flow against the emulator, as n8n's "Connect" button would do it. */
async function authorizationCode(emu, client = emu.credentials) {
	const { authorizeUrl, tokenUrl } = emu.credentials;
	const { clientId, clientSecret } = client;
	const url = new URL(authorizeUrl);
	url.search = new URLSearchParams({
		response_type: 'code',
		client_id: clientId,
		redirect_uri: REDIRECT_URI,
		scope: 'read write',
		state: 'e2e',
	}).toString();
	const auth = await fetch(url, { redirect: 'manual' });
	const location = auth.headers.get('location');
	const code = location && new URL(location).searchParams.get('code');
	if (!code) throw new Error(`authorize: no code (${auth.status} ${location || (await auth.text())})`);
	const res = await fetch(`${tokenUrl}?expires_in=${EXPIRES_IN}&refresh_token_expires_in=${REFRESH_EXPIRES_IN}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
			client_id: clientId,
			client_secret: clientSecret,
		}),
	});
	const body = await res.json();
	if (!res.ok || !body.access_token || !body.refresh_token) throw new Error(`token exchange failed: ${res.status} ${JSON.stringify(body)}`);
	return body;
}

module.exports = { authorizationCode, REDIRECT_URI, EXPIRES_IN, REFRESH_EXPIRES_IN };
