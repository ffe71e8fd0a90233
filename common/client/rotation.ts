import { sleep } from 'n8n-workflow';

import { refreshTokenOf } from '../authentication';
import type { ClientContext, ZendeskConnection } from './connection';
import type { Session } from './session';

/** How long to wait for another process to store the token it refreshed, and how often to look. */
const ROTATION_WAIT_MS = 5_000;
const ROTATION_POLL_MS = 250;

/**
 * Whether a 401 answer is worth asking once more in the mode in which n8n refreshes an OAuth2
 * token: n8n refreshes only on a 401 it throws, while the node first asks for error answers as
 * answers (n8n 1.x's errors lose the body, and it ignores every status once asked to ignore any).
 * The 401 means Zendesk did nothing, so the repeat cannot do anything twice.
 */
export function refreshMayHelp(status: number | undefined, connection: ZendeskConnection): boolean {
	return status === 401 && connection.credential.refreshesOn401;
}

/**
 * Zendesk rotates the refresh token on every refresh and revokes the old one
 * at once. When two processes refresh one shared credential together (n8n
 * 1.x does not serialise refreshes across queue-mode workers), the loser
 * presents a spent token and Zendesk answers invalid_grant. n8n reports that
 * as a refused refresh: the OAuth error's name, its standard sentence, or
 * (n8n 2.x) a credential that "needs to be reconnected".
 */
export function isRefusedRefresh(error: unknown): boolean {
	for (let current = error as Record<string, unknown> | undefined, depth = 0; current && depth < 5; depth++) {
		const body = current.body as Record<string, unknown> | undefined;
		const data = (current.response as Record<string, unknown> | undefined)?.data as Record<string, unknown> | undefined;
		if (body?.error === 'invalid_grant' || data?.error === 'invalid_grant' || current.code === 'EAUTH' || current.httpCode === 'EAUTH')
			return true;
		// n8n 2.x: "The credential … needs to be reconnected", marked credential-invalid.
		if ((current.failure as Record<string, unknown> | undefined)?.cause === 'credential-invalid') return true;
		if (/invalid_grant|refresh token is invalid, expired, revoked|needs to be reconnected/i.test(String(current.message ?? '')))
			return true;
		current = current.cause as Record<string, unknown> | undefined;
	}
	return false;
}

/**
 * Waits until the stored credential holds another refresh token than the one
 * this run started with: the process that won the refresh has stored its
 * result. Then the request may be sent once more with the new access token;
 * it never reached Zendesk's API before (the 401 stopped it), so repeating
 * it cannot do anything twice. A run waits at most once in vain: the refresh
 * token is then spent for good, and every later item would wait as long for nothing.
 */
export async function rotatedElsewhere(ctx: ClientContext, session: Session): Promise<boolean> {
	session.rotationWait ??= storedElsewhere(ctx, session);
	const rotated = await session.rotationWait;
	// A later refusal, after the token that was stored, is a new rotation to wait for.
	if (rotated) session.rotationWait = undefined;
	return rotated;
}

async function storedElsewhere(ctx: ClientContext, session: Session): Promise<boolean> {
	const started = session.connection.refreshToken;
	if (started === undefined) return false;
	for (let waited = 0; waited <= ROTATION_WAIT_MS; waited += ROTATION_POLL_MS) {
		try {
			const stored = refreshTokenOf(await ctx.getCredentials(session.connection.credential.type));
			if (stored !== undefined && stored !== started) return true;
		} catch {
			return false;
		}
		await sleep(ROTATION_POLL_MS);
	}
	return false;
}
