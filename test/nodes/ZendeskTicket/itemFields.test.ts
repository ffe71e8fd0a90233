/*
 * How the node reads fields that arrive in odd shapes: lists and objects
 * mapped into text, empty values a model sends for fields it leaves alone,
 * one ticket per item, and errors that name the record a list belongs to.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/run';
import { recorded, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const fromAI = (key: string) => `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`x\`, 'string') }}`;

describe('Search: a list or an object mapped into a text field', () => {
	it.each([
		['Query', { query: '={{ $json.v }}' }, ['refund', 'vip'], 'is a list, not text'],
		['Query', { query: '={{ $json.v }}' }, { text: 'refund' }, 'is an object, not text'],
		['Assignee', { filters: { assignee: '={{ $json.v }}' } }, { id: 5 }, 'is an object, not text'],
		['Requester', { filters: { requester: '={{ $json.v }}' } }, ['a@b.test'], 'is a list, not text'],
		['Group', { filters: { group: '={{ $json.v }}' } }, ['L1', 'L2'], 'is a list, not text'],
	])('%s (case %#) is refused by name and nothing is sent', async (field, params, v, problem) => {
		const before = recorded.length;
		const result = await runNode({ parameters: { operation: 'search', limit: 5, ...params }, items: [{ v }] });
		expect(recorded.length).toBe(before);
		expect(result.error?.message).toBe(`${field}: ${problem}: map a single text value (e.g. {{ $json.subject }})`);
	});

	it('a number mapped into Assignee is text enough', async () => {
		zendesk()
			.get('/api/v2/search')
			.query({ query: 'type:ticket refund assignee:5', page: '1', per_page: '5' })
			.reply(200, { results: [], count: 0, next_page: null });
		const result = await runNode({
			parameters: { operation: 'search', limit: 5, query: 'refund', filters: { assignee: '={{ $json.v }}' } },
			items: [{ v: 5 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([]);
	});
});

describe('Update: empty values a model sends for fields it leaves alone', () => {
	it('an empty Comment next to a Status is no comment: only the status is sent', async () => {
		let body: unknown;
		zendesk()
			.put('/api/v2/tickets/5', (b) => ((body = b), true))
			.reply(200, { ticket: ticket(5, { status: 'solved' }) });
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { status: fromAI('Status'), comment: fromAI('Comment') } },
			items: [{ Status: 'Solved', Comment: '' }],
			asTool: true,
		});
		expect(body).toEqual({ ticket: { status: 'solved' } });
		expect(result.json).toEqual([ticket(5, { status: 'solved' })]);
	});

	it('blank Priority and Subject are left as they are; all blank is "nothing to update"', async () => {
		const before = recorded.length;
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { priority: ' ', subject: '  ' } },
		});
		expect(recorded.length).toBe(before);
		expect(result.error?.message).toBe('Update Fields: nothing to update: add at least one field');
	});

	it('in a workflow step an empty Comment is refused (a mapping gone wrong), and nothing is sent', async () => {
		const before = recorded.length;
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { status: 'solved', comment: '={{ $json.reply }}' } },
			items: [{ reply: '' }],
		});
		expect(recorded.length).toBe(before);
		expect(result.error?.message).toBe('Comment: is empty');
	});

	it('Attachments without a Comment say so, rather than "nothing to update"', async () => {
		const before = recorded.length;
		const result = await runNode({ parameters: { operation: 'update', ticketId: '5', updateFields: { attachments: 'data' } } });
		expect(recorded.length).toBe(before);
		expect(result.error?.message).toBe('Attachments: need a Comment to be attached to');
	});
});

describe('one ticket per item (Update, Add Comment)', () => {
	it('"123," is ticket 123', async () => {
		zendesk()
			.put('/api/v2/tickets/123', { ticket: { comment: { body: 'Hi', public: false } } })
			.reply(200, { ticket: ticket(123) });
		const result = await runNode({ parameters: { operation: 'addComment', ticketId: '123,', comment: 'Hi' } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([ticket(123)]);
	});

	it.each(['update', 'addComment'])('%s: "5, 6" is refused by its field, nothing sent', async (operation) => {
		const before = recorded.length;
		const result = await runNode({
			parameters: { operation, ticketId: '5, 6', comment: 'Hi', updateFields: { status: 'open' } },
		});
		expect(recorded.length).toBe(before);
		expect(result.error?.message).toBe('Ticket ID: takes one ticket per item; split the IDs into separate items');
	});

	it('Get names its field as the builder sees it: "Ticket IDs"', async () => {
		const result = await runNode({ parameters: { operation: 'get', ticketId: '5, x' } });
		expect(result.error?.message).toBe('Ticket IDs: "x" is not a ticket ID (a positive whole number)');
	});
});

describe("Get Many: the user's or organization's list", () => {
	it.each([
		['requested', { userId: '999' }, '/api/v2/users/999/tickets/requested', 'User 999 (User ID)'],
		['organization', { organizationId: '77' }, '/api/v2/organizations/77/tickets', 'Organization 77 (Organization ID)'],
	])('%s of one that does not exist: the error names it', async (listScope, params, path, named) => {
		zendesk().get(path).query(true).reply(404, { error: 'RecordNotFound', description: 'Not found' });
		const result = await runNode({ parameters: { operation: 'getAll', listScope, limit: 5, ...params } });
		expect(result.error?.message).toBe(
			`${named}: Zendesk found no such record (RecordNotFound): check the ID, and that the credential's Zendesk account can see it`,
		);
		expect(result.error?.description).toBe('Not found');
	});
});

describe('tool errors are sentences', () => {
	it.each([
		[
			'create',
			{ operation: 'create', subject: 's', description: 'd' },
			'post',
			'/api/v2/tickets',
			403,
			'Forbidden',
			"The credential is not allowed to do this (Forbidden): use the API token of an agent or admin whose role may do this (the credential's Email). Zendesk said why.",
		],
		[
			'search',
			{ operation: 'search', query: 'foo:bar', limit: 5 },
			'get',
			'/api/v2/search',
			400,
			'InvalidValue',
			'Zendesk refused a value (InvalidValue): correct the value Zendesk names. Zendesk said why.',
		],
	])('%s: a bare Zendesk code becomes a capitalised sentence', async (_op, parameters, method, path, status, code, sentence) => {
		const scope = zendesk();
		(method === 'post' ? scope.post(path) : scope.get(path).query(true)).reply(status as number, {
			error: code,
			description: 'Zendesk said why.',
		});
		const result = await runNode({ parameters: parameters as IDataObject, asTool: true });
		expect(result.json).toEqual([{ error: sentence }]);
	});
});
