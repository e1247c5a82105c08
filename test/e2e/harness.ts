/**
 * End-to-end plumbing: the built package packed and installed into a fresh
 * n8n user folder as a real community package, a sandbox credential imported,
 * and small builders for workflow JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { sandboxCredentials } from '../helpers/sandbox-credentials';
import type { Sandbox } from '../sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const harness = require('../../scripts/n8n-harness.js') as {
	ensureN8n(): string;
	createUserFolder(prefix?: string): string;
	installPackage(userFolder: string, tgz: string): string;
	ENCRYPTION_KEY: string;
	importCredentials(userFolder: string, creds: unknown[], opts?: RunOptions): Promise<unknown>;
	importWorkflow(userFolder: string, wf: unknown, opts?: RunOptions): Promise<string | string[]>;
	publishWorkflow(userFolder: string, id: string): Promise<unknown>;
	executeWorkflow(
		userFolder: string,
		id: string,
	): Promise<{ code: number; run: Run | undefined; stdout: string; stderr: string }>;
	nodeItems(run: Run | undefined, nodeName: string): Array<Record<string, unknown>>;
	nodeError(run: Run | undefined, nodeName: string): Record<string, unknown> | undefined;
	startN8nServer(
		userFolder: string,
		opts?: {
			port?: number;
			env?: Record<string, string>;
			args?: string[];
			readyTimeoutMs?: number;
		},
	): Promise<{
		url: string;
		port: number;
		child: { pid?: number };
		output(): string;
		stop(): Promise<unknown>;
	}>;
};

/** Extra environment of an n8n CLI command (e.g. the database settings of queue mode). */
export type RunOptions = { env?: Record<string, string>; timeoutMs?: number };

export type Run = { data: { resultData: { runData: Record<string, unknown>; error?: unknown } } };

export const PACKAGE = 'n8n-nodes-aliexpress';
export const NODE_TYPE = `${PACKAGE}.aliExpress`;
export const TRIGGER_TYPE = `${PACKAGE}.aliExpressTrigger`;
export const CREDENTIAL = { id: 'aeSandboxCredential', name: 'AliExpress sandbox' };

const ROOT = resolve(__dirname, '..', '..');

/** `npm pack` of the built package (dist/ must exist: `npm test` builds first). */
export function packPackage(): string {
	const dir = mkdtempSync(join(tmpdir(), 'ae-pack-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: ROOT,
		stdio: 'pipe',
	});
	const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error('npm pack produced no tarball');
	return join(dir, tgz);
}

/** A fresh n8n user folder with the package installed from its tarball. */
export function preparedUserFolder(): string {
	harness.ensureN8n();
	const userFolder = harness.createUserFolder('ae-e2e-');
	harness.installPackage(userFolder, packPackage());
	return userFolder;
}

export function sandboxCredential(
	sandbox: Sandbox,
	extra: Partial<ICredentialDataDecryptedObject> = {},
	id = CREDENTIAL.id,
	name = CREDENTIAL.name,
) {
	return {
		id,
		name,
		type: 'aliExpressApi',
		data: sandboxCredentials(sandbox, extra),
	};
}

let position = 0;

export interface WfNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
}

export function manualTrigger(name = 'Start'): WfNode {
	return node(name, 'n8n-nodes-base.manualTrigger', 1, {});
}

export function code(name: string, js: string): WfNode {
	return node(name, 'n8n-nodes-base.code', 2, { jsCode: js });
}

export function aliExpress(
	name: string,
	parameters: Record<string, unknown>,
	extra: Partial<WfNode> = {},
	credential = CREDENTIAL,
): WfNode {
	return {
		...node(name, NODE_TYPE, 1, parameters),
		credentials: { aliExpressApi: credential },
		...extra,
	};
}

export function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
): WfNode {
	position += 1;
	return {
		id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [position * 220, 0],
		parameters,
	};
}

/** A workflow from nodes and [from, to] edges. */
export function workflow(id: string, nodes: WfNode[], edges: Array<[string, string]>) {
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	for (const [from, to] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name: id, nodes, connections, active: false, settings: { executionOrder: 'v1' } };
}
