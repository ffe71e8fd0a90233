import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { apiError, toHttpFailure } from '../helpers/errors';
import type { ZendeskConnection, ZendeskFunctions } from './credentials';
import { getConnection } from './credentials';
import { retryDelay } from './retry';

export interface ZendeskRequest {
	method: IHttpRequestMethods;
	/** Path below /api/v2, e.g. `/tickets/1`. */
	endpoint: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	/** The input item the request serves, named in errors. */
	itemIndex?: number;
	/** Shown before Zendesk's message, e.g. "Ticket 12". */
	context?: string;
}

const connections = new WeakMap<object, Promise<ZendeskConnection>>();

/** Credentials are read once per node run: they cannot change mid-run, and decrypting them is not free. */
function connectionFor(ctx: ZendeskFunctions): Promise<ZendeskConnection> {
	const key = ctx;
	let connection = connections.get(key);
	if (!connection) {
		connection = getConnection.call(ctx);
		connections.set(key, connection);
		connection.catch(() => connections.delete(key));
	}
	return connection;
}

/** The single way the node talks to Zendesk. */
export async function zendeskApiRequest(this: ZendeskFunctions, request: ZendeskRequest): Promise<IDataObject> {
	const { credentialType, baseUrl, secrets } = await connectionFor(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}/api/v2${request.endpoint}`,
		qs: request.qs,
		body: request.body,
		headers: { Accept: 'application/json', ...request.headers },
		json: true,
	};
	for (let attempt = 1; ; attempt++) {
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				{ ...options, headers: { ...options.headers } },
			)) as IDataObject | string | undefined;
			return typeof response === 'object' && response !== null ? response : {};
		} catch (error) {
			const failure = toHttpFailure(error);
			const wait = retryDelay(request, failure, attempt);
			if (wait === undefined) {
				throw apiError(this.getNode(), failure, {
					itemIndex: request.itemIndex,
					secrets,
					context: request.context,
				});
			}
			await sleep(wait);
		}
	}
}
