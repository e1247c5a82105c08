/**
 * The layout's rules, read from the source files themselves: one home per
 * concept. Each rule is first shown to catch a planted breach, so a checker
 * that sees nothing cannot pass by accident.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAX_LINES = 400;

function sources(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(join(ROOT, dir))) {
		const path = join(dir, name);
		if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path));
		else if (name.endsWith('.ts')) out.push(path);
	}
	return out;
}

/** Relative imports of a file (type-only ones included), as paths from the repository root. */
function importsOf(file: string, text: string): string[] {
	return [...text.matchAll(/^import\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) =>
		normalize(join(dirname(file), m[1])),
	);
}

/** Operation files that import another module under actions/ (an operation or a resource index). */
export function operationImportProblems(files: Record<string, string>): string[] {
	const problems: string[] = [];
	for (const [file, text] of Object.entries(files)) {
		if (!file.endsWith('.operation.ts')) continue;
		for (const target of importsOf(file, text)) {
			if (target.split('/').includes('actions')) problems.push(`${file} imports ${target}`);
		}
	}
	return problems;
}

export function sizeProblems(files: Record<string, string>): string[] {
	return Object.entries(files)
		.map(([file, text]) => [file, text.split('\n').length] as const)
		.filter(([, lines]) => lines > MAX_LINES)
		.map(([file, lines]) => `${file} has ${lines} lines`);
}

/** The code of a file without its comments (block comments, and line comments at a line's start). */
const codeOf = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** AliExpress method names written in the node's code outside the registry. */
export function methodNameProblems(files: Record<string, string>): string[] {
	const problems: string[] = [];
	for (const [file, text] of Object.entries(files)) {
		if (!file.startsWith('nodes/') || file.endsWith('transport/methods.ts')) continue;
		for (const m of codeOf(text).matchAll(/['"`](aliexpress\.[a-z_.]+)['"`]/g))
			problems.push(`${file}: ${m[1]}`);
	}
	return problems;
}

/** Operation files without their one documentation line. */
export function docLinkProblems(files: Record<string, string>): string[] {
	return Object.entries(files)
		.filter(([file]) => file.endsWith('.operation.ts'))
		.filter(([, text]) => !/^\/\/ Docs: https:\/\/\S+/m.test(text))
		.map(([file]) => `${file} has no "// Docs: https://…" line`);
}

/** Sandbox modules importing the node's or the credential's code. */
export function sandboxImportProblems(files: Record<string, string>): string[] {
	const problems: string[] = [];
	for (const [file, text] of Object.entries(files)) {
		if (file.endsWith('.test.ts')) continue;
		for (const target of importsOf(file, text)) {
			if (/^(nodes|credentials)\//.test(target)) problems.push(`${file} imports ${target}`);
		}
	}
	return problems;
}

const read = (list: string[]) =>
	Object.fromEntries(list.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
const packageFiles = read([...sources('nodes'), ...sources('credentials')]);
const sandboxFiles = read(sources('test/sandbox'));

describe('layout: one home per concept', () => {
	it('the checkers catch a planted breach', () => {
		const op = 'nodes/AliExpress/actions/order/ship.operation.ts';
		expect(
			operationImportProblems({ [op]: "import { readOrder } from './get.operation';\n" }),
		).toEqual([`${op} imports nodes/AliExpress/actions/order/get.operation`]);
		expect(sizeProblems({ 'x.ts': 'a\n'.repeat(MAX_LINES) })).toHaveLength(1);
		expect(
			methodNameProblems({
				'nodes/a.ts':
					"/** `aliexpress.solution.order.info.get` */\ncall('aliexpress.solution.order.get');\n",
			}),
		).toEqual(['nodes/a.ts: aliexpress.solution.order.get']);
		expect(docLinkProblems({ [op]: '/** Ship. */\n' })).toHaveLength(1);
		expect(
			sandboxImportProblems({
				'test/sandbox/store.ts':
					"import { toList } from '../../nodes/AliExpress/transport/envelope';\n",
			}),
		).toEqual(['test/sandbox/store.ts imports nodes/AliExpress/transport/envelope']);
	});

	it('no operation imports another operation or anything else under actions/', () => {
		expect(operationImportProblems(packageFiles)).toEqual([]);
	});

	it(`no source file in nodes/ or credentials/ has more than ${MAX_LINES} lines`, () => {
		expect(sizeProblems(packageFiles)).toEqual([]);
	});

	it("AliExpress method names are written only in transport/methods.ts (the node's code)", () => {
		expect(methodNameProblems(packageFiles)).toEqual([]);
	});

	it("every operation file links its method's documentation in one line", () => {
		const operations = Object.keys(packageFiles).filter((f) => f.endsWith('.operation.ts'));
		expect(operations.length).toBeGreaterThan(10);
		expect(docLinkProblems(packageFiles)).toEqual([]);
	});

	it('the sandbox imports nothing from nodes/ or credentials/', () => {
		expect(Object.keys(sandboxFiles).length).toBeGreaterThan(5);
		expect(sandboxImportProblems(sandboxFiles)).toEqual([]);
	});
});
