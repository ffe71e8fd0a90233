import type {
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	ICredentialType,
	IDataObject,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeType,
	IRun,
	Workflow,
} from 'n8n-workflow';

export interface TokenUpdate {
	type: string;
	oauthTokenData: ICredentialDataDecryptedObject;
}

export declare class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		types: ICredentialType[],
		store: Record<string, ICredentialDataDecryptedObject>,
		expressionWorkflow: () => Workflow,
		nodeName: string,
	);
	readonly store: Record<string, ICredentialDataDecryptedObject>;
	readonly tokenUpdates: TokenUpdate[];
	getParentTypes(name: string): string[];
	isCredentialUsableByNode(): boolean;
	getCredentialsProperties(type: string): never[];
	authenticate(...args: Parameters<ICredentialsHelper['authenticate']>): ReturnType<ICredentialsHelper['authenticate']>;
	preAuthentication(): Promise<undefined>;
	runPreAuthentication(): Promise<undefined>;
	getCredentials(): never;
	getDecrypted(...args: Parameters<ICredentialsHelper['getDecrypted']>): Promise<ICredentialDataDecryptedObject>;
	updateCredentials(...args: Parameters<ICredentialsHelper['updateCredentials']>): Promise<void>;
	updateCredentialsOauthTokenData(...args: Parameters<ICredentialsHelper['updateCredentialsOauthTokenData']>): Promise<void>;
}

/** The node one engine runs, with its credentials and parameters (action and trigger engines alike). */
export interface NodeUnderTest {
	nodeType: INodeType;
	typeName: string;
	nodeName: string;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters: IDataObject;
}

export interface EngineOptions extends NodeUnderTest {
	items: INodeExecutionData[];
	onError?: 'continueRegularOutput';
	nodeSettings?: { retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number };
	executionId: string;
	/** How many times the node runs in the one execution (a loop); default 1. */
	runs?: number;
}

export interface Engine {
	workflow: Workflow;
	helper: TestCredentialsHelper;
	run(): Promise<{ run: IRun; output: INodeExecutionData[]; error?: Error }>;
	editorContext(path: string): ILoadOptionsFunctions;
}

export declare function buildEngine(options: EngineOptions): Engine;
