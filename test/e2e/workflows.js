'use strict';
/**
 * Workflows the e2e suite imports into n8n besides examples/*.json:
 *  - opsChain:  Manual -> Set (2 tickets) -> Split Out -> Create -> Update -> Get -> List -> Search -> Delete,
 *               every operation in one run, for one credential
 *  - getOne:    Manual -> Get ticket 1 (used for the OAuth refresh tests, also with Download Attachments)
 *  - queueHook: Webhook (POST) -> Create ticket, answered with the created ticket (queue mode)
 *  - sharedHook: Webhook (POST {ticketId}) -> Get ticket, answered with the ticket (queue mode, one
 *               credential shared by several workflows and executions at once)
 * And the loader for examples/*.json (node type rewritten when loading via N8N_CUSTOM_EXTENSIONS).
 */
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const COMMUNITY_TYPE = 'n8n-nodes-zendesk-ticket.zendeskTicket';

const CREDENTIAL_TYPES = { apiToken: 'zendeskTicketApi', oAuth2: 'zendeskTicketOAuth2Api' };

const manual = (x = 0) => ({
	id: 'manual',
	name: 'Manual',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [x, 0],
	parameters: {},
});

/** A resource locator value "By ID", as the editor saves it. */
const rl = (value) => ({ __rl: true, mode: 'id', value });

const chain = (...names) => {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
};

/** A Zendesk Ticket node using credential `cred` ({ id, name, authentication }). */
/** Set (an array of tickets) -> Split Out: one item a ticket, at x 200 and 400. */
const ticketItems = (tickets) => [
	{
		id: 'tickets',
		name: 'Tickets',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [200, 0],
		parameters: {
			assignments: {
				assignments: [{ id: 't1', name: 'tickets', value: `={{ ${JSON.stringify(tickets)} }}`, type: 'array' }],
			},
			options: {},
		},
	},
	{
		id: 'split',
		name: 'Split',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [400, 0],
		parameters: { fieldToSplitOut: 'tickets', options: {} },
	},
];

function zendesk(nodeType, cred, name, x, parameters, extra = {}) {
	return {
		id: `zd-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: nodeType,
		typeVersion: 1,
		position: [x, 0],
		parameters: { authentication: cred.authentication, resource: 'ticket', ...parameters },
		credentials: { [CREDENTIAL_TYPES[cred.authentication]]: { id: cred.id, name: cred.name } },
		...extra,
	};
}

/** Create's parameters: a ticket with these additional fields. */
const create = (subject, description, additionalFields, simplify) => ({
	operation: 'create',
	subject,
	description,
	additionalFields,
	simplify,
	requestOptions: {},
});

/** Get's parameters: one ticket (an ID or a resource locator value). */
const get = (ticketId, options, simplify) => ({ operation: 'get', ticketId, options, simplify, requestOptions: {} });

/** A Webhook node answering POST /webhook/<hookPath>, as `responseMode` says. */
const webhook = (hookPath, responseMode) => ({
	id: 'hook',
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: hookPath,
	parameters: { httpMethod: 'POST', path: hookPath, responseMode, options: {} },
});

/** A workflow whose nodes run one after the other, in the order given. */
const workflowOf = (id, name, nodes) => ({
	id,
	name,
	nodes,
	connections: chain(...nodes.map((node) => node.name)),
	settings: { executionOrder: 'v1' },
});

/**
 * Two tickets created in bulk (create_many), updated in bulk (update_many: tag, internal note,
 * status, subject), read back with users side-loaded (show_many), listed by external ID,
 * found by search, and the first one deleted. `marker` is a tag unique to this run.
 */
function opsChain({ id, nodeType, cred, marker }) {
	const tickets = [1, 2].map((n) => ({
		subject: `E2E ${marker} ticket ${n}`,
		body: `Created by the e2e suite (${marker}), ticket ${n}.`,
		email: `e2e.${marker}.${n}@example.test`,
		name: `E2E Customer ${n}`,
		externalId: `${marker}-ext-${n}`,
		order: `ORD-${marker}-${n}`,
	}));
	// Read, search, merge and delete once for the whole run, not once per ticket.
	const once = (name, x, parameters) => zendesk(nodeType, cred, name, x, parameters, { executeOnce: true });
	const nodes = [
		manual(),
		...ticketItems(tickets),
		zendesk(
			nodeType,
			cred,
			'Create',
			600,
			create(
				'={{ $json.subject }}',
				'={{ $json.body }}',
				{
					requesterEmail: '={{ $json.email }}',
					requesterName: '={{ $json.name }}',
					priority: 'high',
					type: 'problem',
					tags: `e2e, ${marker}`,
					externalId: '={{ $json.externalId }}',
					groupId: '4002',
					customFields: { field: [{ fieldId: '6001', value: '={{ $json.order }}' }] },
				},
				false,
			),
		),
		zendesk(nodeType, cred, 'Update', 800, {
			operation: 'update',
			ticketId: rl('={{ $json.id }}'),
			updateFields: {
				addTags: 'e2e-updated',
				status: 'pending',
				subject: '={{ $json.subject }} (updated)',
				comment: '=Internal note for ticket {{ $json.id }}',
				commentVisibility: 'internal',
			},
			options: {},
			simplify: true,
			requestOptions: {},
		}),
		zendesk(nodeType, cred, 'Get', 1000, get(rl('={{ $json.id }}'), { include: ['users', 'groups'] }, false)),
		once('List', 1200, {
			operation: 'getAll',
			listScope: 'all',
			returnAll: false,
			limit: 10,
			options: { externalId: `${marker}-ext-1` },
			simplify: true,
			requestOptions: {},
		}),
		once('Search', 1400, {
			operation: 'search',
			query: '',
			returnAll: true,
			filters: { tags: marker, status: ['pending'] },
			options: { sortBy: 'created_at', sortOrder: 'asc' },
			simplify: true,
			requestOptions: {},
		}),
		once('Merge', 1600, {
			operation: 'merge',
			ticketId: rl("={{ $('Create').first().json.id }}"),
			sourceTicketIds: "={{ $('Create').last().json.id }}",
			targetComment: `Merged by the e2e suite (${marker})`,
			simplify: true,
			requestOptions: {},
		}),
		once('Delete', 1800, { operation: 'delete', ticketId: rl("={{ $('Create').first().json.id }}"), requestOptions: {} }),
		once('History', 2000, {
			operation: 'getHistory',
			ticketId: rl("={{ $('Create').last().json.id }}"),
			limit: 2,
			simplify: true,
			requestOptions: {},
		}),
	];
	return { workflow: workflowOf(id, `e2e: every operation (${cred.name})`, nodes), tickets, marker };
}

/**
 * Manual -> Get one ticket (simplified). The ticket ID is a plain string, as workflows saved
 * before the ticket became a resource locator have it; the other workflows use the locator.
 */
function getOne({ id, nodeType, cred, ticketId = 1, options = {} }) {
	const name = `e2e: get ticket ${ticketId}${options.downloadAttachments ? ' with its files' : ''} (${cred.name})`;
	return workflowOf(id, name, [manual(), zendesk(nodeType, cred, 'Get', 200, get(String(ticketId), options, true))]);
}

/** POST /webhook/<path> {subject, message, email, name} -> Create ticket; responds with the simplified ticket. */
function queueHook({ id, nodeType, cred, path: hookPath }) {
	const fromCaller = { requesterEmail: '={{ $json.body.email }}', requesterName: '={{ $json.body.name }}', tags: 'e2e-queue' };
	return workflowOf(id, 'e2e queue: webhook -> create ticket (OAuth2)', [
		webhook(hookPath, 'lastNode'),
		zendesk(nodeType, cred, 'Create', 250, create('={{ $json.body.subject }}', '={{ $json.body.message }}', fromCaller, true)),
	]);
}

/**
 * POST /webhook/<path> {ticketId} -> Get that ticket. Answers at once ("Workflow was started"):
 * n8n 1.x in queue mode can lose a "Last Node" answer when the job ends before main listens for
 * it (Bull's Job#finished()), so the suite reads the outcome from the database and the emulator.
 */
function sharedHook({ id, name, nodeType, cred, path: hookPath }) {
	return workflowOf(id, name, [
		webhook(hookPath, 'onReceived'),
		zendesk(nodeType, cred, 'Get', 250, get(rl('={{ $json.body.ticketId }}'), {}, true)),
	]);
}

/** examples/*.json, sorted, with the node type rewritten to `nodeType` (e.g. CUSTOM.zendeskTicket). */
function loadExamples(nodeType = COMMUNITY_TYPE) {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => /^\d+-.*\.json$/.test(f))
		.sort()
		.map((file) => {
			const wf = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
			// The tool variant too (`…zendeskTicketTool`, example 05).
			for (const node of wf.nodes) if (node.type.startsWith(COMMUNITY_TYPE)) node.type = nodeType + node.type.slice(COMMUNITY_TYPE.length);
			return { file, workflow: wf };
		});
}

module.exports = {
	COMMUNITY_TYPE,
	EXAMPLES_DIR,
	CREDENTIAL_TYPES,
	opsChain,
	getOne,
	queueHook,
	sharedHook,
	loadExamples,
	manual,
	ticketItems,
	rl,
	chain,
	zendesk,
};
