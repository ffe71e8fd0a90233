'use strict';
// Optional persistence of the emulator's account data to a JSON file, so that a
// dev setup keeps its tickets (and issued OAuth tokens) across restarts.
// The state is an object graph with Maps, Sets, Buffers and shared records
// (one OAuth grant sits in both the access and the refresh token maps), so it
// is written with references, and read back with the same sharing.
const fs = require('node:fs');
const path = require('node:path');

const FORMAT = 'zendesk-emulator-state/1';
/** Not persisted: jobs in flight (their timers die with the process). */
const SKIPPED = new Set(['jobStatuses']);

function encode(root) {
	const ids = new Map();
	const walk = (v) => {
		if (v === null || typeof v !== 'object') return v;
		if (Buffer.isBuffer(v)) return { $buf: v.toString('base64') };
		if (ids.has(v)) return { $ref: ids.get(v) };
		const $id = ids.size;
		ids.set(v, $id);
		if (v instanceof Map) return { $id, $map: [...v].map(([k, x]) => [walk(k), walk(x)]) };
		if (v instanceof Set) return { $id, $set: [...v].map(walk) };
		if (Array.isArray(v)) return { $id, $arr: v.map(walk) };
		const $obj = {};
		for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function') $obj[k] = walk(x);
		return { $id, $obj };
	};
	return walk(root);
}

function decode(root) {
	const byId = new Map();
	const walk = (v) => {
		if (v === null || typeof v !== 'object') return v;
		if ('$buf' in v) return Buffer.from(v.$buf, 'base64');
		if ('$ref' in v) {
			if (!byId.has(v.$ref)) throw new Error(`emulator data file: dangling reference ${v.$ref}`);
			return byId.get(v.$ref);
		}
		if ('$map' in v) {
			const m = new Map();
			byId.set(v.$id, m);
			for (const [k, x] of v.$map) m.set(walk(k), walk(x));
			return m;
		}
		if ('$set' in v) {
			const s = new Set();
			byId.set(v.$id, s);
			for (const x of v.$set) s.add(walk(x));
			return s;
		}
		if ('$arr' in v) {
			const a = [];
			byId.set(v.$id, a);
			for (const x of v.$arr) a.push(walk(x));
			return a;
		}
		const o = {};
		byId.set(v.$id, o);
		for (const [k, x] of Object.entries(v.$obj)) o[k] = walk(x);
		return o;
	};
	return walk(root);
}

/** Writes the state atomically (temp file + rename). */
function saveState(state, file) {
	const data = {};
	for (const [k, v] of Object.entries(state)) if (!SKIPPED.has(k)) data[k] = v;
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, savedAt: new Date().toISOString(), state: encode(data) }));
	fs.renameSync(tmp, file);
}

/** Copies the saved account data into `state` (a fresh createState()); false when there is no file. */
function loadState(state, file) {
	if (!fs.existsSync(file)) return false;
	const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (parsed.format !== FORMAT) throw new Error(`${file}: not an emulator data file (${parsed.format}); delete it to start over`);
	const data = decode(parsed.state);
	for (const [k, v] of Object.entries(data)) if (k in state && !SKIPPED.has(k)) state[k] = v;
	return true;
}

module.exports = { saveState, loadState, encode, decode, FORMAT };
