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
 * An n8n expression that yields `https://{subdomain}.zendesk.com{path}` from a
 * credential's own `subdomain` field, or a URL with an unsupported scheme when
 * the subdomain is invalid, so that no request can leave for another host.
 * `suffix` is an optional JS expression appended to the URL (e.g. a query).
 */
export function zendeskUrlExpression(
	path: string,
	{ source = '$self["subdomain"]', suffix = '' }: { source?: string; suffix?: string } = {},
): string {
	const value = `String(${source} || "")`;
	const pattern = `/${SUBDOMAIN_PATTERN.replace(/\//g, '\\/')}/i`;
	const tail = suffix ? ` + ${suffix}` : '';
	return (
		`={{ ${pattern}.test(${value}) ` +
		`? "https://" + ${value}.replace(${pattern}, "$1$2").toLowerCase() + ".zendesk.com${path}"${tail} ` +
		`: "invalid-zendesk-subdomain://check-the-credential" }}`
	);
}
