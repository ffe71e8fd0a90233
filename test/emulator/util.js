'use strict';
// Shared helpers: error type, JSON responses, ids and a monotonic clock.
const crypto = require('node:crypto');

/** An error that already knows the HTTP response Zendesk would send for it. */
class ApiError extends Error {
	/**
	 * @param {number} status
	 * @param {unknown} body JSON body, or a string for text/plain
	 * @param {Record<string,string>} [headers]
	 */
	constructor(status, body, headers) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.headers = headers || {};
	}
}

const notFound = () => new ApiError(404, { error: 'RecordNotFound', description: 'Not found' });
const badRequest = (error, description) => new ApiError(400, { error, description });
/** @param {Record<string, unknown[]>} details */
const recordInvalid = (details) => new ApiError(422, { error: 'RecordInvalid', description: 'Record validation errors', details });

/**
 * @typedef {{ status: number, json?: unknown, text?: string, raw?: Buffer, contentType?: string, headers?: Record<string,string> }} Reply
 */
/** @returns {Reply} */
const json = (status, body, headers) => ({ status, json: body, headers });

// Timestamps must strictly increase so every update changes updated_at, even
// several within one millisecond (safe_update depends on it).
let lastMs = 0;
function nowMs() {
	const n = Date.now();
	lastMs = n > lastMs ? n : lastMs + 1;
	return lastMs;
}
const stamp = () => new Date(nowMs()).toISOString();

const randomToken = (bytes = 18) => crypto.randomBytes(bytes).toString('base64url');
const hexId = () => crypto.randomBytes(16).toString('hex');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Key-order independent JSON, so idempotency compares meaning rather than formatting. */
function stableStringify(value) {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value === undefined ? null : value);
}

/** Comma-separated id list as Zendesk's `ids=` parameters take it. */
function parseIds(raw) {
	if (raw == null || raw === '') return [];
	return String(raw)
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

module.exports = {
	ApiError,
	notFound,
	badRequest,
	recordInvalid,
	json,
	nowMs,
	stamp,
	randomToken,
	hexId,
	sleep,
	stableStringify,
	parseIds,
	isPlainObject,
};
