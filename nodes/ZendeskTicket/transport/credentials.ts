import type { IExecuteFunctions, ILoadOptionsFunctions, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveBaseUrl } from '../helpers/subdomain';

export type ZendeskFunctions = IExecuteFunctions | ILoadOptionsFunctions;

/** The `authentication` parameter picks the credential type; OAuth2 is the default. */
export function credentialTypeFor(authentication: unknown): string {
	return authentication === 'apiToken' ? 'zendeskTicketApi' : 'zendeskTicketOAuth2Api';
}

export interface ZendeskConnection {
	credentialType: string;
	baseUrl: string;
	/** Values that must never appear in messages, outputs or logs. */
	secrets: string[];
}

const SECRET_FIELDS = ['apiToken', 'clientSecret'];

function secretsOf(credentials: IDataObject): string[] {
	const secrets = SECRET_FIELDS.map((f) => credentials[f]).filter((v): v is string => typeof v === 'string');
	const token = credentials.oauthTokenData as IDataObject | undefined;
	for (const key of ['access_token', 'refresh_token']) {
		if (typeof token?.[key] === 'string') secrets.push(token[key] as string);
	}
	return secrets;
}

/** Which credential the node uses, and the only host it may talk to. */
export async function getConnection(this: ZendeskFunctions): Promise<ZendeskConnection> {
	const credentialType = credentialTypeFor(this.getNodeParameter('authentication', 0, 'oAuth2'));
	const credentials = await this.getCredentials(credentialType);
	try {
		return { credentialType, baseUrl: resolveBaseUrl(credentials), secrets: secretsOf(credentials) };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description: 'Open the credential and correct the Subdomain (or Base URL Override) field. No request was sent.',
		});
	}
}
