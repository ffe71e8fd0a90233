'use strict';
/**
 * The ports `npm run dev` uses: n8n on 5678 and the Zendesk emulator on 4010 unless they are
 * taken (an n8n of your own already on 5678, say), then the next free ones. N8N_DEV_PORT and
 * ZD_EMULATOR_PORT ask for a port; one asked for is used as it is, or dev stops and says why.
 */
const net = require('node:net');

/**
 * Whether a port can be listened on. n8n listens on every interface ('::', which takes IPv4 too),
 * the emulator on 127.0.0.1; a port held on either address refuses both here (Linux, macOS).
 */
function isFree(port, host) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', (error) => {
			// A machine without IPv6: n8n then listens on IPv4's every interface.
			if (host === '::' && error.code === 'EAFNOSUPPORT') resolve(isFree(port, '0.0.0.0'));
			else resolve(false);
		});
		srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
	});
}

/** The first free port from `from` on (at most `tries` ports), skipping `avoid`; with the busy ones passed over. */
async function firstFree(from, { host, avoid = [], tries = 50 } = {}) {
	const busy = [];
	for (let port = from; port < from + tries && port <= 65535; port++) {
		if (avoid.includes(port)) continue;
		if (await isFree(port, host)) return { port, busy };
		busy.push(port);
	}
	throw new Error(`no free port from ${from} to ${from + tries - 1} on ${host}`);
}

function asked(env, name) {
	if (env[name] === undefined || env[name] === '') return undefined;
	const port = Number(env[name]);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${env[name]} is not a port (1-65535)`);
	return port;
}

/**
 * { n8n, emulator, notes }: the two ports, and one sentence for each that is not the default.
 * `emulator: false` (dev --real) leaves the emulator out. `defaults` and `hosts` are for tests.
 */
async function choosePorts({
	env = process.env,
	emulator = true,
	defaults = { n8n: 5678, emulator: 4010 },
	hosts = { n8n: '::', emulator: '127.0.0.1' },
} = {}) {
	const notes = [];
	const pick = async (what, name, from, host, avoid) => {
		const want = asked(env, name);
		if (want !== undefined) {
			if (avoid.includes(want) || !(await isFree(want, host)))
				throw new Error(
					`${name}=${want} asks for port ${want} for ${what}, but it is in use: free it, or leave ${name} unset to take the next free port`,
				);
			return want;
		}
		const { port, busy } = await firstFree(from, { host, avoid });
		if (busy.length)
			notes.push(
				`Port ${busy.join(', ')} ${busy.length > 1 ? 'are' : 'is'} in use: ${what} gets ${port} instead (set ${name} to choose one).`,
			);
		return port;
	};
	const emulatorPort = emulator ? await pick('the Zendesk emulator', 'ZD_EMULATOR_PORT', defaults.emulator, hosts.emulator, []) : undefined;
	const n8nPort = await pick('n8n', 'N8N_DEV_PORT', defaults.n8n, hosts.n8n, emulatorPort ? [emulatorPort] : []);
	return { n8n: n8nPort, emulator: emulatorPort, notes };
}

module.exports = { choosePorts, firstFree, isFree };
