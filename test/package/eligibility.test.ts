/**
 * n8n Cloud eligibility, as n8n decides it and as its verification asks:
 * `n8n.strict: true` plus the official two-line eslint config (what
 * `n8n-node cloud-support` reports as "eligible"), no runtime dependencies,
 * MIT license, the community-node keyword, English-only UI text, and runtime
 * code that imports nothing but n8n-workflow, node:crypto and its own files
 * and touches no process, console, timers or file system.
 *
 * `npm run lint` enforces much of this too; this suite keeps the package-level
 * rules from drifting even when lint is skipped, and each checker is first fed
 * a bad sample to prove it can fail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

import { AliExpressApi } from '../../credentials/AliExpressApi.credentials';
import { AliExpress } from '../../nodes/AliExpress/AliExpress.node';
import { AliExpressTrigger } from '../../nodes/AliExpress/AliExpressTrigger.node';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

type Json = Record<string, unknown>;

// ----------------------------------------------------------------- checkers

/** The config `n8n-node cloud-support enable` writes, compared the way that command compares it. */
const OFFICIAL_ESLINT_CONFIG =
	"import { config } from '@n8n/node-cli/eslint'; export default config;";

export function eslintConfigProblems(source: string): string[] {
	const normalized = source.replace(/\s+/g, ' ').trim();
	return normalized === OFFICIAL_ESLINT_CONFIG
		? []
		: [
				`eslint.config.mjs is not the official config (${OFFICIAL_ESLINT_CONFIG}); got: ${normalized.slice(0, 200)}`,
			];
}

export function packageJsonProblems(pkg: Json): string[] {
	const problems: string[] = [];
	const n8n = (pkg.n8n ?? {}) as Json;
	if (n8n.strict !== true) problems.push('package.json n8n.strict must be true');
	for (const field of [
		'dependencies',
		'optionalDependencies',
		'bundledDependencies',
		'bundleDependencies',
	]) {
		const value = pkg[field];
		const count = Array.isArray(value)
			? value.length
			: value
				? Object.keys(value as Json).length
				: 0;
		if (count > 0)
			problems.push(
				`package.json has ${field} (${count}); n8n Cloud allows no runtime dependencies`,
			);
	}
	if (!Array.isArray(pkg.keywords) || !pkg.keywords.includes('n8n-community-node-package')) {
		problems.push('package.json keywords lack "n8n-community-node-package"');
	}
	if (pkg.license !== 'MIT')
		problems.push(`package.json license is ${JSON.stringify(pkg.license)}, not "MIT"`);
	return problems;
}

export function licenseProblems(text: string): string[] {
	const flat = text.replace(/\s+/g, ' ');
	const required = [
		/^MIT License /,
		/Copyright \(c\) \d{4} \S/,
		/Permission is hereby granted, free of charge, to any person obtaining a copy of this software/,
		/The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software\./,
		/THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/,
	];
	return required
		.filter((re) => !re.test(flat))
		.map((re) => `LICENSE is not the MIT license text (lacks ${re.source})`);
}

/** Keys whose string values are shown to users in the editor. */
const UI_TEXT_KEYS = new Set([
	'displayName',
	'name',
	'description',
	'hint',
	'placeholder',
	'action',
	'subtitle',
	'message',
	'multipleValueButtonText',
]);
/** Printable ASCII plus a few typographic characters. */
const ALLOWED_TEXT = /^[\x20-\x7E’‘“”–—…›]*$/;
/** Scripts that are certainly not English. */
const NON_LATIN =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thai}\p{Script=Greek}\p{Script=Devanagari}]/u;
/** Common words of other languages that never appear in English UI text (a heuristic). */
const FOREIGN_WORDS =
	/\b(und|oder|nicht|bestellung|artikel|preis|versand|avec|pour|commande|produit|prix|pedido|producto|precio|envío|produto|preço|dell[ao]|ordine|prodotto|prezzo|bestelling|zamówienie|sipariş)\b/iu;

/** Every user-facing string of a node or credential description, with where it is. */
export function collectUiText(value: unknown, at = ''): Array<{ at: string; text: string }> {
	const out: Array<{ at: string; text: string }> = [];
	if (Array.isArray(value)) {
		value.forEach((v, i) => out.push(...collectUiText(v, `${at}[${i}]`)));
	} else if (value && typeof value === 'object') {
		for (const [key, v] of Object.entries(value as Json)) {
			if (typeof v === 'string' && UI_TEXT_KEYS.has(key)) out.push({ at: `${at}.${key}`, text: v });
			else if (typeof v === 'object' && v !== null) out.push(...collectUiText(v, `${at}.${key}`));
		}
	}
	return out;
}

export function uiTextProblems(texts: Array<{ at: string; text: string }>): string[] {
	const problems: string[] = [];
	for (const { at, text } of texts) {
		if (NON_LATIN.test(text)) problems.push(`${at}: non-English script in "${text}"`);
		else if (!ALLOWED_TEXT.test(text)) {
			const odd = [...text].filter((c) => !ALLOWED_TEXT.test(c));
			problems.push(`${at}: characters outside printable ASCII (${odd.join(' ')}) in "${text}"`);
		}
		const foreign = FOREIGN_WORDS.exec(text);
		if (foreign) problems.push(`${at}: non-English word "${foreign[0]}" in "${text}"`);
	}
	return problems;
}

const ALLOWED_MODULES = new Set(['n8n-workflow', 'node:crypto']);
/** Globals n8n Cloud forbids in node code (the lint's list, plus console). */
const RESTRICTED_GLOBALS = new Set([
	'console',
	'process',
	'setTimeout',
	'setInterval',
	'setImmediate',
	'clearTimeout',
	'clearInterval',
	'clearImmediate',
	'global',
	'globalThis',
	'__dirname',
	'__filename',
	'eval',
]);

/** Import and global-use problems of one runtime source file, from its syntax tree (strings and comments do not count). */
export function runtimeCodeProblems(file: string, source: string): string[] {
	const problems: string[] = [];
	const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2019, true, ts.ScriptKind.TS);
	const where = (node: ts.Node) =>
		`${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
	const checkModule = (node: ts.Node, spec: string) => {
		if (spec.startsWith('./') || spec.startsWith('../') || ALLOWED_MODULES.has(spec)) return;
		problems.push(
			`${where(node)}: imports "${spec}" (only n8n-workflow, node:crypto and relative paths)`,
		);
	};
	const isPropertyName = (id: ts.Identifier) => {
		const p = id.parent;
		return (
			(ts.isPropertyAccessExpression(p) && p.name === id) ||
			(ts.isQualifiedName(p) && p.right === id) ||
			((ts.isPropertyAssignment(p) ||
				ts.isPropertyDeclaration(p) ||
				ts.isPropertySignature(p) ||
				ts.isMethodDeclaration(p) ||
				ts.isMethodSignature(p) ||
				ts.isGetAccessor(p) ||
				ts.isSetAccessor(p) ||
				ts.isEnumMember(p)) &&
				p.name === id) ||
			(ts.isBindingElement(p) && p.propertyName === id) ||
			ts.isImportSpecifier(p) ||
			ts.isExportSpecifier(p)
		);
	};
	const visit = (node: ts.Node) => {
		if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
			if (ts.isStringLiteral(node.moduleSpecifier)) checkModule(node, node.moduleSpecifier.text);
		} else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference)
		) {
			const expr = node.moduleReference.expression;
			problems.push(`${where(node)}: import = require(${expr.getText(sf)}) is not allowed`);
		} else if (ts.isCallExpression(node)) {
			if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
				problems.push(`${where(node)}: dynamic import() is not allowed`);
			} else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
				const arg = node.arguments[0];
				const what = arg && ts.isStringLiteral(arg) ? arg.text : (arg?.getText(sf) ?? '');
				problems.push(
					`${where(node)}: require(${JSON.stringify(what)})${/^(node:)?fs(\/|$)/.test(what) ? ' (file system)' : ''} is not allowed`,
				);
			}
		} else if (
			ts.isNewExpression(node) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === 'Function'
		) {
			problems.push(`${where(node)}: new Function() is not allowed`);
		} else if (
			ts.isIdentifier(node) &&
			RESTRICTED_GLOBALS.has(node.text) &&
			!isPropertyName(node)
		) {
			problems.push(
				`${where(node)}: uses ${node.text}${ts.isPropertyAccessExpression(node.parent) ? '.' : ''}`,
			);
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return problems;
}

function runtimeSources(): string[] {
	const out: string[] = [];
	const walk = (rel: string) => {
		for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
			const child = `${rel}/${entry.name}`;
			if (entry.isDirectory()) walk(child);
			else if (entry.name.endsWith('.ts')) out.push(child);
		}
	};
	walk('nodes');
	walk('credentials');
	return out.sort();
}

// ------------------------------------------------------------- self-tests

describe('eligibility checkers (self-test: each can fail)', () => {
	const goodPkg: Json = {
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		n8n: { strict: true },
		peerDependencies: { 'n8n-workflow': '*' },
		devDependencies: { typescript: '^5' },
	};

	it('package.json: strict, dependencies, keyword, license', () => {
		expect(packageJsonProblems(goodPkg)).toEqual([]);
		expect(packageJsonProblems({ ...goodPkg, n8n: { strict: false } })).toEqual([
			'package.json n8n.strict must be true',
		]);
		expect(packageJsonProblems({ ...goodPkg, n8n: {} })).toHaveLength(1);
		expect(packageJsonProblems({ ...goodPkg, dependencies: { axios: '^1' } })[0]).toMatch(
			/dependencies/,
		);
		expect(packageJsonProblems({ ...goodPkg, bundleDependencies: ['axios'] })[0]).toMatch(
			/bundleDependencies/,
		);
		expect(packageJsonProblems({ ...goodPkg, dependencies: {} })).toEqual([]);
		expect(packageJsonProblems({ ...goodPkg, keywords: ['n8n'] })[0]).toMatch(
			/n8n-community-node-package/,
		);
		expect(packageJsonProblems({ ...goodPkg, license: 'Apache-2.0' })[0]).toMatch(/license/);
	});

	it('eslint.config.mjs: only the official two lines', () => {
		expect(
			eslintConfigProblems(
				"import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n",
			),
		).toEqual([]);
		expect(
			eslintConfigProblems(
				"import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';\n\nexport default configWithoutCloudSupport;\n",
			),
		).toHaveLength(1);
		expect(
			eslintConfigProblems(
				"import { config } from '@n8n/node-cli/eslint';\n\nexport default [...config, { rules: { 'no-console': 'off' } }];\n",
			),
		).toHaveLength(1);
	});

	it('LICENSE: the MIT text', () => {
		expect(licenseProblems(read('LICENSE'))).toEqual([]);
		expect(licenseProblems('Apache License\nVersion 2.0, January 2004\n').length).toBeGreaterThan(
			0,
		);
		expect(licenseProblems(read('LICENSE').replace('free of charge', 'for a fee'))).toHaveLength(1);
	});

	it('UI text: English only', () => {
		const description = {
			displayName: 'Order',
			properties: [
				{
					displayName: 'Order ID',
					name: 'orderId',
					default: '',
					description: 'The order’s ID — digits only…',
				},
				{
					displayName: 'Status',
					name: 'status',
					options: [{ name: 'Shipped', value: '发货', description: 'Sent' }],
				},
			],
		};
		expect(uiTextProblems(collectUiText(description))).toEqual([]);
		const bad = (patch: Json) => uiTextProblems(collectUiText({ ...description, ...patch }));
		expect(bad({ description: '订单已发货' })).toEqual([
			expect.stringMatching(/^\.description: non-English script/),
		]);
		expect(bad({ description: 'Заказ' })).toHaveLength(1);
		expect(bad({ displayName: 'Café Orders' })).toEqual([
			expect.stringMatching(/outside printable ASCII \(é\)/),
		]);
		expect(bad({ properties: [{ hint: 'Tab\there' }] })).toHaveLength(1);
		expect(bad({ properties: [{ options: [{ action: 'Aktualisieren und speichern' }] }] })).toEqual(
			[expect.stringMatching(/^\.properties\[0\]\.options\[0\]\.action: non-English word "und"/)],
		);
		expect(bad({ properties: [{ placeholder: 'p.ej. pedido 123' }] })[0]).toMatch(/pedido/);
	});

	it('runtime code: imports and globals, from the syntax tree', () => {
		const clean = [
			"import type { IDataObject } from 'n8n-workflow';",
			"import { sleep } from 'n8n-workflow';",
			"import { createHmac } from 'node:crypto';",
			"import { x } from './x';",
			"export { y } from '../y';",
			"const message = 'Add the IP address in the console. process.env is not read; setTimeout(1)';",
			'// console.log(process.env) in a comment',
			'const o = { process: 1, console: 2 }; o.process; const { console: c } = o;',
			'class A { setTimeout() {} }',
		].join('\n');
		expect(runtimeCodeProblems('clean.ts', clean)).toEqual([]);
		const cases: Array<[string, RegExp]> = [
			["import axios from 'axios';", /imports "axios"/],
			["import * as fs from 'node:fs';", /imports "node:fs"/],
			["import { x } from 'lodash';", /imports "lodash"/],
			["export * from 'some-lib';", /imports "some-lib"/],
			["const fs = require('fs');", /require\("fs"\) \(file system\)/],
			["import fs = require('fs');", /import = require/],
			["const m = await import('./m');", /dynamic import/],
			["console.log('hi');", /uses console\./],
			['const key = process.env.KEY;', /uses process\./],
			['setTimeout(() => undefined, 10);', /uses setTimeout/],
			['const t = setInterval(f, 1000);', /uses setInterval/],
			['const g = globalThis;', /uses globalThis/],
			["const f = new Function('return 1');", /new Function/],
		];
		for (const [code, expected] of cases) {
			const problems = runtimeCodeProblems('bad.ts', `${code}\n`);
			expect(problems.join('\n')).toMatch(expected);
		}
	});
});

// -------------------------------------------------------------- the package

describe('n8n Cloud eligibility', () => {
	const pkg = JSON.parse(read('package.json')) as Json;

	it('package.json: strict mode, no runtime dependencies, community keyword, MIT', () => {
		expect(packageJsonProblems(pkg)).toEqual([]);
	});

	it('eslint.config.mjs is the official two-line config', () => {
		expect(eslintConfigProblems(read('eslint.config.mjs'))).toEqual([]);
	});

	it('LICENSE is the MIT license', () => {
		expect(licenseProblems(read('LICENSE'))).toEqual([]);
	});

	it('node and credential UI text is English only', () => {
		const descriptions: Array<[string, unknown]> = [
			['AliExpress', new AliExpress().description],
			['AliExpressTrigger', new AliExpressTrigger().description],
			[
				'AliExpressApi',
				(({ name, displayName, properties }) => ({ name, displayName, properties }))(
					new AliExpressApi(),
				),
			],
		];
		const texts = descriptions.flatMap(([name, d]) => collectUiText(d, name));
		// Sanity: the walk reaches nested options (collections, fixed collections, option lists).
		expect(texts.length).toBeGreaterThan(200);
		expect(texts.map((t) => t.at)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^AliExpress\.properties\[\d+\]\.options\[\d+\]\.action$/),
				expect.stringMatching(
					/^AliExpress\.properties\[\d+\]\.options\[\d+\]\.values\[\d+\]\.placeholder$/,
				),
				expect.stringMatching(
					/^AliExpressTrigger\.properties\[\d+\]\.options\[\d+\]\.description$/,
				),
				expect.stringMatching(/^AliExpressApi\.properties\[\d+\]\.description$/),
			]),
		);
		expect(uiTextProblems(texts)).toEqual([]);
	});

	it('runtime code imports only n8n-workflow, node:crypto and its own files, and uses no process, console, timers or fs', () => {
		const files = runtimeSources();
		expect(files).toEqual(
			expect.arrayContaining([
				'nodes/AliExpress/AliExpress.node.ts',
				'credentials/AliExpressApi.credentials.ts',
			]),
		);
		expect(files.flatMap((file) => runtimeCodeProblems(file, read(file)))).toEqual([]);
	});
});
