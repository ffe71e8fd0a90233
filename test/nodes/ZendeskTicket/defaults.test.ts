import { NodeHelpers, Workflow } from 'n8n-workflow';
import nock from 'nock';

import { ZendeskTicket } from '../../../nodes/ZendeskTicket/ZendeskTicket.node';
import { runNode } from '../../harness/run';
import { ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

/** A node as the editor adds it: every parameter at its default, as n8n fills them in. */
function defaultsFor(operation: string) {
	const type = new ZendeskTicket();
	return NodeHelpers.getNodeParameters(type.description.properties, { resource: 'ticket', operation }, true, false, null, null) ?? {};
}

describe('the defaults a new node gets', () => {
	it('outputs simplified tickets', async () => {
		const full = ticket(3, { via: { channel: 'web' }, custom_fields: [{ id: 1, value: 'x' }], satisfaction_rating: null });
		zendesk().get('/api/v2/tickets/3').reply(200, { ticket: full });
		const result = await runNode({ parameters: { ...defaultsFor('get'), ticketId: '3' } });
		expect(defaultsFor('get').simplify).toBe(true);
		expect(Object.keys(result.json[0]).sort()).toEqual([
			'assignee_id',
			'brand_id',
			'created_at',
			'description',
			'due_at',
			'group_id',
			'id',
			'organization_id',
			'priority',
			'requester_id',
			'status',
			'subject',
			'tags',
			'type',
			'updated_at',
		]);
	});

	it('adds a comment as an internal note unless Public Reply is chosen, so nobody is emailed by surprise', async () => {
		let body: unknown;
		zendesk()
			.put('/api/v2/tickets/3', (b) => ((body = b), true))
			.reply(200, { ticket: ticket(3) });
		const result = await runNode({ parameters: { operation: 'update', ticketId: '3', updateFields: { comment: 'Checked the logs' } } });
		expect(result.error).toBeUndefined();
		expect(body).toEqual({ ticket: { comment: { body: 'Checked the logs', public: false } } });
	});

	it('names the action in the subtitle, e.g. "Create a ticket"', () => {
		const subtitle = new ZendeskTicket().description.subtitle as string;
		const said = (operation: string) => {
			const workflow = new Workflow({
				nodes: [
					{ id: 'z', name: 'Z', type: 'zendeskTicket', typeVersion: 1, position: [0, 0], parameters: { resource: 'ticket', operation } },
				],
				connections: {},
				active: false,
				nodeTypes: { getByName: () => new ZendeskTicket(), getByNameAndVersion: () => new ZendeskTicket(), getKnownTypes: () => ({}) },
			});
			return workflow.expression.getSimpleParameterValue(workflow.getNode('Z')!, subtitle, 'internal', {});
		};
		expect(['addComment', 'create', 'update', 'get', 'getAll', 'search', 'delete', 'merge', 'getHistory'].map(said)).toEqual([
			'Add a comment to a ticket',
			'Create a ticket',
			'Update a ticket',
			'Get tickets by ID',
			'Get many tickets',
			'Search tickets',
			'Delete tickets',
			'Merge tickets',
			'Get the history of a ticket',
		]);
	});

	it('shows the search-export notice only with Return All', () => {
		const notice = new ZendeskTicket().description.properties.find((p) => p.name === 'searchExportNotice');
		expect(notice?.displayOptions?.show).toEqual({ resource: ['ticket'], operation: ['search'], returnAll: [true] });
	});

	it('a new node (version 1.1) sets custom fields one way only; version 1 keeps its list for saved workflows', () => {
		const type = new ZendeskTicket();
		expect(type.description.defaultVersion).toBe(1.1);
		const additional = type.description.properties.find((p) => p.name === 'additionalFields')!;
		const list = (additional.options as Array<{ name: string }>).find((o) => o.name === 'customFields') as never;
		const shown = (typeVersion: number) =>
			NodeHelpers.displayParameter({ resource: 'ticket', operation: 'create' }, list, { typeVersion } as never, type.description);
		expect([shown(1), shown(1.1)]).toEqual([true, false]);
		expect(type.description.properties.some((p) => p.name === 'customFieldValues')).toBe(true);
	});
});
