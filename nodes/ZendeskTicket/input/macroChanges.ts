import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../../../common/helpers/validation';

/*
 * A macro's actions → the changes of an Update Ticket request, as an agent
 * gets them in Zendesk's UI. A value that depends on the ticket or the user
 * (a {{placeholder}}, "current_user") is not guessed here: its ticket key is
 * taken from Zendesk's rendering of the macro for each ticket instead.
 */

export interface MacroPlan {
	/** The changes that are the same for every ticket. */
	changes: IDataObject;
	/** Ticket keys whose value Zendesk renders per ticket: comment, subject, assignee_id. */
	rendered: string[];
	/** Action fields this node cannot apply (e.g. side conversations), which refuse the macro. */
	unsupported: string[];
}

const SAME_KEY = new Set(['status', 'priority', 'type', 'subject']);
const ID_KEYS = new Set(['group_id', 'assignee_id', 'custom_status_id', 'ticket_form_id', 'brand_id']);
const TAG_KEYS: Record<string, string> = { set_tags: 'tags', current_tags: 'additional_tags', remove_tags: 'remove_tags' };
const COMMENT_FIELDS = new Set(['comment_value', 'comment_value_html', 'comment_mode_is_public']);

/** A comment action's text: a string, or a [channel, text] pair as Zendesk stores it. */
function textOf(value: unknown): string {
	if (Array.isArray(value)) return String(value[value.length - 1] ?? '');
	return typeof value === 'string' ? value : String(value ?? '');
}

function dependsOnTicket(field: string, value: unknown): boolean {
	return (field === 'assignee_id' && value === 'current_user') || /\{\{/.test(JSON.stringify(value ?? ''));
}

/** "true"/"false" or a bare boolean; a macro without the action posts a public reply, Zendesk's default. */
function isPublic(actions: IDataObject[]): boolean {
	const mode = actions.find((a) => a.field === 'comment_mode_is_public')?.value;
	return !(mode === false || String(mode).toLowerCase() === 'false');
}

function commentOf(actions: IDataObject[]): IDataObject | undefined {
	const html = actions.find((a) => a.field === 'comment_value_html');
	const text = actions.find((a) => a.field === 'comment_value');
	if (html) return { html_body: textOf(html.value), public: isPublic(actions) };
	if (text) return { body: textOf(text.value), public: isPublic(actions) };
	return undefined;
}

function idValue(value: unknown): number | null {
	return value === '' || value === null || value === undefined ? null : Number(value);
}

/** Sets one non-comment action on the changes; false when the node does not know the field. */
function setAction(changes: IDataObject, field: string, value: IDataObject[string]): boolean {
	if (SAME_KEY.has(field)) changes[field] = value;
	else if (ID_KEYS.has(field)) changes[field] = idValue(value);
	else if (TAG_KEYS[field]) changes[TAG_KEYS[field]] = textOf(value).split(/\s+/).filter(Boolean);
	else if (field.startsWith('custom_fields_')) {
		const custom = (changes.custom_fields as IDataObject[] | undefined) ?? [];
		changes.custom_fields = [...custom, { id: Number(field.slice('custom_fields_'.length)), value }];
	} else return false;
	return true;
}

export function macroPlan(actions: IDataObject[]): MacroPlan {
	const plan: MacroPlan = { changes: {}, rendered: [], unsupported: [] };
	for (const { field, value } of actions) {
		const name = String(field);
		if (COMMENT_FIELDS.has(name)) continue;
		if (dependsOnTicket(name, value) && (SAME_KEY.has(name) || ID_KEYS.has(name))) plan.rendered.push(name);
		else if (!setAction(plan.changes, name, value)) plan.unsupported.push(name);
	}
	const comment = commentOf(actions);
	if (comment && /\{\{/.test(JSON.stringify(comment))) plan.rendered.push('comment');
	else if (comment) plan.changes.comment = comment;
	return plan;
}

/** The rendered comment as Update Ticket takes it: its text and privacy, without read-only keys such as scoped_body. */
function renderedComment(rendered: IDataObject, html: boolean, fallbackPublic: boolean): IDataObject {
	const comment = (rendered.comment as IDataObject | undefined) ?? {};
	const text = html && typeof comment.html_body === 'string' ? { html_body: comment.html_body } : { body: String(comment.body ?? '') };
	return { ...text, public: typeof comment.public === 'boolean' ? comment.public : fallbackPublic };
}

/** The changes for one ticket: the shared ones, and the rendered keys from Zendesk's rendering for that ticket. */
export function changesFor(plan: MacroPlan, actions: IDataObject[], rendered: IDataObject): IDataObject {
	const changes: IDataObject = { ...plan.changes };
	// A key Zendesk's rendering leaves out is not sent: null would clear the field.
	for (const key of plan.rendered) {
		if (key !== 'comment' && rendered[key] !== undefined) changes[key] = rendered[key];
	}
	if (plan.rendered.includes('comment')) {
		const html = actions.some((a) => a.field === 'comment_value_html');
		changes.comment = renderedComment(rendered, html, isPublic(actions));
	}
	return changes;
}

/** Whether applying the macro adds a comment. */
export function macroAddsComment(plan: MacroPlan): boolean {
	return plan.changes.comment !== undefined || plan.rendered.includes('comment');
}

/** Update's own fields beside a macro: one comment at most, and attachments need one of the two. */
export function checkBesideMacro(plan: MacroPlan, own: IDataObject, attachments: boolean): void {
	if (own.comment && macroAddsComment(plan)) {
		throw new InputProblem('Comment', 'the macro adds a comment too: leave Comment empty, or pick a macro without a comment');
	}
	if (attachments && !own.comment && !macroAddsComment(plan)) throw new InputProblem('Attachments', 'need a Comment to be attached to');
}

/** The macro's changes with the item's own over them; tags to add or remove add up. */
export function underMacro(macro: IDataObject, own: IDataObject): IDataObject {
	const merged: IDataObject = { ...macro, ...own };
	for (const key of ['additional_tags', 'remove_tags']) {
		if (Array.isArray(macro[key]) && Array.isArray(own[key]))
			merged[key] = [...new Set([...(macro[key] as string[]), ...(own[key] as string[])])];
	}
	return merged;
}

/**
 * A new ticket with a macro's changes under its own fields, the macro recorded
 * in its audit (macro_ids). A new ticket's first comment is its Description and
 * placeholders need the ticket, so a macro that adds a comment or renders
 * anything is refused: it is applied once the ticket exists.
 */
export function newTicketWithMacro(plan: MacroPlan, macroId: number, own: IDataObject): IDataObject {
	if (macroAddsComment(plan) || plan.rendered.length) {
		throw new InputProblem(
			'Macro',
			"adds a comment or placeholders, which need an existing ticket (a new ticket's first comment is its Description): create the ticket, then use Apply Macro",
		);
	}
	const { additional_tags: add, remove_tags: remove, ...changes } = plan.changes;
	const removed = new Set((remove as string[] | undefined) ?? []);
	const tags = [
		...((changes.tags as string[] | undefined) ?? []),
		...((add as string[] | undefined) ?? []),
		...((own.tags as string[] | undefined) ?? []),
	];
	const ticket: IDataObject = { ...changes, ...own, macro_ids: [macroId] };
	if (tags.length) ticket.tags = [...new Set(tags)].filter((t) => !removed.has(t));
	return ticket;
}
