import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, cursorPaged, recorded, ticket, zendesk } from '../../harness/zendesk';

const TOTAL = 5000;
const COMMENTS = '/api/v2/tickets/7/comments';

/** The comment at `index` in newest-first order: ids count down from 5,000, authors 21 (public) and 22 (internal). */
const comment = (isPublic: (index: number) => boolean) => (index: number) => ({
	id: TOTAL - index,
	author_id: isPublic(index) ? 21 : 22,
	public: isPublic(index),
	body: `<p>Comment ${TOTAL - index}</p>`,
	plain_body: `Comment ${TOTAL - index}`,
	created_at: new Date(Date.UTC(2026, 0, 1) + (TOTAL - index) * 60_000).toISOString(),
	attachments: [],
});

/** What the node adds for the comment at `index`: a public reply unless told. */
const readable = (index: number, isPublic = true) => ({
	id: TOTAL - index,
	author_id: isPublic ? 21 : 22,
	author: isPublic ? 'Ana Agent' : 'Ina Internal',
	author_role: 'agent',
	public: isPublic,
	body: `Comment ${TOTAL - index}`,
	created_at: new Date(Date.UTC(2026, 0, 1) + (TOTAL - index) * 60_000).toISOString(),
});

/** A ticket with 5,000 comments (public where `isPublic`), and its authors. */
function ticketWithComments(isPublic: (index: number) => boolean) {
	const scope = zendesk()
		.get('/api/v2/tickets/7')
		.reply(200, { ticket: ticket(7) })
		.get('/api/v2/users/show_many')
		.query(true)
		.reply(200, {
			users: [
				{ id: 21, name: 'Ana Agent', role: 'agent' },
				{ id: 22, name: 'Ina Internal', role: 'agent' },
			],
		});
	cursorPaged(scope, COMMENTS, 'comments', TOTAL, comment(isPublic));
}

const requests = () => recorded.map((r) => `${r.method} ${decodeURIComponent(r.url.slice(ZENDESK.length))}`);
const commentsPage = (after?: string, size = 100) =>
	`GET ${COMMENTS}?sort=-created_at&page[size]=${size}${after ? `&page[after]=${after}` : ''}`;

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('Include Comments on a ticket with 5,000 comments', () => {
	it('public replies only, limit 10, every 10th public: reads one page of 100, newest first, and adds the 10 newest public ones', async () => {
		ticketWithComments((index) => index % 10 === 0);
		const result = await runNode({ parameters: { operation: 'get', ticketId: '7', options: { comments: 'public', commentsLimit: 10 } } });
		expect(result.error).toBeUndefined();
		expect(requests()).toEqual(['GET /api/v2/tickets/7', commentsPage(), 'GET /api/v2/users/show_many?ids=21']);
		expect(result.output).toEqual([
			{
				json: { ...ticket(7), comments: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((index) => readable(index)) },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('public replies only, the first public one on page 3: reads exactly 3 pages', async () => {
		ticketWithComments((index) => index >= 200 && index % 10 === 0);
		const result = await runNode({ parameters: { operation: 'get', ticketId: '7', options: { comments: 'public', commentsLimit: 10 } } });
		expect(result.error).toBeUndefined();
		expect(requests()).toEqual([
			'GET /api/v2/tickets/7',
			commentsPage(),
			commentsPage('c100'),
			commentsPage('c200'),
			'GET /api/v2/users/show_many?ids=21',
		]);
		expect(result.output).toEqual([
			{
				json: { ...ticket(7), comments: [200, 210, 220, 230, 240, 250, 260, 270, 280, 290].map((index) => readable(index)) },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('all comments, limit 10: reads one page of 10', async () => {
		ticketWithComments((index) => index % 10 === 0);
		const result = await runNode({ parameters: { operation: 'get', ticketId: '7', options: { comments: 'all', commentsLimit: 10 } } });
		expect(result.error).toBeUndefined();
		expect(requests()).toEqual(['GET /api/v2/tickets/7', commentsPage(undefined, 10), 'GET /api/v2/users/show_many?ids=21,22']);
		const comments = Array.from({ length: 10 }, (_, index) => readable(index, index === 0));
		expect(result.output).toEqual([{ json: { ...ticket(7), comments }, pairedItem: { item: 0 } }]);
	});
});
