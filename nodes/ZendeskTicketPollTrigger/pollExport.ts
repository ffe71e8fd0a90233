import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { INCREMENTAL_EXPORT_LAG_SECONDS } from '../../common/zendeskFacts';
import type { ZendeskClient } from '../../common/client';
import type { ExportPosition } from '../../common/api/incrementalExport';
import { exportTicketsPage } from '../../common/api/incrementalExport';
import type { NextPosition, PollState } from './helpers/pollState';
import { restartTime } from './helpers/pollState';

/** Pages one poll reads at most (1,000 tickets each); the rest waits for the next poll. */
export const MAX_PAGES_PER_POLL = 20;
/** Share of n8n's poll budget a poll may spend fetching before it emits what it has. */
const BUDGET_SHARE = 0.5;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Where the state says the export goes on. */
export function positionOf(state: PollState): ExportPosition {
	if (state.cursor) return { cursor: state.cursor };
	const startTime = state.startTime ?? state.since;
	return state.byTime ? { byTimeFrom: startTime } : { startTime };
}

const toNext = (position: ExportPosition): NextPosition =>
	'cursor' in position ? { cursor: position.cursor } : 'byTimeFrom' in position ? { byTimeFrom: position.byTimeFrom } : {};

/** The same position again: Zendesk made no progress, so the next poll asks again rather than spend the export's 10 a minute now. */
function samePlace(asked: ExportPosition, next: ExportPosition | undefined): boolean {
	if (!next) return false;
	if ('cursor' in asked && 'cursor' in next) return asked.cursor === next.cursor;
	return 'byTimeFrom' in asked && 'byTimeFrom' in next && asked.byTimeFrom === next.byTimeFrom;
}

/**
 * Fetches from the state's position until the end of the stream, the page cap
 * or the time share; never touches the state. A refused cursor goes on with
 * the time-based export from the newest change emitted.
 */
export async function fetchExport(
	ctx: IPollFunctions,
	api: ZendeskClient,
	state: PollState,
): Promise<{ tickets: IDataObject[]; next: NextPosition }> {
	const started = Date.now();
	const budgetMs = (ctx.getPollBudgetMs?.() ?? 300_000) * BUDGET_SHARE;
	let position = positionOf(state);
	let next: NextPosition = {};
	const tickets: IDataObject[] = [];
	for (let pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
		const page = await exportTicketsPage(api, position);
		if (page === 'cursorRefused') {
			position = { byTimeFrom: Math.min(restartTime(state), nowSeconds() - INCREMENTAL_EXPORT_LAG_SECONDS) };
			// Also when this poll reads nothing more, the refused cursor is not asked for again.
			next = toNext(position);
			continue;
		}
		tickets.push(...page.tickets);
		if (page.next) next = toNext(page.next);
		if (page.endOfStream || !page.next || samePlace(position, page.next) || Date.now() - started > budgetMs) break;
		position = page.next;
	}
	return { tickets, next };
}
