import type { IDataObject } from 'n8n-workflow';

import { listOf } from '../../../common/triggers/ticketEvents';
import type { TriggerComment } from '../../../common/ticket/triggerComment';
import { triggerComment } from '../../../common/ticket/triggerComment';

/*
 * What a call from the node's Zendesk trigger carries (see triggerRules.ts,
 * payloadTemplate), in the API's words. Pure.
 */

/** The ticket as the trigger's payload gives it: ids as numbers, tags as a list, values as the API spells them. */
export function ticketOf(body: IDataObject): IDataObject {
	const raw = (body.ticket as IDataObject | undefined) ?? {};
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(raw)) {
		if (key === 'tags') out.tags = listOf(String(value).replace(/\s+/g, ','));
		// Zendesk renders these as their titles ("Open", "On-hold"); filters and outputs use the API values.
		else if (key === 'status' || key === 'priority' || key === 'ticket_type')
			out[key] = String(value).toLowerCase().replace('on-hold', 'hold') || null;
		else if ((key === 'id' || key.endsWith('_id')) && typeof value === 'string')
			out[key] = value === '' ? null : /^\d+$/.test(value) ? Number(value) : value;
		else out[key] = value;
	}
	return out;
}

/**
 * The comment the call is about: the first element of the payload's `comment`
 * list (the template ends the list with null, so that a ticket without comments
 * still makes valid JSON). Zendesk renders every placeholder as text, so the
 * visibility is public only when it reads exactly "true".
 */
export function commentOf(body: IDataObject): TriggerComment | undefined {
	const list = Array.isArray(body.comment) ? (body.comment as unknown[]) : [];
	const raw = list[0];
	if (typeof raw !== 'object' || raw === null) return undefined;
	const comment = raw as IDataObject;
	const attachments = Array.isArray(comment.attachments) ? comment.attachments.filter((a) => a !== null) : [];
	const isPublic = comment.public === true || comment.public === 'true';
	return triggerComment({ ...comment, public: isPublic, attachments }, comment.author_name);
}
