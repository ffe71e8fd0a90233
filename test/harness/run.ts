import 'reflect-metadata';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	ITriggerFunctions,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

import { ZendeskTicketApi } from '../../credentials/ZendeskTicketApi.credentials';
import { ZendeskTicketOAuth2Api } from '../../credentials/ZendeskTicketOAuth2Api.credentials';
import { ZendeskTicket } from '../../nodes/ZendeskTicket/ZendeskTicket.node';
import { TestCredentialsHelper } from './credentials';

/** A Manual Trigger; its output is pinned with the test's input items. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the test workflow',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async trigger(this: ITriggerFunctions) {
		return {};
	}
}

const NODE_NAME = 'Zendesk Ticket';
const PACKAGE = 'n8n-nodes-zendesk-ticket';

export const TEST_CREDENTIALS = {
	zendeskTicketApi: { subdomain: 'acme', email: 'agent@acme.test', apiToken: 'api-token-SECRET-1234' },
	zendeskTicketOAuth2Api: {
		subdomain: 'acme',
		grantType: 'authorizationCode',
		clientId: 'n8n-client',
		clientSecret: 'client-secret-SECRET-5678',
		oauthTokenData: { access_token: 'access-SECRET-old', refresh_token: 'refresh-SECRET-r1', token_type: 'bearer' },
	},
};

export interface RunOptions {
	/** The Zendesk Ticket node's parameters (authentication defaults to apiToken in tests). */
	parameters: IDataObject;
	/** Input items; default one empty item. */
	items?: IDataObject[];
	/** Input items with files, instead of `items`. */
	binaryItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	executionId?: string;
}

export interface RunResult {
	run: IRun;
	/** The node's output items. */
	output: INodeExecutionData[];
	json: IDataObject[];
	/** The workflow error, when the node failed. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	helper: TestCredentialsHelper;
}

const nodeTypes: INodeTypes = {
	getByName: (type) => (type.endsWith('.manualTrigger') ? new ManualTrigger() : new ZendeskTicket()),
	getByNameAndVersion: (type, version) =>
		NodeHelpers.getVersionedNodeType(type.endsWith('.manualTrigger') ? new ManualTrigger() : new ZendeskTicket(), version),
	getKnownTypes: () => ({}),
};

/** The workflow, credentials helper and run context shared by node runs and dropdown calls. */
function buildEngine(options: RunOptions) {
	const parameters = { authentication: 'apiToken', resource: 'ticket', ...options.parameters };
	const nodes: INode[] = [
		{ id: 'trigger', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'zendesk',
			name: NODE_NAME,
			type: `${PACKAGE}.zendeskTicket`,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: {
				zendeskTicketApi: { id: 'cred-api', name: 'Zendesk API token' },
				zendeskTicketOAuth2Api: { id: 'cred-oauth', name: 'Zendesk OAuth2' },
			},
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections = { 'Manual Trigger': { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const workflow = new Workflow({ id: 'wf-test', name: 'test', nodes, connections, active: false, nodeTypes, settings: {} });

	const store = structuredClone(options.credentials ?? TEST_CREDENTIALS) as Record<string, ICredentialDataDecryptedObject>;
	const helper = new TestCredentialsHelper([new ZendeskTicketApi(), new ZendeskTicketOAuth2Api()], store, () => workflow);

	const executionId = options.executionId ?? 'exec-1';
	const mode: WorkflowExecuteMode = 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, { id: 'wf-test', name: 'test', nodes, connections, active: false, settings: {} } as never);
	let finished!: (run: IRun) => void;
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

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
	} as unknown as IWorkflowExecuteAdditionalData;

	return { workflow, helper, additionalData, done, executionId, mode };
}

/**
 * Runs Manual Trigger → Zendesk Ticket through n8n-core's WorkflowExecute,
 * the engine n8n itself uses, and returns what the Zendesk Ticket node produced.
 */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { workflow, helper, additionalData, done, mode } = buildEngine(options);
	const items = options.binaryItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const trigger = workflow.getNode('Manual Trigger')!;
	const runExecutionData = createRunExecutionData({
		resultData: { runData: {}, pinData: { 'Manual Trigger': items } },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: trigger, data: { main: [items] }, source: null }],
		},
	});
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await done;
	const output = run.data.resultData.runData[NODE_NAME]?.[0]?.data?.main?.[0] ?? [];
	return {
		run,
		output,
		json: output.map((i) => i.json),
		error: run.data.resultData.error as RunResult['error'],
		helper,
	};
}

/**
 * The context n8n gives dropdown (loadOptions), list search and resource
 * mapper methods while a builder edits the node with these parameters.
 */
export function editorContext(options: RunOptions, path = 'parameters.ticketId'): LoadOptionsContext {
	const { workflow, additionalData } = buildEngine(options);
	return new LoadOptionsContext(workflow, workflow.getNode(NODE_NAME)!, additionalData, path);
}
