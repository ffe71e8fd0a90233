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

type Holder = Record<string | number, unknown>;

const isRecord = (value: unknown): value is Holder => typeof value === 'object' && value !== null && !Buffer.isBuffer(value);

/** Whether any string in the data, keys included, passes `test`. */
function someString(value: unknown, test: (text: string) => boolean): boolean {
	const pending: unknown[] = [value];
	while (pending.length) {
		const current = pending.pop();
		if (typeof current === 'string' && test(current)) return true;
		if (!isRecord(current)) continue;
		for (const [key, child] of Object.entries(current)) {
			if (!Array.isArray(current) && test(key)) return true;
			pending.push(child);
		}
	}
	return false;
}

/** A copy of the data with `change` applied to every string, keys included. */
function mapStrings(value: unknown, change: (text: string) => string): unknown {
	const root: unknown[] = [value];
	const pending: Array<{ holder: Holder; key: string | number }> = [{ holder: root as unknown as Holder, key: 0 }];
	while (pending.length) {
		const { holder, key } = pending.pop()!;
		const current = holder[key];
		let copy = current;
		if (typeof current === 'string') copy = change(current);
		else if (isRecord(current)) {
			copy = Array.isArray(current) ? [...current] : Object.fromEntries(Object.entries(current).map(([k, v]) => [change(k), v]));
			for (const child of Object.keys(copy as Holder)) pending.push({ holder: copy as Holder, key: child });
		}
		// Defined, not assigned: a key "__proto__" (JSON.parse makes it an own key) stays a key.
		Object.defineProperty(holder, key, { value: copy, enumerable: true, writable: true, configurable: true });
	}
	return root[0];
}

/**
 * Removes the run's secrets, in every form, from data that Zendesk sent
 * (strings anywhere in it, keys included). Only exact secrets: ticket text
 * that merely looks like a credential is the builder's data and stays as it is.
 * Both walks go without recursion: a server may nest its answer thousands of levels deep.
 */
export function redactKnownSecrets<T>(value: T, secrets: string[]): T {
	const forms = allForms(secrets);
	if (!forms.length || !someString(value, (text) => forms.some((form) => text.includes(form)))) return value;
	return mapStrings(value, (text) => forms.reduce((out, form) => out.split(form).join('[redacted]'), text)) as T;
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
