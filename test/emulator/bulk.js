'use strict';
// create_many / update_many / destroy_many: validated up front like Zendesk
// (400 for malformed or oversized requests), then done in a background job.
const { ApiError, badRequest, json, parseIds, isPlainObject } = require('./util');
const { jobJson } = require('./serialize');
const { enqueueJob } = require('./jobs');
const { applyTicketInput, commitTicket } = require('./ticketInput');
const { deleteTicket } = require('./tickets');

const MAX_BULK = 100;

function idsParam(ctx) {
	const ids = parseIds(ctx.query.get('ids'));
	if (ids.some(Number.isNaN)) throw badRequest('InvalidValue', 'ids must be a comma-separated list of ticket ids');
	if (ids.length > MAX_BULK) throw badRequest('InvalidValue', `Too many ids: at most ${MAX_BULK} are allowed`);
	return ids;
}

function jobReply(emu, job) {
	return json(200, { job_status: jobJson(emu, job) });
}

function createMany(emu, ctx) {
	const list = isPlainObject(ctx.body) ? ctx.body.tickets : undefined;
	if (!Array.isArray(list) || list.length === 0)
		throw badRequest('InvalidParameter', 'Request body must contain a non-empty "tickets" array');
	if (list.length > MAX_BULK) throw badRequest('InvalidValue', `Too many tickets: at most ${MAX_BULK} can be created at once`);
	const actor = ctx.user;
	const job = enqueueJob(emu, 'bulk_create_job', list.length, () =>
		list.map((input, index) => {
			const result = applyTicketInput(emu, actor, input, null);
			if (result.ok === false) return { index, error: 'RecordInvalid', details: result.details.text() };
			return { index, id: commitTicket(emu, actor, result, null).ticket.id };
		}),
	);
	return jobReply(emu, job);
}

function updateOne(emu, actor, id, input) {
	const existing = emu.state.tickets.get(id);
	if (!existing) return { id, error: 'RecordNotFound', details: 'Ticket not found', success: false };
	if (isPlainObject(input) && Object.prototype.hasOwnProperty.call(input, 'safe_update')) {
		if (!input.updated_stamp || Date.parse(String(input.updated_stamp)) !== Date.parse(existing.updated_at)) {
			return { id, error: 'UpdateConflict', details: 'Safe Update prevented the update due to outdated ticket data.', success: false };
		}
	}
	const result = applyTicketInput(emu, actor, input, existing);
	if (result.ok === false) return { id, error: 'RecordInvalid', details: result.details.text(), success: false };
	commitTicket(emu, actor, result, existing);
	return { id, action: 'update', status: 'Updated', success: true };
}

function updateMany(emu, ctx) {
	const body = isPlainObject(ctx.body) ? ctx.body : {};
	let work;
	if (ctx.query.has('ids')) {
		const ids = idsParam(ctx);
		if (!ids.length) throw badRequest('InvalidValue', 'ids must not be empty');
		if (!isPlainObject(body.ticket)) throw badRequest('InvalidParameter', 'With ids, the body must contain a "ticket" object');
		work = ids.map((id) => [id, body.ticket]);
	} else {
		if (!Array.isArray(body.tickets) || !body.tickets.length) {
			throw badRequest('InvalidParameter', 'Send ids= with a "ticket" object, or a "tickets" array of objects with ids');
		}
		if (body.tickets.length > MAX_BULK) throw badRequest('InvalidValue', `Too many tickets: at most ${MAX_BULK} can be updated at once`);
		if (body.tickets.some((t) => !isPlainObject(t) || !Number.isInteger(Number(t.id)))) {
			throw badRequest('InvalidParameter', 'Every ticket in "tickets" needs an id');
		}
		work = body.tickets.map((t) => {
			const { id, ...rest } = t;
			return [Number(id), rest];
		});
	}
	const actor = ctx.user;
	const job = enqueueJob(emu, 'bulk_update_job', work.length, () => work.map(([id, input]) => updateOne(emu, actor, id, input)));
	return jobReply(emu, job);
}

function destroyMany(emu, ctx) {
	const ids = idsParam(ctx);
	if (!ids.length) throw new ApiError(400, { error: 'InvalidValue', description: 'ids is required' });
	const job = enqueueJob(emu, 'bulk_delete_job', ids.length, () =>
		ids.map((id) =>
			deleteTicket(emu, ctx, id)
				? { id, action: 'delete', success: true }
				: { id, action: 'delete', error: 'RecordNotFound', details: 'Ticket not found', success: false },
		),
	);
	return jobReply(emu, job);
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	return [
		['POST', '/api/v2/tickets/create_many', (ctx) => createMany(emu, ctx)],
		['PUT', '/api/v2/tickets/update_many', (ctx) => updateMany(emu, ctx)],
		['DELETE', '/api/v2/tickets/destroy_many', (ctx) => destroyMany(emu, ctx)],
	];
}

module.exports = { routes };
