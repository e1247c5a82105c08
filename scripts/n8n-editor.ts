/**
 * `npm run n8n`: the real n8n editor (2.41.1, from scripts/n8n-harness.js) with this
 * package installed as a community package, wired to the local sandbox gateway.
 *
 *   - packs the built package (the npm script builds first) and installs it into a
 *     persistent user folder, ~/.cache/n8n-nodes-aliexpress/editor-user, which is
 *     recreated on every start so n8n always runs the current build;
 *   - starts the sandbox gateway in this process on 127.0.0.1:8787 (a free port if taken);
 *   - imports the sandbox credential (id aeSandboxCredential) and every examples/*.json;
 *   - starts `n8n start` on 127.0.0.1:5678 (a free port if taken), creates the owner
 *     account through the REST API the setup page uses, and prints the URL, the login
 *     and the sandbox's keys. Ctrl-C stops n8n and the sandbox.
 *
 * `startEditor()` does the same for other scripts (scripts/screenshots.ts) and returns
 * {url, email, password, sandbox, stop()}. `N8nRest` is a small cookie-keeping client for
 * n8n's internal REST API (/rest/...), the one the editor itself talks to.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

import { harness, packPackage, sandboxCredential } from '../test/e2e/harness';
import { startSandbox, type Sandbox } from '../test/sandbox';

const ROOT = resolve(__dirname, '..');
// The parts of the harness that test/e2e/harness.ts does not type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harnessJs = require('./n8n-harness.js') as {
	CACHE_ROOT: string;
	N8N_VERSION: string;
	freePort(): Promise<number>;
};

export const OWNER = {
	email: 'demo@example.com',
	password: 'Demo-Pass-1234',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** n8n's internal REST API as the editor uses it: cookie auth plus a browser-id header. */
export class N8nRest {
	private cookie = '';
	/** The editor sends a per-browser id with every call; the auth cookie is bound to it. */
	readonly browserId = randomUUID();

	constructor(readonly url: string) {}

	async call<T = unknown>(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const res = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: res.status, body: parsed as T };
	}

	/** Like call(), but throws unless 2xx, and unwraps n8n's {data: …} envelope. */
	async data<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const r = await this.call<{ data: T }>(method, path, body);
		if (r.status < 200 || r.status >= 300) {
			throw new Error(
				`${method} /rest${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`,
			);
		}
		return r.body.data;
	}

	/** `POST /rest/owner/setup`, as the first-run setup page does; logs in (sets the cookie). */
	async setupOwner(owner = OWNER) {
		return await this.data('POST', '/owner/setup', owner);
	}

	/** `POST /rest/login`, as the sign-in page does. */
	async login(email = OWNER.email, password = OWNER.password) {
		return await this.data('POST', '/login', { emailOrLdapLoginId: email, password });
	}
}

function portIsFree(port: number): Promise<boolean> {
	return new Promise((ok) => {
		const s = createServer();
		s.once('error', () => ok(false));
		s.listen(port, '127.0.0.1', () => s.close(() => ok(true)));
	});
}

async function portOrFree(port: number): Promise<number> {
	if (await portIsFree(port)) return port;
	return await harnessJs.freePort();
}

export interface Editor {
	url: string;
	email: string;
	password: string;
	sandbox: Sandbox;
	userFolder: string;
	/** everything n8n printed so far */
	output(): string;
	stop(): Promise<void>;
}

export interface EditorOptions {
	port?: number;
	sandboxPort?: number;
	/** progress lines (default: to stderr) */
	log?: (line: string) => void;
}

export const EDITOR_USER_FOLDER = join(harnessJs.CACHE_ROOT, 'editor-user');

export function exampleWorkflows(): Array<Record<string, unknown>> {
	const dir = join(ROOT, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
}

/** Starts the sandbox and a prepared n8n editor; see the file comment. */
export async function startEditor(opts: EditorOptions = {}): Promise<Editor> {
	const log = opts.log ?? ((line: string) => process.stderr.write(`[n8n-editor] ${line}\n`));
	const t0 = Date.now();
	const step = (what: string) => log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);

	harness.ensureN8n();
	const sandbox = await startSandbox({ port: await portOrFree(opts.sandboxPort ?? 8787) });
	let server: Awaited<ReturnType<typeof harness.startN8nServer>> | undefined;
	try {
		step(`sandbox gateway on ${sandbox.url}`);
		rmSync(EDITOR_USER_FOLDER, { recursive: true, force: true });
		mkdirSync(EDITOR_USER_FOLDER, { recursive: true });
		harness.installPackage(EDITOR_USER_FOLDER, packPackage());
		step(`package installed into ${EDITOR_USER_FOLDER}`);
		await harness.importCredentials(EDITOR_USER_FOLDER, [sandboxCredential(sandbox)]);
		const examples = exampleWorkflows();
		await harness.importWorkflow(EDITOR_USER_FOLDER, examples);
		step(`credential and ${examples.length} example workflows imported`);
		const port = await portOrFree(opts.port ?? 5678);
		server = await harness.startN8nServer(EDITOR_USER_FOLDER, { port });
		step(`n8n ready on ${server.url}`);
		await new N8nRest(server.url).setupOwner();
		step(`owner ${OWNER.email} created`);
	} catch (error) {
		await server?.stop();
		await sandbox.close();
		throw error;
	}
	const n8n = server;
	let stopped: Promise<void> | undefined;
	return {
		url: n8n.url,
		email: OWNER.email,
		password: OWNER.password,
		sandbox,
		userFolder: EDITOR_USER_FOLDER,
		output: () => n8n.output(),
		stop: () =>
			(stopped ??= (async () => {
				await n8n.stop();
				await sandbox.close();
			})()),
	};
}

async function main() {
	const editor = await startEditor();
	const { sandbox } = editor;
	console.log(`
n8n ${harnessJs.N8N_VERSION} with n8n-nodes-aliexpress: ${editor.url}
  Sign in        ${editor.email} / ${editor.password}
  Workflows      the examples/*.json, using the credential "AliExpress sandbox"
  User folder    ${editor.userFolder} (recreated on every start)

AliExpress sandbox gateway: ${sandbox.url}
  IOP gateway    ${sandbox.url}/sync
  TOP gateway    ${sandbox.url}/router/rest
  App Key        ${sandbox.appKey}
  App Secret     ${sandbox.appSecret}
  Access Token   ${sandbox.accessToken}
  Refresh Token  ${sandbox.refreshToken}
  Auth code      ${sandbox.store.issueAuthCode()}   (one use, for Token > Create)
  Data           ${sandbox.store.products.size} products, ${sandbox.store.orders.size} orders

Ctrl-C to stop.`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping n8n and the sandbox…`);
		editor.stop().then(
			() => process.exit(0),
			(e: unknown) => {
				console.error(e);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((e: unknown) => {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	});
}
