import { signedCall, webhookTrigger } from '../../harness/trigger';
import { emulatorCredentials, emulatorOverHttp } from '../../harness/emulator';

/** Defect 1 of issue 22 over real HTTP: the emulator resets the webhook's signing secret, as an admin would after a leak. */
const emu = emulatorOverHttp({ seed: { tickets: 1 } });
const credentials = () => emulatorCredentials(emu);
const realNow = Date.now.bind(Date);
let offsetMs = 0;

beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs));
afterEach(() => jest.restoreAllMocks());

let invocation = 0;
const signedWith = (secret: string, ticketId: number) =>
	signedCall(secret, { event: 'created', ticket: { id: String(ticketId), status: 'Open' } }, `inv-reset-${++invocation}`);

it('after a reset in Zendesk, the new secret is accepted without a restart and the old one refused', async () => {
	const engine = webhookTrigger({ events: ['created'] }, { credentials: credentials() });
	expect(await engine.hook('create')).toBe(true);
	const [webhook] = [...emu.state.webhooks.values()];
	const old = String(webhook._secret);
	expect(engine.staticData.secret).toBe(old);
	const reset = await fetch(`${emu.httpUrl}/api/v2/webhooks/${webhook.id}/signing_secret`, {
		method: 'POST',
		headers: { Authorization: emu.credentials.basicAuth },
	});
	expect(reset.status).toBe(201);
	const fresh = String(webhook._secret);
	expect(fresh).not.toBe(old);
	// More than a minute after activation's read (fake time: the node's clock only).
	offsetMs = 61_000;
	const [ticketId] = [...emu.state.tickets.keys()];
	const genuine = await engine.webhook(signedWith(fresh, ticketId));
	expect(genuine.result.workflowData?.[0][0].json).toMatchObject({ event: 'created', events: ['created'], ticket: { id: ticketId } });
	expect(engine.staticData.secret).toBe(fresh);
	const leaked = await engine.webhook(signedWith(old, ticketId));
	expect(leaked.result.workflowData).toBeUndefined();
	expect(leaked.response).toMatchObject({ statusCode: 401, body: 'Refused: forged' });
});
