import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

/**
 * Each case runs three items through the node with continue-on-fail; the
 * middle one carries the bad value. The bad item must become an error naming
 * item 1 and the field, nothing must be sent for it, and items 0 and 2 must
 * still go through.
 */
interface Case {
	name: string;
	parameters: IDataObject;
	bad: IDataObject;
	good: IDataObject;
	error: string;
	/** Registers what Zendesk answers for the two good items. */
	mock: () => void;
}

const long = 'x'.repeat(65536);

const createOk = () =>
	zendesk()
		.post('/api/v2/tickets')
		.times(2)
		.reply(201, (_u, b) => ({ ticket: ticket(1, { subject: (b as { ticket: { subject: string } }).ticket.subject }) }));
const updateOk = () =>
	zendesk()
		.put('/api/v2/tickets/5')
		.times(2)
		.reply(200, { ticket: ticket(5) });
const getOk = () =>
	zendesk()
		.get('/api/v2/tickets/5')
		.reply(200, { ticket: ticket(5) });

// One request per item here; the bulk path has its own test in bulk.test.ts.
const create = (extra: IDataObject = {}) => ({
	operation: 'create',
	subject: '={{ $json.subject }}',
	description: '={{ $json.description }}',
	requestOptions: { batching: false },
	...extra,
});
const goodCreate = { subject: 'Fine', description: 'Fine too' };

const CASES: Case[] = [
	{
		name: 'non-numeric id',
		parameters: { operation: 'get', ticketId: '={{ $json.id }}' },
		bad: { id: 'abc' },
		good: { id: 5 },
		error: 'Ticket IDs: "abc" is not a ticket ID (a positive whole number)',
		mock: getOk,
	},
	{
		name: 'negative id',
		parameters: { operation: 'get', ticketId: '={{ $json.id }}' },
		bad: { id: -5 },
		good: { id: 5 },
		error: 'Ticket IDs: "-5" is not a ticket ID (a positive whole number)',
		mock: getOk,
	},
	{
		name: 'zero id',
		parameters: { operation: 'get', ticketId: '={{ $json.id }}' },
		bad: { id: 0 },
		good: { id: 5 },
		error: 'Ticket IDs: "0" is not a ticket ID (a positive whole number)',
		mock: getOk,
	},
	{
		name: 'float id',
		parameters: { operation: 'get', ticketId: '={{ $json.id }}' },
		bad: { id: 5.5 },
		good: { id: 5 },
		error: 'Ticket IDs: "5.5" is not a ticket ID (a positive whole number)',
		mock: getOk,
	},
	{
		name: 'empty id',
		parameters: { operation: 'get', ticketId: '={{ $json.id }}' },
		bad: { id: '' },
		good: { id: 5 },
		error: 'Ticket IDs: no ticket ID was given',
		mock: getOk,
	},
	{
		name: 'several ids where one is allowed',
		parameters: { operation: 'update', requestOptions: { batching: false }, ticketId: '={{ $json.id }}', updateFields: { status: 'open' } },
		bad: { id: '5,6' },
		good: { id: 5 },
		error: 'Ticket ID: takes one ticket per item; split the IDs into separate items',
		mock: updateOk,
	},
	{
		name: 'empty subject',
		parameters: create(),
		bad: { subject: '', description: 'x' },
		good: goodCreate,
		error: 'Subject: is empty',
		mock: createOk,
	},
	{
		name: 'whitespace-only description',
		parameters: create(),
		bad: { subject: 'x', description: ' \n\t ' },
		good: goodCreate,
		error: 'Description: is empty',
		mock: createOk,
	},
	{
		name: 'very long description',
		parameters: create(),
		bad: { subject: 'x', description: long },
		good: goodCreate,
		error: 'Description: is longer than Zendesk accepts (65535 bytes)',
		mock: createOk,
	},
	{
		name: 'invalid requester email',
		parameters: create({ additionalFields: { requesterEmail: '={{ $json.email }}' } }),
		bad: { ...goodCreate, email: 'jane@' },
		good: { ...goodCreate, email: 'jane@example.com' },
		error: 'Requester Email: "jane@" is not a valid email address',
		mock: createOk,
	},
	{
		name: 'invalid CC email',
		parameters: create({ additionalFields: { emailCcs: '={{ $json.cc }}' } }),
		bad: { ...goodCreate, cc: 'a@b.co, not an email' },
		good: { ...goodCreate, cc: 'a@b.co' },
		error: 'Email CCs: "not an email" is not a valid email address',
		mock: createOk,
	},
	{
		name: 'priority outside the allowed values',
		parameters: create({ additionalFields: { priority: '={{ $json.p }}' } }),
		bad: { ...goodCreate, p: 'critical' },
		good: { ...goodCreate, p: 'high' },
		error: 'Priority: "critical" is not one of urgent, high, normal, low',
		mock: createOk,
	},
	{
		name: 'status outside the allowed values',
		parameters: { operation: 'update', requestOptions: { batching: false }, ticketId: '5', updateFields: { status: '={{ $json.s }}' } },
		bad: { s: 'done' },
		good: { s: 'solved' },
		error: 'Status: "done" is not one of new, open, pending, hold, solved, closed',
		mock: updateOk,
	},
	{
		name: 'type outside the allowed values',
		parameters: { operation: 'update', requestOptions: { batching: false }, ticketId: '5', updateFields: { type: '={{ $json.t }}' } },
		bad: { t: 'bug' },
		good: { t: 'task' },
		error: 'Type: "bug" is not one of question, incident, problem, task',
		mock: updateOk,
	},
	{
		name: 'malformed JSON',
		parameters: { operation: 'update', requestOptions: { batching: false }, ticketId: '5', updateFields: { jsonFields: '={{ $json.j }}' } },
		bad: { j: '{"via_followup_source_id": 1,' },
		good: { j: '{"external_id": "e1"}' },
		error: 'Other Fields (JSON): is not a valid JSON object',
		mock: updateOk,
	},
	{
		name: 'non-numeric group',
		parameters: { operation: 'update', requestOptions: { batching: false }, ticketId: '5', updateFields: { groupId: '={{ $json.g }}' } },
		bad: { g: 'Support' },
		good: { g: 300 },
		error: 'Group: "Support" is not an ID (a positive whole number)',
		mock: updateOk,
	},
	{
		name: 'unparseable due date',
		parameters: { operation: 'update', requestOptions: { batching: false }, ticketId: '5', updateFields: { dueAt: '={{ $json.d }}' } },
		bad: { d: 'next friday' },
		good: { d: '2026-12-01' },
		error: 'Due At: "next friday" is not a date',
		mock: updateOk,
	},
	{
		name: 'empty search query with no filters',
		parameters: { operation: 'search', query: '={{ $json.q }}', limit: 1 },
		bad: { q: '  ' },
		good: { q: 'status:open' },
		error: 'Query: is empty: enter a search query or at least one filter',
		mock: () =>
			zendesk()
				.get('/api/v2/search')
				.query(true)
				.times(2)
				.reply(200, { results: [ticket(5)], count: 1, next_page: null }),
	},
];

describe('bad input table', () => {
	it.each(CASES)('$name', async ({ parameters, bad, good, error, mock }) => {
		mock();
		const before = recorded.length;
		const { output, error: runError } = await runNode({ parameters, items: [good, bad, good], continueOnFail: true });
		expect(runError).toBeUndefined();
		const errors = output.filter((o) => o.json.error);
		expect(errors).toEqual([
			{
				json: { error, description: 'Fix the "' + error.split(':')[0] + '" value of input item 1. No request was sent for this item.' },
				pairedItem: { item: 1 },
			},
		]);
		expect(output.filter((o) => !o.json.error).map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		// only the two good items reached Zendesk (one request when both ask for the same ticket)
		const sent = recorded.slice(before);
		expect(sent).toHaveLength(parameters.operation === 'get' ? 1 : 2);
		expect(sent.map((r) => r.headers['idempotency-key']).filter(Boolean)).not.toContain('n8n-wf-test-exec-1-zendesk-r0-1');
	});

	it('stops before any request without continue-on-fail', async () => {
		const before = recorded.length;
		const { error } = await runNode({ parameters: create(), items: [{ subject: '', description: 'x' }] });
		expect(error?.message).toBe('Subject: is empty');
		expect(recorded.length).toBe(before);
	});
});
