/**
 * n8n's own community-package scanner (@n8n/scan-community-package, the gate n8n runs
 * before it verifies a package) on this package, offline: `analyzePackage` on the source
 * checkout (the CLI's SOURCE_FILE_PATTERNS) and on the unpacked `npm pack` tarball
 * (['**\/*.js', 'package.json']), both with inline eslint-disable comments ignored, as the
 * scanner lints. scripts/scan-package.mjs runs both legs (the scanner is an ES module, so it
 * runs in a child process); `npm test` builds dist/ first.
 *
 * The second test plants what failed the scan before (a credential-test function calling the
 * deprecated `this.helpers.request`, with an eslint-disable comment in front) in a copy of
 * the package, so a scanner that silently checks nothing cannot pass here.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'scan-package.mjs');

interface ScanResult {
	passed: boolean;
	results: Array<{ leg: string; passed: boolean; message?: string; details?: string }>;
}

/**
 * jest sets NODE_ENV=test, and eslint-plugin-n8n-nodes-base switches its filename and
 * package.json checks to test fixtures under NODE_ENV=test: the scanner runs without it,
 * as n8n runs it.
 */
function scanEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	delete env.NODE_ENV;
	for (const key of Object.keys(env)) if (key.startsWith('JEST')) delete env[key];
	return env;
}

function scan(dir: string): ScanResult {
	const r = spawnSync(process.execPath, [SCRIPT, dir, '--json'], {
		cwd: ROOT,
		env: scanEnv(),
		encoding: 'utf8',
		timeout: 170_000,
	});
	const line = r.stdout.trim().split('\n').pop() ?? '';
	try {
		return JSON.parse(line) as ScanResult;
	} catch {
		throw new Error(
			`scan-package.mjs printed no result (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
		);
	}
}

test('the package passes the scanner: source checkout and published tarball', () => {
	expect(fs.existsSync(path.join(ROOT, 'dist'))).toBe(true);
	const result = scan(ROOT);
	const failures = result.results
		.filter((r) => !r.passed)
		.map((r) => `${r.leg}: ${r.message}\n${r.details ?? ''}`);
	expect(failures).toEqual([]);
	expect(result.results.map((r) => r.leg)).toEqual(['source', 'tarball']);
});

test('the scanner fails a copy of the package that calls this.helpers.request', () => {
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-scan-bad-'));
	try {
		for (const entry of ['package.json', 'README.md', 'LICENSE', 'nodes', 'credentials', 'dist']) {
			fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
		}
		const planted = [
			"import type { ICredentialTestFunctions } from 'n8n-workflow';",
			'export async function probe(this: ICredentialTestFunctions): Promise<unknown> {',
			'	// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions',
			"	return await this.helpers.request({ method: 'POST', uri: 'https://api-sg.aliexpress.com/sync' });",
			'}',
			'',
		].join('\n');
		fs.writeFileSync(path.join(copy, 'nodes', 'AliExpress', 'probe.ts'), planted);
		fs.writeFileSync(
			path.join(copy, 'dist', 'nodes', 'AliExpress', 'probe.js'),
			"exports.probe = async function () { return await this.helpers.request({ method: 'POST' }); };\n",
		);
		const result = scan(copy);
		expect(result.passed).toBe(false);
		for (const leg of result.results) {
			expect(leg.passed).toBe(false);
			expect(leg.details).toContain('no-deprecated-workflow-functions');
			expect(leg.details).toContain('probe.');
		}
		// nothing else in the copy was flagged
		for (const leg of result.results) expect(leg.details).toMatch(/1 problem/);
	} finally {
		fs.rmSync(copy, { recursive: true, force: true });
	}
});
