import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { nodePolicy, openClient } from '../../../common/client';
import * as listSearchMethods from './listSearch';
import { loadOptions as loadOptionsMethods } from './loadOptions';
import * as resourceMappingMethods from './resourceMapping';

type EditorMethod = (this: ILoadOptionsFunctions, client: ZendeskClient, ...args: never[]) => Promise<unknown>;

/** A method as n8n calls it: without the client, which the wrapper opens. */
type AsCalled<M> = M extends (this: ILoadOptionsFunctions, client: ZendeskClient, ...args: infer A) => Promise<infer R>
	? (this: ILoadOptionsFunctions, ...args: A) => Promise<R>
	: never;

/** The client of one editor call, with the node's Authentication and Request Options as saved. */
function editorClient(ctx: ILoadOptionsFunctions): ZendeskClient {
	let requestOptions: IDataObject = {};
	try {
		requestOptions = ctx.getNodeParameter('requestOptions', {}) as IDataObject;
	} catch {
		// dropdowns run without the operation's parameters
	}
	return openClient(ctx, nodePolicy(ctx.getNodeParameter('authentication', 'oAuth2'), requestOptions));
}

/**
 * Each editor method gets its own client. The editor shows names, values and
 * descriptions as Zendesk sent them: a server that echoed a token or the Basic
 * auth value into a group's name or a ticket's subject must not show it to
 * whoever edits the workflow, as outputs do not carry it on.
 */
function withClient<T extends Record<string, EditorMethod>>(methods: T): { [K in keyof T]: AsCalled<T[K]> } {
	const wrap = (method: EditorMethod) =>
		async function (this: ILoadOptionsFunctions, ...args: never[]) {
			const client = editorClient(this);
			return await client.redactAnswer(await method.call(this, client, ...args));
		};
	return Object.fromEntries(Object.entries(methods).map(([name, method]) => [name, wrap(method)])) as { [K in keyof T]: AsCalled<T[K]> };
}

export const loadOptions = withClient(loadOptionsMethods);
export const listSearch = withClient({ ...listSearchMethods });
export const resourceMapping = withClient({ ...resourceMappingMethods });
