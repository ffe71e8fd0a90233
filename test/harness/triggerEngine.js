'use strict';
// Trigger nodes through n8n-core's own contexts: a poll trigger's poll() in a
// PollContext, a webhook trigger's webhookMethods in a HookContext and its
// webhook() in a WebhookContext. Static data is kept the way n8n 2.41's poll
// executor does (poll-trigger-executor + poll-cursor-hooks): a poll works on
// a staged copy, which becomes the stored one when the poll emits or returns
// null, and is dropped when it throws. With `staging: false` the poll works on
// the stored object itself, as older n8n lines do.
require('reflect-metadata');

const { HookContext, PollContext, WebhookContext } = require('n8n-core');
const nock = require('nock');

/** The test Zendesk account's host (test/harness/zendesk.ts's ZENDESK). */
const TEST_HOST = 'acme.zendesk.com';
const { Workflow } = require('n8n-workflow');
const { TestCredentialsHelper, credentialRefsOf, instanceUrls, nodeTypesOf } = require('./engine');

function buildTriggerEngine({ nodeType, typeName, nodeName, credentialTypes, credentials, parameters, staging = true, staticData = {} }) {
	const nodeTypes = nodeTypesOf(() => nodeType);
	const credentialRefs = credentialRefsOf(credentials);
	const node = {
		id: 'trigger',
		name: nodeName,
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentialRefs,
		webhookId: 'hook-1',
	};
	const workflow = new Workflow({ id: 'wf-test', name: 'test', nodes: [node], connections: {}, active: true, nodeTypes, settings: {} });
	const helper = new TestCredentialsHelper(credentialTypes, structuredClone(credentials), () => workflow, nodeName);
	const additionalData = {
		credentialsHelper: helper,
		...instanceUrls(),
		variables: {},
	};
	const store = { stored: structuredClone(staticData) };
	const workflowNode = workflow.getNode(nodeName);
	const emitted = [];

	/**
	 * One poll as n8n's poll executor runs it; returns what it emitted (or null), or the error it threw. A request
	 * to the test account that no nock rule answers throws instead: nock refuses it with a 404, which the poll
	 * would take for a ticket deleted since, and the test would pass with a comment silently skipped. (Requests
	 * to an emulator over real HTTP pass through nock unmatched by design.)
	 */
	async function poll(options) {
		const unmatched = [];
		// nock emits the request and, from its http interceptor, the request's options (host, path).
		const note = (req, sent) => {
			const { hostname, host, method, path } = sent ?? req;
			if ((hostname ?? host) === TEST_HOST) unmatched.push(`${method ?? req.method} ${path}`);
		};
		nock.emitter.on('no match', note);
		try {
			const outcome = await pollOnce(options);
			if (unmatched.length) throw new Error(`The poll sent requests no nock rule answers: ${unmatched.join(', ')}`);
			return outcome;
		} finally {
			nock.emitter.removeListener('no match', note);
		}
	}

	async function pollOnce({ mode = 'trigger', activation = 'trigger', budgetMs } = {}) {
		let staged = staging ? structuredClone(store.stored) : store.stored;
		const commit = async () => {
			store.stored = staged;
		};
		const onEmit = (data) => {
			emitted.push(data);
			store.stored = staged;
		};
		const ctx = new PollContext(
			workflow,
			workflowNode,
			additionalData,
			mode,
			activation,
			onEmit,
			() => {},
			commit,
			undefined,
			() => staged,
			budgetMs ? () => budgetMs : undefined,
		);
		try {
			const result = await nodeType.poll.call(ctx);
			if (result !== null) ctx.__emit(result);
			else if (mode !== 'manual') await commit();
			return { result, items: result ? result[0] : [] };
		} catch (error) {
			staged = undefined;
			return { error, items: [] };
		}
	}

	/** The webhookMethods of the 'default' webhook, with the workflow's static data kept between calls. */
	async function hook(method, { mode = 'trigger', activation = 'activate', isTest = false } = {}) {
		const webhookDescription = nodeType.description.webhooks[0];
		const ctx = new HookContext(workflow, workflowNode, additionalData, mode, activation, { webhookDescription, isTest });
		ctx.getWorkflowStaticData = () => store.stored;
		return await nodeType.webhookMethods.default[method].call(ctx);
	}

	/** One call of the webhook: `rawBody` (a Buffer) and lower-case headers; returns webhook()'s answer and what was written back. */
	async function webhook({ headers, rawBody }) {
		let body = {};
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			// an unreadable body stays {}
		}
		const response = { statusCode: 200, headers: {}, body: undefined, ended: false };
		const res = {
			status(code) {
				response.statusCode = code;
				return res;
			},
			setHeader: (key, value) => (response.headers[key] = value),
			send(data) {
				response.body = data;
				response.ended = true;
				return res;
			},
			json(data) {
				return res.send(data);
			},
			end(data) {
				return res.send(data);
			},
		};
		const req = { headers, body, rawBody, query: {}, params: {}, method: 'POST' };
		const webhookDescription = nodeType.description.webhooks[0];
		const ctx = new WebhookContext(
			workflow,
			workflowNode,
			{ ...additionalData, httpRequest: req, httpResponse: res },
			'webhook',
			{ webhookDescription },
			[],
		);
		ctx.getWorkflowStaticData = () => store.stored;
		const result = await nodeType.webhook.call(ctx);
		return { result, response };
	}

	return {
		workflow,
		helper,
		poll,
		hook,
		webhook,
		emitted,
		get staticData() {
			return store.stored;
		},
	};
}

module.exports = { buildTriggerEngine };
