import type { INodeTypeDescription } from 'n8n-workflow';

import codexAction from '../../nodes/ZendeskTicket/ZendeskTicket.node.json';
import { ZendeskTicket } from '../../nodes/ZendeskTicket/ZendeskTicket.node';
import codexPoll from '../../nodes/ZendeskTicketPollTrigger/ZendeskTicketPollTrigger.node.json';
import { ZendeskTicketPollTrigger } from '../../nodes/ZendeskTicketPollTrigger/ZendeskTicketPollTrigger.node';
import codexWebhook from '../../nodes/ZendeskTicketTrigger/ZendeskTicketTrigger.node.json';
import { ZendeskTicketTrigger } from '../../nodes/ZendeskTicketTrigger/ZendeskTicketTrigger.node';

/**
 * How n8n's node panel (editor 2.40, `generateMergedNodesAndActions` and NodeItem) shows the three
 * nodes, by its rules: a trigger whose type name without "Trigger" is an action node's name is
 * merged into that node's entry, which then carries the trigger's description; a trigger with a
 * property labelled Event(s) / Trigger On gets one entry per option and loses "Trigger" from its
 * name; without one it is a single entry with the trigger icon. The browser test checks the panel itself.
 */
const action = new ZendeskTicket().description;
const webhook = new ZendeskTicketTrigger().description;
const poll = new ZendeskTicketPollTrigger().description;
const names = [action, webhook, poll].map((d) => d.name);
const mergedInto = (trigger: INodeTypeDescription) => names.find((n) => n === trigger.name.replace('Trigger', ''));
const eventProperty = (d: INodeTypeDescription) =>
	d.properties.find((p) => ['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()));

describe('node panel', () => {
	it('"Zendesk Ticket": the action node with the webhook trigger, described by what it holds, the actions first', () => {
		expect(mergedInto(webhook)).toBe('zendeskTicket');
		expect(webhook.description).toBe(
			'Create, update, search, merge and delete Zendesk Support tickets, apply macros, read history, hold side conversations, or start a workflow the moment tickets change (signed webhook)',
		);
		expect((eventProperty(webhook)?.options ?? []).map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'created',
			'updated',
			'solved',
			'commentAdded',
		]);
		expect(codexAction.alias).toEqual(expect.arrayContaining(['Zendesk Ticket Trigger', 'Trigger', 'Webhook']));
	});

	it('"Zendesk Ticket Poll Trigger": an entry of its own, named and shown as a trigger', () => {
		expect(mergedInto(poll)).toBeUndefined();
		expect(eventProperty(poll)).toBeUndefined();
		expect(poll.properties.find((p) => p.name === 'events')?.displayName).toBe('Ticket Events');
		expect(poll.group).toEqual(['trigger']);
		expect(poll.displayName).toBe('Zendesk Ticket Poll Trigger');
		expect(poll.description).toMatch(/^Starts the workflow when Zendesk tickets are created or change, by polling/);
		expect(codexPoll.alias).toEqual(expect.arrayContaining(['Trigger', 'Poll', 'Polling']));
		expect(codexWebhook.alias).toEqual(expect.arrayContaining(['Trigger', 'Webhook']));
	});
});
