/**
 * Secrets out of text and data: the run's own secrets in every spelling a
 * server could echo, and anything shaped like a credential in messages.
 */

const SECRET_PATTERNS: RegExp[] = [
	/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9+/=._~-]+/gi,
	/\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,}/gi,
	/((?:access_token|refresh_token|client_secret|api_token|apiToken|password|code_verifier)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
];

/**
 * Every spelling of a secret that a server or proxy could echo: as is, in
 * base64 (a Basic header's value without the word Basic), base64 without
 * padding, base64url, and URL-encoded.
 */
function secretForms(secret: string): string[] {
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	const forms = [secret, base64, base64.replace(/=+$/, ''), Buffer.from(secret, 'utf8').toString('base64url'), encodeURIComponent(secret)];
	// Longest first, so that a longer form is redacted whole before a shorter one inside it.
	return [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

function allForms(secrets: string[]): string[] {
	return [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
}

/**
 * Removes the run's secrets, in every form, from data that Zendesk sent
 * (strings anywhere in it, keys included). Only exact secrets: ticket text
 * that merely looks like a credential is the builder's data and stays as it is.
 */
export function redactKnownSecrets<T>(value: T, secrets: string[]): T {
	const forms = allForms(secrets);
	if (!forms.length) return value;
	const text = JSON.stringify(value);
	if (text === undefined || !forms.some((form) => text.includes(form))) return value;
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return forms.reduce((out, form) => out.split(form).join('[redacted]'), v);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k), walk(x)]));
		return v;
	};
	return walk(value) as T;
}

/** Removes anything that looks like a credential from text shown to users or logs. */
export function redactSecrets(text: string, secrets: string[] = []): string {
	let out = text;
	for (const form of allForms(secrets)) out = out.split(form).join('[redacted]');
	for (const pattern of SECRET_PATTERNS) {
		out = out.replace(pattern, (_match, prefix: string) => (/^(basic|bearer)$/i.test(prefix) ? '[redacted]' : `${prefix}[redacted]`));
	}
	return out;
}

/**
 * The same for files' descriptions (file name, type): Zendesk names them.
 * The file's content (`data`, or the id of stored data) is the file itself and stays as it is.
 */
export function redactFileNames<T extends Record<string, { data?: string; id?: string }>>(binary: T, secrets: string[]): T {
	const out: Record<string, unknown> = {};
	let changed = false;
	for (const [key, file] of Object.entries(binary)) {
		const { data, id, ...described } = file;
		const clean = redactKnownSecrets(described, secrets);
		changed ||= clean !== described;
		out[key] = clean === described ? file : { ...clean, data, ...(id === undefined ? {} : { id }) };
	}
	return changed ? (out as T) : binary;
}
