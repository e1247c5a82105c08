/**
 * `gulp build:icons` (gulpfile.js) copies the node and credential icons into dist/. gulp
 * must report the task done only once every copy has finished: `npm run build` ends with it,
 * and whatever runs next (npm pack, the tests, n8n) expects the icons in dist/.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

test('gulp build:icons reports done only after every icon is copied', () => {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-gulp-'));
	try {
		// Run the task in a child whose cwd is a copy of the sources, and list dist/ the moment
		// gulp calls back (not when the process exits, which waits for every stream anyway).
		for (const entry of ['gulpfile.js', 'nodes', 'credentials']) {
			fs.cpSync(path.join(ROOT, entry), path.join(out, entry), { recursive: true });
		}
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'));
		const code = [
			`process.chdir(${JSON.stringify(out)});`,
			"const gulp = require('gulp');",
			"require('./gulpfile.js');",
			"gulp.series('build:icons')((err) => {",
			"  const fs = require('fs'); const path = require('path');",
			'  const list = (d) => fs.existsSync(d) ? fs.readdirSync(d, { recursive: true }).filter((f) => /\\.(svg|png)$/.test(f)) : [];',
			"  console.log(JSON.stringify({ err: err ? String(err) : null, nodes: list('dist/nodes') }));",
			'});',
		].join('\n');
		const printed = execFileSync(process.execPath, ['-e', code], { cwd: out, encoding: 'utf8' });
		const result = JSON.parse(printed.trim().split('\n').pop()!) as {
			err: string | null;
			nodes: string[];
		};
		const icons = (
			fs.readdirSync(path.join(ROOT, 'nodes'), { recursive: true }) as string[]
		).filter((f) => /\.(svg|png)$/.test(f));
		expect(icons.length).toBeGreaterThanOrEqual(2);
		expect(result.err).toBeNull();
		expect(result.nodes.sort()).toEqual(icons.sort());
	} finally {
		fs.rmSync(out, { recursive: true, force: true });
	}
});
