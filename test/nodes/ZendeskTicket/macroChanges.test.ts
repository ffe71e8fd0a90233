import { changesFor, macroPlan, newTicketWithMacro, underMacro } from '../../../nodes/ZendeskTicket/input/macroChanges';

describe("a macro's actions as update changes", () => {
	it('maps the fields Zendesk shares with triggers, and names the ones it cannot apply', () => {
		expect(
			macroPlan([
				{ field: 'type', value: 'incident' },
				{ field: 'set_tags', value: 'a  b' },
				{ field: 'custom_status_id', value: '42' },
				{ field: 'ticket_form_id', value: '9' },
				{ field: 'group_id', value: '' },
				{ field: 'follower', value: 'current_user' },
				{ field: 'side_conversation', value: ['s', 'b'] },
				{ field: 'comment_value_html', value: '<b>Done</b>' },
				{ field: 'comment_mode_is_public', value: false },
			]),
		).toEqual({
			changes: {
				type: 'incident',
				tags: ['a', 'b'],
				custom_status_id: 42,
				ticket_form_id: 9,
				group_id: null,
				comment: { html_body: '<b>Done</b>', public: false },
			},
			rendered: [],
			unsupported: ['follower', 'side_conversation'],
		});
	});

	it('leaves what depends on the ticket or the user to Zendesk, and sends only what it rendered', () => {
		const actions = [
			{ field: 'assignee_id', value: 'current_user' },
			{ field: 'subject', value: 'Re: {{ticket.title}}' },
			{ field: 'status', value: 'open' },
			{ field: 'comment_value', value: ['channel:all', 'Hi {{ticket.requester.first_name}}'] },
		];
		const plan = macroPlan(actions);
		expect(plan).toEqual({ changes: { status: 'open' }, rendered: ['assignee_id', 'subject', 'comment'], unsupported: [] });
		const rendered = { id: 1, assignee_id: 55, comment: { body: 'Hi Ann', public: true, scoped_body: [['channel:all', 'Hi Ann']] } };
		expect(changesFor(plan, actions, rendered)).toEqual({ status: 'open', assignee_id: 55, comment: { body: 'Hi Ann', public: true } });
	});

	it("puts the item's own fields over the macro's, adding up tags", () => {
		expect(
			underMacro({ status: 'solved', additional_tags: ['a'], priority: 'low' }, { status: 'open', additional_tags: ['a', 'b'] }),
		).toEqual({
			status: 'open',
			additional_tags: ['a', 'b'],
			priority: 'low',
		});
	});

	it('gives a new ticket the tags the macro sets, adds and removes', () => {
		const plan = macroPlan([
			{ field: 'current_tags', value: 'x y' },
			{ field: 'remove_tags', value: 'y' },
		]);
		expect(newTicketWithMacro(plan, 3, { subject: 'S', tags: ['z'] })).toEqual({ subject: 'S', tags: ['x', 'z'], macro_ids: [3] });
	});
});
