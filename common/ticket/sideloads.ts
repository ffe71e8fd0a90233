import type { IDataObject } from 'n8n-workflow';

function byId(records: unknown): Map<number, IDataObject> {
	return new Map(((records as IDataObject[] | undefined) ?? []).map((r) => [Number(r.id), r]));
}

/**
 * Zendesk returns side-loaded records beside the tickets; builders want them
 * on the ticket they belong to, under the name of the relation.
 */
export function attachSideloads(ticket: IDataObject, response: IDataObject): IDataObject {
	const users = byId(response.users);
	const groups = byId(response.groups);
	const organizations = byId(response.organizations);
	const out: IDataObject = { ...ticket };
	if (response.users) {
		for (const relation of ['requester', 'submitter', 'assignee']) {
			const user = users.get(Number(ticket[`${relation}_id`]));
			if (user) out[relation] = user;
		}
	}
	if (response.groups && groups.has(Number(ticket.group_id))) out.group = groups.get(Number(ticket.group_id));
	if (response.organizations && organizations.has(Number(ticket.organization_id))) {
		out.organization = organizations.get(Number(ticket.organization_id));
	}
	return out;
}
