import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { HttpFailure } from '../helpers/errors';
import { apiError, lowerCaseHeaders, toHttpFailure } from '../helpers/errors';
import type { ZendeskFunctions } from './credentials';
import { observeRateHeaders, pace, parallelism } from './pacing';
import { retryDecision } from './retry';
import { sessionFor } from './session';

export interface ZendeskRequest {
	method: IHttpRequestMethods;
	/** Path below /api/v2, e.g. `/tickets/1`. */
	endpoint: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	/** The input item the request serves, named in errors. */
	itemIndex?: number;
	/** Shown before Zendesk's message, e.g. "Ticket 12". */
	context?: string;
	/** A file sent as the raw request body (uploads), instead of JSON. */
	binaryBody?: { data: Buffer; contentType: string };
	/** Turns a Zendesk error into the message a builder should see. */
	explain?: (failure: HttpFailure) => { message: string; description?: string } | undefined;
}

/** Raw-body requests come back as text or bytes; an unparseable answer stays text and counts as cut short. */
function parseJsonText(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** A body that is text where JSON was due was cut short on the way. */
function truncated(response: unknown): boolean {
	return typeof response === 'string' && response.trim() !== '';
}

/** The single way the node talks to Zendesk. */
export async function zendeskApiRequest(this: ZendeskFunctions, request: ZendeskRequest): Promise<IDataObject> {
	const session = await sessionFor(this);
	const { credentialType, baseUrl, secrets } = session.connection;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}/api/v2${request.endpoint}`,
		qs: request.qs,
		// Zendesk's array parameters repeat their name: role[]=agent&role[]=admin
		arrayFormat: 'repeat',
		body: request.binaryBody ? request.binaryBody.data : request.body,
		headers: {
			Accept: 'application/json',
			...(request.binaryBody ? { 'Content-Type': request.binaryBody.contentType } : {}),
			...request.headers,
		},
		json: !request.binaryBody,
		timeout: session.policy.timeoutMs,
		returnFullResponse: true,
	};
	for (let attempt = 1; ; attempt++) {
		let failure: HttpFailure;
		await pace(session.budget);
		try {
			const full = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				...options,
				headers: { ...options.headers },
			})) as { body?: unknown; headers?: Record<string, string> };
			observeRateHeaders(session.budget, lowerCaseHeaders(full.headers));
			const response = request.binaryBody ? parseJsonText(full.body) : full.body;
			if (!truncated(response)) return typeof response === 'object' && response !== null ? (response as IDataObject) : {};
			failure = { headers: {}, body: undefined, code: 'TRUNCATED_BODY' };
		} catch (error) {
			failure = toHttpFailure(error);
			observeRateHeaders(session.budget, failure.headers);
		}
		const decision = retryDecision(request, failure, attempt, session);
		if ('retryInMs' in decision) {
			await sleep(decision.retryInMs);
			continue;
		}
		throw apiError(this.getNode(), failure, {
			itemIndex: request.itemIndex,
			secrets,
			context: request.context,
			note: decision.note,
			explained: request.explain?.(failure),
		});
	}
}

/** How many independent requests this run may have in flight right now (a few, fewer when the budget runs low). */
export async function parallelismFor(ctx: ZendeskFunctions): Promise<() => number> {
	const session = await sessionFor(ctx);
	return () => parallelism(session.budget);
}
