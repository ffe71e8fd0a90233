import type { FromAIArgument, IDataObject, INode, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, traverseNodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { ZendeskTicket } from '../../../nodes/ZendeskTicket/ZendeskTicket.node';
import { runNode } from '../../harness/run';
import { ZENDESK, ticket, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

/*
 * Dropdowns the model can fill: when the node is an agent's tool, Priority, Status and Type are
 * text whose default is the model's choice, so adding them in the editor hands them to the model.
 */

const node = new ZendeskTicket().description;
// n8n makes the tool's description from the node's: the same properties, the name with "Tool" appended.
const asTool: INodeTypeDescription = { ...node, name: `${node.name}Tool` };
const NODE = { name: 'Zendesk Ticket', type: 'n8n-nodes-zendesk-ticket.zendeskTicket', typeVersion: 1.1 } as INode;

const collection = (name: string, operation: string): INodeProperties[] =>
	node.properties.find((p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation))!.options as INodeProperties[];

/** The collection option the editor shows under this name: the first one whose display options hold. */
function shown(options: INodeProperties[], name: string, description: INodeTypeDescription): INodeProperties {
	const values = { resource: 'ticket' };
	return options.filter((o) => o.name === name).find((o) => NodeHelpers.displayParameter(values, o, NODE, description))!;
}

/** A tool's parameters as the editor saves them after the builder added these fields (each at its default). */
function added(options: INodeProperties[], names: string[]): IDataObject {
	return Object.fromEntries(names.map((name) => [name, shown(options, name, asTool).default]));
}

describe('option values the model chooses', () => {
	it.each([
		['additionalFields', 'create', ['priority', 'status', 'type']],
		['updateFields', 'update', ['priority', 'status', 'type']],
		['filters', 'search', ['priority', 'status', 'ticketType']],
	])("%s of %s: a dropdown in a workflow step, the model's choice in a tool", (collectionName, operation, names) => {
		const options = collection(collectionName, operation);
		for (const name of names) {
			const inStep = shown(options, name, node);
			const inTool = shown(options, name, asTool);
			expect([inStep.type, inTool.type]).toEqual([operation === 'search' ? 'multiOptions' : 'options', 'string']);
			expect(inTool.default).toMatch(
				/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('(Priority|Status|Type)', `[^`]+`, 'string'\) \}\}$/,
			);
			expect(inTool.displayName).toBe(inStep.displayName);
		}
	});

	it('n8n reads the $fromAI keys, the allowed values and the type the model is given', () => {
		const found: FromAIArgument[] = [];
		traverseNodeParameters(added(collection('additionalFields', 'create'), ['priority', 'status', 'type']), found);
		expect(found.map(({ key, description, type }) => ({ key, description, type }))).toEqual([
			{ key: 'Priority', description: "The ticket's priority: urgent, high, normal or low; empty to leave it as it is", type: 'string' },
			{
				key: 'Status',
				description: "The ticket's status: new, open, pending, hold, solved or closed; empty to leave it as it is",
				type: 'string',
			},
			{ key: 'Type', description: "The ticket's type: question, incident, problem or task; empty to leave it as it is", type: 'string' },
		]);
		const filters: typeof found = [];
		traverseNodeParameters(added(collection('filters', 'search'), ['status']), filters);
		expect(filters.map((f) => f.description)).toEqual([
			'Only tickets with these statuses: comma-separated, from new, open, pending, hold, solved, closed; empty for any',
		]);
	});

	it("creates with the model's words for priority and status, and leaves out a type it left empty", async () => {
		let body: unknown;
		const scope = zendesk()
			.post('/api/v2/tickets', (b) => ((body = b), true))
			.reply(201, { ticket: ticket(5, { priority: 'high', status: 'hold' }) });
		const additionalFields = added(collection('additionalFields', 'create'), ['priority', 'status', 'type']);
		const result = await runNode({
			parameters: { operation: 'create', subject: 'Printer', description: 'Jams', additionalFields },
			items: [{ Priority: 'High', Status: 'On-Hold', Type: '' }],
			asTool: true,
		});
		expect(result.error).toBeUndefined();
		expect(body).toEqual({
			ticket: { subject: 'Printer', comment: { body: 'Jams', public: true }, priority: 'high', status: 'hold' },
		});
		expect(result.output).toHaveLength(1);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		scope.done();
	});

	it('a value the model made up is refused with the allowed values, and nothing is sent', async () => {
		const additionalFields = added(collection('updateFields', 'update'), ['status']);
		const result = await runNode({
			parameters: { operation: 'update', ticketId: '7', updateFields: additionalFields },
			items: [{ Status: 'escalated' }],
			asTool: true,
		});
		expect(result.json).toEqual([
			{
				error:
					'Status: "escalated" is not one of new, open, pending, hold, solved, closed. Fix the "Status" value. No request was sent for this item.',
			},
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('searches with the statuses the model listed, comma-separated', async () => {
		let query: string | null = null;
		const scope = zendesk()
			.get('/api/v2/search')
			.query(true)
			.reply((uri) => {
				query = new URL(uri, ZENDESK).searchParams.get('query');
				return [200, { results: [], count: 0, next_page: null, previous_page: null }];
			});
		const filters = added(collection('filters', 'search'), ['status', 'priority']);
		const result = await runNode({
			parameters: { operation: 'search', query: 'printer', filters, limit: 5 },
			items: [{ Status: 'open, Pending', Priority: '' }],
			asTool: true,
		});
		expect(result.error).toBeUndefined();
		expect(query).toBe('type:ticket printer status:open status:pending');
		scope.done();
	});
});

describe("the tool's description", () => {
	const ACTIONS_IN_TOOLS = {
		create: 'Create a ticket in Zendesk Ticket',
		addComment: 'Add a comment to a ticket in Zendesk Ticket',
		merge: 'Merge tickets in Zendesk Ticket',
		getHistory: 'Get the history of a ticket in Zendesk Ticket',
		applyMacro: 'Apply a macro to a ticket in Zendesk Ticket',
		previewMacro: 'Preview a macro on a ticket in Zendesk Ticket',
	};
	// What n8n's tool wrapper does with the node's description: it adds its own Tool Description unless the node has one.
	const wrapped = asTool.properties.filter((p) => p.name === 'toolDescription');

	/** The node's parameters as n8n fills them in (defaults included) and the description n8n gives the model. */
	function toolSees(parameters: IDataObject, description = asTool): { parameters: IDataObject; said: string } {
		const filled = NodeHelpers.getNodeParameters(description.properties, parameters as INodeParameters, true, false, NODE, description)!;
		const said = NodeHelpers.getToolDescriptionForNode({ ...NODE, parameters: filled }, { description } as never);
		return { parameters: filled, said };
	}

	it('has one manual description per operation, so n8n adds none of its own', () => {
		const operations = asTool.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options as Array<{ value: string }>);
		expect(wrapped.map((p) => p.displayOptions?.show?.operation).sort()).toEqual(operations.map((o) => [o.value]).sort());
		// one per Operation option of every resource (the ticket's and the side conversation's)
	});

	it.each([
		['start', 'Start a side conversation in Zendesk Ticket', /^Start a side conversation on a Zendesk ticket: email people outside/],
		['reply', 'Reply to a side conversation in Zendesk Ticket', /^Reply in a side conversation of a Zendesk ticket\./],
	])('a side conversation tool (%s) tells the model its own action, or its own words', (operation, auto, manual) => {
		expect(toolSees({ resource: 'sideConversation', operation }).said).toBe(auto);
		expect(toolSees({ resource: 'sideConversation', operation, descriptionType: 'manual' }).said).toMatch(manual);
	});

	it.each(Object.entries(ACTIONS_IN_TOOLS))('set automatically (the default), %s tells the model its action', (operation, said) => {
		expect(toolSees({ resource: 'ticket', operation }).said).toBe(said);
	});

	it.each([
		['create', 'Open a new Zendesk ticket from a short subject and a description of the problem. Returns the new ticket with its ID.'],
		['addComment', 'Add a comment to an existing Zendesk ticket, given the ticket ID and the text.'],
		['search', 'Find Zendesk tickets by words or Zendesk search syntax (e.g. status<solved tags:vip). Returns the matching tickets.'],
		[
			'merge',
			'Merge Zendesk tickets into a target ticket, given the target ID and the source IDs; the sources are closed. Cannot be undone.',
		],
	])("set manually, %s starts from the operation's words, not the node's summary", (operation, said) => {
		expect(toolSees({ resource: 'ticket', operation, descriptionType: 'manual' }).said).toBe(said);
	});

	it("keeps the builder's own words", () => {
		const own = 'Add what the customer said as an internal note.';
		expect(toolSees({ resource: 'ticket', operation: 'addComment', descriptionType: 'manual', toolDescription: own }).said).toBe(own);
	});

	it('is not a parameter of a workflow step', () => {
		const { parameters } = toolSees({ resource: 'ticket', operation: 'create', descriptionType: 'manual' }, node);
		expect(Object.keys(parameters)).not.toEqual(expect.arrayContaining(['descriptionType']));
		expect(Object.keys(parameters)).not.toContain('toolDescription');
	});
});
