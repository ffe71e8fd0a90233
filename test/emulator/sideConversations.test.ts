// The emulator's side conversations (test/emulator/sideConversations.js): Zendesk's paths, answers and refusals.
import nock from 'nock';

import { createEmulator, type Emulator } from './index';

type Json = any;

beforeAll(() => nock.enableNetConnect('127.0.0.1'));

let emu: Emulator;
beforeEach(async () => {
	emu = await createEmulator({ port: 0, seed: { tickets: 3 } });
});
afterEach(async () => await emu.close());

async function call(method: string, path: string, body?: unknown) {
	const headers: Record<string, string> = { Accept: 'application/json', Authorization: emu.credentials.basicAuth };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${emu.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Json };
}

const base = '/api/v2/tickets/1/side_conversations';
const email = { subject: 'Stock', body: 'Do you have it?', to: [{ email: 'supplier@example.com' }] };

describe('side conversations', () => {
	it('starts one by email (201 with its create event), lists it, replies, closes and reopens it', async () => {
		const created = await call('POST', base, { message: email });
		expect(created.status).toBe(201);
		const { id } = created.json.side_conversation;
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		expect(created.json).toMatchObject({ event: { type: 'create', message: { body: 'Do you have it?' } }, updates: {} });
		expect((await call('GET', base)).json).toMatchObject({
			side_conversations: [{ id, state: 'open', ticket_id: 1 }],
			next_page: null,
			count: 1,
		});
		const replied = await call('POST', `${base}/${id}/reply`, { message: { body: 'Thanks', to: [{ email: 'supplier@example.com' }] } });
		expect([replied.status, replied.json.side_conversation.preview_text]).toEqual([200, 'Thanks']);
		expect((await call('PUT', `${base}/${id}`, { side_conversation: { state: 'closed' } })).json.side_conversation.state).toBe('closed');
		expect((await call('PUT', `${base}/${id}`, { side_conversation: { state: 'open' } })).json.side_conversation.state).toBe('open');
		const events = (await call('GET', `${base}/${id}/events`)).json.events.map((e: Json) => [e.type, e.updates?.state]);
		expect(events).toEqual([
			['create', undefined],
			['reply', undefined],
			['update', 'closed'],
			['update', 'open'],
		]);
	});

	it('opens a child ticket for a group, named in external_ids.targetTicketId', async () => {
		const created = await call('POST', base, { message: { subject: 'Refund', body: 'Check', to: [{ support_group_id: 4002 }] } });
		const child = emu.state.tickets.get(Number(created.json.side_conversation.external_ids.targetTicketId)) as Json;
		expect([child.subject, child.group_id]).toEqual(['Refund', 4002]);
	});

	it('pages the list with next_page', async () => {
		for (let i = 0; i < 3; i++) await call('POST', base, { message: email });
		const first = await call('GET', `${base}?per_page=2`);
		expect([first.json.side_conversations.length, first.json.next_page]).toEqual([2, `${emu.url}${base}.json?page=2&per_page=2`]);
		expect((await call('GET', `${base}?page=2&per_page=2`)).json).toMatchObject({ next_page: null, count: 3 });
	});

	it("refuses a reply without recipients, a bad state, another ticket's side conversation", async () => {
		const { id } = (await call('POST', base, { message: email })).json.side_conversation;
		expect(await call('POST', `${base}/${id}/reply`, { message: { body: 'x' } })).toEqual({
			status: 400,
			json: { error: 'InvalidParameter', description: 'Invalid parameter: to is required' },
		});
		expect((await call('PUT', `${base}/${id}`, { side_conversation: { state: 'done' } })).status).toBe(400);
		expect((await call('GET', `/api/v2/tickets/2/side_conversations/${id}`)).status).toBe(404);
	});

	it('answers 403 where the account has no Collaboration add-on', async () => {
		emu.configure({ sideConversations: false });
		const res = await call('GET', base);
		expect(res).toEqual({ status: 403, json: { error: 'Forbidden', description: expect.stringMatching(/^You do not have access/) } });
	});
});
