import { createServer, type Server } from 'node:net';

const { choosePorts, isFree } = require('../../scripts/devPorts.js') as {
	choosePorts: (options: {
		env?: Record<string, string | undefined>;
		emulator?: boolean;
		defaults?: { n8n: number; emulator: number };
	}) => Promise<{ n8n: number; emulator?: number; notes: string[] }>;
	isFree: (port: number, host: string) => Promise<boolean>;
};

/**
 * `npm run dev`'s ports (scripts/devPorts.js) with the defaults taken, as when an n8n of your own
 * already runs on 5678. The real 5678 and 4010 may be in use on this machine, so each test takes
 * a block of free ports and treats its first ports as n8n's and the emulator's defaults.
 */
const held: Server[] = [];
afterEach(async () => {
	await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function hold(port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen({ port, host, exclusive: true }, () => {
			held.push(srv);
			resolve();
		});
	});
}

/** The first port of `count` consecutive free ones (both on 127.0.0.1 and on every interface). */
async function freeBlock(count: number): Promise<number> {
	for (let base = 20000 + (process.pid % 500) * 40; base < 60000; base += count + 3) {
		let ok = true;
		for (let p = base; p < base + count && ok; p++) ok = (await isFree(p, '::')) && (await isFree(p, '127.0.0.1'));
		if (ok) return base;
	}
	throw new Error(`no block of ${count} free ports`);
}

describe('dev ports', () => {
	it('takes the defaults when they are free, and says nothing', async () => {
		const base = await freeBlock(4);
		const ports = await choosePorts({ env: {}, defaults: { n8n: base, emulator: base + 2 } });
		expect(ports).toEqual({ n8n: base, emulator: base + 2, notes: [] });
	});

	it("with both defaults taken (n8n's on every interface, the emulator's on loopback), takes the next free ones and says which", async () => {
		const base = await freeBlock(6);
		const n8n = base; // base + 1 is taken too (as by that n8n's task broker)
		const emulator = base + 3;
		await hold(n8n, '::');
		await hold(n8n + 1, '127.0.0.1');
		await hold(emulator, '127.0.0.1');
		const ports = await choosePorts({ env: {}, defaults: { n8n, emulator } });
		expect(ports).toEqual({
			n8n: base + 2,
			emulator: base + 4,
			notes: [
				`Port ${emulator} is in use: the Zendesk emulator gets ${base + 4} instead (set ZD_EMULATOR_PORT to choose one).`,
				`Port ${n8n}, ${n8n + 1} are in use: n8n gets ${base + 2} instead (set N8N_DEV_PORT to choose one).`,
			],
		});
	});

	it('never gives n8n the port the emulator got', async () => {
		const base = await freeBlock(3);
		await hold(base, '127.0.0.1');
		const ports = await choosePorts({ env: {}, defaults: { n8n: base + 1, emulator: base } });
		expect([ports.emulator, ports.n8n]).toEqual([base + 1, base + 2]);
	});

	it('uses N8N_DEV_PORT and ZD_EMULATOR_PORT as they are, and stops with a sentence when one is taken', async () => {
		const base = await freeBlock(3);
		const env = { N8N_DEV_PORT: String(base), ZD_EMULATOR_PORT: String(base + 1) };
		expect(await choosePorts({ env, defaults: { n8n: 1, emulator: 2 } })).toEqual({ n8n: base, emulator: base + 1, notes: [] });
		await hold(base, '127.0.0.1');
		await expect(choosePorts({ env, defaults: { n8n: 1, emulator: 2 } })).rejects.toThrow(
			`N8N_DEV_PORT=${base} asks for port ${base} for n8n, but it is in use: free it, or leave N8N_DEV_PORT unset to take the next free port`,
		);
		await expect(choosePorts({ env: { N8N_DEV_PORT: 'abc' } })).rejects.toThrow('N8N_DEV_PORT=abc is not a port (1-65535)');
	});

	it('dev --real leaves the emulator out', async () => {
		const base = await freeBlock(2);
		expect(await choosePorts({ env: {}, emulator: false, defaults: { n8n: base, emulator: base + 1 } })).toEqual({
			n8n: base,
			emulator: undefined,
			notes: [],
		});
	});
});
