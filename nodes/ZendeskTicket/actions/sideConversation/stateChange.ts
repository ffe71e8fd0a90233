import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../../common/client';
import { updateSideConversation } from '../../../../common/api/sideConversations';
import type { SIDE_CONVERSATION_STATES } from '../../../../common/zendeskFacts';
import { ItemOutcomes } from '../../run/itemOutcomes';
import { answeredSideConversation, sideConversationOf } from '../../run/sideConversationItem';
import { requestOptionsProperty, ticketIdProperty } from '../common.descriptions';
import { sideConversationIdProperty, simplifySideConversationProperty } from './descriptions';

/** Close and Reopen differ only in the state they set: one PUT per item, which ends the same however often it runs. */
export function stateChange(operation: string, state: keyof typeof SIDE_CONVERSATION_STATES) {
	const properties: INodeProperties[] = [
		ticketIdProperty(`${operation} a side conversation of`, { many: false }),
		sideConversationIdProperty,
		simplifySideConversationProperty,
		requestOptionsProperty(),
	];
	return {
		description: updateDisplayOptions({ show: { resource: ['sideConversation'], operation: [operation] } }, properties),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
			const outcomes = new ItemOutcomes(this, items.length);
			await outcomes.forEachPending(async (i) => {
				const { ticketId, id } = sideConversationOf(this, i);
				return answeredSideConversation(this, i, await updateSideConversation(client, ticketId, id, { state }, i));
			});
			return outcomes.toExecutionData();
		},
	};
}
