import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { ZendeskTicket } from '../../../nodes/ZendeskTicket/ZendeskTicket.node';
import { TEST_CREDENTIALS, editorContext } from '../../harness/run';
import { ZENDESK, zendesk } from '../../harness/zendesk';

afterEach(() => nock.cleanAll());

const node = new ZendeskTicket();
const api = TEST_CREDENTIALS.zendeskTicketApi;
const oauth = TEST_CREDENTIALS.zendeskTicketOAuth2Api;
/** Basic auth's plain text and the header's value, as a server could echo them. */
const basicPlain = `${api.email}/token:${api.apiToken}`;
const basicValue = Buffer.from(basicPlain).toString('base64');
const access = oauth.oauthTokenData.access_token;
const refresh = oauth.oauthTokenData.refresh_token;

const ctx = (authentication: string, parameters: IDataObject = { operation: 'update' }) =>
	editorContext({ parameters: { authentication, ...parameters } });

describe('dropdowns and lists show no secret that Zendesk echoes into names', () => {
	it('API token: the group dropdown redacts the token, the Basic value and its plain "email/token:" form', async () => {
		const scope = zendesk()
			.get('/api/v2/groups')
			.query({ 'page[size]': '100' })
			.reply(200, {
				groups: [
					{ id: 1, name: `A ${api.apiToken}` },
					{ id: 2, name: `B Basic ${basicValue}` },
					{ id: 3, name: `C ${basicPlain}` },
					{ id: 4, name: 'D Billing' },
				],
				meta: { has_more: false },
			});
		await expect(node.methods.loadOptions.getGroups.call(ctx('apiToken'))).resolves.toEqual([
			{ name: 'A [redacted]', value: 1 },
			{ name: 'B Basic [redacted]', value: 2 },
			{ name: 'C [redacted]', value: 3 },
			{ name: 'D Billing', value: 4 },
		]);
		scope.done();
	});

	it('OAuth2: the group dropdown redacts the access and refresh tokens and the client secret', async () => {
		const scope = zendesk()
			.get('/api/v2/groups')
			.query({ 'page[size]': '100' })
			.reply(200, {
				groups: [
					{ id: 1, name: `A ${access}` },
					{ id: 2, name: `B ${Buffer.from(refresh).toString('base64')}` },
					{ id: 3, name: `C ${oauth.clientSecret}` },
				],
				meta: { has_more: false },
			});
		await expect(node.methods.loadOptions.getGroups.call(ctx('oAuth2'))).resolves.toEqual([
			{ name: 'A [redacted]', value: 1 },
			{ name: 'B [redacted]', value: 2 },
			{ name: 'C [redacted]', value: 3 },
		]);
		scope.done();
	});

	it('OAuth2: the ticket list and the ticket search redact a token in a subject', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets')
			.query({ 'page[size]': '50', sort: '-updated_at' })
			.reply(200, { tickets: [{ id: 7, subject: `Token is ${access}` }], meta: { has_more: false } })
			.get('/api/v2/search')
			.query({ query: 'type:ticket "token"', page: '1', per_page: '50', sort_by: 'updated_at', sort_order: 'desc' })
			.reply(200, { results: [{ id: 8, subject: `Refresh ${refresh}` }], next_page: null, count: 1 });
		await expect(node.methods.listSearch.searchTickets.call(ctx('oAuth2'))).resolves.toEqual({
			results: [{ name: '#7 Token is [redacted]', value: '7', url: `${ZENDESK}/agent/tickets/7` }],
			paginationToken: undefined,
		});
		await expect(node.methods.listSearch.searchTickets.call(ctx('oAuth2'), 'token')).resolves.toEqual({
			results: [{ name: '#8 Refresh [redacted]', value: '8', url: `${ZENDESK}/agent/tickets/8` }],
			paginationToken: undefined,
		});
		scope.done();
	});

	it('API token: the requester list, a brand description and custom field inputs redact the echoed secret', async () => {
		const scope = zendesk()
			.get('/api/v2/users/search')
			.query({ query: 'jane', page: '1', per_page: '50' })
			.reply(200, { users: [{ id: 100, name: `Jane ${basicValue}`, email: 'jane@example.com' }], next_page: null })
			.get('/api/v2/brands')
			.query({ 'page[size]': '100' })
			.reply(200, { brands: [{ id: 1, name: 'Acme', subdomain: api.apiToken, active: true }], meta: { has_more: false } })
			.get('/api/v2/ticket_fields')
			.query(true)
			.reply(200, {
				ticket_fields: [
					{
						id: 14,
						type: 'tagger',
						title: `Plan ${basicPlain}`,
						active: true,
						custom_field_options: [{ name: 'Gold', value: api.apiToken }],
					},
				],
				meta: { has_more: false },
			});
		await expect(node.methods.listSearch.searchUsers.call(ctx('apiToken'), 'jane')).resolves.toEqual({
			results: [{ name: 'Jane [redacted] <jane@example.com>', value: '100', url: `${ZENDESK}/agent/users/100` }],
			paginationToken: undefined,
		});
		await expect(node.methods.loadOptions.getBrands.call(ctx('apiToken'))).resolves.toEqual([
			{ name: 'Acme', value: 1, description: '[redacted]' },
		]);
		await expect(node.methods.resourceMapping.getCustomFieldColumns.call(ctx('apiToken', { operation: 'create' }))).resolves.toEqual({
			fields: [
				{
					id: '14',
					displayName: 'Plan [redacted]',
					required: false,
					defaultMatch: false,
					display: true,
					type: 'options',
					options: [{ name: 'Gold', value: '[redacted]' }],
				},
			],
		});
		scope.done();
	});
});
