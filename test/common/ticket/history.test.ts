import { auditAuthorIds, auditChanges, valueText, viaText } from '../../../common/ticket/history';

describe('the history reader (pure)', () => {
	it('shows values as a line does: lists joined, nothing as "none", objects as JSON', () => {
		expect(valueText(null)).toBe('none');
		expect(valueText('')).toBe('none');
		expect(valueText([])).toBe('none');
		expect(valueText(['a', 'b'])).toBe('a, b');
		expect(valueText(42)).toBe('42');
		expect(valueText({ minutes: 60, in_business_hours: false })).toBe('{"minutes":60,"in_business_hours":false}');
	});

	it('names the channel, or the business rule that made the change', () => {
		expect(viaText({ channel: 'web', source: { from: {}, to: {}, rel: null } })).toBe('web');
		expect(viaText({ channel: 'rule', source: { from: { id: 1, title: 'Auto-close' }, rel: 'automation' } })).toBe(
			'automation "Auto-close"',
		);
		expect(viaText({ channel: 'rule', source: { from: { id: 1, title: 'Notify' } } })).toBe('rule "Notify"');
		expect(viaText(undefined)).toBeNull();
		expect(viaText({})).toBeNull();
	});

	it('reads changes, creations, comments and privacy changes, and leaves other events out', () => {
		const audit = {
			id: 1,
			ticket_id: 5,
			author_id: 21,
			created_at: '2026-11-03T09:00:00Z',
			via: { channel: 'api' },
			events: [
				{ type: 'Change', field_name: 'tags', value: ['a', 'b'], previous_value: ['a'] },
				{ type: 'Create', field_name: 'group_id', value: 300 },
				{ type: 'Comment', author_id: 99, body: `${'x'.repeat(120)}`, public: true },
				{ type: 'CommentPrivacyChange', comment_id: 77, public: false },
				{ type: 'Notification', body: 'sent' },
				{ type: 'SomethingNew', value: 1 },
				null,
			],
		};
		const changes = auditChanges(audit, new Map([[21, 'Jane']]));
		expect(changes.map((c) => c.change)).toEqual([
			'tags: a → a, b by Jane via api',
			'group_id: set to 300 by Jane via api',
			`public reply: "${'x'.repeat(99)}…" by user 99 via api`,
			'comment 77 made private by Jane via api',
		]);
		expect(changes[0]).toEqual({
			ticket_id: 5,
			audit_id: 1,
			created_at: '2026-11-03T09:00:00Z',
			author_id: 21,
			author: 'Jane',
			via: 'api',
			field: 'tags',
			from: ['a'],
			to: ['a', 'b'],
			change: 'tags: a → a, b by Jane via api',
		});
	});

	it('reads an audit without events or via as no change, and an unknown author as unknown', () => {
		expect(auditChanges({ id: 1 }, new Map())).toEqual([]);
		const [change] = auditChanges(
			{ id: 2, events: [{ type: 'Change', field_name: 'status', value: 'open', previous_value: 'new' }] },
			new Map(),
		);
		expect(change.change).toBe('status: new → open by unknown');
		expect(change.via).toBeNull();
	});

	it('asks for the names of the audits and comments authors, each once, and never for the system', () => {
		const audits = [
			{ author_id: 21, events: [{ type: 'Comment', author_id: 31 }, { type: 'Change' }] },
			{ author_id: -1, events: [] },
			{ author_id: 21 },
		];
		expect(auditAuthorIds(audits)).toEqual([21, 31]);
	});
});
