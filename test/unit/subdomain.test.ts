import { normalizeSubdomain, resolveBaseUrl, zendeskUrlExpression } from '../../nodes/ZendeskTicket/helpers/subdomain';
import { evaluateCredentialExpression } from '../harness/expressions';
import { ACCEPTED, LOOPBACK_ACCEPTED, LOOPBACK_REFUSED, REFUSED } from '../harness/subdomains';

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
	const evaluate = (subdomain: string) => evaluateCredentialExpression(zendeskUrlExpression('/oauth/tokens'), { subdomain });

	it.each(ACCEPTED.filter(([, label]) => label.length <= 63))('builds https://%s… like the node does', (input, expected) => {
		expect(evaluate(input)).toBe(`https://${expected}.zendesk.com/oauth/tokens`);
	});

	it.each(REFUSED.filter(([input]) => input.length <= 63))('yields no usable URL for %j (%s)', (input) => {
		expect(evaluate(input)).toBe('invalid-zendesk-url://check-the-credential');
	});
});

describe('base URL override (loopback only)', () => {
	const evaluate = (baseUrlOverride: string) =>
		evaluateCredentialExpression(zendeskUrlExpression('/oauth/tokens'), { subdomain: 'acme', baseUrlOverride });

	it.each(LOOPBACK_ACCEPTED)('accepts %j', (input, expected) => {
		expect(resolveBaseUrl({ subdomain: 'acme', baseUrlOverride: input })).toBe(expected);
		expect(evaluate(input)).toBe(`${expected}/oauth/tokens`);
	});

	it.each(LOOPBACK_REFUSED)('refuses %j (%s)', (input) => {
		expect(() => resolveBaseUrl({ subdomain: 'acme', baseUrlOverride: input })).toThrow(/only accepts http:\/\/127\.0\.0\.1:PORT/);
		expect(evaluate(input)).toBe('invalid-zendesk-url://check-the-credential');
	});

	it('uses the subdomain when the override is empty', () => {
		expect(resolveBaseUrl({ subdomain: 'acme', baseUrlOverride: '' })).toBe('https://acme.zendesk.com');
		expect(evaluate('')).toBe('https://acme.zendesk.com/oauth/tokens');
	});
});
