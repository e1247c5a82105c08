/**
 * Scenario 6 (`npm run bench -- --n8n`): the inventory sync inside real n8n,
 * Manual Trigger → Code (the SKU items) → AliExpress (Inventory → Update),
 * through scripts/n8n-harness.js, against the benchmark's sandbox process.
 *
 * - 6a, Use Input Fields: the AliExpress node's own `executionTime` (n8n's run
 *   data) against the same lower bound as scenario 1.
 * - 6b, Map Each Field (three expressions per item): the AliExpress node's
 *   `executionTime` against n8n's own cost of evaluating the same three
 *   expressions on the same items, measured in the same benchmark run by a
 *   built-in Edit Fields (Set) node (a workflow of its own: `n8n execute`
 *   prints every node's items and cuts a long run short), plus the bound.
 *
 * The package is built from the current sources into a temporary directory
 * (nothing in the repository is written), packed and installed into a fresh
 * n8n user folder. Each `n8n execute` boots n8n (several seconds): boot time is
 * outside `executionTime`.
 */
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { ReadyMessage, SandboxStats } from './sandbox-server';

export interface N8nScenarioInput {
	ready: ReadyMessage;
	/** The SKU items, as scenario 1 gives them: {productId, skuCode, quantity}. */
	items: IDataObject[];
	latencyMs: number;
	rps: number;
	concurrency: number;
	minCalls: number;
	stats: () => Promise<SandboxStats>;
	reset: () => Promise<void>;
	root: string;
}

export interface N8nRow {
	id: string;
	scenario: string;
	items: number;
	calls: number;
	minCalls: number;
	refused: number;
	/** The AliExpress node's executionTime, ms. */
	nodeMs: number;
	/** The Edit Fields node's executionTime for the same expressions, ms (6b). */
	expressionsMs?: number;
	boundMs: number;
	/** nodeMs ÷ bound (6a) or nodeMs ÷ (expressionsMs + bound) (6b). */
	ratio: number;
	failedItems: number;
	wallMs: number;
}

export interface N8nScenarioResult {
	skipped?: string;
	markdown: string;
	rows?: N8nRow[];
}

interface Harness {
	ensureN8n(): string;
	createUserFolder(prefix?: string): string;
	installPackage(userFolder: string, tgz: string): string;
	importCredentials(userFolder: string, creds: unknown[]): Promise<unknown>;
	importWorkflow(userFolder: string, wf: unknown): Promise<string | string[]>;
	executeWorkflow(
		userFolder: string,
		id: string,
		opts?: { timeoutMs?: number },
	): Promise<{ code: number; run: RunData | undefined; stdout: string; stderr: string }>;
}

interface TaskData {
	executionTime?: number;
	error?: unknown;
	data?: { main?: Array<Array<{ json: IDataObject }> | null> };
}

interface RunData {
	data?: { resultData?: { runData?: Record<string, TaskData[]>; error?: unknown } };
}

const NEEDED = [
	'ensureN8n',
	'installPackage',
	'importWorkflow',
	'executeWorkflow',
	'createUserFolder',
	'importCredentials',
];
const PACKAGE = 'n8n-nodes-aliexpress';
const CREDENTIAL = { id: 'aeBenchCredential', name: 'AliExpress bench sandbox' };

/** Builds the package from the current sources in a temporary copy and packs it; returns the tarball. */
function buildAndPack(root: string): { tgz: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'ae-bench-pack-'));
	const cleanup = () => rmSync(dir, { recursive: true, force: true });
	try {
		for (const entry of [
			'package.json',
			'tsconfig.json',
			'nodes',
			'credentials',
			'README.md',
			'LICENSE',
		]) {
			if (existsSync(join(root, entry)))
				cpSync(join(root, entry), join(dir, entry), { recursive: true });
		}
		symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
		execFileSync(
			process.execPath,
			[join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
			{
				cwd: dir,
				stdio: 'pipe',
			},
		);
		// What `gulp build:icons` does.
		const copyIcons = (from: string, to: string) => {
			for (const entry of readdirSync(from, { withFileTypes: true })) {
				const source = join(from, entry.name);
				if (entry.isDirectory()) copyIcons(source, join(to, entry.name));
				else if (/\.(svg|png)$/.test(entry.name)) {
					mkdirSync(to, { recursive: true });
					cpSync(source, join(to, entry.name));
				}
			}
		};
		copyIcons(join(dir, 'nodes'), join(dir, 'dist', 'nodes'));
		copyIcons(join(dir, 'credentials'), join(dir, 'dist', 'credentials'));
		rmSync(join(dir, 'node_modules'));
		const out = join(dir, 'pack');
		mkdirSync(out);
		execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], {
			cwd: dir,
			stdio: 'pipe',
		});
		const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error('npm pack produced no tarball');
		return { tgz: join(out, tgz), cleanup };
	} catch (error) {
		cleanup();
		throw error;
	}
}

let nodeNumber = 0;
function wfNode(
	name: string,
	type: string,
	typeVersion: number,
	parameters: IDataObject,
	extra: IDataObject = {},
) {
	nodeNumber++;
	return {
		id: `00000000-0000-4000-8000-${String(nodeNumber).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [nodeNumber * 220, 0],
		parameters,
		...extra,
	};
}

function workflow(
	id: string,
	nodes: Array<ReturnType<typeof wfNode>>,
	edges: Array<[string, string]>,
) {
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

/** A Code node that returns the items (the list is embedded in the code). */
function codeNode(items: IDataObject[]) {
	return wfNode('Items', 'n8n-nodes-base.code', 2, {
		jsCode: `const items = ${JSON.stringify(items)};\nreturn items.map((json) => ({ json }));`,
	});
}

export async function runN8nScenario(input: N8nScenarioInput): Promise<N8nScenarioResult> {
	const file = join(input.root, 'scripts', 'n8n-harness.js');
	if (!existsSync(file)) return { skipped: 'scripts/n8n-harness.js does not exist', markdown: '' };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const harness = require(file) as Harness & Record<string, unknown>;
	const missing = NEEDED.filter((name) => typeof harness[name] !== 'function');
	if (missing.length)
		return {
			skipped: `scripts/n8n-harness.js does not export ${missing.join(', ')}`,
			markdown: '',
		};

	harness.ensureN8n();
	const { tgz, cleanup } = buildAndPack(input.root);
	const userFolder = harness.createUserFolder('ae-bench-');
	try {
		harness.installPackage(userFolder, tgz);
		const { ready } = input;
		await harness.importCredentials(userFolder, [
			{
				...CREDENTIAL,
				type: 'aliExpressApi',
				data: {
					protocol: 'iop',
					appKey: ready.appKey,
					appSecret: ready.appSecret,
					accessToken: ready.accessToken,
					gatewayUrl: ready.url,
				},
			},
		]);
		const options = { requestsPerSecond: input.rps, concurrency: input.concurrency };
		const aliExpress = (parameters: IDataObject) =>
			wfNode(
				'AliExpress',
				`${PACKAGE}.aliExpress`,
				1,
				{ resource: 'inventory', operation: 'update', ...parameters, options },
				{
					credentials: { aliExpressApi: CREDENTIAL },
					onError: 'continueRegularOutput',
				},
			);
		const start = () => wfNode('Start', 'n8n-nodes-base.manualTrigger', 1, {});
		const fromInput = workflow(
			'aeBenchFromInput',
			[
				start(),
				codeNode(input.items),
				aliExpress({
					inputMode: 'fromInput',
					productIdField: 'productId',
					skuCodeField: 'skuCode',
					quantityField: 'quantity',
				}),
			],
			[
				['Start', 'Items'],
				['Items', 'AliExpress'],
			],
		);
		const expressions = {
			productId: '={{ $json.productId }}',
			skuCode: '={{ $json.skuCode }}',
			quantity: '={{ $json.quantity }}',
		};
		// Two workflows, not one with both nodes: `n8n execute` prints the whole run (every
		// node's items) and loses the end of it when it is too long.
		const expressionsOnly = workflow(
			'aeBenchExpressions',
			[
				start(),
				codeNode(input.items),
				wfNode('Same Expressions', 'n8n-nodes-base.set', 3.4, {
					assignments: {
						assignments: Object.entries(expressions).map(([name, value], n) => ({
							id: `bench-${n}`,
							name,
							value,
							type: 'string',
						})),
					},
					includeOtherFields: false,
					options: {},
				}),
			],
			[
				['Start', 'Items'],
				['Items', 'Same Expressions'],
			],
		);
		const fields = workflow(
			'aeBenchFields',
			[start(), codeNode(input.items), aliExpress({ inputMode: 'fields', ...expressions })],
			[
				['Start', 'Items'],
				['Items', 'AliExpress'],
			],
		);
		await harness.importWorkflow(userFolder, [fromInput, expressionsOnly, fields]);

		const rows: N8nRow[] = [];
		const boundMs = Math.max((input.minCalls / input.rps) * 1000, input.latencyMs);
		const execute = async (wf: { id: string }, nodeName: string) => {
			await input.reset();
			const t0 = Date.now();
			const result = await harness.executeWorkflow(userFolder, wf.id, { timeoutMs: 10 * 60_000 });
			const wallMs = Date.now() - t0;
			const stats = await input.stats();
			const task = result.run?.data?.resultData?.runData?.[nodeName]?.[0];
			if (!task || task.executionTime === undefined) {
				throw new Error(
					`no run data of "${nodeName}" from n8n execute of ${wf.id} (exit ${result.code}, ${result.stdout.length} characters of output)\n${result.stderr.slice(-2000)}`,
				);
			}
			return { task, stats, wallMs };
		};
		const row = (
			id: string,
			scenario: string,
			r: Awaited<ReturnType<typeof execute>>,
			expressionsMs?: number,
		): N8nRow => {
			const out = r.task.data?.main?.[0] ?? [];
			return {
				id,
				scenario,
				items: input.items.length,
				calls: r.stats.calls,
				minCalls: input.minCalls,
				refused: r.stats.refused,
				nodeMs: r.task.executionTime ?? NaN,
				expressionsMs,
				boundMs,
				ratio: (r.task.executionTime ?? NaN) / ((expressionsMs ?? 0) + boundMs),
				failedItems:
					out.filter((o) => o.json.success !== true).length +
					Math.abs(input.items.length - out.length),
				wallMs: r.wallMs,
			};
		};
		rows.push(
			row(
				'6a',
				'In n8n: Code → AliExpress, Use Input Fields',
				await execute(fromInput, 'AliExpress'),
			),
		);
		const same = await execute(expressionsOnly, 'Same Expressions');
		const mapped = await execute(fields, 'AliExpress');
		rows.push(
			row(
				'6b',
				'In n8n: Code → AliExpress, Map Each Field (3 expressions); against Code → Edit Fields with the same 3 expressions',
				mapped,
				same.task.executionTime,
			),
		);
		const s = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(2));
		const markdown = [
			'| # | Scenario | Items | Calls (min) | Refused | AliExpress node s (executionTime) | Edit Fields, same expressions s | Bound s | ÷ (expressions + bound) | Failed items | `n8n execute` wall s (boot included) |',
			'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
			...rows.map(
				(r) =>
					`| ${r.id} | ${r.scenario} | ${r.items.toLocaleString('en-US')} | ${r.calls} (${r.minCalls}) | ${r.refused} | ${s(r.nodeMs)} | ${s(r.expressionsMs)} | ${s(r.boundMs)} | ${r.ratio.toFixed(2)}× | ${r.failedItems} | ${s(r.wallMs)} |`,
			),
		].join('\n');
		return { markdown, rows };
	} finally {
		cleanup();
		rmSync(userFolder, { recursive: true, force: true });
	}
}
