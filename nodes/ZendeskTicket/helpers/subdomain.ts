/**
 * The subdomain decides which host receives the user's credentials, so it is
 * treated as a security boundary: only `{label}.zendesk.com` over https is ever
 * built, and anything that could smuggle another host in is refused.
 *
 * The pattern avoids `{n,m}` quantifiers on purpose: it is also embedded in
 * credential expressions (`={{ … }}`), where a closing brace pair would end
 * the expression early.
 */
const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
export const SUBDOMAIN_PATTERN = `^(?:(${LABEL})(?:\\.zendesk\\.com/?)?|https://(${LABEL})\\.zendesk\\.com(?:/[^\\s\\\\@]*)?)$`;

const MAX_LABEL_LENGTH = 63;

export const SUBDOMAIN_HINT =
	'Enter your Zendesk subdomain, e.g. "acme" for https://acme.zendesk.com (the full https://acme.zendesk.com URL also works)';

/** Returns the bare, lower-case subdomain, or throws a message that says what to type instead. */
export function normalizeSubdomain(input: unknown): string {
	const value = typeof input === 'string' ? input : '';
	if (value === '') {
		throw new Error(`The Zendesk subdomain is empty. ${SUBDOMAIN_HINT}.`);
	}
	if (/\s/.test(value)) {
		throw new Error(`The Zendesk subdomain contains spaces. ${SUBDOMAIN_HINT}.`);
	}
	const match = new RegExp(SUBDOMAIN_PATTERN, 'i').exec(value);
	const label = (match?.[1] ?? match?.[2] ?? '').toLowerCase();
	if (!label || label.length > MAX_LABEL_LENGTH) {
		// The value is not echoed in full: a mistyped field could hold a secret.
		throw new Error(
			`The Zendesk subdomain is not valid: only "acme", "acme.zendesk.com" or "https://acme.zendesk.com/" forms are accepted, so that credentials are never sent to another host. ${SUBDOMAIN_HINT}.`,
		);
	}
	return label;
}

export function zendeskBaseUrl(subdomain: unknown): string {
	return `https://${normalizeSubdomain(subdomain)}.zendesk.com`;
}

/**
 * For tests against a local Zendesk emulator only: plain http to the loopback
 * address with a port, nothing else, so a credential can never be turned
 * towards another machine.
 */
// Ports 1-65535, spelled out because `{n}` quantifiers cannot appear in expressions.
const PORT = '([1-9][0-9]?[0-9]?[0-9]?|[1-5][0-9][0-9][0-9][0-9]|6[0-4][0-9][0-9][0-9]|65[0-4][0-9][0-9]|655[0-2][0-9]|6553[0-5])';
export const LOOPBACK_BASE_URL_PATTERN = `^http://(?:127\\.0\\.0\\.1|localhost):${PORT}/?$`;

export function loopbackBaseUrl(input: string): string {
	const match = new RegExp(LOOPBACK_BASE_URL_PATTERN).exec(input);
	const port = Number(match?.[1]);
	if (!match || !(port >= 1 && port <= 65535)) {
		throw new Error(
			'The Base URL Override only accepts http://127.0.0.1:PORT or http://localhost:PORT (a local Zendesk emulator). Leave it empty to use Zendesk.',
		);
	}
	return input.replace(/\/$/, '');
}

/** The only base URL the node may send this credential to. */
export function resolveBaseUrl(credentials: { subdomain?: unknown; baseUrlOverride?: unknown }): string {
	const override = typeof credentials.baseUrlOverride === 'string' ? credentials.baseUrlOverride : '';
	return override !== '' ? loopbackBaseUrl(override) : zendeskBaseUrl(credentials.subdomain);
}

const INVALID_URL = '"invalid-zendesk-url://check-the-credential"';

/**
 * An n8n expression that yields `{base}{path}` from a credential's own fields:
 * the loopback override when set, else `https://{subdomain}.zendesk.com`. An
 * invalid value yields a URL with an unsupported scheme, so that no request
 * can leave for another host. `suffix` is an optional JS expression appended
 * to the URL (e.g. a query).
 */
export function zendeskUrlExpression(
	path: string,
	{ source = '$self', suffix = '' }: { source?: '$self' | '$credentials'; suffix?: string } = {},
): string {
	const subdomain = `String(${source}["subdomain"] || "")`;
	const override = `String(${source}["baseUrlOverride"] || "")`;
	const subdomainPattern = `/${SUBDOMAIN_PATTERN.replace(/\//g, '\\/')}/i`;
	const loopbackPattern = `/${LOOPBACK_BASE_URL_PATTERN.replace(/\//g, '\\/')}/`;
	const tail = `"${path}"${suffix ? ` + ${suffix}` : ''}`;
	const fromOverride = `(${loopbackPattern}.test(${override}) ? ${override}.replace(/\\/$/, "") + ${tail} : ${INVALID_URL})`;
	const fromSubdomain =
		`(${subdomainPattern}.test(${subdomain}) ` +
		`? "https://" + ${subdomain}.replace(${subdomainPattern}, "$1$2").toLowerCase() + ".zendesk.com" + ${tail} ` +
		`: ${INVALID_URL})`;
	return `={{ ${override} !== "" ? ${fromOverride} : ${fromSubdomain} }}`;
}
