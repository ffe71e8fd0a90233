import nock from 'nock';

import { signedCall, webhookTrigger } from '../../harness/trigger';
import { calls } from '../../harness/triggerApi';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

/** Defect 3 of issue 22: one change of a ticket fires one Zendesk trigger per chosen event; it runs once. */

const URL_HERE = 'http://localhost:5678/webhook/hook-1/webhook';
const SECRET = 'b25lLWNoYW5nZS10ZXN0LXNlY3JldA==';

/** The comment a Comment Added call carries, as the Zendesk trigger's Liquid renders it (text only). */
const renderedComment = (updatedAt: string) => ({
	id: '900',
	public: 'true',
	author_id: '7',
	author_name: 'Eve',
	body: 'Thanks!',
	created_at: updatedAt,
	attachments: [null],
});

/** Zendesk's call for one trigger of the change of ticket 42 at `updatedAt`. */
function callFor(event: string, invocation: string, updatedAt: string) {
	const comment = event === 'commentAdded' ? { comment: [renderedComment(updatedAt), null] } : {};
	return signedCall(SECRET, { event, ticket: { id: '42', status: 'Solved', updated_at: updatedAt }, ...comment }, invocation);
}
const armed = (events: string[]) =>
	webhookTrigger(
		{ events },
		{ staticData: { webhookId: 'wh-one', triggerIds: ['t1', 't2'], secret: SECRET, secretReadAt: Date.now(), url: URL_HERE } },
	);
const ticket42 = (times = 1) =>
	zendesk()
		.get('/api/v2/tickets/42')
		.times(times)
		.reply(200, { ticket: ticket(42, { status: 'solved' }) });

beforeEach(() => {
	recorded.length = 0;
});
afterEach(() => nock.cleanAll());

describe('one change, one execution', () => {
	it.each([
		['a solve', ['solved', 'updated'], ['solved', 'updated'], 'solved'],
		['a comment (its update call first)', ['commentAdded', 'updated'], ['updated', 'commentAdded'], 'commentAdded'],
	])('%s with both events chosen: one execution with both events', async (_label, chosen, arriving, first) => {
		const engine = armed(chosen);
		ticket42();
		const at = '2026-12-03T10:00:00Z';
		const results = await Promise.all(arriving.map(async (event, i) => await engine.webhook(callFor(event, `inv-${event}-${i}`, at))));
		const ran = results.filter((r) => r.result.workflowData);
		expect(ran).toHaveLength(1);
		// The comment comes with its call, also when that call is the second of the change.
		const comment = chosen.includes('commentAdded')
			? {
					comment: {
						id: 900,
						body: 'Thanks!',
						plain_body: 'Thanks!',
						public: true,
						author_id: 7,
						author_name: 'Eve',
						created_at: at,
						attachments: [],
					},
				}
			: {};
		expect(ran[0].result.workflowData?.[0].map((i) => i.json)).toEqual([
			{ event: first, events: chosen, invocationId: `inv-${arriving[0]}-0`, ...comment, ticket: ticket(42, { status: 'solved' }) },
		]);
		const other = results.find((r) => !r.result.workflowData);
		expect(other?.response).toMatchObject({ statusCode: 200, body: 'Ignored: part of a change that runs once' });
		expect(calls()).toEqual(['GET /api/v2/tickets/42']);
	});

	it('two changes of one ticket are two executions', async () => {
		const engine = armed(['solved', 'updated']);
		ticket42(2);
		const results = await Promise.all([
			engine.webhook(callFor('solved', 'inv-a', '2026-12-03T10:00:00Z')),
			engine.webhook(callFor('updated', 'inv-b', '2026-12-03T10:05:00Z')),
		]);
		expect(results.map((r) => r.result.workflowData?.[0][0].json.events)).toEqual([['solved'], ['updated']]);
	});
});
