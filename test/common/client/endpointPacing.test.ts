import { endpointLimitsOf, parseEndpointHeader } from '../../../common/client/endpointLimits';
import type { EndpointBudgets } from '../../../common/client/endpointPacing';
import { observeEndpointHeaders, takeEndpointSlots } from '../../../common/client/endpointPacing';

const now = 1_800_000_000_000;

describe('per-endpoint limits', () => {
	it('names the limits of a request, per ticket where Zendesk limits per ticket', () => {
		expect(endpointLimitsOf('PUT', '/tickets/12').map((l) => l.key)).toEqual(['updateTicket', 'updateTicketPerTicket:12']);
		expect(endpointLimitsOf('GET', '/search/export').map((l) => l.key)).toEqual(['searchExport']);
		expect(endpointLimitsOf('GET', '/incremental/tickets/cursor').map((l) => l.key)).toEqual(['incrementalExport']);
		expect(endpointLimitsOf('GET', '/tickets').map((l) => l.key)).toEqual(['ticketsIndex']);
		expect(endpointLimitsOf('GET', '/tickets/12')).toEqual([]);
		expect(endpointLimitsOf('PUT', '/tickets/update_many')).toEqual([]);
		// Side conversations: starts and replies share one budget (300 in 10 minutes); a state change is not counted.
		expect(endpointLimitsOf('POST', '/tickets/7/side_conversations').map((l) => l.key)).toEqual(['sideConversationWrite']);
		expect(endpointLimitsOf('POST', '/tickets/7/side_conversations/8566255a-ece5-11e8-857d-493066fa7b17/reply').map((l) => l.key)).toEqual([
			'sideConversationWrite',
		]);
		expect(endpointLimitsOf('PUT', '/tickets/7/side_conversations/8566255a-ece5-11e8-857d-493066fa7b17')).toEqual([]);
		expect(endpointLimitsOf('GET', '/tickets/7/side_conversations')).toEqual([]);
	});

	it("reads Zendesk's per-endpoint header", () => {
		expect(parseEndpointHeader('total=100; remaining=99; resets=41')).toEqual({ total: 100, remaining: 99, resets: 41 });
		expect(parseEndpointHeader('total=x; remaining=;')).toEqual({});
	});

	it('keeps each budget apart: a spent export budget holds exports only', () => {
		const budgets: EndpointBudgets = new Map();
		const exportLimits = endpointLimitsOf('GET', '/search/export');
		observeEndpointHeaders(budgets, exportLimits, { 'zendesk-ratelimit-search-export': 'total=100; remaining=0; resets=30' }, now);
		expect(takeEndpointSlots(budgets, exportLimits, now)).toBe(30_000);
		expect(takeEndpointSlots(budgets, endpointLimitsOf('PUT', '/tickets/1'), now)).toBe(0);
		expect(takeEndpointSlots(budgets, endpointLimitsOf('GET', '/tickets'), now)).toBe(0);
		// After the reset the whole budget is back.
		expect(takeEndpointSlots(budgets, exportLimits, now + 30_000)).toBe(0);
	});

	it('counts its own requests where Zendesk sends no header: 30 updates per ticket in 10 minutes', () => {
		const budgets: EndpointBudgets = new Map();
		const one = endpointLimitsOf('PUT', '/tickets/1');
		for (let i = 0; i < 30; i++) expect(takeEndpointSlots(budgets, one, now + i)).toBe(0);
		expect(takeEndpointSlots(budgets, one, now + 30)).toBe(600_000 - 30);
		expect(takeEndpointSlots(budgets, endpointLimitsOf('PUT', '/tickets/2'), now + 30)).toBe(0);
	});
});
