import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { INCREMENTAL_EXPORT_LAG_SECONDS, PAGE_SIZE } from '../../common/zendeskFacts';
import type { ZendeskClient } from '../../common/client';
import { triggerClient } from '../../common/triggers/client';
import type { NextPosition, PollSource, PollState } from './helpers/pollState';
import { advance, newChanges, readState, writeState } from './helpers/pollState';
import { includesId } from './helpers/idRanges';
import { joinComments } from './helpers/oneChange';
import { isSystemUpdate, rememberedVersion, settledBefore, versionOf } from './helpers/systemUpdates';
import { classify, matchesFilters } from '../../common/triggers/ticketEvents';
import { eventItem, settingsOf } from '../../common/triggers/settings';
import { pollComments } from './pollComments';
import type { TriggerSettings } from '../../common/triggers/settings';
import { latestTickets } from '../../common/api/incrementalExport';
import { fetchExport, nowSeconds } from './pollExport';
import { fetchList } from './pollList';
import type { SourceChoice } from './source';
import { firstState, refuseCommentsWithoutExport, sourceChoice, switchedTo } from './source';

/** Tickets the manual test run shows. */
const MANUAL_COUNT = 3;

function itemsOf(changes: IDataObject[], state: PollState, settings: TriggerSettings): INodeExecutionData[] {
	const items: INodeExecutionData[] = [];
	// A ticket that changed more than once in the poll is compared with its version just before.
	const known = new Map(Object.entries(state.known));
	const settled = settledBefore(state);
	for (const ticket of changes) {
		const { fields, updatedAt } = rememberedVersion(known.get(String(ticket.id)));
		known.set(String(ticket.id), versionOf(ticket));
		if (state.source !== 'list' && isSystemUpdate(ticket, updatedAt, settled)) continue;
		if (!matchesFilters(ticket, settings.filters)) continue;
		const seenBefore = includesId(state.createdIds ?? [], Number(ticket.id));
		const found = classify(ticket, fields, { ...settings, since: state.since, seenBefore });
		if (found) items.push(eventItem(ticket, found, settings.simplify, { events: found.events }));
	}
	return items;
}

/** Comments since the last poll, once the event export's start time is out of its one-minute lag. */
async function commentsSince(ctx: IPollFunctions, api: ZendeskClient, state: PollState, settings: TriggerSettings) {
	const start = state.eventsStartTime ?? state.since;
	if (start > nowSeconds() - INCREMENTAL_EXPORT_LAG_SECONDS) return undefined;
	const publicOnly = (ctx.getNodeParameter('commentVisibility', 'public') as string) === 'public';
	return await pollComments(api, start, state.seenComments ?? [], settings, publicOnly);
}

async function manualRun(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const api = triggerClient(ctx);
	const tickets = (await latestTickets(api, PAGE_SIZE)).filter((t) => matchesFilters(t, settings.filters)).slice(0, MANUAL_COUNT);
	if (!tickets.length) return null;
	const items = tickets.map((t) => eventItem(t, { event: settings.events[0] ?? 'updated' }, settings.simplify, { sample: true }));
	return [await api.redactOutputs(items)];
}

const isForbidden = (error: unknown) => error instanceof NodeApiError && error.httpCode === '403';

interface Fetched {
	state: PollState;
	tickets: IDataObject[];
	next: NextPosition;
	note?: string;
}

/** The ticket changes since the state's position; on Automatic, a 403 on the export moves the trigger to the ticket list. */
async function fetchTickets(
	ctx: IPollFunctions,
	api: ZendeskClient,
	state: PollState,
	{ choice, settings }: { choice: SourceChoice; settings: TriggerSettings },
): Promise<Fetched> {
	if (state.source === 'list') return { state, next: {}, ...(await fetchList(api, state)) };
	// The export refuses start times in the last minute, and never has anything newer.
	if (!state.cursor && (state.startTime ?? state.since) > nowSeconds() - INCREMENTAL_EXPORT_LAG_SECONDS)
		return { state, tickets: [], next: {} };
	try {
		return { state, ...(await fetchExport(ctx, api, state)) };
	} catch (error) {
		if (choice !== 'auto' || !isForbidden(error))
			throw error instanceof NodeApiError ? error : new NodeOperationError(ctx.getNode(), error as Error);
		const listed = switchedTo(state, 'list');
		refuseCommentsWithoutExport(ctx, settings);
		return { state: listed, next: {}, ...(await fetchList(api, listed)) };
	}
}

/** The stored state, on the source the Source option asks for; the first activation's state when there is none. */
async function stateOf(ctx: IPollFunctions, api: ZendeskClient, data: IDataObject, choice: SourceChoice) {
	const stored = readState(data);
	if (!stored) return await firstState(ctx, api, choice);
	const wanted: PollSource | undefined = choice === 'auto' ? undefined : choice;
	return { state: wanted && wanted !== (stored.source ?? 'export') ? switchedTo(stored, wanted) : stored, fresh: false, backfill: false };
}

/**
 * One poll: the tickets changed since the stored position, each change once.
 * The new position is written into static data only at the end, right before
 * the items are handed to n8n to emit: a poll that fails leaves it as it was.
 */
export async function pollTickets(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(this);
	if (this.getMode() === 'manual') return await manualRun(this, settings);
	const data = this.getWorkflowStaticData('node');
	const api = triggerClient(this);
	const choice = sourceChoice(this);
	const { state: start, fresh, backfill } = await stateOf(this, api, data, choice);
	if (start.source === 'list') refuseCommentsWithoutExport(this, settings);
	if (fresh) {
		writeState(data, start);
		if (!backfill) return null;
	}
	const ticketEvents = settings.events.some((e) => e !== 'commentAdded');
	const fetched: Fetched = ticketEvents
		? await fetchTickets(this, api, start, { choice, settings })
		: { state: start, tickets: [], next: {} };
	const { state } = fetched;
	const changes = newChanges(fetched.tickets, state.seen, state.source);
	const comments = settings.events.includes('commentAdded') ? await commentsSince(this, api, state, settings) : undefined;
	const commentItems = (comments?.items ?? []).map((item) => ({
		json: { event: item.json.event, events: ['commentAdded'], ...item.json },
	}));
	const joined = joinComments(itemsOf(changes, state, settings), commentItems);
	if (fetched.note && joined.length) joined[0].json.note = fetched.note;
	const items = await api.redactOutputs(joined);
	const next = advance(state, changes, fetched.next, versionOf);
	if (comments) Object.assign(next, { eventsStartTime: comments.startTime, seenComments: comments.seen });
	writeState(data, next);
	return items.length ? [items] : null;
}
