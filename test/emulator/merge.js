'use strict';
// Merging tickets (MergeTicketsIntoTargetTicket). The request only queues a job,
// as on Zendesk; the job checks the merge rules and then merges every source,
// or fails with a message and changes nothing. End users get auth.js's 403.
const { badRequest, notFound, json, isPlainObject } = require('./util');
const { jobJson } = require('./serialize');
const { JobFailure, enqueueJob } = require('./jobs');
const { applyTicketInput, commitTicket } = require('./ticketInput');

/** The request's parameters; only `ids` is required. */
function mergeInput(body) {
	if (!isPlainObject(body) || !Array.isArray(body.ids) || body.ids.length === 0) {
		throw badRequest('InvalidParameter', 'ids is required: the IDs of the tickets to merge into the target');
	}
	if (!body.ids.every((id) => Number.isInteger(id) && id > 0)) throw badRequest('InvalidParameter', 'ids must be ticket IDs');
	for (const key of ['target_comment', 'source_comment']) {
		if (body[key] != null && typeof body[key] !== 'string') throw badRequest('InvalidParameter', `${key} must be a string`);
	}
	return body;
}

/** Zendesk's merge rules (Help Center, "Merging tickets"); the first one broken, or nothing. */
function ruleBroken(emu, target, sources) {
	if (target.status === 'closed') return `Ticket #${target.id} is closed: closed tickets can't be updated`;
	for (const { id, t } of sources) {
		if (id === target.id) return `Ticket #${id} can't be merged into itself`;
		if (!t) return `Ticket #${id} was not found`;
		if (t.status === 'solved' || t.status === 'closed') return `Ticket #${id} is ${t.status}: only tickets below Solved can be merged`;
		if (!emu.options.ccsEnabled && t.requester_id !== target.requester_id) {
			return `Ticket #${id} has another requester: with CCs turned off, only tickets of the same requester can be merged`;
		}
	}
	return undefined;
}

/** One write through the ticket rules, with its audit. */
function write(emu, actor, ticket, input) {
	const result = applyTicketInput(emu, actor, input, ticket);
	if (result.ok === false) throw new JobFailure(`Ticket #${ticket.id} could not be updated`);
	commitTicket(emu, actor, result, ticket);
}

function comment(body, isPublic) {
	return body ? { comment: { body, public: isPublic } } : {};
}

/** The job's work: sources closed with their comment, the target with its comment and the other requesters as CCs. */
function merge(emu, actor, targetId, input) {
	const target = emu.state.tickets.get(targetId);
	if (!target) throw new JobFailure(`Ticket #${targetId} was not found`);
	const sources = input.ids.map((id) => ({ id, t: emu.state.tickets.get(id) }));
	const broken = ruleBroken(emu, target, sources);
	if (broken) throw new JobFailure(broken);
	// Comments are private unless asked, and stay private when any of the tickets is.
	const mayBePublic = [target, ...sources.map((s) => s.t)].every((t) => t.is_public !== false);
	const isPublic = (asked) => asked === true && mayBePublic;
	for (const { t } of sources) {
		write(emu, actor, t, {
			status: 'closed',
			additional_tags: ['closed_by_merge'],
			...comment(input.source_comment, isPublic(input.source_comment_is_public)),
		});
	}
	const others = [...new Set(sources.map((s) => s.t.requester_id).filter((id) => id !== target.requester_id))];
	write(emu, actor, emu.state.tickets.get(targetId), {
		...comment(input.target_comment, isPublic(input.target_comment_is_public)),
		...(others.length ? { email_ccs: others.map((id) => ({ user_id: id, action: 'put' })) } : {}),
	});
	return sources.map(({ id }) => ({ id, action: 'merge', success: true }));
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	return [
		[
			'POST',
			'/api/v2/tickets/:id/merge',
			(ctx) => {
				const targetId = Number(ctx.params.id);
				if (!emu.state.tickets.has(targetId)) throw notFound();
				const input = mergeInput(ctx.body);
				const actor = ctx.user;
				const job = enqueueJob(emu, 'TicketMergeJob', input.ids.length, () => merge(emu, actor, targetId, input));
				return json(200, { job_status: jobJson(emu, job) });
			},
		],
	];
}

module.exports = { routes };
