import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { redactAnswer } from '../../../common/client/request';
import * as listSearchMethods from './listSearch';
import { loadOptions as loadOptionsMethods } from './loadOptions';
import * as resourceMappingMethods from './resourceMapping';

type EditorMethod = (this: ILoadOptionsFunctions, ...args: never[]) => Promise<unknown>;

/**
 * The editor shows names, values and descriptions as Zendesk sent them: a
 * server that echoed a token or the Basic auth value into a group's name or a
 * ticket's subject must not show it to whoever edits the workflow, as outputs
 * do not carry it on.
 */
function redacted<T extends Record<string, EditorMethod>>(methods: T): T {
	const wrap = (method: EditorMethod) =>
		async function (this: ILoadOptionsFunctions, ...args: never[]) {
			return await redactAnswer.call(this, await method.apply(this, args));
		};
	return Object.fromEntries(Object.entries(methods).map(([name, method]) => [name, wrap(method)])) as T;
}

export const loadOptions = redacted(loadOptionsMethods);
export const listSearch = redacted({ ...listSearchMethods });
export const resourceMapping = redacted({ ...resourceMappingMethods });
