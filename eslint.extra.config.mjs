// Our rules beside n8n's own config (eslint.config.mjs is @n8n/node-cli's, unchanged, as `"strict": true`
// requires): run as `eslint -c eslint.extra.config.mjs .` by `npm run lint`.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		// Only the published sources follow the community-node rules; tooling and tests are plain Node.
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'scripts/**',
			'bench/**',
			'examples/**',
			'docs/**',
			'.cache/**',
			'gulpfile.js',
			'eslint.config.mjs',
			'eslint.extra.config.mjs',
			'jest.config.js',
		],
	},
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		// common/ holds what the nodes share (trigger parameters, option lists): the node rules apply there too.
		files: ['nodes/**/*.ts', 'common/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
);
