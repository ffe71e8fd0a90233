import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { HttpFailure } from './failure';
import { exchange } from './exchange';
import { apiError } from './apiError';
import { MAY_HAVE_TAKEN_EFFECT, pacingNote, redirectNote } from './transportNotes';
import type { ClientContext } from './connection';
import { currentSecrets } from './connection';
import type { EndpointLimitRef } from './endpointLimits';
import { endpointLimitsOf } from './endpointLimits';
import { jittered } from './pacing';
import { isAmbiguous, rateLimitWaitMs, retryDecision } from './retry';
import { holdAfterRateLimit, limitsText, releaseSlots, takeSlots } from './slots';
import { rotatedElsewhere } from './rotation';
import type { Session } from './session';

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
	/** Called before that error is thrown: the caller may have to remember that the write may have been done. */
	onUnsure?: () => void;
	/** Turns a Zendesk error into the message a builder should see. */
	explain?: (failure: HttpFailure) => { message: string; description?: string } | undefined;
	/**
	 * Called when the request timed out: query parameters to try once more
	 * with (e.g. a smaller page), or nothing to go on as with any timeout.
	 */
	onTimeout?: () => IDataObject | undefined;
}

/**
 * Holds the request as the account's and its endpoint's pacing ask (what
 * every run of the process on the account has heard); every wait counts
 * against Max Rate Limit Wait, and fails the request only when it cannot fit.
 */
async function paced(session: Session, limits: EndpointLimitRef[]): Promise<string | undefined> {
	const delay = takeSlots(session, limits);
	if (delay <= 0) return undefined;
	const budget = session.policy.maxRateLimitWaitMs;
	if (session.rateLimitWaitedMs + delay > budget) {
		releaseSlots(session, limits);
		return pacingNote(delay, session.rateLimitWaitedMs, budget, limitsText(session, limits));
	}
	const wait = Math.max(delay, Math.min(jittered(delay), budget - session.rateLimitWaitedMs));
	session.rateLimitWaitedMs += wait;
	await sleep(wait);
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

/** The run's secrets, with any token a refresh brought in the middle of the run. */
export async function secretsNow(ctx: ClientContext, session: Session): Promise<string[]> {
	return [...new Set([...session.connection.secrets, ...(await currentSecrets(ctx, session.connection.credential))])];
}

/** One request to Zendesk's API, paced, repeated where that is safe, its failure explained (see ZendeskClient.request). */
export async function send(ctx: ClientContext, session: Session, request: ZendeskRequest): Promise<IDataObject> {
	const options = requestOptions(session, request);
	const fail = async (failure: HttpFailure, note?: string, explained = request.explain?.(failure)) =>
		apiError(ctx.getNode(), failure, {
			itemIndex: request.itemIndex,
			secrets: await secretsNow(ctx, session),
			context: request.context,
			note,
			explained,
			credential: session.connection.credential,
		});
	let repeatedAfterRotation = false;
	/** An earlier attempt broke off after it may have reached Zendesk. */
	let mayHaveTakenEffect = false;
	const limits = endpointLimitsOf(request.method, request.endpoint);
	// The refresh token is spent: this request would get a 401 and the same refusal.
	if (session.refusedRefresh) throw await fail(session.refusedRefresh);
	for (let attempt = 1; ; attempt++) {
		const waitNote = await paced(session, limits);
		if (waitNote) throw await fail({ status: 429, headers: {}, body: undefined }, waitNote);
		const { response, failure } = await exchange(ctx, session, options, limits).finally(() => releaseSlots(session, limits));
		if (response) return response;
		// The other runs on the account learn of the 429 at once, instead of each drawing its own.
		if (failure.status === 429) holdAfterRateLimit(session, limits, failure.headers, rateLimitWaitMs(failure));
		// Another process refreshed the shared credential first: once, with the token it stored.
		if (failure.refreshRefused && !repeatedAfterRotation && (await rotatedElsewhere(ctx, session))) {
			repeatedAfterRotation = true;
			continue;
		}
		if (failure.refreshRefused) session.refusedRefresh ??= failure;
		if (failure.status !== undefined && failure.status >= 300 && failure.status < 400) {
			throw await fail(failure, undefined, redirectNote(failure, options.url, session.connection.baseUrl));
		}
		const smaller = failure.code === 'ETIMEDOUT' ? request.onTimeout?.() : undefined;
		if (smaller) {
			options.qs = smaller;
			continue;
		}
		// An earlier attempt of the DELETE went through before the connection broke (after a 429 or a refusal, a 404 is the answer).
		if (request.method === 'DELETE' && mayHaveTakenEffect && failure.status === 404) return {};
		mayHaveTakenEffect ||= isAmbiguous(failure);
		const decision = retryDecision(request, failure, attempt, session, limitsText(session, limits));
		if ('retryInMs' in decision) {
			await sleep(decision.retryInMs);
			continue;
		}
		if (decision.unsure) request.onUnsure?.();
		throw await fail(failure, decision.unsure ? (request.ifUnsure ?? MAY_HAVE_TAKEN_EFFECT) : decision.note);
	}
}
