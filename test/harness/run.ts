import type { ICredentialDataDecryptedObject, IDataObject, ILoadOptionsFunctions, INodeExecutionData, IRun } from 'n8n-workflow';

import { ZendeskTicketApi } from '../../credentials/ZendeskTicketApi.credentials';
import { ZendeskTicketOAuth2Api } from '../../credentials/ZendeskTicketOAuth2Api.credentials';
import { ZendeskTicket } from '../../nodes/ZendeskTicket/ZendeskTicket.node';
import type { TestCredentialsHelper } from './engine';
import { buildEngine } from './engine';

const NODE_NAME = 'Zendesk Ticket';

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
	/** The node's Settings tab, as n8n stores it on the node: e.g. { retryOnFail: true, maxTries: 2 }. */
	nodeSettings?: { retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number };
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	executionId?: string;
	/** Runs the node this many times in the one execution, as a loop does. */
	runs?: number;
	/** Runs the node as an AI agent's tool does: its type is the node's with "Tool" appended. */
	asTool?: boolean;
	/** Called with the credentials helper before the run, e.g. to change a stored credential mid-run as another process would. */
	onHelper?: (helper: TestCredentialsHelper) => void;
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

/** The engine for one run, built as n8n builds it at start (the node and credential types), not yet run. */
export function engineFor(options: RunOptions) {
	return buildEngine({
		nodeType: new ZendeskTicket(),
		typeName: `n8n-nodes-zendesk-ticket.zendeskTicket${options.asTool ? 'Tool' : ''}`,
		nodeName: NODE_NAME,
		credentialTypes: [new ZendeskTicketApi(), new ZendeskTicketOAuth2Api()],
		credentials: (options.credentials ?? TEST_CREDENTIALS) as Record<string, ICredentialDataDecryptedObject>,
		// Tests assert whole Zendesk tickets, so Simplify is off unless a test says otherwise; test/nodes/ZendeskTicket/defaults.test.ts covers the defaults a new node gets.
		parameters: { authentication: 'apiToken', resource: 'ticket', simplify: false, ...options.parameters },
		items: options.binaryItems ?? (options.items ?? [{}]).map((json) => ({ json })),
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
		nodeSettings: options.nodeSettings,
		executionId: options.executionId ?? 'exec-1',
		runs: options.runs,
	});
}

/**
 * Runs Manual Trigger → Zendesk Ticket through n8n-core's WorkflowExecute,
 * the engine n8n itself uses, and returns what the Zendesk Ticket node produced.
 */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const engine = engineFor(options);
	options.onHelper?.(engine.helper);
	const { run, output, error } = await engine.run();
	return { run, output, json: output.map((i) => i.json), error: error as RunResult['error'], helper: engine.helper };
}

/** Update's parameters for one request per item (batching off), each item's `id` naming its ticket. */
export function updateEachItem(updateFields: IDataObject): IDataObject {
	return { operation: 'update', ticketId: '={{ $json.id }}', updateFields, requestOptions: { batching: false } };
}

/**
 * The context n8n gives dropdown (loadOptions), list search and resource
 * mapper methods while a builder edits the node with these parameters.
 */
export function editorContext(options: RunOptions, path = 'parameters.ticketId'): ILoadOptionsFunctions {
	return engineFor(options).editorContext(path);
}

/** The n8n instance the engine runs as (n8n-core's InstanceSettings); a test may swap it to play a second instance. */
export function instanceSettings(): { instanceId: string } {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { InstanceSettings } = require('n8n-core') as typeof import('n8n-core');
	return Container.get(InstanceSettings) as unknown as { instanceId: string };
}
