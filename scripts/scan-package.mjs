#!/usr/bin/env node
/*
 * n8n's own community-package scanner (@n8n/scan-community-package, the gate n8n
 * runs before it verifies a package), offline: its `analyzePackage` on
 *   1. the source checkout, with the CLI's SOURCE_FILE_PATTERNS
 *      (package.json, {nodes,credentials}/**\/*.{js,ts,json}), and
 *   2. the unpacked `npm pack` tarball, with ['**\/*.js', 'package.json'],
 * both as the scanner lints them: allowInlineConfig false, so an eslint-disable
 * comment does not count. (The CLI's provenance and source-download steps need a
 * published version and GitHub; they are left out.)
 *
 *   node scripts/scan-package.mjs [packageDir] [--json]
 *
 * packageDir defaults to this checkout; leg 2 needs its dist/ (`npm run build`).
 * Exits 0 when both legs pass, 1 when any fails (the violations are printed).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

const args = process.argv.slice(2);
const json = args.includes('--json');
const dirArg = args.find((a) => !a.startsWith('--'));
const root = path.resolve(dirArg ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));

function unpackTarball(packageDir) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-scan-'));
	// A clean environment: `npm run` exports npm_config_* settings of its own.
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {
		cwd: packageDir,
		env,
		stdio: 'pipe',
	});
	const tgz = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error(`npm pack produced no tarball in ${work}`);
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(work, tgz), '-C', unpacked, '--strip-components=1']);
	return { work, unpacked };
}

const results = [];
results.push({ leg: 'source', dir: root, ...(await analyzePackage(root, SOURCE_FILE_PATTERNS)) });
if (!fs.existsSync(path.join(root, 'dist'))) {
	results.push({
		leg: 'tarball',
		passed: false,
		message: `no dist/ in ${root}: run \`npm run build\` first`,
	});
} else {
	const { work, unpacked } = unpackTarball(root);
	try {
		results.push({
			leg: 'tarball',
			dir: unpacked,
			...(await analyzePackage(unpacked, TARBALL_PATTERNS)),
		});
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

const passed = results.every((r) => r.passed);
if (json) {
	process.stdout.write(
		`${JSON.stringify({ passed, results: results.map(({ error, ...r }) => ({ ...r, error: error?.message })) })}\n`,
	);
} else {
	for (const r of results) {
		process.stdout.write(
			`${r.passed ? 'PASS' : 'FAIL'} ${r.leg}${r.message ? `: ${r.message}` : ''}\n`,
		);
		if (r.details) process.stdout.write(`${r.details}\n`);
	}
}
process.exit(passed ? 0 : 1);
