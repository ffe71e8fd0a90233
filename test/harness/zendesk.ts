import nock from 'nock';

export const ZENDESK = 'https://acme.zendesk.com';

export interface RecordedRequest {
	method: string;
	url: string;
	body?: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/** Every request nock answered, in order, for assertions and the OAS check. */
export const recorded: RecordedRequest[] = [];

/** The same requests, never cleared by a test (many clear `recorded` before each case): what ZD_REQUEST_LOG keeps. */
export const requestLog: RecordedRequest[] = [];

/** A nock scope for the test Zendesk account that records what it answers. */
export function zendesk(): nock.Scope {
	const scope = nock(ZENDESK);
	scope.on('request', (req: { method: string; path: string; headers: Record<string, string> }, _interceptor: unknown, body: string) => {
		let parsed: unknown = body || undefined;
		try {
			parsed = body ? JSON.parse(body) : undefined;
		} catch {
			// form bodies (OAuth token requests) stay text
		}
		const request = { method: req.method, url: `${ZENDESK}${req.path}`, body: parsed, headers: { ...req.headers } };
		recorded.push(request);
		requestLog.push(request);
	});
	return scope;
}

/**
 * An expired OAuth2 access token on a GET of `path`: 401 twice (the node asks first with error answers as
 * answers, then once more in the mode in which n8n refreshes), then n8n's refresh at the token endpoint,
 * which the test answers.
 */
export function expiredTokenOn(path: string): nock.Interceptor {
	return zendesk().get(path).times(2).reply(401, { error: 'invalid_token' }).post('/oauth/tokens').query(true);
}

/**
 * Zendesk's per-minute rate limit on a GET of `path`, answered as it does: the text, Retry-After in
 * seconds, the account's limit a minute, nothing left.
 */
export function rateLimitedOn(path: string, retryAfterSeconds: number): nock.Scope {
	return zendesk()
		.get(path)
		.reply(429, 'Number of allowed API requests per minute exceeded', {
			'Retry-After': String(retryAfterSeconds),
			'Content-Type': 'text/plain',
			'X-Rate-Limit': '400',
			'X-Rate-Limit-Remaining': '0',
		});
}

/** The comments' author as Zendesk's users show_many answers its read: user 100, Ada Author. */
export const commentAuthor = (): nock.Scope =>
	zendesk()
		.get('/api/v2/users/show_many')
		.query({ ids: '100' })
		.reply(200, { users: [{ id: 100, name: 'Ada Author' }] });

/** Ticket 5 and its one comment, carrying one text file, as Get with Download Attachments reads them. */
export function ticketWithFile(scope: nock.Scope, file: { file_name: string; content_url: string; size: number }): nock.Scope {
	return scope
		.get('/api/v2/tickets/5')
		.reply(200, { ticket: ticket(5) })
		.get('/api/v2/tickets/5/comments')
		.query(true)
		.reply(200, {
			comments: [{ id: 1, author_id: 1, public: true, body: 'See file', attachments: [{ id: 10, content_type: 'text/plain', ...file }] }],
			meta: { has_more: false },
		});
}

export function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export const ticket = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	url: `${ZENDESK}/api/v2/tickets/${id}.json`,
	subject: `Ticket ${id}`,
	description: `Description ${id}`,
	status: 'open',
	priority: 'normal',
	type: 'question',
	tags: [],
	requester_id: 100,
	assignee_id: 200,
	group_id: 300,
	organization_id: null,
	brand_id: 1,
	due_at: null,
	created_at: '2026-11-01T10:00:00Z',
	updated_at: '2026-11-02T10:00:00Z',
	custom_fields: [],
	...extra,
});

/**
 * Answers a cursor-paginated list of `total` records the way Zendesk does
 * (meta.has_more / meta.after_cursor), and records every page request.
 */
export function cursorPaged(
	scope: nock.Scope,
	path: string,
	property: string,
	total: number,
	make: (index: number) => Record<string, unknown>,
	seen: Array<Record<string, string>> = [],
	maxSize = 100,
): nock.Scope {
	return scope
		.get(path)
		.query(true)
		.times(Infinity)
		.reply((uri) => {
			const query = Object.fromEntries(new URL(uri, ZENDESK).searchParams);
			seen.push(query);
			const size = Number(query['page[size]']);
			if (!(size >= 1 && size <= maxSize)) return [400, { error: 'InvalidPaginationParameter' }];
			const start = query['page[after]'] ? Number(query['page[after]'].slice(1)) : 0;
			const end = Math.min(start + size, total);
			const records = Array.from({ length: end - start }, (_, k) => make(start + k));
			return [
				200,
				{
					[property]: records,
					meta: { has_more: end < total, after_cursor: end < total ? `c${end}` : null, before_cursor: `c${start}` },
					links: { next: end < total ? `${ZENDESK}${path}?page[after]=c${end}` : null, prev: null },
				},
			];
		});
}
