'use strict';
// Plain-JS twin of test/harness/run.ts for the benchmark: runs
// Manual Trigger → one Zendesk node through n8n-core's WorkflowExecute, the
// engine n8n itself uses, with a credentials helper that does what n8n's does
// at run time (defaults, `={{ }}` expressions, the credential's `authenticate`).
// No ts-node: our node is loaded from dist/, the built-in one from
// n8n-nodes-base's dist/ (see nodes.js).
require('reflect-metadata');

const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, NodeConnectionTypes, NodeHelpers, Workflow, createRunExecutionData } = require('n8n-workflow');

const NODE_NAME = 'Zendesk';

/** A Manual Trigger; its output is pinned with the run's input items. */
class ManualTrigger {
	constructor() {
		this.description = {
			displayName: 'Manual Trigger',
			name: 'manualTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Starts the benchmark workflow',
			defaults: { name: 'Manual Trigger' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}

	async trigger() {
		return {};
	}
}

/** Stand-in for nodes-base's oAuth2Api: only its name matters to n8n-core. */
class OAuth2Api {
	constructor() {
		this.name = 'oAuth2Api';
		this.displayName = 'OAuth2 API';
		this.properties = [];
	}
}

class BenchCredentialsHelper extends ICredentialsHelper {
	constructor(types, store, expressionWorkflow) {
		super();
		this.store = store;
		this.expressionWorkflow = expressionWorkflow;
		this.types = Object.fromEntries([new OAuth2Api(), ...types].map((t) => [t.name, t]));
	}

	getParentTypes(name) {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(type) {
		const own = this.types[type]?.properties ?? [];
		const inherited = (this.types[type]?.extends ?? []).flatMap((p) => this.getCredentialsProperties(p));
		const names = new Set(own.map((p) => p.name));
		return [...inherited.filter((p) => !names.has(p.name)), ...own];
	}

	resolve(value, additionalKeys, node) {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const workflow = this.expressionWorkflow();
		const target = node ?? workflow.getNode(NODE_NAME);
		const resolved = workflow.expression.getSimpleParameterValue(target, value, 'internal', additionalKeys, undefined, '');
		return resolved ? String(resolved) : '';
	}

	async authenticate(credentials, typeName, requestOptions, _workflow, node) {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
				requestOptions[outerKey] ??= {};
				for (const [key, value] of Object.entries(inner)) {
					const resolvedKey = String(this.resolve(key, { $credentials: credentials }, node));
					requestOptions[outerKey][resolvedKey] = this.resolve(value, { $credentials: credentials }, node);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials() {
		throw new Error('not used by nodes');
	}

	async getDecrypted(_additionalData, _details, type, _mode, _executeData, raw) {
		const stored = this.store[type];
		if (!stored) throw new Error(`No bench credentials of type ${type}`);
		if (raw) return structuredClone(stored);
		const withDefaults = NodeHelpers.getNodeParameters(this.getCredentialsProperties(type), structuredClone(stored), true, false, null, null);
		const workflow = this.expressionWorkflow();
		return workflow.expression.getComplexParameterValue(workflow.getNode(NODE_NAME), withDefaults, 'internal', {}, undefined, undefined, withDefaults);
	}

	async updateCredentials(_details, type, data) {
		this.store[type] = data;
	}

	async updateCredentialsOauthTokenData(_details, type, data) {
		this.store[type] = { ...this.store[type], oauthTokenData: structuredClone(data.oauthTokenData) };
	}
}

/**
 * Builds a runner for one node type. `nodeType` is an INodeType instance,
 * `typeName` the workflow's node type string, `credentialTypes` the
 * ICredentialType instances, `credentials` the decrypted values by type name.
 */
function createRunner({ nodeType, typeName, credentialTypes, credentials }) {
	const trigger = new ManualTrigger();
	const nodeTypes = {
		getByName: (type) => (type.endsWith('.manualTrigger') ? trigger : nodeType),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(type.endsWith('.manualTrigger') ? trigger : nodeType, version),
		getKnownTypes: () => ({}),
	};
	const credentialRefs = Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `cred-${type}`, name: type }]));
	let runs = 0;

	/** Runs the workflow once; resolves with the node's output items, the workflow error and the wall time. */
	async function run(parameters, inputItems) {
		const executionId = `bench-${++runs}`;
		const nodes = [
			{ id: 'trigger', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'zendesk', name: NODE_NAME, type: typeName, typeVersion: 1, position: [200, 0], parameters, credentials: credentialRefs },
		];
		const connections = { 'Manual Trigger': { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } };
		const workflowData = { id: 'wf-bench', name: 'bench', nodes, connections, active: false, settings: {} };
		const workflow = new Workflow({ ...workflowData, nodeTypes });
		const helper = new BenchCredentialsHelper(credentialTypes, structuredClone(credentials), () => workflow);

		const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
		let finished;
		const done = new Promise((resolve) => (finished = resolve));
		hooks.addHandler('workflowExecuteAfter', (r) => finished(r));
		const additionalData = {
			hooks,
			credentialsHelper: helper,
			executionId,
			executeWorkflow: async () => ({}),
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			variables: {},
			currentNodeParameters: undefined,
			getRunExecutionData: async () => undefined,
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
			logAiEvent: () => {},
		};
		const items = inputItems.map((json) => ({ json }));
		const runExecutionData = createRunExecutionData({
			resultData: { runData: {}, pinData: { 'Manual Trigger': items } },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node: workflow.getNode('Manual Trigger'), data: { main: [items] }, source: null }],
			},
		});
		const started = process.hrtime.bigint();
		await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const result = await done;
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		const output = result.data.resultData.runData[NODE_NAME]?.[0]?.data?.main?.[0] ?? [];
		const error = result.data.resultData.error;
		return { output, error, wallMs };
	}

	return { run };
}

module.exports = { createRunner, NODE_NAME };
