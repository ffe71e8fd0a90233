import type { Emulator } from '../emulator';

/** The API-token credential of the emulator's admin, pointed at its HTTP listener (engine tests over real HTTP). */
export function emulatorApiToken(emu: Emulator) {
	return {
		zendeskTicketApi: {
			subdomain: 'acme',
			email: 'admin@acme.test',
			apiToken: 'emulator-api-token',
			baseUrlOverride: emu.httpUrl ?? emu.url,
		},
	};
}
