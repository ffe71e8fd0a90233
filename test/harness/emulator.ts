import nock from 'nock';

import { createEmulator } from '../emulator';
import type { Emulator, EmulatorOptions } from '../emulator';

/**
 * The local Zendesk emulator on a free loopback port, started before the tests of the enclosing block
 * (the file at top level; `'each'`: before each test, for a fresh account) and closed after them.
 * Requests reach it over real HTTP, not nock, so resets and truncated bodies happen on the socket and
 * its store shows what Zendesk would have kept.
 *
 * The returned object stands for the emulator once it runs: it is created before the hooks are, so a
 * test reads `emu.state` without a `let` of its own; read before the start, it throws.
 */
export function emulatorOverHttp(options: EmulatorOptions = {}, per: 'all' | 'each' = 'all'): Emulator {
	let started: Emulator | undefined;
	(per === 'each' ? beforeEach : beforeAll)(async () => {
		nock.enableNetConnect('127.0.0.1');
		started = await createEmulator({ ...options, port: 0 });
	});
	(per === 'each' ? afterEach : afterAll)(async () => started?.close());
	return new Proxy({} as Emulator, {
		get(_target, key) {
			if (!started) throw new Error(`The emulator is read (${String(key)}) before its beforeAll started it`);
			return Reflect.get(started, key);
		},
	});
}

/** The node's API token credential, signed in as the emulator's admin with the Local Emulator URL pointing at it. */
export function emulatorCredentials(emu: Emulator) {
	const { email, apiToken } = emu.credentials;
	return { zendeskTicketApi: { subdomain: 'acme', email, apiToken, baseUrlOverride: emu.httpUrl } };
}
