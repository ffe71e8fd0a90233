import { ENDPOINT_LIMITS } from '../zendeskFacts';

/*
 * Which of Zendesk's per-endpoint limits a request counts against, and what
 * the per-endpoint rate-limit headers say. Pure: the budgets live in endpointPacing.ts.
 */

export type EndpointLimitName = keyof typeof ENDPOINT_LIMITS;

/** One per-endpoint limit a request counts against; `key` names its own budget (per ticket where the limit is). */
export interface EndpointLimitRef {
	name: EndpointLimitName;
	key: string;
}

const ref = (name: EndpointLimitName, scope?: string): EndpointLimitRef => ({ name, key: scope ? `${name}:${scope}` : name });

/** The per-endpoint limits of a request to `endpoint` (a path below /api/v2). */
export function endpointLimitsOf(method: string, endpoint: string): EndpointLimitRef[] {
	const path = endpoint
		.split('?')[0]
		.replace(/\.json$/, '')
		.replace(/\/+$/, '');
	const ticket = /^\/tickets\/(\d+)$/.exec(path);
	if (ticket && method === 'PUT') return [ref('updateTicket'), ref('updateTicketPerTicket', ticket[1])];
	if (ticket && method === 'DELETE') return [ref('deleteTicket')];
	if (method === 'POST' && /^\/tickets\/\d+\/side_conversations(\/[^/]+\/reply)?$/.test(path)) return [ref('sideConversationWrite')];
	if (method !== 'GET') return [];
	if (path === '/search/export') return [ref('searchExport')];
	if (path.startsWith('/incremental/')) return [ref('incrementalExport')];
	if (path === '/tickets') return [ref('ticketsIndex')];
	return [];
}

export interface EndpointHeader {
	total?: number;
	remaining?: number;
	/** Seconds until the window resets. */
	resets?: number;
}

/** Reads `total=100; remaining=99; resets=41`; parts that are missing or not numbers stay undefined. */
export function parseEndpointHeader(value: string): EndpointHeader {
	const out: EndpointHeader = {};
	for (const part of value.split(/[;,]/)) {
		const [rawKey, rawValue] = part.split('=').map((s) => s?.trim().toLowerCase());
		const number = Number(rawValue);
		if (rawValue === undefined || rawValue === '' || !Number.isFinite(number)) continue;
		if (rawKey === 'total' || rawKey === 'remaining' || rawKey === 'resets') out[rawKey] = number;
	}
	return out;
}

/** The per-endpoint headers of an answer that speak for one of `limits`, by the limit's budget key. */
export function endpointHeadersFor(limits: EndpointLimitRef[], headers: Record<string, string>): Array<[EndpointLimitRef, EndpointHeader]> {
	const found: Array<[EndpointLimitRef, EndpointHeader]> = [];
	for (const limit of limits) {
		const header = ENDPOINT_LIMITS[limit.name].header;
		const value = header === undefined ? undefined : headers[`zendesk-ratelimit-${header}`];
		if (value !== undefined) found.push([limit, parseEndpointHeader(String(value))]);
	}
	return found;
}
