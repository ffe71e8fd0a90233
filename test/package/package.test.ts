import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';

const root = join(__dirname, '..', '..');
const pkg = require('../../package.json') as Record<string, any>;

describe('the published package', () => {
	it('declares itself as an n8n community package without runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-zendesk-ticket');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		// Optional, so that `npm install` in ~/.n8n/nodes does not install n8n-workflow (and
		// isolated-vm, which cannot build on Node 20) next to n8n's own copy.
		expect(pkg.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
		expect(pkg.n8n).toEqual({
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: ['dist/credentials/ZendeskTicketOAuth2Api.credentials.js', 'dist/credentials/ZendeskTicketApi.credentials.js'],
			nodes: [
				'dist/nodes/ZendeskTicket/ZendeskTicket.node.js',
				'dist/nodes/ZendeskTicketPollTrigger/ZendeskTicketPollTrigger.node.js',
				'dist/nodes/ZendeskTicketTrigger/ZendeskTicketTrigger.node.js',
			],
		});
	});

	it('keeps eslint.config.mjs exactly @n8n/node-cli\'s, as "strict": true requires (extra rules live in eslint.extra.config.mjs)', () => {
		const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
		const template = join(
			root,
			'node_modules',
			'@n8n',
			'node-cli',
			'dist',
			'template',
			'templates',
			'shared',
			'default',
			'eslint.config.mjs',
		);
		expect(normalize(readFileSync(join(root, 'eslint.config.mjs'), 'utf8'))).toBe(normalize(readFileSync(template, 'utf8')));
		expect(pkg.scripts.lint).toMatch(/^eslint nodes credentials common package\.json && eslint -c eslint\.extra\.config\.mjs \./);
	});

	const built = existsSync(join(root, 'dist'));
	(built ? it : it.skip)('loads from dist/ through n8n-core, with icons and codex', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		expect(Object.keys(loader.known.nodes)).toEqual(['zendeskTicket', 'zendeskTicketPollTrigger', 'zendeskTicketTrigger']);
		for (const trigger of ['zendeskTicketPollTrigger', 'zendeskTicketTrigger']) {
			const description = loader.getNode(trigger).type.description as any;
			expect(description.group).toEqual(['trigger']);
			expect(description.codex.resources.primaryDocumentation[0].url).toMatch(/#triggers$/);
		}
		expect(Object.keys(loader.known.credentials).sort()).toEqual(['zendeskTicketApi', 'zendeskTicketOAuth2Api']);
		const node = loader.getNode('zendeskTicket').type.description;
		expect(node.displayName).toBe('Zendesk Ticket');
		expect(node.usableAsTool).toBe(true);
		expect((node as any).codex.categories).toEqual(['Communication']);
		expect((node as any).codex.resources.primaryDocumentation[0].url).toMatch(/#operations$/);
		for (const file of ['zendeskTicket.svg', 'zendeskTicket.dark.svg']) {
			expect(existsSync(join(root, 'dist', 'icons', file))).toBe(true);
		}
	});

	(built ? it : it.skip)('npm pack ships only dist, README, LICENSE, CHANGELOG and package.json', () => {
		const [{ files }] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
		) as Array<{ files: Array<{ path: string }> }>;
		const paths = files.map((f) => f.path);
		const outside = paths.filter((p) => !p.startsWith('dist/') && !['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].includes(p));
		expect(outside).toEqual([]);
		expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
		expect(paths.some((p) => p.includes('test'))).toBe(false);
		expect(paths).toEqual(
			expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'dist/nodes/ZendeskTicket/ZendeskTicket.node.json']),
		);
	});
});
