import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SYSTEM_FIELD_TYPES } from '../../../common/zendeskFacts';
import { zendeskApiRequest } from '../../../common/client/request';
import { cursorList } from '../../../common/api/pagination';

async function options(
	ctx: ILoadOptionsFunctions,
	endpoint: string,
	property: string,
	toOption: (record: IDataObject) => INodePropertyOptions | undefined,
	{ paginated = true } = {},
): Promise<INodePropertyOptions[]> {
	// Ticket forms and custom statuses come whole, without pagination.
	const records = paginated
		? await cursorList.call(ctx, { endpoint, property })
		: (((await zendeskApiRequest.call(ctx, { method: 'GET', endpoint }))[property] as IDataObject[] | undefined) ?? []);
	return records
		.map(toOption)
		.filter((o): o is INodePropertyOptions => o !== undefined)
		.sort((a, b) => a.name.localeCompare(b.name));
}

const active = (record: IDataObject) => record.active !== false && record.deleted !== true;

export const loadOptions = {
	async getGroups(this: ILoadOptionsFunctions) {
		return await options(this, '/groups', 'groups', (g) =>
			g.deleted === true ? undefined : { name: String(g.name), value: Number(g.id) },
		);
	},
	async getBrands(this: ILoadOptionsFunctions) {
		return await options(this, '/brands', 'brands', (b) =>
			active(b) ? { name: String(b.name), value: Number(b.id), description: String(b.subdomain ?? '') } : undefined,
		);
	},
	async getTicketForms(this: ILoadOptionsFunctions) {
		return await options(
			this,
			'/ticket_forms',
			'ticket_forms',
			(f) => (active(f) ? { name: String(f.display_name ?? f.name), value: Number(f.id) } : undefined),
			{ paginated: false },
		);
	},
	async getTicketFormFilter(this: ILoadOptionsFunctions) {
		const forms = await loadOptions.getTicketForms.call(this);
		return [{ name: 'All Custom Fields', value: '' }, ...forms];
	},
	async getCustomStatuses(this: ILoadOptionsFunctions) {
		return await options(
			this,
			'/custom_statuses',
			'custom_statuses',
			(s) => (active(s) ? { name: `${String(s.agent_label)} (${String(s.status_category)})`, value: Number(s.id) } : undefined),
			{ paginated: false },
		);
	},
	async getCustomFields(this: ILoadOptionsFunctions) {
		return await options(this, '/ticket_fields', 'ticket_fields', (f) =>
			active(f) && !SYSTEM_FIELD_TYPES.has(String(f.type))
				? { name: String(f.title), value: Number(f.id), description: `${String(f.type)} field` }
				: undefined,
		);
	},
};
