import type { Emulator } from '../emulator';

/** The API token credential of the emulator's seeded admin, pointed at the emulator over plain HTTP. */
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
