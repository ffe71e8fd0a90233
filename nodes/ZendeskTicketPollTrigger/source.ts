import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ZendeskClient } from '../../common/client';
import { currentUser } from '../../common/api/users';
import { NOT_ADMIN_MESSAGE } from '../../common/api/incrementalExport';
import type { TriggerSettings } from '../../common/triggers/settings';
import type { PollSource, PollState } from './helpers/pollState';
import { initialState } from './helpers/pollState';
import { nowSeconds } from './pollExport';

/*
 * Which source the trigger polls: Zendesk's incremental export, which only
 * admins may use, or the ticket list, which any agent may read. "Automatic"
 * picks by the credential's role on activation, and moves to the ticket list
 * when the export later answers 403.
 */

export type SourceChoice = 'auto' | PollSource;

export const sourceChoice = (ctx: IPollFunctions) => ctx.getNodeParameter('options.source', 'auto') as SourceChoice;

async function roleOf(api: ZendeskClient) {
	const user = await currentUser(api);
	const who = String(user.name ?? user.email ?? 'a user');
	return { admin: user.role === undefined || user.role === 'admin', who, role: String(user.role) };
}

async function sourceFor(ctx: IPollFunctions, api: ZendeskClient, choice: SourceChoice): Promise<PollSource> {
	if (choice === 'list') return 'list';
	const { admin, who, role } = await roleOf(api);
	if (admin) return 'export';
	if (choice === 'auto') return 'list';
	throw new NodeOperationError(ctx.getNode(), NOT_ADMIN_MESSAGE, {
		description: `The credential acts as ${who} (role: ${role}). Set Options → Source to "Ticket List (Any Agent)" or "Automatic", or connect the credential as a Zendesk admin.`,
	});
}

/** The first activation's state: from now, or from Backfill From; nothing is stored when it fails. */
export async function firstState(ctx: IPollFunctions, api: ZendeskClient, choice: SourceChoice) {
	const backfill = ctx.getNodeParameter('options.backfillFrom', '') as string;
	const from = backfill ? Math.floor(Date.parse(backfill) / 1000) : nowSeconds();
	if (!Number.isFinite(from)) throw new NodeOperationError(ctx.getNode(), `Backfill From is not a date: ${backfill}`);
	const source = await sourceFor(ctx, api, choice);
	return { state: { ...initialState(from), source } as PollState, fresh: true, backfill: Boolean(backfill) };
}

/**
 * The state moved to another source, from the newest change emitted: the list
 * reads back from it; the export goes on by time from it (Zendesk documents
 * the time-based export by `generated_timestamp`); `seen` drops what was emitted.
 */
export function switchedTo(state: PollState, source: PollSource): PollState {
	const rest = { ...state, source, cursor: undefined, byTime: undefined, startTime: undefined };
	return source === 'list' ? rest : { ...rest, byTime: true, startTime: state.highWater ?? state.since };
}

/** Comment Added reads the ticket event export, which is admins' only: on the ticket list it is refused by name. */
export function refuseCommentsWithoutExport(ctx: IPollFunctions, settings: TriggerSettings): void {
	if (!settings.events.includes('commentAdded')) return;
	throw new NodeOperationError(ctx.getNode(), 'Comment Added needs an admin: Zendesk lets only admins use the ticket event export', {
		description:
			"The trigger polls the ticket list because its credential is not an admin's. Remove Comment Added from Ticket Events (a comment still shows as Ticket Updated), or connect the credential as a Zendesk admin.",
	});
}
