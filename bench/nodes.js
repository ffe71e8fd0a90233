'use strict';
// The two contestants: this package's node from dist/ (built by `npm run build`)
// and n8n's built-in Zendesk node from the pinned n8n-nodes-base in .cache/bench/.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, '.cache', 'bench');
const NODES_BASE = path.join(CACHE_DIR, 'node_modules', 'n8n-nodes-base');

/**
 * In an n8n install there is one n8n-workflow, shared by n8n-core and every
 * node. The bench-local install of n8n-nodes-base brings its own copy (the
 * same 2.41.0), so its requires are sent to the root copy that n8n-core
 * uses: error classes and helpers are then the engine's own, as in n8n.
 */
function shareWorkflowPackage() {
	const original = Module._resolveFilename;
	if (original.benchShared) return;
	const patched = function resolveFilename(request, parent, ...rest) {
		if ((request === 'n8n-workflow' || request.startsWith('n8n-workflow/')) && parent?.filename?.startsWith(CACHE_DIR + path.sep)) {
			return original.call(this, request, module, ...rest);
		}
		return original.call(this, request, parent, ...rest);
	};
	patched.benchShared = true;
	Module._resolveFilename = patched;
}

function nodesBaseVersion() {
	try {
		return JSON.parse(fs.readFileSync(path.join(NODES_BASE, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

const CONTESTANTS = {
	ours: {
		label: 'Zendesk Ticket (this package)',
		credentialType: 'zendeskTicketApi',
		load() {
			const dist = path.join(ROOT, 'dist');
			const { ZendeskTicket } = require(path.join(dist, 'nodes/ZendeskTicket/ZendeskTicket.node.js'));
			const { ZendeskTicketApi } = require(path.join(dist, 'credentials/ZendeskTicketApi.credentials.js'));
			const { ZendeskTicketOAuth2Api } = require(path.join(dist, 'credentials/ZendeskTicketOAuth2Api.credentials.js'));
			return {
				nodeType: new ZendeskTicket(),
				typeName: 'n8n-nodes-zendesk-ticket.zendeskTicket',
				credentialTypes: [new ZendeskTicketApi(), new ZendeskTicketOAuth2Api()],
			};
		},
	},
	builtin: {
		label: 'n8n built-in Zendesk (n8n-nodes-base)',
		credentialType: 'zendeskApi',
		load() {
			shareWorkflowPackage();
			const dist = path.join(NODES_BASE, 'dist');
			const { Zendesk } = require(path.join(dist, 'nodes/Zendesk/Zendesk.node.js'));
			const { ZendeskApi } = require(path.join(dist, 'credentials/ZendeskApi.credentials.js'));
			return { nodeType: new Zendesk(), typeName: 'n8n-nodes-base.zendesk', credentialTypes: [new ZendeskApi()] };
		},
	},
};

module.exports = { CONTESTANTS, ROOT, CACHE_DIR, NODES_BASE, nodesBaseVersion };
