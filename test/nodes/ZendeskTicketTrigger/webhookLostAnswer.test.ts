import { webhookTrigger } from '../../harness/trigger';
import { emulatorCredentials, emulatorOverHttp } from '../../harness/emulator';

/**
 * Defect 6 of issue 22 over real HTTP: the emulator creates the trigger, then
 * the connection is reset before its answer, as a lost answer from Zendesk.
 */
const emu = emulatorOverHttp({ seed: { tickets: 1 } });
const credentials = () => emulatorCredentials(emu);

describe('a trigger created whose answer was lost, against the emulator', () => {
	it('activation fails and leaves no trigger or webhook in Zendesk; the next activation creates exactly one set', async () => {
		emu.fault({ method: 'POST', path: '/api/v2/triggers', times: 1, kind: 'reset', after: true });
		const engine = webhookTrigger({ events: ['created', 'solved'] }, { credentials: credentials() });
		await expect(engine.hook('create')).rejects.toThrow(/Creating the Zendesk trigger/);
		expect([emu.state.webhooks.size, emu.state.triggers.size]).toEqual([0, 0]);
		expect(engine.staticData).toEqual({});
		expect(await engine.hook('checkExists')).toBe(false);
		expect(await engine.hook('create')).toBe(true);
		const [webhook] = [...emu.state.webhooks.values()];
		const triggers = [...emu.state.triggers.values()];
		expect(triggers.map((t) => [t.title, t.active, t.actions[0].value[0]])).toEqual([
			['n8n: test (wf-test) / Zendesk Ticket Trigger: created', true, webhook.id],
			['n8n: test (wf-test) / Zendesk Ticket Trigger: solved', true, webhook.id],
		]);
		expect(engine.staticData).toMatchObject({ webhookId: webhook.id, triggerIds: triggers.map((t) => String(t.id)) });
	});
});
