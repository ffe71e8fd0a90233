import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { PAGE_SIZE } from '../zendeskFacts';

import type { ZendeskClient, ZendeskRequest } from '../client';
import { PageSizer, SLOW_PAGE_SHARE } from './pageSize';

export interface CursorListRequest {
	endpoint: string;
	/** The array in the response, e.g. `tickets`. */
	property: string;
	qs?: IDataObject;
	/** Stop after this many records; undefined means all. */
	limit?: number;
	/**
	 * Only the records it accepts are kept and count towards `limit`, so a
	 * filtered list stops at the page that fills the limit and holds no more
	 * than the limit. Pages are then asked at full size, since how many pass is unknown.
	 */
	keep?: (record: IDataObject) => boolean;
	/** The first page's size (default and most lists: 100). */
	pageSize?: number;
	/**
	 * Pages larger than 100 (search export: up to 1,000) fall back to 100 for
	 * the rest of the list after a slow page or a timeout; a timeout costs one
	 * retry at 100, not a failure.
	 */
	adaptive?: boolean;
	itemIndex?: number;
	/** What the list belongs to, named in errors, e.g. "User 42". */
	context?: string;
	/** Sent with every page, e.g. X-On-Behalf-Of. */
	headers?: IDataObject;
	/** Turns the list's refusals into what the builder should read (see ZendeskRequest). */
	explain?: ZendeskRequest['explain'];
}

/** Empty or already-seen pages in a row after which a list is taken to be going nowhere. */
const MAX_PAGES_WITHOUT_PROGRESS = 3;

/** Watches a cursor list for a server that would lead it round in circles. */
class ProgressGuard {
	private readonly cursors = new Set<string>();

	private readonly ids = new Set<unknown>();

	private idle = 0;

	/** Says why the list must stop, or nothing while it makes progress. */
	check(page: IDataObject[], next: string | undefined): string | undefined {
		const fresh = page.filter((r) => r.id === undefined || !this.ids.has(r.id));
		for (const record of fresh) this.ids.add(record.id);
		this.idle = fresh.length ? 0 : this.idle + 1;
		if (next !== undefined && this.cursors.has(next)) return 'Zendesk sent a page cursor it had sent before';
		if (next !== undefined) this.cursors.add(next);
		if (this.idle >= MAX_PAGES_WITHOUT_PROGRESS) return `Zendesk sent ${this.idle} pages in a row with nothing new`;
		return undefined;
	}
}

/** The list's page sizes: at most 100, or from `pageSize` down to 100 for an adaptive list; "slow" is a share of the Timeout. */
async function pageSizerFor(client: ZendeskClient, request: CursorListRequest): Promise<PageSizer> {
	const start = request.adaptive ? (request.pageSize ?? PAGE_SIZE) : Math.min(request.pageSize ?? PAGE_SIZE, PAGE_SIZE);
	const { timeoutMs } = await client.timing();
	return new PageSizer(start, Math.min(start, PAGE_SIZE), timeoutMs * SLOW_PAGE_SHARE);
}

/** One page, asked at the sizer's size; its time (without pacing waits) tells the sizer whether to go smaller. */
async function fetchPage(client: ZendeskClient, request: CursorListRequest, sizer: PageSizer, wanted: number, after?: string) {
	const qsFor = (size: number): IDataObject => ({
		...request.qs,
		'page[size]': Math.max(Math.min(size, wanted), 1),
		...(after ? { 'page[after]': after } : {}),
	});
	const qs = qsFor(sizer.current);
	const timing = await client.timing();
	const [started, waitedBefore] = [Date.now(), timing.rateLimitWaitedMs()];
	const response = await client.request({
		method: 'GET',
		endpoint: request.endpoint,
		qs,
		headers: request.headers,
		itemIndex: request.itemIndex,
		context: request.context,
		explain: request.explain,
		onTimeout: request.adaptive
			? () => {
					const smaller = sizer.shrink(Number(qs['page[size]']));
					return smaller === undefined ? undefined : qsFor(smaller);
				}
			: undefined,
	});
	sizer.took(Date.now() - started - (timing.rateLimitWaitedMs() - waitedBefore));
	return response;
}

/**
 * Cursor pagination (`page[size]`, `page[after]`): unlike offset paging it has
 * no 10,000-record ceiling. The cursor is sent back ourselves rather than
 * following `links.next`, so a request can never leave the credential's host,
 * and a cursor that repeats or pages that bring nothing new end the list
 * with an error rather than an endless loop.
 */
export async function cursorList(client: ZendeskClient, request: CursorListRequest): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const sizer = await pageSizerFor(client, request);
	const guard = new ProgressGuard();
	let after: string | undefined;
	do {
		const wanted = request.limit === undefined || request.keep ? Infinity : request.limit - out.length;
		const response = await fetchPage(client, request, sizer, wanted, after);
		const page = (response[request.property] as IDataObject[] | undefined) ?? [];
		for (const record of page) {
			if (request.limit !== undefined && out.length >= request.limit) break;
			if (!request.keep || request.keep(record)) out.push(record);
		}
		const meta = (response.meta as IDataObject | undefined) ?? {};
		after = meta.has_more === true && typeof meta.after_cursor === 'string' ? meta.after_cursor : undefined;
		const stuck = guard.check(page, after);
		if (stuck && after && (request.limit === undefined || out.length < request.limit)) {
			const message = `Listing ${request.endpoint} stopped: ${stuck}`;
			const description = `The node stopped after ${out.length} records so that the list cannot run forever. Run it again later; if this repeats, narrow the query or set a limit.`;
			throw new NodeApiError(client.node, { message, description }, { message, description, itemIndex: request.itemIndex });
		}
	} while (after && (request.limit === undefined || out.length < request.limit));
	return out;
}
