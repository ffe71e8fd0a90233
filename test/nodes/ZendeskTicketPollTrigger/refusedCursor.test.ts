import nock from 'nock';

import { pollTrigger } from '../../harness/trigger';
import { ZENDESK, recorded, ticket, zendesk } from '../../harness/zendesk';

/**
 * Defect 5 of issue 22: Zendesk refuses the stored cursor right after a burst
 * of more than 5,000 changes in a few minutes. Both exports are served from
 * one list of changes, as Zendesk would: the cursor export from a start time
 * or an index cursor, the time-based export by generated_timestamp (inclusive,
 * a page going on while tickets share its last second).
 */

const now = () => Math.floor(Date.now() / 1000);
const iso = (unix: number) => new Date(unix * 1000).toISOString().replace('.000', '');

interface Change {
	id: number;
	at: number;
}
const all: Change[] = [];
const refused = new Set<string>();
const versionOf = ({ id, at }: Change) =>
	ticket(id, { created_at: '2020-01-01T00:00:00Z', updated_at: iso(at), generated_timestamp: at, subject: `v${at}` });
const firstFrom = (start: number) => {
	const index = all.findIndex((c) => c.at >= start);
	return index === -1 ? all.length : index;
};

function cursorExport(query: Record<string, string>): [number, object] {
	if (query.cursor && refused.has(query.cursor)) return [422, { error: 'InvalidCursor', description: 'The cursor has expired' }];
	const from = query.cursor ? Number(query.cursor.slice(1)) : firstFrom(Number(query.start_time));
	const end = Math.min(from + 1000, all.length);
	const tickets = all.slice(from, end).map(versionOf);
	return [200, { tickets, after_cursor: `i${end}`, before_cursor: null, end_of_stream: end >= all.length }];
}

function timeExport(query: Record<string, string>): [number, object] {
	const from = firstFrom(Number(query.start_time));
	let end = Math.min(from + 1000, all.length);
	while (end < all.length && all[end].at === all[end - 1].at) end++;
	const page = all.slice(from, end);
	const endTime = page.length ? page[page.length - 1].at : Number(query.start_time);
	return [200, { tickets: page.map(versionOf), end_time: endTime, end_of_stream: end >= all.length, count: page.length }];
}

beforeEach(() => {
	recorded.length = 0;
	zendesk()
		.persist()
		.get('/api/v2/incremental/tickets/cursor')
		.query(true)
		.reply((uri) => cursorExport(Object.fromEntries(new URL(uri, 'https://x').searchParams)))
		.get('/api/v2/incremental/tickets')
		.query(true)
		.reply((uri) => timeExport(Object.fromEntries(new URL(uri, 'https://x').searchParams)));
});
afterEach(() => nock.cleanAll());

const keys = (items: Array<{ json: Record<string, any> }> | undefined) =>
	(items ?? []).map((i) => `${i.json.ticket.id}@${i.json.ticket.generated_timestamp}`);

it('emits each change once when Zendesk refuses the cursor right after 6,000 changes in three minutes', async () => {
	const base = now() - 900;
	// 6,000 tickets changed within 180 seconds: about 33 a second.
	for (let k = 0; k < 6000; k++) all.push({ id: k + 1, at: base + Math.floor((k * 180) / 6000) });
	const since = base - 3600;
	const engine = pollTrigger({ events: ['updated'] }, { staticData: { zendeskTicketPoll: { cursor: 'i0', since, seen: [], known: {} } } });
	const first = await engine.poll();
	expect(first.error).toBeUndefined();
	expect(first.items).toHaveLength(6000);

	// Then three more changes (two of tickets of the burst), and Zendesk refuses the cursor.
	all.push({ id: 1, at: base + 200 }, { id: 6001, at: base + 201 }, { id: 2, at: base + 202 });
	refused.add('i6000');
	const second = await engine.poll();
	expect(second.error).toBeUndefined();
	expect(keys(second.items)).toEqual([`1@${base + 200}`, `6001@${base + 201}`, `2@${base + 202}`]);

	const emitted = [...keys(first.items), ...keys(second.items)];
	expect(new Set(emitted).size).toBe(6003);
	expect(emitted).toHaveLength(6003);
	// The time-based export restarted at the newest second emitted, not five minutes before it.
	const asked = recorded.map((r) => `${new URL(r.url).pathname}?${new URL(r.url).searchParams}`);
	expect(asked.slice(-2)).toEqual([
		'/api/v2/incremental/tickets/cursor?cursor=i6000&per_page=1000',
		`/api/v2/incremental/tickets?start_time=${base + 179}`,
	]);
	expect(engine.staticData.zendeskTicketPoll).toMatchObject({ byTime: true, startTime: base + 202, highWater: base + 202 });

	// The next poll goes on by time from there: the last second again, emitted nothing twice.
	const third = await engine.poll();
	expect(third.error).toBeUndefined();
	expect(third.result).toBeNull();
	expect(recorded.at(-1)?.url).toBe(`${ZENDESK}/api/v2/incremental/tickets?start_time=${base + 202}`);
});
