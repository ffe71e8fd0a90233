import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';

/**
 * The shape a contributor relies on: small files and functions, no import
 * cycles, credentials independent of node code, each node apart from the
 * others (what they share lives in common/, which imports no node), pure
 * helpers. Checked on the published sources.
 */
const root = resolve(__dirname, '../..');
const SOURCES = ['common', 'credentials', 'nodes'];
const MAX_FILE_LINES = 250;
const MAX_FUNCTION_LINES = 60;
/**
 * Pure modules besides every helpers/ folder and the action node's input/: they moved from helpers/ into the
 * package-level core (common/) beside the code that uses them.
 */
const PURE_FILES = [
	'common/zendeskFacts.ts',
	'common/client/endpointLimits.ts',
	'common/client/redact.ts',
	'common/client/zendeskErrorBody.ts',
	'common/client/failureSentences.ts',
	'common/triggers/ticketEvents.ts',
];

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
	});
}

const files = SOURCES.flatMap((dir) => filesUnder(join(root, dir)));
const rel = (path: string) => relative(root, path).split('\\').join('/');
/** 'nodes/ZendeskTicket' for a file of that node, undefined outside nodes/. */
const nodeFolder = (path: string) => /^nodes\/[^/]+/.exec(rel(path))?.[0];
const isPure = (path: string) =>
	/\/(helpers|input)\//.test(rel(path)) || rel(path).startsWith('common/ticket/') || PURE_FILES.includes(rel(path));
const source = (path: string) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);

/** Relative imports of a file, resolved to files of the tree (type-only imports included). */
function importsOf(path: string): string[] {
	const out: string[] = [];
	source(path).forEachChild((node) => {
		if (
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
			node.moduleSpecifier &&
			ts.isStringLiteral(node.moduleSpecifier)
		) {
			const spec = node.moduleSpecifier.text;
			if (!spec.startsWith('.')) return;
			const base = resolve(dirname(path), spec);
			const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => files.includes(candidate));
			if (target) out.push(target);
		}
	});
	return out;
}

function externalImports(path: string): Array<{ spec: string; typeOnly: boolean }> {
	const out: Array<{ spec: string; typeOnly: boolean }> = [];
	source(path).forEachChild((node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			out.push({ spec: node.moduleSpecifier.text, typeOnly: Boolean(node.importClause?.isTypeOnly) });
		}
	});
	return out;
}

describe('source layout', () => {
	it('has no import cycles', () => {
		const graph = new Map(files.map((f) => [f, importsOf(f)]));
		const cycles: string[] = [];
		const state = new Map<string, 'visiting' | 'done'>();
		const visit = (file: string, path: string[]) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'visiting') {
				cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' → '));
				return;
			}
			state.set(file, 'visiting');
			for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
			state.set(file, 'done');
		};
		for (const file of files) visit(file, []);
		expect(cycles).toEqual([]);
	});

	it('credentials import nothing from nodes/', () => {
		const offending = files
			.filter((f) => rel(f).startsWith('credentials/'))
			.flatMap((f) =>
				importsOf(f)
					.filter((t) => rel(t).startsWith('nodes/'))
					.map((t) => `${rel(f)} → ${rel(t)}`),
			);
		expect(offending).toEqual([]);
	});

	it('a file of one node folder imports only its own folder and common/', () => {
		const offending = files
			.filter((f) => nodeFolder(f))
			.flatMap((f) =>
				importsOf(f)
					.filter((t) => !rel(t).startsWith('common/') && nodeFolder(t) !== nodeFolder(f))
					.map((t) => `${rel(f)} → ${rel(t)}`),
			);
		expect(offending).toEqual([]);
	});

	it('common/ imports nothing from nodes/', () => {
		const offending = files
			.filter((f) => rel(f).startsWith('common/'))
			.flatMap((f) =>
				importsOf(f)
					.filter((t) => rel(t).startsWith('nodes/'))
					.map((t) => `${rel(f)} → ${rel(t)}`),
			);
		expect(offending).toEqual([]);
	});

	it('outside common/client/, only its entry (index.ts) is imported', () => {
		const entry = 'common/client/index.ts';
		const offending = files
			.filter((f) => !rel(f).startsWith('common/client/'))
			.flatMap((f) =>
				importsOf(f)
					.filter((t) => rel(t).startsWith('common/client/') && rel(t) !== entry)
					.map((t) => `${rel(f)} → ${rel(t)}`),
			);
		expect(offending).toEqual([]);
	});

	it('no context is cast to enter the core: every n8n context passes as it is', () => {
		const casts = files
			.filter((f) => !rel(f).startsWith('common/client/'))
			.flatMap((f) =>
				readFileSync(f, 'utf8')
					.split('\n')
					.map((line, n) => ({ line, n }))
					.filter(({ line }) => /Object\.create\(|as (ClientContext|ZendeskClient)\b/.test(line))
					.map(({ n }) => `${rel(f)}:${n + 1}`),
			);
		expect(casts).toEqual([]);
	});

	it('only common/api/ and the client say which Zendesk endpoint a request goes to', () => {
		const offending = files
			.filter((f) => !rel(f).startsWith('common/api/') && !rel(f).startsWith('common/client/'))
			.filter((f) => /\.request\(\{|endpoint: [`'"]\//.test(readFileSync(f, 'utf8')))
			.map(rel);
		expect(offending).toEqual([]);
	});

	it('helpers/, input/ (and the pure modules of common/) are pure: no n8n runtime values, no transport, no execution context', () => {
		const offending = files.filter(isPure).flatMap((f) => [
			...externalImports(f)
				.filter((i) => i.spec === 'n8n-workflow' && !i.typeOnly)
				.map(() => `${rel(f)} imports n8n-workflow values`),
			...importsOf(f)
				.filter((t) => !isPure(t))
				.map((t) => `${rel(f)} → ${rel(t)}`),
			...(/\bI(Execute|LoadOptions)Functions\b/.test(readFileSync(f, 'utf8')) ? [`${rel(f)} uses an execution context`] : []),
		]);
		expect(offending).toEqual([]);
	});

	it(`keeps every source file under ${MAX_FILE_LINES} lines`, () => {
		const long = files
			.map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const)
			.filter(([, lines]) => lines >= MAX_FILE_LINES);
		expect(long).toEqual([]);
	});

	it(`keeps every function at or under ${MAX_FUNCTION_LINES} lines`, () => {
		const long: string[] = [];
		for (const file of files) {
			const sf = source(file);
			const walk = (node: ts.Node) => {
				if (ts.isFunctionLike(node) && 'body' in node && node.body) {
					const start = sf.getLineAndCharacterOfPosition(node.getStart()).line;
					const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
					if (end - start + 1 > MAX_FUNCTION_LINES) long.push(`${rel(file)}:${start + 1} (${end - start + 1} lines)`);
				}
				ts.forEachChild(node, walk);
			};
			walk(sf);
		}
		expect(long).toEqual([]);
	});
});
