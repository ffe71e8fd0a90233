import nock from 'nock';

import { runNode } from '../../harness/run';
import { zendesk } from '../../harness/zendesk';

const EVIL = 'https://evil.example';

/** A server that would take whatever a redirect brings it. */
function evilHost() {
	const seen: Array<{ method: string; path: string; authorization?: string }> = [];
	const scope = nock(EVIL).persist();
	for (const method of ['get', 'put', 'post', 'delete'] as const) {
		scope[method](/.*/).reply(function (uri) {
			seen.push({ method: this.req.method, path: uri, authorization: this.req.headers.authorization as string | undefined });
			return [200, { ticket: { id: 666 } }];
		});
	}
	return { seen, scope };
}

describe('API requests never follow redirects', () => {
	afterEach(() => nock.cleanAll());

	it.each([
		['apiToken', 302, 'GET'],
		['oAuth2', 301, 'GET'],
		['apiToken', 307, 'PUT'],
		['oAuth2', 308, 'PUT'],
	])('%s: a %s on %s is an error naming the target host, and nothing reaches it', async (authentication, status, method) => {
		const evil = evilHost();
		const api = zendesk();
		if (method === 'GET') api.get('/api/v2/tickets/1').reply(status, '', { Location: `${EVIL}/api/v2/tickets/1?x=1` });
		else api.put('/api/v2/tickets/1').reply(status, '', { Location: `${EVIL}/api/v2/tickets/1` });
		const parameters =
			method === 'GET'
				? { authentication, operation: 'get', ticketId: '1' }
				: {
						authentication,
						operation: 'update',
						ticketId: '1',
						updateFields: { comment: 'Thanks, we are on it', commentVisibility: 'public' },
					};
		const { error, json } = await runNode({ parameters, continueOnFail: true });
		expect(evil.seen).toEqual([]);
		expect(json).toEqual([
			{
				error: `Ticket 1: Zendesk answered with a redirect (${status}) to evil.example, which the node does not follow`,
				description:
					"Credentials are only ever sent to https://acme.zendesk.com. A redirect usually means a wrong subdomain or an account that moved: check the credential's Subdomain.",
			},
		]);
		expect(error).toBeUndefined();
		api.done();
	});

	it('a redirect within the account host is not followed either (one request, no repeat)', async () => {
		const api = zendesk().get('/api/v2/tickets/1').reply(302, '', { Location: '/api/v2/tickets/2' });
		const { error } = await runNode({ parameters: { operation: 'get', ticketId: '1' } });
		expect(error?.message).toBe('Ticket 1: Zendesk answered with a redirect (302) to acme.zendesk.com, which the node does not follow');
		api.done();
	});
});
