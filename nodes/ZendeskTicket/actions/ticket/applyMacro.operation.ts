import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HttpFailure, ZendeskClient } from '../../../../common/client';
import { commentMayBePosted, mapLimit, zendeskErrorText } from '../../../../common/client';
import { updateTicket } from '../../../../common/api/tickets';
import { ItemOutcomes } from '../../run/itemOutcomes';
import type { BulkEntry } from '../../run/bulkWrite';
import { usesBulk, writeInBulk } from '../../run/bulkWrite';
import { validated } from '../../run/itemInput';
import type { ReadMacro } from '../../run/macros';
import { MacroBook, macroChanges, macroIdOf } from '../../run/macros';
import { safeUpdateConflict, safeUpdateOf, withSafeUpdate } from '../../run/safeUpdate';
import { shapeTicket, oneTicketId } from '../../run/tickets';
import { optionsCollection, requestOptionsProperty, simplifyProperty, ticketIdProperty } from '../common.descriptions';
import { bulkOutputProperty } from './descriptions/bulkOutput';
import { macroProperty } from './descriptions/macro';
import { safeUpdateOptions } from './descriptions/safeUpdate';

const properties: INodeProperties[] = [
	ticketIdProperty('apply the macro to', { many: false }),
	macroProperty(
		'The macro to apply: its field changes and its comment, rendered for the ticket ({{ticket.requester.first_name}} and the like), public or private as the macro says',
	),
	optionsCollection(safeUpdateOptions),
	simplifyProperty,
	bulkOutputProperty('update'),
	requestOptionsProperty({ bulk: true }),
];

export const toolDescription =
	"Apply a Zendesk macro to a ticket, given the ticket's ID and the macro's ID: the macro's standard reply, status and tags, as an agent applying it in Zendesk.";

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['applyMacro'] } }, properties);

interface Wanted {
	item: number;
	id: number;
	macro: ReadMacro;
}

/** Zendesk's refusal to change a closed ticket, in words that say what to do. */
function closedTicket(failure: HttpFailure): { message: string; description: string } | undefined {
	const zendesk = zendeskErrorText(failure.body);
	const said = [zendesk.message, zendesk.description].filter(Boolean).join(': ');
	if (failure.status !== 422 || !/closed prevents/i.test(said)) return undefined;
	return {
		message: 'is closed',
		description: `Zendesk does not change closed tickets (Zendesk: ${said}): create a follow-up ticket and apply the macro to it.`,
	};
}

/** One ticket: its changes, then Update Ticket, never repeated once its comment may have been posted. */
async function applyOne(ctx: IExecuteFunctions, client: ZendeskClient, w: Wanted, items: INodeExecutionData[]): Promise<IDataObject> {
	const changes = await macroChanges(client, w.macro, w.id, w.item);
	const ticket = validated(ctx, w.item, () => withSafeUpdate(ctx, w.item, changes, items[w.item].json.updated_at));
	const updated = await updateTicket(client, w.id, ticket, {
		itemIndex: w.item,
		ifUnsure: ticket.comment ? commentMayBePosted(w.id) : undefined,
		explain: (failure) => (failure.status === 409 && safeUpdateOf(ctx, w.item) ? safeUpdateConflict(failure) : closedTicket(failure)),
	});
	return shapeTicket(ctx, w.item, updated);
}

/**
 * Many tickets through update_many, 100 a request: one shared change set when
 * every item applies the same macro and it renders nothing per ticket, else
 * each ticket's own changes (rendered for it, one GET each).
 */
async function applyInBulk(ctx: IExecuteFunctions, client: ZendeskClient, wanted: Wanted[], outcomes: ItemOutcomes): Promise<void> {
	const [first] = wanted;
	if (wanted.every((w) => w.macro === first.macro) && !first.macro.plan.rendered.length) {
		const entries = wanted.map((w) => ({ item: w.item, ticket: { id: w.id } }));
		return await writeInBulk(ctx, client, entries, 'update', outcomes, first.macro.plan.changes);
	}
	const entries: BulkEntry[] = [];
	await mapLimit(wanted, await client.parallelism(), async (w) => {
		try {
			entries.push({ item: w.item, ticket: { ...(await macroChanges(client, w.macro, w.id, w.item)), id: w.id } });
		} catch (error) {
			outcomes.fail(w.item, error as Error);
		}
	});
	entries.sort((a, b) => a.item - b.item);
	await writeInBulk(ctx, client, entries, 'update', outcomes);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ZendeskClient): Promise<INodeExecutionData[]> {
	const outcomes = new ItemOutcomes(this, items.length);
	const macros = new MacroBook(this, client);
	const wanted: Wanted[] = [];
	await outcomes.forEachPending(async (item) => {
		const { id, macroId } = validated(this, item, () => ({ id: oneTicketId(this, item), macroId: macroIdOf(this, item) }));
		wanted.push({ item, id, macro: await macros.get(macroId, item) });
		return undefined;
	});
	if (wanted.length && usesBulk(this, items.length) && !wanted.some((w) => safeUpdateOf(this, w.item))) {
		await applyInBulk(this, client, wanted, outcomes);
		return outcomes.toExecutionData();
	}
	for (const w of wanted) {
		try {
			outcomes.ok(w.item, await applyOne(this, client, w, items));
		} catch (error) {
			outcomes.fail(w.item, error as Error);
		}
	}
	return outcomes.toExecutionData();
}
