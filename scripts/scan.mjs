// Runs the analyzer of @n8n/scan-community-package on this source tree and on
// the files `npm pack` would publish. Its CLI only scans packages published
// with provenance, so the analyzer is imported directly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
let failed = false;

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`scan ${label}: 0 findings`);
	} else {
		failed = true;
		console.error(`scan ${label}: ${result.message}\n${result.details ?? ''}`);
	}
}

await scan('source tree', root, SOURCE_FILE_PATTERNS);

if (existsSync(join(root, 'dist'))) {
	const work = mkdtempSync(join(tmpdir(), 'zd-pack-'));
	try {
		const [{ filename }] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
		);
		execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
		await scan('npm pack output', join(work, 'package'), ['**/*.js', 'package.json']);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
} else {
	console.log('scan npm pack output: skipped (run npm run build first)');
}
process.exit(failed ? 1 : 0);
