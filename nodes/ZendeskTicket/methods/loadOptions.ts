import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SYSTEM_FIELD_TYPES } from '../../../common/zendeskFacts';
import type { ZendeskClient } from '../../../common/client';
import type { AccountList } from '../../../common/api/accountRecords';
import { listAccountRecords } from '../../../common/api/accountRecords';

async function options(
	client: ZendeskClient,
	list: AccountList,
	toOption: (record: IDataObject) => INodePropertyOptions | undefined,
): Promise<INodePropertyOptions[]> {
	return (await listAccountRecords(client, list))
		.map(toOption)
		.filter((o): o is INodePropertyOptions => o !== undefined)
		.sort((a, b) => a.name.localeCompare(b.name));
}

const active = (record: IDataObject) => record.active !== false && record.deleted !== true;

export const loadOptions = {
	async getGroups(this: ILoadOptionsFunctions, client: ZendeskClient) {
		return await options(client, 'groups', (g) => (g.deleted === true ? undefined : { name: String(g.name), value: Number(g.id) }));
	},
	async getBrands(this: ILoadOptionsFunctions, client: ZendeskClient) {
		return await options(client, 'brands', (b) =>
			active(b) ? { name: String(b.name), value: Number(b.id), description: String(b.subdomain ?? '') } : undefined,
		);
	},
	async getTicketForms(this: ILoadOptionsFunctions, client: ZendeskClient) {
		return await options(client, 'ticket_forms', (f) =>
			active(f) ? { name: String(f.display_name ?? f.name), value: Number(f.id) } : undefined,
		);
	},
	async getTicketFormFilter(this: ILoadOptionsFunctions, client: ZendeskClient) {
		const forms = await loadOptions.getTicketForms.call(this, client);
		return [{ name: 'All Custom Fields', value: '' }, ...forms];
	},
	async getCustomStatuses(this: ILoadOptionsFunctions, client: ZendeskClient) {
		return await options(client, 'custom_statuses', (s) =>
			active(s) ? { name: `${String(s.agent_label)} (${String(s.status_category)})`, value: Number(s.id) } : undefined,
		);
	},
	async getCustomFields(this: ILoadOptionsFunctions, client: ZendeskClient) {
		return await options(client, 'ticket_fields', (f) =>
			active(f) && !SYSTEM_FIELD_TYPES.has(String(f.type))
				? { name: String(f.title), value: Number(f.id), description: `${String(f.type)} field` }
				: undefined,
		);
	},
};
