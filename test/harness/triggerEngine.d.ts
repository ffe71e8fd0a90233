import type { IDataObject, INodeExecutionData, IWebhookResponseData, Workflow } from 'n8n-workflow';

import type { NodeUnderTest, TestCredentialsHelper } from './engine';

export interface TriggerEngineOptions extends NodeUnderTest {
	/** Static data as n8n 2.41 keeps it for polls (staged, default) or as older lines do (the stored object itself). */
	staging?: boolean;
	staticData?: IDataObject;
}

export interface PollOutcome {
	result?: INodeExecutionData[][] | null;
	items: INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string };
}

export interface WebhookOutcome {
	result: IWebhookResponseData;
	response: { statusCode: number; headers: Record<string, string>; body: unknown; ended: boolean };
}

export interface TriggerEngine {
	workflow: Workflow;
	helper: TestCredentialsHelper;
	poll(options?: { mode?: 'trigger' | 'manual'; activation?: 'init' | 'trigger' | 'activate'; budgetMs?: number }): Promise<PollOutcome>;
	hook(method: 'checkExists' | 'create' | 'delete', options?: { mode?: string; activation?: string; isTest?: boolean }): Promise<boolean>;
	webhook(request: { headers: Record<string, string>; rawBody: Buffer }): Promise<WebhookOutcome>;
	emitted: INodeExecutionData[][][];
	readonly staticData: IDataObject;
}

export declare function buildTriggerEngine(options: TriggerEngineOptions): TriggerEngine;
