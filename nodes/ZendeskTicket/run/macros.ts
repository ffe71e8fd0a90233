import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { showMacro, ticketAfterMacro } from '../../../common/api/macros';
import { positiveId } from '../../../common/helpers/validation';
import type { MacroPlan } from '../input/macroChanges';
import { changesFor, macroPlan } from '../input/macroChanges';

export const MACRO_FIELD = 'Macro';

/** The item's macro ID, for use inside `validated`. */
export function macroIdOf(ctx: IExecuteFunctions, itemIndex: number): number {
	return positiveId(MACRO_FIELD, ctx.getNodeParameter('macroId', itemIndex, undefined, { extractValue: true }));
}

export interface ReadMacro {
	id: number;
	title: string;
	actions: IDataObject[];
	plan: MacroPlan;
}

/** Why a macro cannot be applied as it is, or nothing. */
function refusal(macro: ReadMacro, active: unknown): { message: string; description: string } | undefined {
	const name = `Macro ${macro.id} ("${macro.title}")`;
	if (active === false) {
		return {
			message: `${name} is inactive`,
			description: 'Activate it in Zendesk (Admin Center → Workspaces → Macros), or pick an active macro.',
		};
	}
	if (macro.plan.unsupported.length) {
		return {
			message: `${name} has actions this node cannot apply: ${macro.plan.unsupported.join(', ')}`,
			description:
				'Zendesk applies these (e.g. side conversations) only in its agent interface: apply this macro there, or use a macro without them.',
		};
	}
	if (!macro.plan.rendered.length && !Object.keys(macro.plan.changes).length) {
		return { message: `${name} changes nothing`, description: 'Add actions to the macro in Zendesk, or pick another macro.' };
	}
	return undefined;
}

/** Each macro of a run read once (the items that share it share the read, and its failure). */
export class MacroBook {
	private readonly read = new Map<number, Promise<ReadMacro>>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly client: ZendeskClient,
	) {}

	async get(macroId: number, itemIndex: number): Promise<ReadMacro> {
		if (!this.read.has(macroId)) this.read.set(macroId, this.load(macroId, itemIndex));
		return await this.read.get(macroId)!;
	}

	private async load(id: number, itemIndex: number): Promise<ReadMacro> {
		const macro = await showMacro(this.client, id, itemIndex);
		const actions = ((macro.actions as IDataObject[] | undefined) ?? []).filter((a) => typeof a === 'object' && a !== null);
		const read = { id, title: String(macro.title ?? ''), actions, plan: macroPlan(actions) };
		const refused = refusal(read, macro.active);
		if (refused)
			throw new NodeOperationError(this.ctx.getNode(), refused.message, {
				itemIndex,
				description: `${refused.description} Nothing was changed.`,
			});
		return read;
	}
}

/** One ticket's changes: the macro's own, and what Zendesk renders for this ticket when the macro needs it (one GET). */
export async function macroChanges(client: ZendeskClient, macro: ReadMacro, ticketId: number, itemIndex: number): Promise<IDataObject> {
	if (!macro.plan.rendered.length) return { ...macro.plan.changes };
	const rendered = await ticketAfterMacro(client, ticketId, macro.id, itemIndex);
	return changesFor(macro.plan, macro.actions, rendered);
}
