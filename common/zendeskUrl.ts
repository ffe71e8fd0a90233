/**
 * The subdomain decides which host receives the user's credentials, so it is
 * treated as a security boundary: only `{label}.zendesk.com` over https is ever
 * built, and anything that could smuggle another host in is refused.
 *
 * One rule, two places: the node applies these patterns in TypeScript, and
 * the credential's URL fields apply the very same patterns inside n8n
 * expressions (`zendeskUrlExpression`). Everything the rule decides lives in
 * the patterns themselves, so that the two cannot drift apart.
 *
 * The patterns avoid `{n,m}` quantifiers on purpose: they are embedded in
 * credential expressions (`={{ … }}`), where a closing brace pair would end
 * the expression early. Repetition counts are spelled out instead.
 */
export const MAX_LABEL_LENGTH = 63;

const LABEL_CHAR = '[a-z0-9-]';
// A DNS label has at most 63 characters: refuse 64 label characters in a row.
const LABEL = `(?!${LABEL_CHAR.repeat(MAX_LABEL_LENGTH + 1)})[a-z0-9](?:[a-z0-9-]*[a-z0-9])?`;
export const SUBDOMAIN_PATTERN = `^(?:(${LABEL})(?:\\.zendesk\\.com/?)?|https://(${LABEL})\\.zendesk\\.com(?:/[^\\s\\\\@]*)?)$`;

/**
 * A pattern that matches what `pattern` matches with the `i` flag, for places
 * that take a bare pattern (n8n's `regex` display condition has no flags):
 * each letter outside a character class matches either case, and `a-z` in a
 * class takes `A-Z` too. Escapes are copied as they are.
 */
export function caseless(pattern: string): string {
	let out = '';
	let inClass = false;
	for (let i = 0; i < pattern.length; i++) {
		const char = pattern[i];
		if (char === '\\') {
			out += pattern.slice(i, i + 2);
			i++;
		} else if (inClass && pattern.startsWith('a-z', i)) {
			out += 'a-zA-Z';
			i += 2;
		} else {
			if (char === '[') inClass = true;
			if (char === ']') inClass = false;
			out += !inClass && /[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char;
		}
	}
	return out;
}

/** The subdomain rule for the credential form, which reads a pattern without flags. */
export const CASELESS_SUBDOMAIN_PATTERN = caseless(SUBDOMAIN_PATTERN);

/** Zendesk's OAuth endpoints, relative to the account's base URL. */
export const CONSENT_PAGE_PATH = '/oauth/authorizations/new';
export const TOKEN_ENDPOINT_PATH = '/oauth/tokens';

export const SUBDOMAIN_HINT =
	'Enter your Zendesk subdomain, e.g. "acme" for https://acme.zendesk.com (the full https://acme.zendesk.com URL also works)';

/** What the node says, and the credential form shows under the field, when the rule refuses a subdomain. */
export const REFUSED_SUBDOMAIN_SENTENCE = `The Zendesk subdomain is not valid: only "acme", "acme.zendesk.com" or "https://acme.zendesk.com/" forms are accepted, so that credentials are never sent to another host. ${SUBDOMAIN_HINT}.`;

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
	if (!label) {
		// The value is not echoed in full: a mistyped field could hold a secret.
		throw new Error(REFUSED_SUBDOMAIN_SENTENCE);
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

/** The credential's fields that decide where requests go. */
export interface BaseUrlFields {
	subdomain?: unknown;
	/** The "Use Local Emulator" switch; only `true` turns it on. */
	useLocalEmulator?: unknown;
	/** "Local Emulator URL", shown (and kept by n8n) only while the switch is on. */
	localEmulatorUrl?: unknown;
	/**
	 * The "Base URL Override" of credentials saved before the switch existed (0.1.x), now a
	 * hidden field: still honoured, as a loopback URL only, so those credentials keep working.
	 */
	baseUrlOverride?: unknown;
}

export function loopbackBaseUrl(input: unknown, field = 'Base URL Override'): string {
	// The pattern alone decides (the port range included), as in the credential's expressions.
	if (typeof input !== 'string' || !new RegExp(LOOPBACK_BASE_URL_PATTERN).test(input)) {
		throw new Error(
			`The ${field} only accepts http://127.0.0.1:PORT or http://localhost:PORT (a local Zendesk emulator). ` +
				(field === 'Base URL Override' ? 'Leave it empty to use Zendesk.' : 'Turn off "Use Local Emulator" to use Zendesk.'),
		);
	}
	return input.replace(/\/$/, '');
}

/**
 * Only a missing or empty override means "use Zendesk"; any other value,
 * text or not, must be a loopback URL or the credential is refused.
 */
function isUnset(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * The only base URL the node may send this credential to:
 * - "Use Local Emulator" on: the Local Emulator URL, which must be a loopback URL;
 * - off: https://{subdomain}.zendesk.com, whatever the Local Emulator URL holds
 *   (n8n drops that hidden field anyway), unless the credential still carries a
 *   Base URL Override from before the switch existed, which is used as it was
 *   (loopback only, else refused).
 */
export function resolveBaseUrl(credentials: BaseUrlFields): string {
	if (credentials.useLocalEmulator === true) return loopbackBaseUrl(credentials.localEmulatorUrl, 'Local Emulator URL');
	const legacy = credentials.baseUrlOverride;
	return isUnset(legacy) ? zendeskBaseUrl(credentials.subdomain) : loopbackBaseUrl(legacy);
}

const INVALID_URL = '"invalid-zendesk-url://check-the-credential"';

/**
 * An n8n expression that yields `{base}{path}` from a credential's own fields,
 * by the same rule as `resolveBaseUrl`: the Local Emulator URL when the switch
 * is on (or a Base URL Override saved before the switch existed), else
 * `https://{subdomain}.zendesk.com`. An invalid value (a non-text one included)
 * yields a URL with an unsupported scheme, so that no request can leave for
 * another host. `suffix` is an optional JS expression appended to the URL
 * (e.g. a query).
 */
export function zendeskUrlExpression(
	path: string,
	{ source = '$self', suffix = '' }: { source?: '$self' | '$credentials'; suffix?: string } = {},
): string {
	const rawSubdomain = `${source}["subdomain"]`;
	const useEmulator = `(${source}["useLocalEmulator"] === true)`;
	const rawLegacy = `${source}["baseUrlOverride"]`;
	const rawOverride = `(${useEmulator} ? ${source}["localEmulatorUrl"] : ${rawLegacy})`;
	// Non-text values become "", which neither pattern accepts (normalizeSubdomain and loopbackBaseUrl refuse them too).
	const subdomain = `(typeof ${rawSubdomain} === "string" ? ${rawSubdomain} : "")`;
	const override = `(typeof ${rawOverride} === "string" ? ${rawOverride} : "")`;
	const overrideUnset = `(!${useEmulator} && (${rawLegacy} === undefined || ${rawLegacy} === null || ${rawLegacy} === ""))`;
	const subdomainPattern = `/${SUBDOMAIN_PATTERN.replace(/\//g, '\\/')}/i`;
	const loopbackPattern = `/${LOOPBACK_BASE_URL_PATTERN.replace(/\//g, '\\/')}/`;
	const tail = `"${path}"${suffix ? ` + ${suffix}` : ''}`;
	const fromOverride = `(${loopbackPattern}.test(${override}) ? ${override}.replace(/\\/$/, "") + ${tail} : ${INVALID_URL})`;
	const fromSubdomain =
		`(${subdomainPattern}.test(${subdomain}) ` +
		`? "https://" + ${subdomain}.replace(${subdomainPattern}, "$1$2").toLowerCase() + ".zendesk.com" + ${tail} ` +
		`: ${INVALID_URL})`;
	return `={{ ${overrideUnset} ? ${fromSubdomain} : ${fromOverride} }}`;
}

/**
 * An n8n expression that yields the host name of the account's base URL (as
 * `zendeskUrlExpression` finds it), for n8n's "Allowed Domains", which takes
 * host names. An invalid credential yields no host name, so nothing matches.
 */
export function zendeskHostExpression(source: '$self' | '$credentials' = '$self'): string {
	const url = zendeskUrlExpression('', { source })
		.replace(/^=\{\{ /, '')
		.replace(/ \}\}$/, '');
	return `={{ String(${url}).replace(/^https?:\\/\\/([^/:]+)(?::\\d+)?\\/?$/, "$1") }}`;
}
