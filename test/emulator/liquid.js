'use strict';
// The little of Zendesk's Liquid that the package's trigger payloads use:
// `{{ path }}` and `{% for item in path limit:N %}…{% endfor %}`, nested.
// A missing value renders empty, as in Zendesk. `escape` turns each value into
// the text placed in the payload: for a JSON webhook, JSON string content.

const FOR = /^\{%\s*for\s+(\w+)\s+in\s+([\w.]+)(?:\s+limit:\s*(\d+))?\s*%\}$/;
const END_FOR = /^\{%\s*endfor\s*%\}$/;
const OUTPUT = /^\{\{\s*([\w.]+)\s*\}\}$/;

function parse(template) {
	const root = [];
	const stack = [root];
	for (const token of String(template).split(/(\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\})/)) {
		const open = FOR.exec(token);
		const top = stack[stack.length - 1];
		if (open) {
			const loop = { name: open[1], path: open[2], limit: open[3] ? Number(open[3]) : Infinity, body: [] };
			top.push(loop);
			stack.push(loop.body);
		} else if (END_FOR.test(token)) {
			if (stack.length > 1) stack.pop();
		} else {
			const output = OUTPUT.exec(token);
			top.push(output ? { path: output[1] } : token);
		}
	}
	return root;
}

const lookup = (scope, path) => path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), scope);

function run(nodes, scope, escape) {
	return nodes
		.map((node) => {
			if (typeof node === 'string') return node;
			if (!node.body) return escape(lookup(scope, node.path));
			const items = lookup(scope, node.path);
			if (!Array.isArray(items)) return '';
			return items
				.slice(0, node.limit)
				.map((item) => run(node.body, { ...scope, [node.name]: item }, escape))
				.join('');
		})
		.join('');
}

/** Renders `template` with `scope`; each value through `escape` (default: as text). */
function renderLiquid(template, scope, escape = (value) => (value == null ? '' : String(value))) {
	return run(parse(template), scope, escape);
}

/** A value as JSON string content: what Zendesk places for a placeholder in a JSON webhook body. */
const jsonText = (value) => (value == null ? '' : JSON.stringify(String(value)).slice(1, -1));

module.exports = { renderLiquid, jsonText };
