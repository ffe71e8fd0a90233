import type { IDataObject } from 'n8n-workflow';

/** The parts of a failed HTTP exchange that the node reasons about. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	code?: string;
	/** n8n's OAuth2 refresh was refused (invalid_grant): another process may have rotated the token. */
	refreshRefused?: boolean;
	/** What n8n itself said when the request failed before any answer (credential problems, mostly). */
	n8n?: { message: string; description?: string };
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
		// n8n 1.x keeps the axios error as `errorResponse` of its NodeApiError, n8n 2.x as `cause`.
		current = (current.cause ?? current.errorResponse) as IDataObject | undefined;
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
	const said = candidates.find((c) => typeof c.message === 'string' && c.message !== '');
	return {
		status: httpCode !== undefined && /^\d+$/.test(String(httpCode)) ? Number(httpCode) : undefined,
		headers: {},
		body: undefined,
		code,
		...(said
			? { n8n: { message: String(said.message), description: typeof said.description === 'string' ? said.description : undefined } }
			: {}),
	};
}
