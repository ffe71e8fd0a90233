'use strict';
/**
 * What the examples need from `npm run dev` beyond the Zendesk credentials (also used by the
 * browser test): tickets tagged `test-data` for example 04 to find and delete, and an OpenAI
 * credential pointed at the stand-in chat model (scripts/standInModel.js) for example 05.
 */
const TEST_DATA_TICKETS = ['Test ticket: load test 1', 'Test ticket: load test 2', 'Test ticket: load test 3'];

/** Creates the `test-data` tickets through the emulator's API when it has none; resolves with the number created. */
async function seedTestData(emulator) {
	const url = emulator.httpUrl || emulator.url;
	const has = [...emulator.state.tickets.values()].some((t) => (t.tags || []).includes('test-data'));
	if (has) return 0;
	for (const subject of TEST_DATA_TICKETS) {
		const res = await fetch(`${url}/api/v2/tickets.json`, {
			method: 'POST',
			headers: { Authorization: emulator.credentials.basicAuth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ ticket: { subject, comment: { body: 'Created by npm run dev for example 04.' }, tags: ['test-data'] } }),
		});
		if (!res.ok) throw new Error(`emulator: creating a test-data ticket answered ${res.status} ${await res.text()}`);
	}
	return TEST_DATA_TICKETS.length;
}

const STAND_IN_CREDENTIAL = { id: 'openAiExample', name: 'OpenAI stand-in (scripted, local; not an AI)' };

/** The OpenAI credential example 05 names (id openAiExample), pointed at the stand-in model. */
function standInCredential(modelUrl) {
	return {
		...STAND_IN_CREDENTIAL,
		type: 'openAiApi',
		data: { apiKey: 'stand-in-needs-no-key', url: modelUrl },
	};
}

module.exports = { seedTestData, standInCredential, STAND_IN_CREDENTIAL, TEST_DATA_TICKETS };
