import { appendFileSync } from 'node:fs';

import nock from 'nock';

import { requestLog } from './zendesk';
import { forgetAccounts } from '../../common/client/account';

// Nothing leaves the machine: a request no test allowed fails loudly.
beforeAll(() => nock.disableNetConnect());
// Every case starts with an account nobody has used: the node's pacing is shared by the runs of a process.
afterEach(() => {
	nock.cleanAll();
	forgetAccounts();
});
afterAll(() => {
	nock.enableNetConnect();
	// `ZD_REQUEST_LOG=file npm run test:unit` keeps every request the node sent,
	// as JSON lines of {method, url, body, headers}, for checks against Zendesk's OpenAPI spec.
	const log = process.env.ZD_REQUEST_LOG;
	if (log && requestLog.length) {
		appendFileSync(
			log,
			requestLog
				.map((r) =>
					JSON.stringify({
						method: r.method,
						url: r.url,
						body: r.body,
						headers: { 'content-type': r.headers['content-type'] },
					}),
				)
				.join('\n') + '\n',
		);
	}
});
