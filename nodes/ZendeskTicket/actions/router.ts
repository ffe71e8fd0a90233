import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { EndUserRun } from '../run/endUser';
import { runAsEndUser, actsAsEndUser } from '../run/endUser';
import { isToolRun, toolSentence } from '../run/itemOutcomes';
import type { ZendeskClient } from '../../../common/client';
import { nodePolicy, openClient } from '../../../common/client';
import type { ZendeskTicketResource } from './node.type';
import * as sideConversation from './sideConversation/SideConversation.resource';
import * as ticket from './ticket/Ticket.resource';

function unsupported(ctx: IExecuteFunctions, resource: string, operation: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
}

/** Runs the chosen operation of the chosen resource. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		return await route.call(this);
	} catch (error) {
		// A tool's model reads its errors as output; n8n 1.x would end the whole run on a throw.
		if (!isToolRun(this)) throw error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error);
		return [this.getInputData().map((_, item) => ({ json: { error: toolSentence(error as Error) }, pairedItem: { item } }))];
	}
}

type Operation = {
	execute: (this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient) => Promise<INodeExecutionData[]>;
	asEndUser?: EndUserRun;
};

/** One operation for all items: through the Tickets API, or, acting for a customer, its end-user form (refused by name where it has none). */
async function run(
	ctx: IExecuteFunctions,
	client: ZendeskClient,
	operation: Operation,
	name: string,
	operationProperty: INodeProperties,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	// Acting for a customer goes through Zendesk's Requests API instead of the Tickets API.
	if (!actsAsEndUser(ctx, items)) return await operation.execute.call(ctx, items, client);
	const action = String((operationProperty.options as INodePropertyOptions[]).find((o) => o.value === name)?.action ?? name);
	return await runAsEndUser(ctx, client, { name, action, asEndUser: operation.asEndUser }, items);
}

/** A resource's operations by name and its Operation parameter (whose options' actions name refusals). */
interface Resource {
	operations: Record<string, Operation>;
	operationProperty: INodeProperties;
}

/** Every resource by the name its Resource option saves; a new resource is one folder and one entry here. */
const RESOURCES: Record<ZendeskTicketResource, Resource> = { ticket, sideConversation };

async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as ZendeskTicketResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	// The one client of this run: every request of every item shares its credential read, pacing and wait.
	const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const client = openClient(this, nodePolicy(this.getNodeParameter('authentication', 0, 'oAuth2'), requestOptions));
	const chosen = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
	if (!chosen || !Object.hasOwn(chosen.operations, operation)) throw unsupported(this, resource, operation);
	const output = await run(this, client, chosen.operations[operation], operation, chosen.operationProperty, items);
	return [await client.redactOutputs(output)];
}
