import type { ClientContext, ZendeskClient } from '../client';
import { nodePolicy, openClient } from '../client';

/** What a trigger's context (poll, hook, webhook) has besides what the client uses. */
export interface TriggerContext extends ClientContext {
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

/**
 * The client of one poll, one activation step or one webhook call, with the
 * credential the trigger's Authentication chose: each gets its own pacing and
 * rate-limit wait. Triggers have no Request Options, so the defaults hold.
 */
export function triggerClient(ctx: TriggerContext): ZendeskClient {
	return openClient(ctx, nodePolicy(ctx.getNodeParameter('authentication', 'oAuth2')));
}
