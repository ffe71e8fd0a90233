import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redactOutputs } from '../transport/request';
import * as ticket from './ticket/Ticket.resource';

type TicketOperation = 'create' | 'update' | 'get' | 'getAll' | 'search' | 'delete';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as TicketOperation;
	if (resource !== 'ticket' || !(operation in ticket)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	return [await redactOutputs(this, await ticket[operation].execute.call(this, items))];
}
