import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { INCREMENTAL_EXPORT_LAG_SECONDS, PAGE_SIZE } from '../../common/zendeskFacts';
import type { ZendeskClient } from '../../common/client';
import { triggerClient } from '../../common/triggers/client';
import { currentUser } from '../../common/api/users';
import type { PollState } from './helpers/pollState';
import { advance, initialState, newChanges, readState, restartTime, writeState } from './helpers/pollState';
import { includesId } from './helpers/idRanges';
import { classify, fingerprint, matchesFilters } from '../../common/triggers/ticketEvents';
import { eventItem, settingsOf } from '../../common/triggers/settings';
import { pollComments } from './pollComments';
import type { TriggerSettings } from '../../common/triggers/settings';
import type { ExportPosition } from '../../common/api/incrementalExport';
import { NOT_ADMIN_MESSAGE, exportTicketsPage, latestTickets } from '../../common/api/incrementalExport';

/** Pages one poll reads at most (1,000 tickets each); the rest waits for the next poll. */
export const MAX_PAGES_PER_POLL = 20;
/** Share of n8n's poll budget a poll may spend fetching before it emits what it has. */
const BUDGET_SHARE = 0.5;
/** Tickets the manual test run shows. */
const MANUAL_COUNT = 3;

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function assertAdmin(ctx: IPollFunctions, api: ZendeskClient) {
	const user = await currentUser(api);
	if (user.role !== undefined && user.role !== 'admin') {
		throw new NodeOperationError(ctx.getNode(), NOT_ADMIN_MESSAGE, {
			description: `The credential acts as ${String(user.name ?? user.email ?? 'a user')} (role: ${String(user.role)}). Connect it as a Zendesk admin, or use the Zendesk Ticket Trigger (webhook mode).`,
		});
	}
}

/** Fetches from the state's position until the end of the stream, the page cap or the time share; never touches the state. */
async function fetchChanges(
	ctx: IPollFunctions,
	api: ZendeskClient,
	state: PollState,
): Promise<{ tickets: IDataObject[]; cursor?: string }> {
	const started = Date.now();
	const budgetMs = (ctx.getPollBudgetMs?.() ?? 300_000) * BUDGET_SHARE;
	let position: ExportPosition = state.cursor ? { cursor: state.cursor } : { startTime: state.startTime ?? state.since };
	let cursor: string | undefined;
	const tickets: IDataObject[] = [];
	for (let pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
		const page = await exportTicketsPage(api, position);
		if (page === 'cursorRefused') {
			// An expired cursor: restart by time a little before the newest change emitted; the overlap is deduplicated.
			position = { startTime: Math.min(restartTime(state), nowSeconds() - INCREMENTAL_EXPORT_LAG_SECONDS) };
			continue;
		}
		tickets.push(...page.tickets);
		cursor = page.afterCursor ?? cursor;
		// The same cursor again makes no progress: the next poll asks again, rather than spend the export's 10 a minute now.
		const stuck = 'cursor' in position && page.afterCursor === position.cursor;
		if (page.endOfStream || !page.afterCursor || stuck || Date.now() - started > budgetMs) break;
		position = { cursor: page.afterCursor };
	}
	return { tickets, cursor };
}

function itemsOf(changes: IDataObject[], state: PollState, settings: TriggerSettings): INodeExecutionData[] {
	const items: INodeExecutionData[] = [];
	// A ticket that changed more than once in the poll is compared with its version just before.
	const known = new Map(Object.entries(state.known));
	for (const ticket of changes) {
		const previous = known.get(String(ticket.id));
		known.set(String(ticket.id), fingerprint(ticket));
		if (!matchesFilters(ticket, settings.filters)) continue;
		const seenBefore = includesId(state.createdIds ?? [], Number(ticket.id));
		const found = classify(ticket, previous, { ...settings, since: state.since, seenBefore });
		if (found) items.push(eventItem(ticket, found, settings.simplify));
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

/**
 * One poll: the tickets changed since the stored cursor, each change once.
 * The new cursor is written into static data only at the end, right before
 * the items are handed to n8n to emit: a poll that fails leaves it as it was.
 */
export async function pollTickets(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(this);
	if (this.getMode() === 'manual') return await manualRun(this, settings);
	const data = this.getWorkflowStaticData('node');
	const api = triggerClient(this);
	const stored = readState(data);
	if (!stored) {
		await assertAdmin(this, api);
		const backfill = this.getNodeParameter('options.backfillFrom', '') as string;
		const from = backfill ? Math.floor(Date.parse(backfill) / 1000) : nowSeconds();
		if (!Number.isFinite(from)) throw new NodeOperationError(this.getNode(), `Backfill From is not a date: ${backfill}`);
		writeState(data, initialState(from));
		if (!backfill) return null;
	}
	const state = readState(data) as PollState;
	// The export refuses start times in the last minute, and never has anything newer.
	if (!state.cursor && (state.startTime ?? state.since) > nowSeconds() - INCREMENTAL_EXPORT_LAG_SECONDS) return null;
	const ticketEvents = settings.events.some((e) => e !== 'commentAdded');
	const { tickets, cursor } = ticketEvents ? await fetchChanges(this, api, state) : { tickets: [], cursor: undefined };
	const changes = newChanges(tickets, state.seen);
	const comments = settings.events.includes('commentAdded') ? await commentsSince(this, api, state, settings) : undefined;
	const items = await api.redactOutputs([...itemsOf(changes, state, settings), ...(comments?.items ?? [])]);
	const next = advance(state, changes, cursor, fingerprint);
	if (comments) Object.assign(next, { eventsStartTime: comments.startTime, seenComments: comments.seen });
	writeState(data, next);
	return items.length ? [items] : null;
}
