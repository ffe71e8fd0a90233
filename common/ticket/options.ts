import type { INodePropertyOptions } from 'n8n-workflow';

import { PRIORITIES, STATUSES, TYPES } from '../zendeskFacts';

/*
 * Zendesk's ticket values as dropdown options, shared by the action node's
 * fields and search filters and by both triggers' filters.
 */

const optionsOf = (labels: Readonly<Record<string, string>>): INodePropertyOptions[] =>
	Object.entries(labels).map(([value, name]) => ({ name, value }));

// Zendesk's own values; the names read as in Zendesk's agent interface. Statuses read alphabetically.
export const STATUS_OPTIONS = optionsOf(STATUSES).sort((a, b) => a.name.localeCompare(b.name));
export const PRIORITY_OPTIONS = optionsOf(PRIORITIES);
export const TYPE_OPTIONS = optionsOf(TYPES);
