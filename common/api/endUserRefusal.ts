import type { HttpFailure } from '../client';
import { zendeskSaid } from './refusalText';

/** Zendesk's refusals when the node acts as an end user, in words that say what to do. */
export function explainEndUserRefusal(endUser: string, failure: HttpFailure): { message: string; description: string } | undefined {
	const tail = zendeskSaid(failure);
	if (failure.status === 401) {
		return {
			message: `Zendesk did not accept acting as ${endUser}`,
			description: `The customer may be unknown or unverified, or the credential's token lacks the impersonate scope (reconnect it with the impersonate scope; only an admin's token can act for customers).${tail}`,
		};
	}
	if (failure.status === 403) {
		return {
			message: `${endUser} may not do this`,
			description: `An end user sees and changes only their own requests, and only end users can be acted for, not agents.${tail}`,
		};
	}
	if (failure.status === 404) {
		return { message: `not one of ${endUser}'s requests`, description: `Zendesk shows an end user only their own tickets.${tail}` };
	}
	return undefined;
}
