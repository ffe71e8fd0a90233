import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runAsEndUser } from '../execution/endUser';
import { actsAsEndUser } from '../execution/endUserIdentity';
import { isToolRun, toolSentence } from '../execution/toolMode';
import { redactOutputs } from '../../../common/client/request';
import type { ZendeskTicketMap, ZendeskTicketResource } from './node.type';
import * as ticket from './ticket/Ticket.resource';

function unsupported(ctx: IExecuteFunctions, resource: string, operation: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
}

/** Runs the chosen operation of the chosen resource; a new resource is one folder and one case here. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		return await route.call(this);
	} catch (error) {
		// A tool's model reads its errors as output; n8n 1.x would end the whole run on a throw.
		if (!isToolRun(this)) throw error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error);
		return [this.getInputData().map((_, item) => ({ json: { error: toolSentence(error as Error) }, pairedItem: { item } }))];
	}
}

async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as ZendeskTicketResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	let output: INodeExecutionData[];
	switch (resource) {
		case 'ticket':
			if (!Object.hasOwn(ticket.operations, operation)) throw unsupported(this, resource, operation);
			// Acting for a customer goes through Zendesk's Requests API instead of the Tickets API.
			if (actsAsEndUser(this, items)) {
				output = await runAsEndUser(this, operation, items);
				break;
			}
			output = await ticket.operations[operation as ZendeskTicketMap['ticket']].execute.call(this, items);
			break;
		default:
			throw unsupported(this, resource, operation);
	}
	return [await redactOutputs.call(this, output)];
}
