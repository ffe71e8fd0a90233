import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './engine';

/**
 * Runs a credential type's declarative `test` the way n8n's credential tester
 * does: resolve the request with `$credentials`, apply the type's own
 * `authenticate`, send it, then apply the `rules` to the response.
 */
export async function testCredential(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const node = { id: 'n', name: 'Zendesk Ticket', type: 'x.y', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => undefined as never, getByNameAndVersion: () => undefined as never, getKnownTypes: () => ({}) },
	});
	const helper = new TestCredentialsHelper([type], { [type.name]: data }, () => workflow, 'Zendesk Ticket');
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: data }, undefined, ''))
			: value;
	const request = type.test!.request;
	const options = await helper.authenticate(
		data,
		type.name,
		{
			method: request.method ?? 'GET',
			url: `${String(resolve(request.baseURL))}${String(resolve(request.url))}`,
			headers: {},
		} as IHttpRequestOptions,
		workflow,
		node,
	);
	const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
	if (options.auth) {
		headers.authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
	}
	let response: Response;
	try {
		response = await fetch(options.url, { method: options.method, headers });
	} catch (error) {
		return { status: 'Error', message: `Request failed: ${(error as Error).message}` };
	}
	if (!response.ok) {
		// As n8n's credentials tester: the first responseCode rule for the status gives the message.
		const rule = type.test!.rules?.find((r) => r.type === 'responseCode' && r.properties.value === response.status);
		return { status: 'Error', message: rule ? rule.properties.message : `Authorization failed (${response.status})` };
	}
	const body = (await response.json()) as IDataObject;
	for (const rule of type.test!.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const value = rule.properties.key.split('.').reduce<unknown>((o, k) => (o as IDataObject | undefined)?.[k], body);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
