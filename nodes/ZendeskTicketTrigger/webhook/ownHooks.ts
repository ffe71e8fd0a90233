import type { IDataObject } from 'n8n-workflow';

/*
 * What this workflow's trigger node created in Zendesk, by id, in the node's
 * static data: only these are ever checked, recreated or deleted.
 */

export interface OwnHooks {
	webhookId?: string;
	triggerIds?: string[];
	secret?: string;
	/** When the secret was last read from Zendesk (ms since 1970), read or attempted. */
	secretReadAt?: number;
	url?: string;
	/** Which of its triggers an admin deactivated in Zendesk, as a sentence for the output's `note`. */
	deactivated?: string;
	/** Keys (invocation IDs and signatures) of the calls already run, newest last. */
	recentIds?: string[];
}

export const ownHooks = (ctx: { getWorkflowStaticData(type: string): IDataObject }) => ctx.getWorkflowStaticData('node') as OwnHooks;
