import type { IDataObject } from 'n8n-workflow';

/*
 * Side conversations as a workflow or an AI agent reads them: what they are
 * about, with whom, open or closed, and the child ticket they created.
 */

/** A participant in a few words: "Name <email>", an email, a group or agent of a child ticket, a user. */
export function participantText(participant: unknown): string {
	const p = (participant ?? {}) as IDataObject;
	if (p.email) return p.name ? `${String(p.name)} <${String(p.email)}>` : String(p.email);
	if (p.support_group_id) return `group ${String(p.support_group_id)}${p.support_agent_id ? `, agent ${String(p.support_agent_id)}` : ''}`;
	if (p.name) return String(p.name);
	if (p.user_id) return `user ${String(p.user_id)}`;
	if (p.slack_channel_id) return `Slack channel ${String(p.slack_channel_id)}`;
	if (p.msteams_channel_id) return `Teams channel ${String(p.msteams_channel_id)}`;
	return '';
}

const participants = (list: unknown) => (Array.isArray(list) ? list.map(participantText).filter(Boolean) : []);

/** The child ticket a side conversation to a group created: Zendesk keeps its ID as `external_ids.targetTicketId`. */
function childTicketId(sideConversation: IDataObject): number | undefined {
	const target = (sideConversation.external_ids as IDataObject | undefined)?.targetTicketId;
	return target !== undefined && /^\d+$/.test(String(target)) ? Number(target) : undefined;
}

export function simplifySideConversation(sideConversation: IDataObject): IDataObject {
	const child = childTicketId(sideConversation);
	return {
		id: sideConversation.id,
		ticket_id: sideConversation.ticket_id,
		subject: sideConversation.subject,
		state: sideConversation.state,
		preview_text: sideConversation.preview_text,
		participants: participants(sideConversation.participants),
		...(child !== undefined ? { child_ticket_id: child } : {}),
		created_at: sideConversation.created_at,
		updated_at: sideConversation.updated_at,
		message_added_at: sideConversation.message_added_at,
	};
}

/** The messages of a side conversation, oldest first: its create and reply events (state changes carry no message). */
export function sideConversationMessages(events: IDataObject[], simplify: boolean): IDataObject[] {
	const withMessage = events.filter((e) => e.message && typeof e.message === 'object');
	if (!simplify) return withMessage;
	return withMessage.map((e) => {
		const message = e.message as IDataObject;
		return {
			id: e.id,
			type: e.type,
			created_at: e.created_at,
			from: participantText(message.from ?? e.actor),
			to: participants(message.to),
			subject: message.subject,
			body: message.body ?? message.preview_text,
		};
	});
}
