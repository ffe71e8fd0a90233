import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isGiven } from '../input/ticketBody';
import { InputProblem } from '../../../common/helpers/validation';
import { validated } from './itemInput';

type Read = (ctx: IExecuteFunctions, i: number) => unknown;
interface Refusal {
	field: string;
	/** Whether the item sets it to something the Requests API cannot do. */
	refused: (value: unknown) => boolean;
	read: Read;
	problem: string;
}

const option =
	(collection: string, name: string): Read =>
	(ctx, i) =>
		(ctx.getNodeParameter(collection, i, {}) as IDataObject)[name];
const given = (value: unknown) => isGiven(value) && !(Array.isArray(value) && value.length === 0);
const ACT_AS_AGENT = 'remove it, or remove Act as End User to do this as the agent';
const NO_SUCH_OPTION = `the Requests API has no such option; ${ACT_AS_AGENT}`;

/** A comment an end user writes is their side of the conversation: public, and plain text. */
const internalNote = (read: Read, field: string): Refusal => ({
	field,
	read,
	refused: (value) => value === 'internal',
	problem:
		"an end user's comment is always a public reply that the customer's side sees, so an internal note cannot be written as them; set it to Public Reply, or remove Act as End User to add the note as the agent",
});
const html = (read: Read): Refusal => ({
	field: 'Comment Format',
	read,
	refused: (value) => value === 'html',
	problem: "an end user's comment is plain text; choose Plain Text, or remove Act as End User to post HTML as the agent",
});
const unsupported = (field: string, read: Read, refused = given): Refusal => ({ field, read, refused, problem: NO_SUCH_OPTION });

/**
 * What each operation's parameters can ask that Zendesk's Requests API cannot
 * do for an end user. Refused by name, and nothing sent, rather than left out
 * in silence (a note published as a reply, a download that never comes).
 */
const REFUSALS: Record<string, Refusal[]> = {
	create: [
		{
			field: 'Description Is Public',
			read: option('additionalFields', 'publicDescription'),
			refused: (value) => value === false,
			problem: "an end user's description is always public; turn it on, or remove Act as End User to open the ticket as the agent",
		},
	],
	update: [
		internalNote(option('updateFields', 'commentVisibility'), 'Comment Visibility'),
		html(option('updateFields', 'commentFormat')),
		// The Requests API takes no updated_stamp, so the check against someone else's change would not happen.
		unsupported('Safe Update', option('options', 'safeUpdate'), (value) => value === true),
	],
	addComment: [
		internalNote((ctx, i) => ctx.getNodeParameter('commentVisibility', i, 'internal'), 'Visibility'),
		html(option('options', 'commentFormat')),
	],
	get: [
		unsupported('Include Related Records', option('options', 'include')),
		unsupported('Download Attachments', option('options', 'downloadAttachments'), (value) => value === true),
	],
	getAll: [
		unsupported(
			'Tickets',
			(ctx, i) => ctx.getNodeParameter('listScope', i, 'all'),
			(value) => value !== 'all',
		),
		unsupported('External ID', option('options', 'externalId')),
		unsupported('Sort By', option('options', 'sortBy')),
		unsupported('Sort Order', option('options', 'sortOrder')),
	],
	search: [unsupported('Sort By', option('options', 'sortBy')), unsupported('Sort Order', option('options', 'sortOrder'))],
};

/** Refuses, for this item, any parameter the end user's path would otherwise drop. */
export function refuseWhatEndUsersCannotDo(ctx: IExecuteFunctions, operation: string, itemIndex: number): void {
	validated(ctx, itemIndex, () => {
		for (const { field, read, refused, problem } of REFUSALS[operation] ?? []) {
			if (refused(read(ctx, itemIndex))) throw new InputProblem(field, problem);
		}
	});
}
