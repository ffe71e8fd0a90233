'use strict';
/**
 * The credentials `npm run dev` (and the browser test) set up against the local Zendesk emulator,
 * all of them working: OAuth2 connected through a real authorization-code flow (as n8n's
 * "Connect" button does it), OAuth2 client credentials (n8n fetches the token itself), and the
 * legacy API token. All use the credential's "Use Local Emulator" switch.
 */

/** Authorization-code flow against the emulator; returns the token answer to store as oauthTokenData. */
async function connectOAuth(emulator, redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback') {
	const { authorizeUrl, tokenUrl, clientId, clientSecret } = emulator.credentials;
	const url = new URL(authorizeUrl);
	url.search = new URLSearchParams({
		response_type: 'code',
		client_id: clientId,
		redirect_uri: redirectUri,
		scope: 'read write',
		state: 'dev',
	}).toString();
	const auth = await fetch(url, { redirect: 'manual' });
	const location = auth.headers.get('location');
	const code = location && new URL(location).searchParams.get('code');
	if (!code) throw new Error(`emulator authorize: no code (${auth.status} ${location || (await auth.text())})`);
	// The lifetimes the credential asks for by default (2 hours, 89 days).
	const res = await fetch(`${tokenUrl}?expires_in=7200&refresh_token_expires_in=7689600`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: redirectUri,
			client_id: clientId,
			client_secret: clientSecret,
		}),
	});
	const body = await res.json();
	if (!res.ok || !body.access_token) throw new Error(`emulator token exchange failed: ${res.status} ${JSON.stringify(body)}`);
	return body;
}

const IDS = {
	oauth: 'zdEmulatorOAuth',
	oauthClient: 'zdEmulatorOAuthClient',
	oauthImpersonate: 'zdEmulatorOAuth2Impersonate',
	apiToken: 'zdEmulatorApi',
};

/**
 * `updatedAt` as n8n's SQLite stores it (UTC, milliseconds). n8n gives a new node the credential
 * with the newest `updatedAt`; `n8n import:credentials` otherwise leaves the stamps to the
 * database, within the same moment, and on a tie the editor takes whichever it read last (the
 * impersonate one, as reported). So each credential gets its own time, one second apart, the plain
 * OAuth2 one the newest.
 */
function stamped(credentials, now = Date.now()) {
	return credentials.map((c, i) => ({
		...c,
		updatedAt: new Date(now - (credentials.length - 1 - i) * 1000).toISOString().replace('T', ' ').replace('Z', ''),
	}));
}

/** For `n8n import:credentials`. `url` is the emulator's base URL as n8n reaches it. */
function emulatorCredentials(emulator, oauthTokenData, url = emulator.httpUrl || emulator.url) {
	const local = { useLocalEmulator: true, localEmulatorUrl: url };
	const oauth = {
		subdomain: 'acme',
		clientId: emulator.credentials.clientId,
		clientSecret: emulator.credentials.clientSecret,
		scopePreset: 'read write',
		...local,
	};
	return stamped([
		{
			id: IDS.apiToken,
			name: 'Zendesk (local emulator)',
			type: 'zendeskTicketApi',
			data: { subdomain: 'acme', email: emulator.credentials.email, apiToken: emulator.credentials.apiToken, ...local },
		},
		{
			id: IDS.oauthClient,
			name: 'Zendesk OAuth2 client credentials (local emulator)',
			type: 'zendeskTicketOAuth2Api',
			data: { ...oauth, grantType: 'clientCredentials' },
		},
		// For examples/05 (Act as End User needs the impersonate scope).
		{
			id: IDS.oauthImpersonate,
			name: 'Zendesk OAuth2 with impersonate (local emulator)',
			type: 'zendeskTicketOAuth2Api',
			data: { ...oauth, grantType: 'clientCredentials', scopePreset: 'read write impersonate' },
		},
		// Last, so that it is the newest (see stamped): the credential a new node gets.
		{
			id: IDS.oauth,
			name: 'Zendesk OAuth2 (local emulator)',
			type: 'zendeskTicketOAuth2Api',
			data: { ...oauth, grantType: 'authorizationCode', oauthTokenData },
		},
	]);
}

module.exports = { connectOAuth, emulatorCredentials, stamped, IDS };
