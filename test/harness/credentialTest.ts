import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ZendeskTicket } from '../../nodes/ZendeskTicket/ZendeskTicket.node';
import { ZendeskTicketPollTrigger } from '../../nodes/ZendeskTicketPollTrigger/ZendeskTicketPollTrigger.node';
import { ZendeskTicketTrigger } from '../../nodes/ZendeskTicketTrigger/ZendeskTicketTrigger.node';
import { TestCredentialsHelper } from './engine';

type TestResult = { status: 'OK' | 'Error'; message: string };

/**
 * The test n8n's credential tester picks for a type without a declarative `test`:
 * a node that lists the credential with `testedBy` names its `methods.credentialTest`.
 * Every node of the package must offer it, since n8n may ask any of them.
 */
function nodeTests(typeName: string): ICredentialTestFunction[] {
	const nodes: INodeType[] = [new ZendeskTicket(), new ZendeskTicketTrigger(), new ZendeskTicketPollTrigger()];
	return nodes.map((node) => {
		const testedBy = node.description.credentials?.find((c) => c.name === typeName)?.testedBy;
		const test = typeof testedBy === 'string' ? node.methods?.credentialTest?.[testedBy] : undefined;
		if (!test) throw new Error(`${node.description.name} offers no credential test for ${typeName}`);
		return test;
	});
}

/** Runs a node's credential test in n8n-core's own context for it (its `helpers.request` is n8n's). */
async function testByNode(typeName: string, data: ICredentialDataDecryptedObject): Promise<TestResult> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { CredentialTestContext } = require('n8n-core') as { CredentialTestContext: new (data: object) => ICredentialTestFunctions };
	// The three nodes share one test, so whichever n8n asks says the same.
	const tests = new Set(nodeTests(typeName));
	if (tests.size !== 1) throw new Error('The nodes test the credential with different functions');
	const [test] = tests;
	return (await test.call(new CredentialTestContext({}), { id: 'c', name: 'Zendesk', type: typeName, data })) as TestResult;
}

/**
 * Runs a credential's test the way n8n's credential tester does. A declarative
 * `test` (preferred by n8n when the type has one): resolve the request with
 * `$credentials`, apply the type's own `authenticate`, send it, then apply the
 * `rules` to the response. Otherwise the nodes' own test (`testedBy`).
 */
export async function testCredential(type: ICredentialType, data: ICredentialDataDecryptedObject): Promise<TestResult> {
	if (!type.test) return await testByNode(type.name, data);
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
	if (!response.ok) return { status: 'Error', message: `Authorization failed (${response.status})` };
	const body = (await response.json()) as IDataObject;
	for (const rule of type.test!.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const value = rule.properties.key.split('.').reduce<unknown>((o, k) => (o as IDataObject | undefined)?.[k], body);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
