import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The parts of a failed HTTP exchange that the node reasons about. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	code?: string;
}

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
 * (strings anywhere in it). Only exact secrets: ticket text that merely looks
 * like a credential is the builder's data and stays as it is.
 */
export function redactKnownSecrets<T>(value: T, secrets: string[]): T {
	const forms = allForms(secrets);
	if (!forms.length) return value;
	const text = JSON.stringify(value);
	if (text === undefined || !forms.some((form) => text.includes(form))) return value;
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return forms.reduce((out, form) => out.split(form).join('[redacted]'), v);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
		return v;
	};
	return walk(value) as T;
}

/** Removes anything that looks like a credential from text shown to users or logs. */
export function redactSecrets(text: string, secrets: string[] = []): string {
	let out = text;
	for (const form of allForms(secrets)) out = out.split(form).join('[redacted]');
	for (const pattern of SECRET_PATTERNS) {
		out = out.replace(pattern, (_match, prefix: string) =>
			/^(basic|bearer)$/i.test(prefix) ? '[redacted]' : `${prefix}[redacted]`,
		);
	}
	return out;
}

export function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as IDataObject)) {
			out[key.toLowerCase()] = String(value);
		}
	}
	return out;
}

/**
 * n8n hands errors over in several wrappings (NodeApiError around an axios
 * error, or the axios error itself); this digs out status, headers and body.
 */
export function toHttpFailure(error: unknown): HttpFailure {
	const candidates: IDataObject[] = [];
	let current = error as IDataObject | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		candidates.push(current);
		current = current.cause as IDataObject | undefined;
	}
	for (const candidate of candidates) {
		const response = candidate.response as IDataObject | undefined;
		if (response && (response.status !== undefined || response.statusCode !== undefined)) {
			return {
				status: Number(response.status ?? response.statusCode),
				headers: lowerCaseHeaders(response.headers),
				body: response.data ?? response.body,
				code: candidates.map((c) => c.code).find((c) => typeof c === 'string') as string | undefined,
			};
		}
	}
	// Some n8n versions keep the network error's code only in its message ("getaddrinfo ENOTFOUND …").
	const code =
		(candidates.map((c) => c.code).find((c) => typeof c === 'string' && /^[A-Z][A-Z_]+$/.test(c)) as string | undefined) ??
		candidates.map((c) => /\b(E[A-Z]{3,}[A-Z_]*)\b/.exec(String(c.message ?? ''))?.[1]).find(Boolean);
	const httpCode = candidates.map((c) => c.httpCode).find((c) => c !== undefined && c !== null);
	return {
		status: httpCode !== undefined && /^\d+$/.test(String(httpCode)) ? Number(httpCode) : undefined,
		headers: {},
		body: undefined,
		code,
	};
}

function parseBody(body: unknown): IDataObject | string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : text;
	} catch {
		// Zendesk answers some errors (429 among them) in plain text.
		return text;
	}
}

function describeDetails(details: unknown): string {
	if (!details || typeof details !== 'object') return '';
	const lines: string[] = [];
	for (const [field, problems] of Object.entries(details as IDataObject)) {
		for (const problem of Array.isArray(problems) ? problems : [problems]) {
			const text =
				problem && typeof problem === 'object'
					? String((problem as IDataObject).description ?? JSON.stringify(problem))
					: String(problem);
			lines.push(`${field}: ${text}`);
		}
	}
	return lines.join('; ');
}

/** Zendesk's own explanation of a failure: `error`, `description` and `details`. */
export function zendeskErrorText(body: unknown): { message?: string; description?: string } {
	const parsed = parseBody(body);
	if (parsed === undefined) return {};
	if (typeof parsed === 'string') return { message: parsed.trim().slice(0, 500) };
	const errors = parsed.errors;
	if (Array.isArray(errors) && errors.length) {
		const first = errors[0] as IDataObject;
		return {
			message: String(first.title ?? first.code ?? 'Zendesk error'),
			description: errors.map((e) => String((e as IDataObject).detail ?? (e as IDataObject).title)).join('; '),
		};
	}
	const error = parsed.error;
	const title =
		typeof error === 'object' && error !== null
			? String((error as IDataObject).title ?? (error as IDataObject).message ?? JSON.stringify(error))
			: error !== undefined
				? String(error)
				: undefined;
	const errorDescription =
		typeof error === 'object' && error !== null ? (error as IDataObject).message : undefined;
	const parts = [parsed.description ?? errorDescription ?? parsed.error_description, describeDetails(parsed.details)]
		.filter((p) => p !== undefined && p !== '')
		.map(String);
	return { message: title, description: parts.join(' — ') || undefined };
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Zendesk rejected the request',
	401: 'Zendesk did not accept the credentials',
	403: 'The credential is not allowed to do this (check its role and OAuth scopes)',
	404: 'Not found in Zendesk',
	409: 'The ticket was changed by someone else at the same time',
	422: 'Zendesk could not process the request',
	429: 'Zendesk rate limit reached',
};

export function itemLabel(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}

const CODE_TEXT: Record<string, string> = {
	ECONNRESET: 'The connection to Zendesk was reset',
	ECONNREFUSED: 'Zendesk refused the connection',
	ENOTFOUND: "Zendesk's address could not be found: check the subdomain and the network",
	EAI_AGAIN: "Zendesk's address could not be looked up: check the network",
	ETIMEDOUT: 'Zendesk did not answer in time',
	ECONNABORTED: 'Zendesk did not answer in time',
	TRUNCATED_BODY: "Zendesk's answer was cut short",
	ERR_BAD_RESPONSE: "Zendesk's answer was cut short",
	ERR_STREAM_PREMATURE_CLOSE: "Zendesk's answer was cut short",
	ANSWER_TOO_LARGE: "Zendesk's answer was larger than the node reads (64 MB), so it was cut off",
};

export interface ApiErrorOptions {
	itemIndex?: number;
	secrets?: string[];
	context?: string;
	/** Added to the description, e.g. how long Zendesk asked to wait. */
	note?: string;
	/** A clearer message for a failure the caller knows, e.g. a safe-update conflict. */
	explained?: { message: string; description?: string };
}

/** Turns a failed request into a NodeApiError that carries no secret and names the item. */
export function apiError(node: INode, failure: HttpFailure, options: ApiErrorOptions): NodeApiError {
	const { itemIndex, secrets = [], context, note, explained } = options;
	const zendesk = zendeskErrorText(failure.body);
	// Rate limits and outages come as plain text or HTML pages: lead with what happened.
	const statusFirst = failure.status !== undefined && (failure.status === 429 || failure.status >= 500);
	const statusText = failure.status && failure.status >= 400
		? (STATUS_TEXT[failure.status] ?? (failure.status >= 500 ? `Zendesk is temporarily unavailable (${failure.status})` : undefined))
		: undefined;
	const base =
		explained?.message ??
		(statusFirst ? statusText : undefined) ??
		zendesk.message ??
		statusText ??
		(failure.code ? (CODE_TEXT[failure.code] ?? `Could not reach Zendesk (${failure.code})`) : 'The request to Zendesk failed');
	const zendeskDetail = statusFirst ? [zendesk.message, zendesk.description].filter(Boolean).join(': ') : zendesk.description;
	const message = redactSecrets(`${context ? `${context}: ` : ''}${base}${itemLabel(itemIndex)}`, secrets);
	const parts = [explained ? explained.description : zendeskDetail, note].filter(Boolean);
	const description = parts.length ? redactSecrets(parts.join(' — '), secrets) : undefined;
	// A clean object, never the raw error: that one holds the request and its Authorization header.
	const clean: JsonObject = { message, ...(description ? { description } : {}) };
	if (failure.status) clean.httpCode = String(failure.status);
	return new NodeApiError(node, clean, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}

/**
 * The same error, told for another item: a request that served several items
 * (a bulk batch, show_many) fails each of them under its own index.
 */
export function errorForItem(node: INode, error: Error, itemIndex: number): Error {
	const label = / \[item (\d+)\]$/.exec(error.message);
	if (!label || Number(label[1]) === itemIndex) return error;
	const message = `${error.message.slice(0, label.index)}${itemLabel(itemIndex)}`;
	const { description, httpCode } = error as NodeApiError;
	if (!(error instanceof NodeApiError)) return new NodeOperationError(node, message, { description: description ?? undefined, itemIndex });
	const clean: JsonObject = { message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(node, clean, { message, description: description ?? undefined, httpCode: httpCode ?? undefined, itemIndex });
}

export function inputError(node: INode, itemIndex: number, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem}${itemLabel(itemIndex)}`, {
		itemIndex,
		description: `Fix the "${field}" value of input item ${itemIndex}. No request was sent for this item.`,
	});
}
