import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { HttpFailure } from './failure';
import { apiError } from '../errors/apiError';
import { MAY_HAVE_TAKEN_EFFECT, pacingNote, redirectNote } from '../errors/transportNotes';
import { redactKnownSecrets, redactSecrets } from '../helpers/redact';
import { lowerCaseHeaders, toHttpFailure } from './failure';
import type { ZendeskFunctions } from './connection';
import { credentialTypeFor, currentSecrets } from './connection';
import { discard, isStream, readBody, untilAborted, withDeadline } from './body';
import type { EndpointLimitRef } from '../helpers/endpointLimits';
import { endpointLimitsOf } from '../helpers/endpointLimits';
import { observeEndpointHeaders, takeEndpointSlots } from './endpointPacing';
import { observeRateHeaders, parallelism, takeSlot } from './pacing';
import { retryDecision } from './retry';
import { isRefusedRefresh, rotatedElsewhere } from './rotation';
import type { Session } from './session';
import { hasSession, sessionFor } from './session';

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
	/**
	 * What to tell the builder when the connection broke after the request may
	 * have taken effect and it was not repeated (see retry.ts), e.g. how to
	 * check whether a reply was posted.
	 */
	ifUnsure?: string;
	/** Turns a Zendesk error into the message a builder should see. */
	explain?: (failure: HttpFailure) => { message: string; description?: string } | undefined;
	/**
	 * Called when the request timed out: query parameters to try once more
	 * with (e.g. a smaller page), or nothing to go on as with any timeout.
	 */
	onTimeout?: () => IDataObject | undefined;
}

/** Holds the request as the account's and its endpoint's pacing ask; every wait counts against Max Rate Limit Wait. */
async function paced(session: Session, limits: EndpointLimitRef[]): Promise<string | undefined> {
	const delay = Math.max(takeSlot(session.budget), takeEndpointSlots(session.endpointBudgets, limits));
	if (delay <= 0) return undefined;
	const budget = session.policy.maxRateLimitWaitMs;
	if (session.rateLimitWaitedMs + delay > budget) {
		return pacingNote(delay, session.rateLimitWaitedMs, budget);
	}
	session.rateLimitWaitedMs += delay;
	await sleep(delay);
	return undefined;
}

function requestOptions(session: Session, request: ZendeskRequest): IHttpRequestOptions {
	return {
		method: request.method,
		url: `${session.connection.baseUrl}/api/v2${request.endpoint}`,
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
		disableFollowRedirect: true,
	};
}

/**
 * The most of one answer the node reads. Zendesk's largest pages (search
 * export, show_many with side-loads) are a few megabytes; a server that sends
 * more is cut off rather than filling the memory.
 */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/** How much of an error answer is read for Zendesk's explanation. */
const MAX_ERROR_BYTES = 64 * 1024;

type Exchange = { response: IDataObject; failure?: undefined } | { response?: undefined; failure: HttpFailure };

/** What an answer's body says as JSON; text where JSON was due was cut short on the way. */
function parsedAnswer(data: Buffer): Exchange {
	const text = data.toString('utf8');
	if (text.trim() === '') return { response: {} };
	try {
		const parsed = JSON.parse(text) as unknown;
		return { response: typeof parsed === 'object' && parsed !== null ? (parsed as IDataObject) : {} };
	} catch {
		return { failure: { headers: {}, body: undefined, code: 'TRUNCATED_BODY' } };
	}
}

/** A failed exchange, with the start of its error answer read for Zendesk's words. */
async function failureOf(error: unknown, signal: AbortSignal, deadline: AbortSignal): Promise<HttpFailure> {
	if (deadline.aborted) return { headers: {}, body: undefined, code: 'ETIMEDOUT' };
	const failure = { ...toHttpFailure(error), ...(isRefusedRefresh(error) ? { refreshRefused: true } : {}) };
	if (!isStream(failure.body)) return failure;
	const body = await readBody(failure.body, MAX_ERROR_BYTES, signal).then(
		(read) => read.data,
		() => undefined,
	);
	return { ...failure, body };
}

/**
 * One exchange: the parsed answer, or what went wrong. The answer is read as
 * a stream under one deadline (the Timeout option) and a size cap, so that a
 * server that stalls, trickles or never stops cannot hold the run.
 */
async function exchange(ctx: ZendeskFunctions, session: Session, options: IHttpRequestOptions, limits: EndpointLimitRef[]): Promise<Exchange> {
	// Error answers come back as answers, so that Zendesk's own words are read on every n8n line
	// (n8n 1.x's errors lose the answer's body).
	const first = await exchangeOnce(ctx, session, { ...options, ignoreHttpStatusErrors: true }, limits);
	// n8n refreshes an OAuth2 token only on a 401 it throws: send once more in that mode. The 401 means
	// Zendesk did nothing, so the repeat cannot do anything twice.
	if (first.failure?.status === 401 && session.connection.credentialType === credentialTypeFor('oAuth2')) {
		return await exchangeOnce(ctx, session, options, limits);
	}
	return first;
}

async function exchangeOnce(ctx: ZendeskFunctions, session: Session, options: IHttpRequestOptions, limits: EndpointLimitRef[]): Promise<Exchange> {
	const { ctx: timed, signal, deadline, stop } = withDeadline(ctx, session.policy.timeoutMs);
	try {
		const pending = ctx.helpers.httpRequestWithAuthentication.call(timed, session.connection.credentialType, {
			...options,
			headers: { ...options.headers },
			encoding: 'stream',
			abortSignal: signal,
		}) as Promise<{ body?: unknown; headers?: Record<string, string>; statusCode?: number }>;
		const full = await untilAborted(pending, signal);
		const headers = lowerCaseHeaders(full.headers);
		observeRateHeaders(session.budget, headers);
		observeEndpointHeaders(session.endpointBudgets, limits, headers);
		if (full.statusCode !== undefined && full.statusCode >= 300 && full.statusCode < 400) {
			discard(full.body);
			return { failure: { status: full.statusCode, headers, body: undefined } };
		}
		if (full.statusCode !== undefined && full.statusCode >= 400) {
			const body = await readBody(full.body, MAX_ERROR_BYTES, signal).then((read) => read.data, () => undefined);
			return { failure: { status: full.statusCode, headers, body } };
		}
		const { data, complete } = await readBody(full.body, MAX_ANSWER_BYTES, signal);
		if (!complete) {
			stop();
			return { failure: { headers: {}, body: undefined, code: 'ANSWER_TOO_LARGE' } };
		}
		return parsedAnswer(data);
	} catch (error) {
		const failure = await failureOf(error, signal, deadline);
		observeRateHeaders(session.budget, failure.headers);
		observeEndpointHeaders(session.endpointBudgets, limits, failure.headers);
		return { failure };
	}
}

/** The run's secrets, with any token a refresh brought in the middle of the run. */
async function secretsNow(ctx: ZendeskFunctions, session: Session): Promise<string[]> {
	return [...new Set([...session.connection.secrets, ...(await currentSecrets.call(ctx))])];
}

/** The single way the node talks to Zendesk. */
export async function zendeskApiRequest(this: ZendeskFunctions, request: ZendeskRequest): Promise<IDataObject> {
	const session = await sessionFor.call(this);
	const options = requestOptions(session, request);
	const fail = async (failure: HttpFailure, note?: string, explained = request.explain?.(failure)) =>
		apiError(this.getNode(), failure, {
			itemIndex: request.itemIndex,
			secrets: await secretsNow(this, session),
			context: request.context,
			note,
			explained,
		});
	let repeatedAfterRotation = false;
	const limits = endpointLimitsOf(request.method, request.endpoint);
	for (let attempt = 1; ; attempt++) {
		const waitNote = await paced(session, limits);
		if (waitNote) throw await fail({ status: 429, headers: {}, body: undefined }, waitNote);
		const { response, failure } = await exchange(this, session, options, limits);
		if (response) return response;
		// Another process refreshed the shared credential first: once, with the token it stored.
		if (failure.refreshRefused && !repeatedAfterRotation && (await rotatedElsewhere.call(this, session))) {
			repeatedAfterRotation = true;
			continue;
		}
		if (failure.status !== undefined && failure.status >= 300 && failure.status < 400) {
			throw await fail(failure, undefined, redirectNote(failure, options.url, session.connection.baseUrl));
		}
		const smaller = failure.code === 'ETIMEDOUT' ? request.onTimeout?.() : undefined;
		if (smaller) {
			options.qs = smaller;
			continue;
		}
		// The first attempt of a DELETE went through before the connection broke.
		if (request.method === 'DELETE' && attempt > 1 && failure.status === 404) return {};
		const decision = retryDecision(request, failure, attempt, session);
		if ('retryInMs' in decision) {
			await sleep(decision.retryInMs);
			continue;
		}
		throw await fail(failure, decision.unsure ? (request.ifUnsure ?? MAY_HAVE_TAKEN_EFFECT) : decision.note);
	}
}

/** Redacts every form of the run's secrets from text that Zendesk sent, for messages and outputs. */
export async function redactorFor(this: ZendeskFunctions): Promise<(text: string) => string> {
	const session = await sessionFor.call(this);
	const secrets = await secretsNow(this, session);
	return (text) => redactSecrets(text, secrets);
}

/**
 * Outputs carry what Zendesk sent: a server that echoed a secret into a
 * ticket must not pass it on. A run that never read its credential sent
 * nothing, so it has nothing to redact.
 */
export async function redactOutputs(this: ZendeskFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (!hasSession.call(this)) return items;
	const secrets = await secretsNow(this, await sessionFor.call(this));
	return items.map((item) => {
		const json = redactKnownSecrets(item.json, secrets);
		return json === item.json ? item : { ...item, json };
	});
}

/** How many independent requests this run may have in flight right now (a few, fewer when the budget runs low). */
export async function parallelismFor(this: ZendeskFunctions): Promise<() => number> {
	const session = await sessionFor.call(this);
	return () => parallelism(session.budget);
}
