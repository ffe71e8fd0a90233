import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

/** Stand-in for nodes-base's oAuth2Api: only its name matters to n8n-core. */
class OAuth2Api implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	properties: INodeProperties[] = [];
}

export interface TokenUpdate {
	type: string;
	oauthTokenData: ICredentialDataDecryptedObject;
}

/**
 * Does what n8n's CredentialsHelper does for a node at run time: fills in
 * defaults, resolves the credential's own `={{ }}` expressions with `$self`,
 * applies its `authenticate` block with `$credentials`, reports parent types
 * by walking `extends` (so OAuth2 takes n8n-core's real OAuth2 path, refresh
 * included) and records refreshed token data.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: TokenUpdate[] = [];

	private readonly types: Record<string, ICredentialType>;

	constructor(
		types: ICredentialType[],
		readonly store: Record<string, ICredentialDataDecryptedObject>,
		private readonly expressionWorkflow: () => Workflow,
	) {
		super();
		this.types = Object.fromEntries([new OAuth2Api(), ...types].map((t) => [t.name, t]));
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.types[type]?.properties ?? [];
		const inherited = (this.types[type]?.extends ?? []).flatMap((p) => this.getCredentialsProperties(p));
		const names = new Set(own.map((p) => p.name));
		return [...inherited.filter((p) => !names.has(p.name)), ...own];
	}

	private resolve(value: unknown, additionalKeys: IWorkflowDataProxyAdditionalKeys, node?: INode): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const workflow = this.expressionWorkflow();
		const target = node ?? workflow.getNode('Zendesk Ticket')!;
		const resolved = workflow.expression.getSimpleParameterValue(target, value, 'internal', additionalKeys, undefined, '');
		return resolved ? String(resolved) : '';
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		_workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(inner as Record<string, unknown>)) {
					const resolvedKey = String(this.resolve(key, { $credentials: credentials }, node));
					target[outerKey][resolvedKey] = this.resolve(value, { $credentials: credentials }, node);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('not used by nodes');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store[type];
		if (!stored) throw new Error(`No test credentials of type ${type}`);
		if (raw) return structuredClone(stored);
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			structuredClone(stored) as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (stored.oauthTokenData !== undefined) withDefaults.oauthTokenData = structuredClone(stored.oauthTokenData);
		const workflow = this.expressionWorkflow();
		return workflow.expression.getComplexParameterValue(
			workflow.getNode('Zendesk Ticket')!,
			withDefaults as never,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.store[type] = data;
	}

	async updateCredentialsOauthTokenData(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const oauthTokenData = structuredClone(data.oauthTokenData) as ICredentialDataDecryptedObject;
		this.store[type] = { ...this.store[type], oauthTokenData };
		this.tokenUpdates.push({ type, oauthTokenData });
	}
}
