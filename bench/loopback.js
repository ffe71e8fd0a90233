'use strict';
// Loaded first in every benchmark worker process (and only there): makes
// *.zendesk.com resolve to 127.0.0.1, where the emulator's HTTPS listener
// answers, and refuses every other name, so nothing can leave the machine.
// TLS verification stays on: the worker trusts the bench's throwaway
// certificate through NODE_EXTRA_CA_CERTS, set by run.js.
const dns = require('node:dns');
const net = require('node:net');
const tls = require('node:tls');

const ZENDESK = /(^|\.)zendesk\.com\.?$/i;
const LOOPBACK = '127.0.0.1';

function refused(hostname) {
	const error = new Error(`bench: refusing to resolve ${hostname}; only *.zendesk.com (→ ${LOOPBACK}) and localhost are allowed`);
	error.code = 'ENOTFOUND';
	error.hostname = hostname;
	return error;
}

function normalize(options) {
	if (typeof options === 'number') return { family: options };
	return options && typeof options === 'object' ? options : {};
}

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
	if (typeof options === 'function') {
		callback = options;
		options = {};
	}
	const opts = normalize(options);
	const host = String(hostname ?? '');
	if (ZENDESK.test(host)) {
		process.nextTick(() => (opts.all ? callback(null, [{ address: LOOPBACK, family: 4 }]) : callback(null, LOOPBACK, 4)));
		return {};
	}
	if (host === 'localhost' || net.isIP(host)) return originalLookup.call(this, hostname, options, callback);
	process.nextTick(() => callback(refused(host)));
	return {};
};

const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
	const opts = normalize(options);
	const host = String(hostname ?? '');
	if (ZENDESK.test(host)) return opts.all ? [{ address: LOOPBACK, family: 4 }] : { address: LOOPBACK, family: 4 };
	if (host === 'localhost' || net.isIP(host)) return await originalPromiseLookup.call(this, hostname, options);
	throw refused(host);
};

// Port 443 is the default; when it could not be bound, run.js passes the
// listener's port and https connections to *.zendesk.com:443 go there instead.
const port = Number(process.env.BENCH_TLS_PORT || 443);
if (port !== 443) {
	const originalConnect = tls.connect;
	tls.connect = function connect(...args) {
		const options = args[0];
		if (
			options &&
			typeof options === 'object' &&
			ZENDESK.test(String(options.servername || options.host || '')) &&
			Number(options.port || 443) === 443
		) {
			args[0] = { ...options, port };
		}
		return originalConnect.apply(this, args);
	};
}
