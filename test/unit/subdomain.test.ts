import { Workflow } from 'n8n-workflow';

import { normalizeSubdomain, zendeskUrlExpression } from '../../nodes/ZendeskTicket/helpers/subdomain';
import { ACCEPTED, REFUSED } from '../harness/subdomains';

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
