// The emulator acting for end users: X-On-Behalf-Of, the Requests API and comment pages (test/emulator/requests.js).
import { emulatorOverHttp } from '../harness/emulator';

type Json = any;

const emu = emulatorOverHttp({ seed: { tickets: 12 } }, 'each');

async function call(method: string, path: string, { auth, as, body }: { auth?: string; as?: string; body?: unknown } = {}) {
	const headers: Record<string, string> = { Accept: 'application/json', Authorization: auth ?? emu.credentials.basicAuth };
	if (as !== undefined) headers['X-On-Behalf-Of'] = as;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${emu.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Json };
}

/** A Bearer token of `userId` with `scope`, as an OAuth grant would leave it. */
function bearer(scope: string, userId = 1001): string {
	const token = `test-${userId}-${scope.replace(/\W+/g, '-')}`;
	(emu.state.tokens as Map<string, unknown>).set(token, {
		access_token: token,
		user_id: userId,
		scope,
		expires_at: null,
		client_id: 'n8n-emulator',
	});
	return `Bearer ${token}`;
}

const FORBIDDEN = { error: 'Forbidden', description: expect.stringMatching(/^You do not have access to this page/) };

describe('X-On-Behalf-Of', () => {
	it('acts as the end user for an admin token with the impersonate scope, by email or id', async () => {
		const admin = bearer('read write impersonate');
		const created = await call('POST', '/api/v2/requests', {
			auth: admin,
			as: 'eve@example.test',
			body: { request: { subject: 'Late order', comment: { body: 'Where is it?' } } },
		});
		expect(created.status).toBe(201);
		const t = emu.state.tickets.get(created.json.request.id) as Json;
		expect([t.requester_id, t.submitter_id, t._comments[0].author_id, t._comments[0].public]).toEqual([2001, 2001, 2001, true]);
		const byId = await call('GET', `/api/v2/requests/${t.id}`, { auth: admin, as: '2001' });
		expect(byId.json.request).toMatchObject({
			id: t.id,
			subject: 'Late order',
			requester_id: 2001,
			status: 'new',
			url: expect.stringMatching(/\/api\/v2\/requests\/\d+\.json$/),
		});
	});

	it('refuses: no impersonate scope or unknown user → 401 invalid_token; agent token, API token or agent target → 403', async () => {
		const path = '/api/v2/requests';
		expect(await call('GET', path, { auth: bearer('read write'), as: 'eve@example.test' })).toEqual({
			status: 401,
			json: { error: 'invalid_token', error_description: expect.any(String) },
		});
		expect((await call('GET', path, { auth: bearer('read write impersonate'), as: 'nobody@example.test' })).status).toBe(401);
		expect((await call('GET', path, { auth: bearer('read write impersonate'), as: '999999' })).status).toBe(401);
		expect(await call('GET', path, { auth: bearer('read write impersonate', 1002), as: 'eve@example.test' })).toEqual({
			status: 403,
			json: FORBIDDEN,
		});
		expect(await call('GET', path, { as: 'eve@example.test' })).toEqual({ status: 403, json: FORBIDDEN });
		expect(await call('GET', path, { auth: bearer('read write impersonate'), as: 'alice@acme.test' })).toEqual({
			status: 403,
			json: FORBIDDEN,
		});
	});

	it('an impersonated end user gets 403 on agent-only endpoints', async () => {
		const admin = bearer('read write impersonate');
		expect(await call('PUT', '/api/v2/tickets/1', { auth: admin, as: 'eve@example.test', body: { ticket: { status: 'solved' } } })).toEqual(
			{ status: 403, json: FORBIDDEN },
		);
		expect((await call('GET', '/api/v2/tickets/1', { auth: admin, as: 'eve@example.test' })).status).toBe(403);
		expect((await call('GET', '/api/v2/tickets/1/comments', { auth: admin, as: 'eve@example.test' })).status).toBe(403);
		expect((await call('GET', '/api/v2/search?query=type:ticket', { auth: admin, as: 'eve@example.test' })).status).toBe(403);
		expect(emu.state.tickets.get(1)!.status).not.toBe('solved');
	});
});

describe('Requests API', () => {
	const admin = () => bearer('read write impersonate');
	async function requestOf(email: string, subject: string) {
		const r = await call('POST', '/api/v2/requests', {
			auth: admin(),
			as: email,
			body: { request: { subject, comment: { body: `${subject}, please help` }, priority: 'high' } },
		});
		expect(r.status).toBe(201);
		return r.json.request.id as number;
	}

	it("lists, searches, shows and updates only the customer's own requests; another customer's is 404", async () => {
		const eve1 = await requestOf('eve@example.test', 'Refund for order 1');
		const eve2 = await requestOf('eve@example.test', 'Broken hinge');
		const frank = await requestOf('frank@example.test', 'Refund for order 2');
		const eve = { auth: admin(), as: 'eve@example.test' };
		const mine = (await call('GET', '/api/v2/requests?sort=-updated_at&page[size]=10', eve)).json;
		const seededOwn = [...emu.state.tickets.values()].filter(
			(t: Json) => t.requester_id === 2001 || t.collaborator_ids.includes(2001),
		).length;
		expect(mine.requests.map((r: Json) => r.id).slice(0, 2)).toEqual([eve2, eve1]);
		expect(mine.requests).toHaveLength(seededOwn);
		expect(mine.requests.every((r: Json) => r.requester_id === 2001 || r.collaborator_ids.includes(2001))).toBe(true);
		expect(mine.meta).toMatchObject({ has_more: false });
		expect(Object.keys(mine.requests[0]).sort()).toEqual(
			[
				'assignee_id',
				'can_be_solved_by_me',
				'collaborator_ids',
				'created_at',
				'custom_fields',
				'custom_status_id',
				'description',
				'due_at',
				'email_cc_ids',
				'followup_source_id',
				'group_id',
				'id',
				'is_public',
				'organization_id',
				'priority',
				'recipient',
				'requester_id',
				'solved',
				'status',
				'subject',
				'ticket_form_id',
				'type',
				'updated_at',
				'url',
				'via',
			].sort(),
		);

		const found = await call('GET', '/api/v2/requests/search?query=refund&page=1&per_page=5', eve);
		expect(found.json).toMatchObject({ requests: [{ id: eve1 }], count: 1, next_page: null });

		expect(await call('GET', `/api/v2/requests/${frank}`, eve)).toEqual({
			status: 404,
			json: { error: 'RecordNotFound', description: 'Not found' },
		});
		expect((await call('PUT', `/api/v2/requests/${frank}`, { ...eve, body: { request: { comment: { body: 'mine now' } } } })).status).toBe(
			404,
		);
		expect((await call('GET', `/api/v2/requests/${frank}/comments`, eve)).status).toBe(404);
		expect((emu.state.tickets.get(frank) as Json)._comments).toHaveLength(1);

		const replied = await call('PUT', `/api/v2/requests/${eve1}`, {
			...eve,
			body: { request: { comment: { body: 'Any news?' }, priority: 'urgent', status: 'closed' } },
		});
		expect(replied.status).toBe(200);
		const t = emu.state.tickets.get(eve1) as Json;
		// Only comment (and solved) count; the rest is ignored.
		expect([t.priority, t.status, t._comments.at(-1).author_id, t._comments.at(-1).public]).toEqual(['high', 'new', 2001, true]);
	});

	it('solved only when Zendesk lets the end user solve it (assigned, not a problem)', async () => {
		const id = await requestOf('eve@example.test', 'Solve me');
		const eve = { auth: admin(), as: 'eve@example.test', body: { request: { solved: true } } };
		expect((await call('PUT', `/api/v2/requests/${id}`, eve)).status).toBe(422);
		await call('PUT', `/api/v2/tickets/${id}`, { body: { ticket: { assignee_id: 1002, status: 'pending' } } });
		const solved = await call('PUT', `/api/v2/requests/${id}`, eve);
		expect(solved.json.request).toMatchObject({ status: 'solved', solved: true, can_be_solved_by_me: false });
	});

	it('request comments: public only, sort=-created_at cursor pages, authors side-loaded', async () => {
		const id = await requestOf('eve@example.test', 'Chatty');
		for (const [body, isPublic] of [
			['Internal: check warehouse', false],
			['We shipped it', true],
			['Internal: refund?', false],
			['Tracking 123', true],
		] as const) {
			await call('PUT', `/api/v2/tickets/${id}`, { body: { ticket: { comment: { body, public: isPublic } } } });
		}
		const eve = { auth: admin(), as: 'eve@example.test' };
		const first = (await call('GET', `/api/v2/requests/${id}/comments?sort=-created_at&page[size]=2`, eve)).json;
		expect(first.comments.map((c: Json) => c.body)).toEqual(['Tracking 123', 'We shipped it']);
		expect(first.users.map((u: Json) => u.id)).toEqual([1001]);
		expect(first.meta.has_more).toBe(true);
		const second = (
			await call('GET', `/api/v2/requests/${id}/comments?sort=-created_at&page[size]=2&page[after]=${first.meta.after_cursor}`, eve)
		).json;
		expect(second.comments.map((c: Json) => [c.body, c.author_id, c.public])).toEqual([['Chatty, please help', 2001, true]]);
		expect(second.meta.has_more).toBe(false);
	});

	it('ticket comments for agents: sort=-created_at cursor pages with include=users', async () => {
		const id = await requestOf('eve@example.test', 'Agent view');
		await call('PUT', `/api/v2/tickets/${id}`, { body: { ticket: { comment: { body: 'Internal note', public: false } } } });
		const page = (await call('GET', `/api/v2/tickets/${id}/comments?sort=-created_at&page[size]=1&include=users`)).json;
		expect([page.comments.map((c: Json) => [c.body, c.public]), page.users.map((u: Json) => u.id), page.meta.has_more]).toEqual([
			[['Internal note', false]],
			[1001],
			true,
		]);
		const next = (await call('GET', `/api/v2/tickets/${id}/comments?sort=-created_at&page[size]=1&page[after]=${page.meta.after_cursor}`))
			.json;
		expect([next.comments.map((c: Json) => c.author_id), next.users, next.meta.has_more]).toEqual([[2001], undefined, false]);
	});
});
