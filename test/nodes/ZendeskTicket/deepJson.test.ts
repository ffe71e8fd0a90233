import nock from 'nock';

import { runNode } from '../../harness/run';
import { ZENDESK, recorded, ticket, zendesk } from '../../harness/zendesk';
import { captureLogs, expectPromisesKept } from '../../harness/invariants';

const logged = captureLogs();
afterEach(() => nock.cleanAll());

/** Deeper than any stack walks: n8n's deepCopy and JSON.stringify overflow long before. */
const DEPTH = 20_000;
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** JSON text nesting `depth` objects, written by hand: JSON.stringify could not write it. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** Ticket `id` as Zendesk's JSON, with a `via` that nests DEPTH levels deep. */
const deepTicket = (id: number) => JSON.stringify(ticket(id)).replace(/}$/, `,"via":${nested(DEPTH)}}`);

const TOO_DEEP = (item: number) => ({
	error: `Zendesk's answer nests deeper than the node reads (over 100 levels)`,
	description:
		"Zendesk's own records nest about ten levels deep, so this answer was not passed on: walking it could overflow the stack of n8n's process. If this item creates or changes a ticket, Zendesk answered, so it was done: check in Zendesk before running the item again.",
});

describe('an answer that nests thousands of levels deep', () => {
	it('Get: with continue-on-fail, an error item for the item', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/tickets/5')
			.reply(200, `{"ticket":${deepTicket(5)}}`, JSON_TYPE);
		const result = await runNode({ parameters: { operation: 'get', ticketId: '5' }, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([{ json: TOO_DEEP(0), pairedItem: { item: 0 } }]);
		expect(recorded.slice(from).map((r) => [r.method, r.url])).toEqual([['GET', `${ZENDESK}/api/v2/tickets/5`]]);
		expectPromisesKept(result, 1, logged, from);
	});

	it('Get: without continue-on-fail, the node fails with the same sentence', async () => {
		zendesk()
			.get('/api/v2/tickets/5')
			.reply(200, `{"ticket":${deepTicket(5)}}`, JSON_TYPE);
		const result = await runNode({ parameters: { operation: 'get', ticketId: '5' } });
		expect({ message: result.error?.message, description: result.error?.description }).toEqual({
			message: TOO_DEEP(0).error,
			description: TOO_DEEP(0).description,
		});
		expect(result.output).toEqual([]);
	});

	it('Get of two items in one show_many: only the item whose ticket nests deep fails', async () => {
		const from = recorded.length;
		zendesk()
			.get('/api/v2/tickets/show_many')
			.query({ ids: '5,6' })
			.reply(200, `{"tickets":[${JSON.stringify(ticket(5))},${deepTicket(6)}]}`, JSON_TYPE);
		const result = await runNode({
			parameters: { operation: 'get', ticketId: '={{ $json.id }}' },
			items: [{ id: 5 }, { id: 6 }],
			continueOnFail: true,
		});
		expect(result.output).toEqual([
			{ json: ticket(5), pairedItem: { item: 0 } },
			{ json: TOO_DEEP(1), pairedItem: { item: 1 } },
		]);
		expect(recorded.slice(from).map((r) => [r.method, r.url])).toEqual([['GET', `${ZENDESK}/api/v2/tickets/show_many?ids=5%2C6`]]);
		expectPromisesKept(result, 2, logged, from);
	});

	it('an error answer that nests deep is told by its status', async () => {
		zendesk()
			.put('/api/v2/tickets/5')
			.reply(422, `{"error":${nested(10_000)},"description":"x"}`, JSON_TYPE);
		const result = await runNode({
			parameters: { operation: 'addComment', ticketId: '5', comment: 'Hi' },
			continueOnFail: true,
		});
		expect(result.output).toEqual([
			{
				json: { error: 'Ticket 5: Zendesk could not process the values given: check the values this item sends' },
				pairedItem: { item: 0 },
			},
		]);
	});
});
