'use strict';
// Background jobs behind the bulk endpoints. Work runs when the job completes,
// not when it is queued, so clients that skip polling see stale data just as
// they would against Zendesk.
const { ApiError, hexId, stamp, notFound, badRequest, json } = require('./util');
const { jobJson } = require('./serialize');

const ACTIVE = new Set(['queued', 'working']);

/** Thrown by a job's work to end it as Zendesk ends a job it could not do: status failed, with this message. */
class JobFailure extends Error {}

/**
 * @param {any} emu
 * @param {string} jobType
 * @param {number} total
 * @param {() => Array<Record<string, unknown>>} run performs the work and returns per-item results
 */
function enqueueJob(emu, jobType, total, run) {
	const active = [...emu.state.jobStatuses.values()].filter((j) => ACTIVE.has(j.status)).length;
	if (active >= emu.options.maxConcurrentJobs) {
		throw new ApiError(
			429,
			{
				error: 'TooManyJobs',
				description: `Number of queued or running jobs (${active}) exceeds the limit of ${emu.options.maxConcurrentJobs}. Try again later.`,
			},
			{ 'Retry-After': '5' },
		);
	}
	const job = {
		id: hexId(),
		job_type: jobType,
		total,
		progress: null,
		status: 'queued',
		message: null,
		results: null,
		_run: run,
		_timers: [],
	};
	emu.state.jobStatuses.set(job.id, job);
	const delay = emu.options.jobDelayMs;
	const later = (ms, fn) => {
		const timer = setTimeout(fn, ms);
		timer.unref?.();
		job._timers.push(timer);
	};
	later(Math.floor(delay / 2), () => {
		if (job.status !== 'queued') return;
		job.status = 'working';
		job.progress = Math.floor(total / 2);
	});
	later(delay, () => finishJob(emu, job));
	return job;
}

function finishJob(emu, job) {
	if (!ACTIVE.has(job.status)) return;
	for (const t of job._timers) clearTimeout(t);
	job._timers = [];
	if (emu.options.failJobs) {
		job.status = 'failed';
		job.message = 'Failed: the job could not be completed';
		job.results = [];
	} else {
		let results;
		try {
			results = job._run();
		} catch (error) {
			// The work found a rule broken (e.g. a merge of a closed ticket): Zendesk reports it as a failed job.
			if (!(error instanceof JobFailure)) throw error;
			job.status = 'failed';
			job.message = error.message;
			job.results = [];
			job._run = null;
			return;
		}
		job.results = results;
		job.status = 'completed';
		job.progress = job.total;
		job.message = `Completed at ${stamp()
			.replace('T', ' ')
			.replace(/\.\d+Z$/, ' +0000')}`;
	}
	job._run = null;
}

/** Completes every queued or running job now. */
function flushJobs(emu) {
	for (const job of emu.state.jobStatuses.values()) finishJob(emu, job);
}

function cancelTimers(emu) {
	for (const job of emu.state.jobStatuses.values()) for (const t of job._timers) clearTimeout(t);
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	const show = (ctx) => {
		const job = emu.state.jobStatuses.get(ctx.params.id);
		if (!job) throw notFound();
		return json(200, { job_status: jobJson(emu, job) });
	};
	const showMany = (ctx) => {
		const ids = String(ctx.query.get('ids') || '')
			.split(',')
			.filter(Boolean);
		if (!ids.length) throw badRequest('InvalidValue', 'ids is required');
		if (ids.length > 100) throw badRequest('InvalidValue', 'At most 100 ids may be requested');
		const found = ids.map((id) => emu.state.jobStatuses.get(id)).filter(Boolean);
		return json(200, { job_statuses: found.map((j) => jobJson(emu, j)) });
	};
	const list = () => {
		const all = [...emu.state.jobStatuses.values()].reverse().slice(0, 100);
		return json(200, { job_statuses: all.map((j) => jobJson(emu, j)), next_page: null, previous_page: null, count: all.length });
	};
	return [
		['GET', '/api/v2/job_statuses', list],
		['GET', '/api/v2/job_statuses/show_many', showMany],
		['GET', '/api/v2/job_statuses/:id', show],
	];
}

module.exports = { JobFailure, enqueueJob, flushJobs, cancelTimers, routes };
