import { Workflow } from 'n8n-workflow';

import { normalizeSubdomain, zendeskUrlExpression } from '../../nodes/ZendeskTicket/helpers/subdomain';

const ACCEPTED: Array<[string, string]> = [
	['acme', 'acme'],
	['ACME', 'acme'],
	['acme.zendesk.com', 'acme'],
	['acme.zendesk.com/', 'acme'],
	['Acme.Zendesk.Com', 'acme'],
	['https://acme.zendesk.com', 'acme'],
	['https://acme.zendesk.com/', 'acme'],
	['https://acme.zendesk.com/agent/tickets/123', 'acme'],
	['my-company', 'my-company'],
	['d3v-acme1', 'd3v-acme1'],
];

const REFUSED: Array<[string, string]> = [
	['', 'empty'],
	[' acme', 'leading space'],
	['acme ', 'trailing space'],
	['ac me', 'inner space'],
	['acme\n', 'newline'],
	['\tacme', 'tab'],
	['evil.com', 'other host'],
	['acme.evil.com', 'other domain'],
	['acme.zendesk.com.evil.com', 'zendesk.com as a label of another host'],
	['foo.acme.zendesk.com', 'extra label'],
	['acme.zendesk.com.', 'trailing dot'],
	['http://acme.zendesk.com', 'plain http'],
	['ftp://acme.zendesk.com', 'other scheme'],
	['//acme.zendesk.com', 'scheme-relative'],
	['https://acme', 'scheme without zendesk.com'],
	['https://evil.com/acme.zendesk.com', 'path that mentions zendesk'],
	['https://user@acme.zendesk.com', 'userinfo'],
	['https://user:pw@acme.zendesk.com/', 'userinfo with password'],
	['https://acme.zendesk.com@evil.com', 'host after @'],
	['https://acme.zendesk.com/@evil.com', '@ in path'],
	['https://acme.zendesk.com#@evil.com', 'fragment trick'],
	['https://acme.zendesk.com?@evil.com', 'query trick'],
	['acme.zendesk.com:443', 'port'],
	['https://acme.zendesk.com:8443/', 'port with scheme'],
	['acme/path', 'path without domain'],
	['acme/../evil.com', 'dot segments'],
	['acme%2eevil.com', 'percent-encoded dot'],
	['acme%2Ezendesk.com', 'percent-encoded dot before zendesk'],
	['acme\\@evil.com', 'backslash and @'],
	['https://acme.zendesk.com\\@evil.com', 'backslash in URL'],
	['аcme', 'Cyrillic look-alike a'],
	['acme。zendesk.com', 'ideographic full stop'],
	['ａｃｍｅ', 'full-width letters'],
	['-acme', 'leading hyphen'],
	['acme-', 'trailing hyphen'],
	['acme_co', 'underscore'],
	['a'.repeat(64), 'label longer than 63'],
];

describe('subdomain normalisation', () => {
	it.each(ACCEPTED)('accepts %j as %s', (input, expected) => {
		expect(normalizeSubdomain(input)).toBe(expected);
	});

	it.each(REFUSED)('refuses %j (%s) with a message that says what to type', (input) => {
		expect(() => normalizeSubdomain(input)).toThrow(/Zendesk subdomain/);
	});

	it('refuses values that are not text', () => {
		expect(() => normalizeSubdomain(undefined)).toThrow(/empty/);
		expect(() => normalizeSubdomain(42)).toThrow(/empty/);
	});
});

describe('credential URL expression (evaluated by n8n-workflow)', () => {
	const node = { id: 'n', name: 'n', type: 'x.y', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => undefined as never, getByNameAndVersion: () => undefined as never, getKnownTypes: () => ({}) },
	});
	const evaluate = (subdomain: string) =>
		workflow.expression.getComplexParameterValue(node, zendeskUrlExpression('/oauth/tokens'), 'internal', {}, undefined, undefined, {
			subdomain,
		});

	it.each(ACCEPTED.filter(([, label]) => label.length <= 63))('builds https://%s… like the node does', (input, expected) => {
		expect(evaluate(input)).toBe(`https://${expected}.zendesk.com/oauth/tokens`);
	});

	it.each(REFUSED.filter(([input]) => input.length <= 63))('yields no usable URL for %j (%s)', (input) => {
		expect(evaluate(input)).toBe('invalid-zendesk-subdomain://check-the-credential');
	});
});
