import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { API_TOKEN_TEST, credentialTypeFor } from '../authentication';
import { resolveBaseUrl } from '../zendeskUrl';
import { failureText } from './apiError';
import type { HttpFailure } from './failure';
import { lowerCaseHeaders, toHttpFailure } from './failure';
import { secretsOf } from './connection';
import { redirectNote } from './transportNotes';

/** What the node says too, for a credential whose /users/me answer has no user id. */
export const ANONYMOUS_USER =
	'Zendesk did not recognise these credentials (it answered as an anonymous user): check the Subdomain, and the Email and API Token, and that token access is turned on in Zendesk Admin Center';

const TEST_TIMEOUT_MS = 30_000;

interface FullResponse {
	statusCode: number;
	headers?: unknown;
	body?: unknown;
}

/** The credential dialog shows one line: the message, then what Zendesk said. */
function refused(
	failure: HttpFailure,
	secrets: string[],
	explained?: { message: string; description?: string },
): INodeCredentialTestResult {
	const { message, description } = failureText(failure, { secrets, explained, credentialType: credentialTypeFor('apiToken') });
	return { status: 'Error', message: description ? `${message}. ${description}` : message };
}

function basicAuthorization(data: ICredentialDataDecryptedObject): string {
	return `Basic ${Buffer.from(`${String(data.email ?? '')}/token:${String(data.apiToken ?? '')}`).toString('base64')}`;
}

/**
 * The API token credential's Test, in the node's own sentences: the subdomain
 * is checked by the rule the node applies before anything is sent, and a
 * failure reads as it would in a workflow. GET /users/me answers 200 with an
 * anonymous user for wrong credentials, so a user id is required. Redirects
 * are not followed, as in the node.
 */
export async function testApiTokenCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	let baseUrl: string;
	try {
		baseUrl = resolveBaseUrl(data);
	} catch (error) {
		return { status: 'Error', message: `${(error as Error).message} Nothing was sent.` };
	}
	const secrets = secretsOf(data);
	const uri = `${baseUrl}/api/v2/users/me.json`;
	let response: FullResponse;
	try {
		// A credential test's context offers only the legacy request helper.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = (await this.helpers.request({
			method: 'GET',
			uri,
			headers: { Accept: 'application/json', Authorization: basicAuthorization(data) },
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
			timeout: TEST_TIMEOUT_MS,
		})) as FullResponse;
	} catch (error) {
		return refused(toHttpFailure(error), secrets);
	}
	const failure: HttpFailure = { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body: response.body };
	if (failure.status! >= 300 && failure.status! < 400) return refused(failure, secrets, redirectNote(failure, uri, baseUrl));
	if (failure.status! >= 400) return refused(failure, secrets);
	const user = (response.body as IDataObject | undefined)?.user as IDataObject | undefined;
	if (user?.id === undefined || user.id === null) return { status: 'Error', message: ANONYMOUS_USER };
	return { status: 'OK', message: 'Connection tested successfully' };
}

/** Every node offers the Test under the name its credentials give as `testedBy`: n8n may ask any of them. */
export const credentialTest = { [API_TOKEN_TEST]: testApiTokenCredential };
