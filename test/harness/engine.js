'use strict';
// The engine harness, shared by the tests (through run.ts) and the benchmark:
// runs Manual Trigger → one node through n8n-core's WorkflowExecute, the engine
// n8n itself uses, with a credentials helper that does what n8n's does at run
// time. Plain CommonJS, so the benchmark needs no TypeScript toolchain.
require('reflect-metadata');

const { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, NodeConnectionTypes, NodeHelpers, Workflow, createRunExecutionData } = require('n8n-workflow');

/** A Manual Trigger; its output is pinned with the run's input items. */
class ManualTrigger {
	constructor() {
		this.description = {
			displayName: 'Manual Trigger',
			name: 'manualTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Starts the workflow',
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

/**
 * Does what n8n's CredentialsHelper does for a node at run time: fills in
 * defaults, resolves the credential's own `={{ }}` expressions with `$self`,
 * applies its `authenticate` block with `$credentials`, reports parent types
 * by walking `extends` (so OAuth2 takes n8n-core's real OAuth2 path, refresh
 * included) and records refreshed token data.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(types, store, expressionWorkflow, nodeName) {
		super();
		this.store = store;
		this.expressionWorkflow = expressionWorkflow;
		this.nodeName = nodeName;
		this.tokenUpdates = [];
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
		const target = node ?? workflow.getNode(this.nodeName);
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
		if (!stored) throw new Error(`No test credentials of type ${type}`);
		if (raw) return structuredClone(stored);
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			structuredClone(stored),
			true,
			false,
			null,
			null,
		);
		if (stored.oauthTokenData !== undefined) withDefaults.oauthTokenData = structuredClone(stored.oauthTokenData);
		const workflow = this.expressionWorkflow();
		return workflow.expression.getComplexParameterValue(
			workflow.getNode(this.nodeName),
			withDefaults,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		);
	}

	async updateCredentials(_details, type, data) {
		this.store[type] = data;
	}

	async updateCredentialsOauthTokenData(_details, type, data) {
		const oauthTokenData = structuredClone(data.oauthTokenData);
		this.store[type] = { ...this.store[type], oauthTokenData };
		this.tokenUpdates.push({ type, oauthTokenData });
	}
}

/**
 * The workflow Manual Trigger → `nodeName`, its credentials helper and run
 * context. `credentials` holds the decrypted values by credential type.
 */
/** What n8n's node types registry answers, for the given node type by name (any other name gets `other`). */
function nodeTypesOf(pick) {
	return {
		getByName: pick,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(pick(type), version),
		getKnownTypes: () => ({}),
	};
}

/** The instance's URLs, as n8n's additional data carries them. */
function instanceUrls(base = 'http://localhost:5678') {
	return {
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		formWaitingBaseUrl: `${base}/form-waiting`,
	};
}

/** Credential references of a node, one per credential type given. */
const credentialRefsOf = (credentials) =>
	Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `cred-${type}`, name: type }]));

function buildEngine({
	nodeType,
	typeName,
	nodeName,
	credentialTypes,
	credentials,
	parameters,
	items,
	onError,
	nodeSettings,
	executionId,
	runs = 1,
}) {
	const trigger = new ManualTrigger();
	const pick = (type) => (type.endsWith('.manualTrigger') ? trigger : nodeType);
	const nodeTypes = nodeTypesOf(pick);
	const credentialRefs = credentialRefsOf(credentials);
	const nodes = [
		{ id: 'trigger', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'zendesk',
			name: nodeName,
			type: typeName,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: credentialRefs,
			...(onError ? { onError } : {}),
			// The node's Settings tab, e.g. retryOnFail, maxTries, waitBetweenTries.
			...nodeSettings,
		},
	];
	const connections = { 'Manual Trigger': { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const workflowData = { id: 'wf-test', name: 'test', nodes, connections, active: false, settings: {} };
	const workflow = new Workflow({ ...workflowData, nodeTypes });
	const helper = new TestCredentialsHelper(credentialTypes, structuredClone(credentials), () => workflow, nodeName);

	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	let finished;
	const done = new Promise((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const additionalData = {
		hooks,
		credentialsHelper: helper,
		executionId,
		executeWorkflow: async () => ({}),
		...instanceUrls(),
		variables: {},
		currentNodeParameters: undefined,
		getRunExecutionData: async () => undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
	};

	/**
	 * Runs the workflow once with `items` (INodeExecutionData[]) as the trigger's
	 * output. With `runs` > 1 the node runs that many times in the one execution,
	 * as in a loop (run index 0, 1, …), each time with `items`.
	 */
	async function run() {
		const trigger = { node: workflow.getNode('Manual Trigger'), data: { main: [items] }, source: null };
		const source = { main: [{ previousNode: 'Manual Trigger' }] };
		const loop = Array.from({ length: runs }, () => ({ node: workflow.getNode(nodeName), data: { main: [items] }, source }));
		const runExecutionData = createRunExecutionData({
			resultData: { runData: {}, pinData: { 'Manual Trigger': items } },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: runs > 1 ? loop : [trigger],
			},
		});
		await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const result = await done;
		const runsOfNode = result.data.resultData.runData[nodeName] ?? [];
		const output = runsOfNode.flatMap((r) => r?.data?.main?.[0] ?? []);
		return { run: result, output, error: result.data.resultData.error };
	}

	/** The context n8n gives dropdown, list search and resource mapper methods while the node is edited. */
	function editorContext(path) {
		return new LoadOptionsContext(workflow, workflow.getNode(nodeName), additionalData, path);
	}

	return { workflow, helper, run, editorContext };
}

/** The benchmark's runner: one node type, many runs, each its own execution. */
function createRunner({ nodeName = 'Zendesk', ...node }) {
	let runs = 0;
	return {
		async run(parameters, inputItems) {
			// `node`: its type, type name, credential types, credentials and onError, as buildEngine takes them.
			const engine = buildEngine({
				...node,
				nodeName,
				parameters,
				items: inputItems.map((json) => ({ json })),
				executionId: `bench-${++runs}`,
			});
			const started = process.hrtime.bigint();
			const { output, error } = await engine.run();
			return { output, error, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
		},
	};
}

module.exports = { TestCredentialsHelper, buildEngine, createRunner, credentialRefsOf, instanceUrls, nodeTypesOf };
