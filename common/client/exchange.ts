import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { EndpointLimitRef } from './endpointLimits';
import { discard, errorBody, isStream, readBody, untilAborted, withDeadline } from './body';
import type { ClientContext } from './connection';
import { observeEndpointHeaders } from './endpointPacing';
import type { HttpFailure } from './failure';
import { lowerCaseHeaders, toHttpFailure } from './failure';
import { observeRateHeaders } from './pacing';
import { isRefusedRefresh, refreshMayHelp } from './rotation';
import type { Session } from './session';

/*
 * One exchange with Zendesk: the request sent through n8n's authenticated
 * helper, its answer read as a stream under a deadline and a size cap.
 */

/**
 * The most of one answer the node reads. Zendesk's largest pages (search
 * export, show_many with side-loads) are a few megabytes; a server that sends
 * more is cut off rather than filling the memory.
 */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export type Exchange = { response: IDataObject; failure?: undefined } | { response?: undefined; failure: HttpFailure };

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
	const body = await errorBody(failure.body, signal);
	return { ...failure, body };
}

/**
 * One exchange: the parsed answer, or what went wrong. The answer is read as
 * a stream under one deadline (the Timeout option) and a size cap, so that a
 * server that stalls, trickles or never stops cannot hold the run.
 */
export async function exchange(
	ctx: ClientContext,
	session: Session,
	options: IHttpRequestOptions,
	limits: EndpointLimitRef[],
): Promise<Exchange> {
	// Error answers come back as answers, so that Zendesk's own words are read on every n8n line
	// (n8n 1.x's errors lose the answer's body).
	const first = await exchangeOnce(ctx, session, { ...options, ignoreHttpStatusErrors: true }, limits);
	if (refreshMayHelp(first.failure?.status, session.connection)) {
		return await exchangeOnce(ctx, session, options, limits);
	}
	return first;
}

async function exchangeOnce(
	ctx: ClientContext,
	session: Session,
	options: IHttpRequestOptions,
	limits: EndpointLimitRef[],
): Promise<Exchange> {
	const { ctx: timed, signal, deadline, stop } = withDeadline(ctx, session.policy.timeoutMs);
	try {
		const pending = ctx.helpers.httpRequestWithAuthentication.call(timed, session.connection.credential.type, {
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
			const body = await errorBody(full.body, signal);
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
