/**
 * `npm run bench`: the node's operations against the AliExpress sandbox, which
 * runs in a child process (bench/sandbox-server.ts) with a latency per call and
 * a requests-per-second cap. This process runs only the node, inside n8n's own
 * engine (n8n-core's WorkflowExecute, test/helpers/engine.ts: n8n resolves the
 * parameters and expressions, the credential's `authenticate` signs, axios sends),
 * so its CPU and memory are the node's in n8n. Build first (`npm run bench` does).
 *
 *   ts-node --transpile-only bench/run.ts [--latency 100] [--rps 20]
 *     [--scenarios inventory,price,orders,publish,naive,cpu] [--quick] [--n8n]
 *     [--profile] [--products 1000] [--skus 10] [--orders 10000] [--publish 200]
 *     [--concurrency n] [--repeat 3] [--out bench-results] [--render bench.json]
 *
 * Scenarios (by name or number): 1 inventory, 2 price, 3 orders, 4 publish,
 * 5 naive, 6 n8n (only with --n8n), 7 cpu, 8 quota (the cap not told to the node: 8a
 * 20/s clean, 8b 4/s with 20 % mixed faults, 8c two executions at once on one cap), 9 feeds (bench/feeds.ts). Prints a Markdown table and writes
 * <out>/bench.json and <out>/bench.md. --profile writes <out>/<scenario>.cpuprofile
 * (open in Chrome DevTools → Performance); CPU figures of a profiled run are
 * inflated by the profiler.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { runNode as runInEngine } from '../test/helpers/engine';
import { ORDER_STATUSES } from '../test/sandbox/store';
import { formatPacific } from '../test/sandbox/time';
import {
	NaiveClient,
	naiveInventorySync,
	naiveFinishRead,
	naiveOrderRead,
	plainBatchedInventory,
	type SkuQuantity,
} from './naive';
import { feedScenarios } from './feeds';
import { runN8nScenario, type N8nScenarioResult } from './n8n';
import { triggerMemoryScenario } from './triggerMemory';
import type { ReadyMessage, SandboxStats, SeededProduct } from './sandbox-server';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROOT = resolve(__dirname, '..');
const DAY = 86_400_000;
/** API limits the minimum call counts are computed from (reference §5), not the node's constants. */
const API = {
	productsPerCall: 20,
	skusPerProduct: 200,
	ordersPerPage: 50,
	finishDays: 30,
	rangeDays: 180,
};
/** Every status but FINISH, which the API pages on its own. */
const OTHER_STATUSES: string[] = ORDER_STATUSES.filter((status) => status !== 'FINISH');

// ---------------------------------------------------------------- flags

const SCENARIOS = [
	'inventory',
	'price',
	'orders',
	'publish',
	'naive',
	'n8n',
	'cpu',
	'quota',
	'feeds',
	'trigger',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];

interface Settings {
	latencyMs: number;
	rps: number;
	concurrency: number;
	products: number;
	skus: number;
	orders: number;
	publish: number;
	scenarios: ScenarioName[];
	quick: boolean;
	n8n: boolean;
	profile: boolean;
	/** Runs per size in scenario 7 (the median-CPU one is reported). */
	repeat: number;
	/** Products (of --skus SKUs) of the big catalogue in scenarios 8a and 8c. */
	quotaProducts: number;
	/** Only print the report of this bench.json again. */
	render?: string;
	out: string;
}

function readSettings(): Settings {
	const { values } = parseArgs({
		options: {
			latency: { type: 'string', default: '100' },
			rps: { type: 'string', default: '20' },
			scenarios: { type: 'string' },
			quick: { type: 'boolean', default: false },
			n8n: { type: 'boolean', default: false },
			profile: { type: 'boolean', default: false },
			products: { type: 'string' },
			skus: { type: 'string' },
			orders: { type: 'string' },
			publish: { type: 'string' },
			concurrency: { type: 'string' },
			repeat: { type: 'string' },
			'quota-products': { type: 'string' },
			render: { type: 'string' },
			out: { type: 'string', default: 'bench-results' },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(
			'usage: npm run bench -- [--latency ms] [--rps n] [--scenarios inventory,price,orders,publish,naive,cpu,quota,feeds,trigger|1,2,3,4,5,7,8,9,10] [--quick] [--n8n] [--profile] [--products n] [--skus n] [--orders n] [--publish n] [--quota-products n] [--concurrency n] [--repeat n] [--out dir] [--render bench.json]',
		);
		process.exit(0);
	}
	const num = (name: string, v: string | undefined, fallback: number, min = 0) => {
		if (v === undefined) return fallback;
		const n = Number(v);
		if (!Number.isFinite(n) || n < min)
			throw new Error(`--${name} must be a number ≥ ${min}, got ${v}`);
		return n;
	};
	const quick = values.quick === true;
	const latencyMs = num('latency', values.latency, 100);
	const rps = num('rps', values.rps, 20);
	// Enough calls in flight to fill the cap: cap × (latency + a margin for the sandbox's own time), at least 5.
	const concurrency = Math.floor(
		num(
			'concurrency',
			values.concurrency,
			Math.max(5, Math.ceil((rps * (latencyMs + 50)) / 1000) + 1),
			1,
		),
	);
	let scenarios: ScenarioName[];
	if (values.scenarios) {
		scenarios = values.scenarios.split(',').map((s) => {
			const t = s.trim().toLowerCase();
			const byNumber = /^\d+$/.test(t) ? SCENARIOS[Number(t) - 1] : undefined;
			const name = byNumber ?? (SCENARIOS as readonly string[]).find((n) => n === t);
			if (!name) throw new Error(`unknown scenario "${s}"; use ${SCENARIOS.join(', ')} or 1–10`);
			return name as ScenarioName;
		});
	} else {
		scenarios = SCENARIOS.filter((s) => s !== 'n8n' || values.n8n);
	}
	if (values.n8n && !scenarios.includes('n8n')) scenarios.push('n8n');
	return {
		latencyMs,
		rps,
		concurrency,
		products: Math.floor(num('products', values.products, quick ? 100 : 1000, 1)),
		skus: Math.floor(num('skus', values.skus, 10, 1)),
		orders: Math.floor(num('orders', values.orders, quick ? 1000 : 10000, 1)),
		publish: Math.floor(num('publish', values.publish, quick ? 20 : 200, 1)),
		scenarios: SCENARIOS.filter((s) => scenarios.includes(s)),
		quick,
		n8n: values.n8n === true,
		profile: values.profile === true,
		repeat: Math.floor(num('repeat', values.repeat, 3, 1)),
		quotaProducts: Math.floor(
			num('quota-products', values['quota-products'], quick ? 1000 : 10000, 1),
		),
		render: values.render,
		out: resolve(ROOT, values.out ?? 'bench-results'),
	};
}

// ---------------------------------------------------------------- the sandbox process

class SandboxProcess {
	private nextId = 1;
	private readonly pending = new Map<number, (reply: IDataObject) => void>();

	private constructor(
		private readonly child: ChildProcessWithoutNullStreams,
		readonly ready: ReadyMessage,
	) {}

	static async start(args: string[]): Promise<SandboxProcess> {
		const child = spawn(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', join(__dirname, 'sandbox-server.ts'), ...args],
			{
				cwd: ROOT,
				stdio: ['pipe', 'pipe', 'pipe'],
				env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
			},
		);
		child.stderr.on('data', (d: Buffer) => process.stderr.write(`[sandbox] ${d.toString()}`));
		const lines = createInterface({ input: child.stdout });
		let proc: SandboxProcess | undefined;
		const ready = await new Promise<ReadyMessage>((resolveReady, reject) => {
			child.once('exit', (code) =>
				reject(new Error(`the sandbox process exited (${code}) before it was ready`)),
			);
			lines.on('line', (line) => {
				let message: IDataObject;
				try {
					message = JSON.parse(line) as IDataObject;
				} catch {
					process.stderr.write(`[sandbox] ${line}\n`);
					return;
				}
				if (message.type === 'ready') resolveReady(message as unknown as ReadyMessage);
				else if (message.type === 'reply' && proc) {
					const done = proc.pending.get(Number(message.id));
					proc.pending.delete(Number(message.id));
					done?.(message);
				}
			});
		});
		proc = new SandboxProcess(child, ready);
		return proc;
	}

	async command(cmd: string, extra: IDataObject = {}): Promise<IDataObject> {
		const id = this.nextId++;
		const reply = new Promise<IDataObject>((done) => this.pending.set(id, done));
		this.child.stdin.write(`${JSON.stringify({ id, cmd, ...extra })}\n`);
		return await reply;
	}

	async stats(): Promise<SandboxStats> {
		return (await this.command('stats')) as unknown as SandboxStats;
	}

	async close(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((done) => this.child.once('exit', done));
		await this.command('close').catch(() => undefined);
		this.child.stdin.end();
		await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);
		if (this.child.exitCode === null) this.child.kill('SIGKILL');
	}

	kill(): void {
		if (this.child.exitCode === null) this.child.kill('SIGKILL');
	}
}

// ---------------------------------------------------------------- measuring

interface Measured<T> {
	value: T;
	wallMs: number;
	cpuUs: number;
	baseRss: number;
	baseHeap: number;
	peakRss: number;
	peakHeap: number;
	/** Heap still held after a full GC with the output alive, above the baseline. */
	retainedHeap: number;
}

let profileSession: Session | undefined;
function post<T>(method: string, params?: object): Promise<T> {
	return new Promise((done, fail) =>
		profileSession!.post(method, params ?? {}, (error, result) =>
			error ? fail(error) : done(result as T),
		),
	);
}

/** Runs `fn` once: wall time, CPU of this process, memory sampled every 10 ms. */
async function measure<T>(fn: () => Promise<T>, profileAs?: string): Promise<Measured<T>> {
	gc();
	gc();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed;
	const sample = () => {
		const m = process.memoryUsage();
		if (m.rss > peakRss) peakRss = m.rss;
		if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
	};
	const sampler = setInterval(sample, 10);
	if (profileAs) {
		profileSession = profileSession ?? new Session();
		try {
			profileSession.connect();
		} catch {
			// already connected
		}
		await post('Profiler.enable');
		await post('Profiler.setSamplingInterval', { interval: 200 });
		await post('Profiler.start');
	}
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	let value: T;
	try {
		value = await fn();
	} finally {
		clearInterval(sampler);
	}
	const wallMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	sample();
	if (profileAs) {
		const { profile } = await post<{ profile: object }>('Profiler.stop');
		mkdirSync(settings.out, { recursive: true });
		writeFileSync(join(settings.out, `${profileAs}.cpuprofile`), JSON.stringify(profile));
	}
	gc();
	gc();
	const retainedHeap = process.memoryUsage().heapUsed - base.heapUsed;
	return {
		value,
		wallMs,
		cpuUs: cpu.user + cpu.system,
		baseRss: base.rss,
		baseHeap: base.heapUsed,
		peakRss,
		peakHeap,
		retainedHeap,
	};
}

// ---------------------------------------------------------------- results

interface Result {
	id: string;
	scenario: string;
	items: number;
	unit: string;
	latencyMs: number;
	rps: number;
	concurrency: number | null;
	calls: number;
	minCalls: number;
	/** Calls the sandbox refused with ApiCallLimit (counted in `calls`). */
	refused: number;
	failedItems: number;
	wallMs: number;
	/**
	 * max(minimum calls / cap, one latency); null without a cap. A scenario that waits on the
	 * platform's own processing (9b, 9c) gives its bound itself.
	 */
	boundMs: number | null;
	ratio: number | null;
	cpuUs: number;
	cpuUsPerItem: number;
	peakRssMB: number;
	peakHeapMB: number;
	/** (peak heap − heap before) / items. */
	heapGrowthPerItemB: number;
	/** (heap after a full GC, output still held − heap before) / items. */
	retainedPerItemB: number;
	speedup?: { over: string; naiveWallMs: number; factor: number };
	/** With repeats: CPU µs/item of every run (the row shows the median one). */
	cpuUsPerItemRuns?: number[];
	note: string;
}

const MB = 1024 * 1024;
let settings: Settings;

function boundOf(minCalls: number, rps: number, latencyMs: number): number | null {
	if (rps <= 0) return null;
	return Math.max((minCalls / rps) * 1000, latencyMs);
}

function result(
	base: Pick<
		Result,
		'id' | 'scenario' | 'items' | 'unit' | 'latencyMs' | 'rps' | 'concurrency' | 'minCalls' | 'note'
	> & { boundMs?: number },
	m: Measured<unknown>,
	stats: SandboxStats,
	failedItems: number,
): Result {
	const boundMs = base.boundMs ?? boundOf(base.minCalls, base.rps, base.latencyMs);
	return {
		...base,
		calls: stats.calls,
		refused: stats.refused,
		failedItems,
		wallMs: m.wallMs,
		boundMs,
		ratio: boundMs ? m.wallMs / boundMs : null,
		cpuUs: m.cpuUs,
		cpuUsPerItem: m.cpuUs / base.items,
		peakRssMB: m.peakRss / MB,
		peakHeapMB: m.peakHeap / MB,
		heapGrowthPerItemB: (m.peakHeap - m.baseHeap) / base.items,
		retainedPerItemB: m.retainedHeap / base.items,
	};
}

// ---------------------------------------------------------------- running the node

function credentialsOf(ready: ReadyMessage): ICredentialDataDecryptedObject {
	return {
		protocol: 'iop',
		appKey: ready.appKey,
		appSecret: ready.appSecret,
		accessToken: ready.accessToken,
		gatewayUrl: ready.url,
	};
}

/**
 * The AliExpress node in a workflow run by n8n's own engine (n8n-core's
 * WorkflowExecute, test/helpers/engine.ts): parameters, expressions, pairing
 * and the HTTP stack (axios) are n8n's, so CPU and memory per item are too.
 */
async function runNode(
	ready: ReadyMessage | ICredentialDataDecryptedObject,
	parameters: INodeParameters,
	items: IDataObject[],
): Promise<INodeExecutionData[]> {
	const { items: out, error } = await runInEngine({
		credentials:
			ready.type === 'ready'
				? credentialsOf(ready as ReadyMessage)
				: (ready as ICredentialDataDecryptedObject),
		parameters,
		items,
		continueOnFail: true,
		timezone: 'UTC',
	});
	if (error) throw new Error(`the node failed: ${error.message}`);
	return out;
}

/** What a measured run gives back: its failed items, and its output (held until the retained heap is measured). */
interface Outcome {
	failed: number;
	output?: INodeExecutionData[] | IDataObject[];
}

const failures = (out: INodeExecutionData[], extra = 0): Outcome => ({
	failed: out.filter((o) => o.json.success === false || o.json.error !== undefined).length + extra,
	output: out,
});

/**
 * A lower bound on the batch stock/price calls for these SKUs, from the documented
 * limits alone (20 products per call, 200 SKUs per product per call), not from the
 * node's batching plan:
 * - a product with s SKUs must appear in at least ceil(s / 200) calls (the limit is
 *   read as per product, so a call carries a product at most once), so there are
 *   at least that many calls;
 * - the products' appearances add up to at least Σ ceil(s / 200), and a call holds
 *   at most 20 of them, so there are at least ceil(Σ / 20) calls.
 * Both bounds can be met at once (deal each product's chunks round-robin over that
 * many calls), so this is the minimum. With at most 200 SKUs per product, as in the
 * bench's catalogues, it is ceil(products / 20).
 */
function minimumSkuCalls(items: Array<{ productId: string }>): number {
	const skusOf = new Map<string, number>();
	for (const { productId } of items) skusOf.set(productId, (skusOf.get(productId) ?? 0) + 1);
	const appearances = [...skusOf.values()].map((skus) => Math.ceil(skus / API.skusPerProduct));
	const totalAppearances = appearances.reduce((sum, n) => sum + n, 0);
	const mostOfOneProduct = appearances.reduce((most, n) => Math.max(most, n), 0);
	return Math.max(Math.ceil(totalAppearances / API.productsPerCall), mostOfOneProduct);
}

/**
 * A lower bound on the order.get calls for "every order, every status" over `days`, from
 * the documented rules: a page holds at most 50 orders, FINISH orders come only from a
 * query that asks for FINISH alone, and such a query's create window is at most 30 days
 * wide (a width, not an age: older finished orders are read in more windows). So the
 * other statuses need ceil(n/50) calls (at least one, to know an empty set is empty) and
 * FINISH at least one call per 30-day window and ceil(n/50) in all. (The 180-day limit on
 * the other statuses adds no call: the bench reads at most 180 days.)
 */
function minimumOrderCalls(
	nonFinish: number,
	finish: number,
	days: number = API.rangeDays,
): number {
	return (
		Math.max(1, Math.ceil(nonFinish / API.ordersPerPage)) +
		Math.max(Math.ceil(days / API.finishDays), Math.ceil(finish / API.ordersPerPage))
	);
}

function inventoryItems(
	products: SeededProduct[],
	round: number,
): Array<SkuQuantity & IDataObject> {
	return products.flatMap((p, n) =>
		p.skus.map((skuCode, s) => ({
			productId: p.id,
			skuCode,
			quantity: (n * 7 + s * 13 + round) % 1000,
		})),
	);
}

function priceItems(products: SeededProduct[]): IDataObject[] {
	return products.flatMap((p, n) =>
		p.skus.map((skuCode, s) => {
			const price = 30 + (n % 40) + s / 100 + 0.5;
			return {
				productId: p.id,
				skuCode,
				price: Number(price.toFixed(2)),
				discountPrice: Number((price - 5).toFixed(2)),
			};
		}),
	);
}

/** Sync Method default (auto) unless given: scenario 8 measures the batch calls' pacing. */
const inventoryParams = (options: IDataObject, syncMethod?: 'batch'): INodeParameters => ({
	resource: 'inventory',
	operation: 'update',
	inputMode: 'fromInput',
	productIdField: 'productId',
	skuCodeField: 'skuCode',
	quantityField: 'quantity',
	...(syncMethod ? { syncMethod } : {}),
	options: options as INodeParameters,
});

const orderParams = (options: IDataObject, filters: IDataObject = {}): INodeParameters => ({
	resource: 'order',
	operation: 'getMany',
	returnAll: true,
	filters: filters as INodeParameters,
	simplify: true,
	options: options as INodeParameters,
});

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Publish in "fields" mode: title, images and SKUs are n8n expressions of the item. */
function publishParams(options: IDataObject): INodeParameters {
	return {
		resource: 'product',
		operation: 'publish',
		mode: 'fields',
		categoryId: rl('200000347'),
		language: 'en',
		title: '={{ $json.title }}',
		description: '=<p>{{ $json.title }}</p>',
		images:
			'=https://img.example.com/{{ $json.code }}-1.jpg, https://img.example.com/{{ $json.code }}-2.jpg',
		skus: {
			sku: ['BLU', 'RED', 'GRN'].map((color, n) => ({
				skuCode: `={{ $json.code }}-${color}`,
				price: String(29.9 + n),
				discountPrice: n === 0 ? '24.90' : '',
				stock: 10 + n,
				attributes: `[{"sku_attribute_name_id": 14, "sku_attribute_value_id": ${175 + n}}]`,
			})),
		},
		packageLength: 30,
		packageWidth: 20,
		packageHeight: 5,
		weight: 0.35,
		freightTemplateId: rl('1000'),
		brandName: 'NoBrand',
		options: options as INodeParameters,
	};
}

// ---------------------------------------------------------------- scenarios

interface Run {
	sb: SandboxProcess;
	ready: ReadyMessage;
	results: Result[];
	notes: string[];
	n8n?: N8nScenarioResult;
}

type Base = Omit<Parameters<typeof result>[0], 'latencyMs' | 'rps'> & {
	latencyMs?: number;
	rps?: number;
};

/**
 * Measures `fn` `repeat` times and keeps the run with the median CPU time;
 * `base` may be a function of the run's output (when the item count is only
 * known from the answer).
 */
async function scenario(
	run: Run,
	base: Base | ((output: Outcome['output']) => Base),
	fn: () => Promise<Outcome>,
	repeat = 1,
	/** Name of the .cpuprofile with --profile (default: the id). */
	profileName?: string,
): Promise<Result> {
	const first = typeof base === 'function' ? undefined : base;
	process.stdout.write(`  ${first ? `${first.id} ${first.scenario}` : ''} … `);
	const runs: Result[] = [];
	for (let n = 0; n < repeat; n++) {
		await run.sb.command('reset');
		let m: Measured<Outcome> | undefined = await measure(
			fn,
			settings.profile && n === 0
				? (profileName ?? first?.id ?? `run${run.results.length}`).replace(/·/g, '-')
				: undefined,
		);
		const stats = await run.sb.stats();
		const b = typeof base === 'function' ? base(m.value.output) : base;
		const r = result(
			{ latencyMs: settings.latencyMs, rps: settings.rps, ...b },
			m,
			stats,
			m.value.failed,
		);
		m = undefined; // the output may go now
		if (stats.errors) r.note += ` Sandbox error answers: ${JSON.stringify(stats.errorCodes)}.`;
		runs.push(r);
	}
	const sorted = [...runs].sort((a, b) => a.cpuUs - b.cpuUs);
	const r = sorted[Math.floor((sorted.length - 1) / 2)];
	if (repeat > 1) {
		r.cpuUsPerItemRuns = runs.map((x) => Number(x.cpuUsPerItem.toFixed(1)));
		r.note += ` Median-CPU run of ${repeat} (CPU µs/item of each: ${r.cpuUsPerItemRuns.join(', ')}).`;
	}
	run.results.push(r);
	if (!first) process.stdout.write(`(${r.id} ${r.scenario}) `);
	console.log(
		`${fmtS(r.wallMs)} s, ${r.calls} calls (min ${r.minCalls}${r.refused ? `, ${r.refused} refused` : ''})` +
			`${r.ratio ? `, ${r.ratio.toFixed(2)}× bound` : ''}, ${r.cpuUsPerItem.toFixed(1)} µs CPU/${r.unit}` +
			`${repeat > 1 ? ` (runs: ${r.cpuUsPerItemRuns?.join(', ')})` : ''}` +
			`${r.failedItems ? `, ${r.failedItems} FAILED items` : ''}`,
	);
	return r;
}

const nodeOptions = () => ({ requestsPerSecond: settings.rps, concurrency: settings.concurrency });

async function inventoryScenario(run: Run): Promise<void> {
	const items = inventoryItems(run.ready.products, 1);
	await scenario(
		run,
		{
			id: '1',
			scenario: 'Inventory sync (Update Inventory, Use Input Fields)',
			items: items.length,
			unit: 'SKU',
			concurrency: settings.concurrency,
			minCalls: minimumSkuCalls(items),
			note: `${run.ready.products.length} products × ${settings.skus} SKUs; Options: Requests per Second ${settings.rps}, Concurrency ${settings.concurrency}.`,
		},
		async () => failures(await runNode(run.ready, inventoryParams(nodeOptions()), items)),
	);
}

async function priceScenario(run: Run): Promise<void> {
	const items = priceItems(run.ready.products);
	await scenario(
		run,
		{
			id: '2',
			scenario: 'Price sync (Update Price, Use Input Fields)',
			items: items.length,
			unit: 'SKU',
			concurrency: settings.concurrency,
			minCalls: minimumSkuCalls(items as Array<{ productId: string }>),
			note: 'Every item gives discountPrice, so no product is read first (When No Discount Price Is Given stays at its default, Keep, which reads only for items without one).',
		},
		async () =>
			failures(
				await runNode(
					run.ready,
					{
						resource: 'price',
						operation: 'update',
						inputMode: 'fromInput',
						productIdField: 'productId',
						skuCodeField: 'skuCode',
						priceField: 'price',
						discountPriceField: 'discountPrice',
						missingDiscountPrice: 'keep',
						options: nodeOptions(),
					},
					items,
				),
			),
	);
}

async function ordersScenario(run: Run): Promise<void> {
	const { orders } = run.ready;
	let returned = 0;
	await scenario(
		run,
		{
			id: '3',
			scenario: 'Get Many Orders, Return All',
			items: orders.total,
			unit: 'order',
			concurrency: settings.concurrency,
			minCalls: minimumOrderCalls(orders.nonFinish, orders.finish),
			note: `${orders.total} orders in the last ${Math.ceil((Date.now() - orders.oldest) / DAY)} days: ${orders.nonFinish} in the ten other statuses + ${orders.finish} FINISH, which the API only returns when asked for alone: ceil(${orders.nonFinish}/50) + ceil(${orders.finish}/50) pages.`,
		},
		async () => {
			const out = await runNode(run.ready, orderParams(nodeOptions()), [{}]);
			returned = out.length;
			return failures(out, Math.abs(orders.total - out.length));
		},
	);
	if (returned !== orders.total)
		run.notes.push(`Scenario 3 returned ${returned} orders, ${orders.total} were seeded.`);
}

async function publishScenario(run: Run): Promise<void> {
	const items = Array.from({ length: settings.publish }, (_, n) => ({
		title: `Bench Linen Dress ${n + 1}`,
		code: `BENCH${n + 1}`,
	}));
	await scenario(
		run,
		{
			id: '4',
			scenario: 'Publish products (Map Each Field, 3 SKUs each)',
			items: items.length,
			unit: 'product',
			concurrency: settings.concurrency,
			minCalls: items.length,
			note: 'One product.post per product; title, description, images and SKU codes are n8n expressions of the item (={{ $json.title }} …), evaluated by n8n per item.',
		},
		async () => failures(await runNode(run.ready, publishParams(nodeOptions()), items)),
	);
}

async function naiveScenario(run: Run): Promise<void> {
	const client = new NaiveClient(credentialsOf(run.ready));
	const items = inventoryItems(run.ready.products, 2);
	const products = run.ready.products.length;
	const inv = await scenario(
		run,
		{
			id: '5a',
			scenario: 'Naive inventory sync (one call per product, sequential)',
			items: items.length,
			unit: 'SKU',
			concurrency: 1,
			minCalls: minimumSkuCalls(items),
			note: `bench/naive.ts: ${products} calls, one after another.`,
		},
		async () => ({ failed: products - (await naiveInventorySync(client, items)) }),
	);
	const ours = run.results.find((r) => r.id === '1');
	if (ours)
		ours.speedup = { over: '5a', naiveWallMs: inv.wallMs, factor: inv.wallMs / ours.wallMs };

	const now = Date.now();
	const { orders } = run.ready;
	const range = (days: number) => ({
		create_date_start: formatPacific(now - days * DAY + 60_000),
		create_date_end: formatPacific(now),
	});
	let returned = 0;
	const ord = await scenario(
		run,
		{
			id: '5b',
			scenario: 'Naive order read (page by page, sequential)',
			items: orders.total,
			unit: 'order',
			concurrency: 1,
			minCalls: minimumOrderCalls(orders.nonFinish, orders.finish),
			note: 'bench/naive.ts: the ten other statuses over 180 days, then FINISH alone in 30-day windows, one page after another.',
		},
		async () => {
			const got = [
				...(await naiveOrderRead(client, range(API.rangeDays), [OTHER_STATUSES])),
				...(await naiveFinishRead(client, now, API.rangeDays, API.finishDays)),
			];
			returned = got.length;
			return { failed: Math.abs(orders.total - got.length), output: got };
		},
	);
	if (returned !== orders.total)
		run.notes.push(`Scenario 5b returned ${returned} orders, ${orders.total} were seeded.`);
	const oursOrders = run.results.find((r) => r.id === '3');
	if (oursOrders)
		oursOrders.speedup = {
			over: '5b',
			naiveWallMs: ord.wallMs,
			factor: ord.wallMs / oursOrders.wallMs,
		};
}

/** Zero latency, no cap: the node's own CPU and memory, at three sizes to show how memory grows. */
async function cpuScenario(run: Run): Promise<void> {
	await run.sb.command('set', { latencyMs: 0, rateLimitPerSecond: 0 });
	const zero = { latencyMs: 0, rps: 0, concurrency: 5 };
	const options = {}; // defaults: Concurrency 5, no Requests per Second (the learned rate)
	const { products, orders } = run.ready;
	try {
		// Warm-up (not reported): the JIT and the connection pool, as in a long-running n8n.
		await runNode(
			run.ready,
			inventoryParams(options),
			inventoryItems(products.slice(0, Math.ceil(products.length / 10)), 3),
		);
		await runNode(
			run.ready,
			orderParams(options, { createdAfter: new Date(orders.newest - 2 * DAY).toISOString() }),
			[{}],
		);

		const fractions = [0.25, 0.5, 1];
		for (const f of fractions) {
			const subset = products.slice(0, Math.max(1, Math.round(products.length * f)));
			const items = inventoryItems(subset, 4);
			await scenario(
				run,
				{
					...zero,
					id: `7a${f === 1 ? '' : `·${f}`}`,
					scenario: `Inventory sync, 0 ms, no cap${f === 1 ? '' : ` (${Math.round(f * 100)} %)`}`,
					items: items.length,
					unit: 'SKU',
					minCalls: minimumSkuCalls(items),
					note: 'Node defaults (Concurrency 5, no Requests per Second: the rate learned in the rows before).',
				},
				async () => failures(await runNode(run.ready, inventoryParams(options), items)),
				settings.repeat,
			);
		}
		const span = orders.newest - orders.oldest;
		for (const f of fractions) {
			const createdAfter = f === 1 ? undefined : new Date(orders.newest - span * f).toISOString();
			const expected = f === 1 ? orders.total : undefined;
			await scenario(
				run,
				(output = []) => {
					// The subset's size and its FINISH share are only known from the answer.
					const finish = (output as INodeExecutionData[]).filter(
						(o) => o.json.status === 'FINISH',
					).length;
					return {
						...zero,
						id: `7b${f === 1 ? '' : `·${f}`}`,
						scenario: `Get Many Orders, Return All, 0 ms, no cap${f === 1 ? '' : ` (${Math.round(f * 100)} %)`}`,
						items: Math.max(1, output.length),
						unit: 'order',
						minCalls: minimumOrderCalls(
							output.length - finish,
							finish,
							createdAfter ? (Date.now() - Date.parse(createdAfter)) / DAY : API.rangeDays,
						),
						note: createdAfter
							? `Filter Created After ${createdAfter}.`
							: 'Node defaults (Concurrency 5, no Requests per Second: the rate learned in the rows before).',
					};
				},
				async () => {
					const out = await runNode(
						run.ready,
						orderParams(options, createdAfter ? { createdAfter } : {}),
						[{}],
					);
					return failures(out, expected !== undefined ? Math.abs(expected - out.length) : 0);
				},
				settings.repeat,
				`7b${f === 1 ? '' : `-${f}`}`,
			);
		}

		// The transport's floor for the same work: the minimal calls, sent by the plain client
		// (sign, undici, JSON.parse, nothing else), one after another.
		const plain = new NaiveClient(credentialsOf(run.ready));
		const all = inventoryItems(products, 6);
		await scenario(
			run,
			{
				...zero,
				concurrency: 1,
				id: '7c',
				scenario:
					'Floor: the same inventory calls by the plain client (sign + undici + JSON.parse only)',
				items: all.length,
				unit: 'SKU',
				minCalls: minimumSkuCalls(all),
				note: 'bench/naive.ts plainBatchedInventory: the minimal batch calls, sequential, no validation and no output items.',
			},
			async () => ({ failed: await plainBatchedInventory(plain, all) }),
			settings.repeat,
		);
		const now = Date.now();
		const range = (days: number) => ({
			create_date_start: formatPacific(now - days * DAY + 60_000),
			create_date_end: formatPacific(now),
		});
		await scenario(
			run,
			{
				...zero,
				concurrency: 1,
				id: '7d',
				scenario:
					'Floor: the same order pages by the plain client (sign + undici + JSON.parse only)',
				items: orders.total,
				unit: 'order',
				minCalls: minimumOrderCalls(orders.nonFinish, orders.finish),
				note: 'bench/naive.ts naiveOrderRead at 0 ms: the pages, sequential, orders kept as parsed.',
			},
			async () => {
				const got = [
					...(await naiveOrderRead(plain, range(API.rangeDays), [OTHER_STATUSES])),
					...(await naiveFinishRead(plain, now, API.rangeDays, API.finishDays)),
				];
				return { failed: Math.abs(orders.total - got.length), output: got };
			},
			settings.repeat,
		);
	} finally {
		await run.sb.command('set', {
			latencyMs: settings.latencyMs,
			rateLimitPerSecond: settings.rps,
		});
	}
}

/**
 * 8 — the quota not told: no Requests per Second in the node's Options; the node finds the
 * sandbox's cap itself (transport/pacing.ts). Each part runs on a new app of the same seller
 * (a quota and a learned rate of its own), so nothing learned before helps.
 */
async function quotaScenario(run: Run): Promise<void> {
	const freshApp = async (): Promise<ICredentialDataDecryptedObject> => {
		const app = (await run.sb.command('app')) as {
			appKey: string;
			appSecret: string;
			accessToken: string;
		};
		return {
			...credentialsOf(run.ready),
			appKey: app.appKey,
			appSecret: app.appSecret,
			accessToken: app.accessToken,
		};
	};
	const options = { concurrency: settings.concurrency };
	const products = run.ready.products;
	/** Stock the sandbox holds for these items that differs from the input (after the run). */
	const wrongStock = async (items: Array<SkuQuantity & IDataObject>) => {
		const ids = [...new Set(items.map((i) => i.productId))];
		const { stock } = (await run.sb.command('stock', { products: ids })) as {
			stock: Record<string, Record<string, number>>;
		};
		return items.filter((i) => stock[i.productId]?.[i.skuCode] !== i.quantity).length;
	};

	// a big catalogue of its own: the ramp-up of a new app is part of the run, not all of it
	const big = (
		(await run.sb.command('seed', { products: settings.quotaProducts, skus: settings.skus })) as {
			products: SeededProduct[];
		}
	).products;
	const all = inventoryItems(big, 8);
	const a = await freshApp();
	await scenario(
		run,
		{
			id: '8a',
			scenario: `Inventory sync, cap not told (${settings.rps}/s, no faults)`,
			items: all.length,
			unit: 'SKU',
			concurrency: settings.concurrency,
			minCalls: minimumSkuCalls(all),
			note: `${big.length} products × ${settings.skus} SKUs on a new app; Sync Method batch (auto would choose feeds above 1,000 products: scenario 9); Options: no Requests per Second, Concurrency ${settings.concurrency}.`,
		},
		async () => failures(await runNode(a, inventoryParams(options, 'batch'), all)),
	);

	// 8b: about 1,000 SKUs on 400 products (2 or 3 each), a 4/s cap and 20 % faults of every kind
	const some = inventoryItems(products.slice(0, 400), 9).filter((i) => {
		const [p, s] = String(i.skuCode).slice(1).split('-S').map(Number);
		return s < (p % 2 === 0 ? 2 : 3);
	});
	const kinds = ['http502', 'http503', 'ispError', 'rateLimit', 'malformed', 'reset'];
	await run.sb.command('set', { rateLimitPerSecond: 4, faults: { rate: 0.2, kinds, seed: 7 } });
	const b = await freshApp();
	try {
		await scenario(
			run,
			{
				id: '8b',
				scenario: 'Inventory sync, cap not told (4/s), 20 % mixed faults',
				items: some.length,
				unit: 'SKU',
				rps: 4,
				concurrency: settings.concurrency,
				minCalls: minimumSkuCalls(some),
				note: `${some.length} SKUs on 400 products; faults in 20 % of calls: ${kinds.join(', ')} (malformed: processed, then cut off). Default Options (no Requests per Second). Failed items include SKUs whose stock afterwards differs from the input.`,
			},
			async () => {
				const out = await runNode(b, inventoryParams(options, 'batch'), some);
				return failures(out, (await wrongStock(some)) + Math.abs(out.length - some.length));
			},
		);
	} finally {
		await run.sb.command('set', { rateLimitPerSecond: settings.rps, faults: null });
	}

	// 8c: two executions at once, one app, one cap, each half of the big catalogue
	const half = Math.floor(big.length / 2);
	const first = inventoryItems(big.slice(0, half), 10);
	const second = inventoryItems(big.slice(half), 10);
	const c = await freshApp();
	await scenario(
		run,
		{
			id: '8c',
			scenario: `Two inventory syncs at once, one app, cap not told (${settings.rps}/s)`,
			items: first.length + second.length,
			unit: 'SKU',
			concurrency: settings.concurrency,
			minCalls: minimumSkuCalls(first) + minimumSkuCalls(second),
			note: 'Two executions of the node in one process (as n8n runs two workflows), each with half the products; the bound is their combined minimum calls ÷ cap.',
		},
		async () => {
			const [x, y] = await Promise.all([
				runNode(c, inventoryParams(options, 'batch'), first),
				runNode(c, inventoryParams(options, 'batch'), second),
			]);
			const fx = failures(x);
			const fy = failures(y);
			return { failed: fx.failed + fy.failed, output: [...x, ...y] };
		},
	);
}

/**
 * A few calls before anything is measured, so that no scenario pays for
 * one-time costs (loading and compiling modules, undici's HTTP parser, the
 * first connections): an n8n worker is a long-running process.
 */
async function warmUp(run: Run): Promise<void> {
	const { products, orders } = run.ready;
	const options = { concurrency: settings.concurrency, requestsPerSecond: settings.rps };
	await runNode(run.ready, inventoryParams(options), inventoryItems(products.slice(0, 2), 0));
	await runNode(
		run.ready,
		orderParams(options, { createdAfter: new Date(orders.newest - DAY / 4).toISOString() }),
		[{}],
	);
	await runNode(run.ready, publishParams(options), [
		{ title: 'Bench warm-up dress', code: 'WARMUP' },
	]);
	await new NaiveClient(credentialsOf(run.ready)).call('aliexpress.solution.product.info.get', {
		product_id: products[0].id,
	});
	await run.sb.command('reset');
}

async function n8nScenario(run: Run): Promise<void> {
	process.stdout.write('  6 inventory sync inside real n8n … ');
	run.n8n = await runN8nScenario({
		ready: run.ready,
		items: inventoryItems(run.ready.products, 5),
		latencyMs: settings.latencyMs,
		rps: settings.rps,
		concurrency: settings.concurrency,
		minCalls: minimumSkuCalls(inventoryItems(run.ready.products, 5)),
		stats: async () => await run.sb.stats(),
		reset: async () => void (await run.sb.command('reset')),
		root: ROOT,
	});
	console.log(run.n8n.skipped ? `skipped: ${run.n8n.skipped}` : 'done');
}

// ---------------------------------------------------------------- report

const fmtS = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

function table(results: Result[]): string {
	const head = [
		'#',
		'Scenario',
		'Items',
		'Latency / cap',
		'Calls (min)',
		'Refused',
		'Wall s',
		'Bound s',
		'÷ bound',
		'Speed-up vs naive',
		'CPU µs/item',
		'Peak RSS MB',
		'Peak heap MB',
		'Heap peak B/item',
		'Retained B/item',
	];
	const rows = results.map((r) => [
		r.id,
		r.scenario + (r.failedItems ? ` **(${r.failedItems} failed)**` : ''),
		`${fmtInt(r.items)} ${r.unit}s`,
		r.rps > 0 ? `${r.latencyMs} ms / ${r.rps}/s` : `${r.latencyMs} ms / none`,
		`${r.calls} (${r.minCalls})`,
		String(r.refused),
		fmtS(r.wallMs),
		r.boundMs === null ? '—' : fmtS(r.boundMs),
		r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
		r.speedup ? `${r.speedup.factor.toFixed(1)}×` : '',
		r.cpuUsPerItem.toFixed(1),
		r.peakRssMB.toFixed(0),
		r.peakHeapMB.toFixed(0),
		fmtInt(r.heapGrowthPerItemB),
		fmtInt(r.retainedPerItemB),
	]);
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

interface Target {
	target: string;
	measured: string;
	met: boolean | null;
}

function targets(results: Result[]): Target[] {
	const get = (id: string) => results.find((r) => r.id === id);
	const out: Target[] = [];
	for (const id of ['1', '2']) {
		const r = get(id);
		if (!r) continue;
		const what = id === '1' ? 'Inventory' : 'Price';
		out.push({
			target: `${what} sync makes exactly the minimum number of calls (${r.minCalls})`,
			measured: `${r.calls} calls${r.refused ? ` (${r.refused} refused by the cap and retried)` : ''}`,
			met: r.calls === r.minCalls,
		});
		out.push({
			target: `${what} sync within 1.25× the lower bound`,
			measured: `${r.ratio?.toFixed(2)}× (${fmtS(r.wallMs)} s vs ${fmtS(r.boundMs ?? 0)} s)`,
			met: r.ratio !== null && r.ratio <= 1.25,
		});
	}
	const inv = get('1');
	if (inv?.speedup) {
		out.push({
			target: 'Inventory sync ≥ 30× faster than naive',
			measured: `${inv.speedup.factor.toFixed(1)}× (${fmtS(inv.speedup.naiveWallMs)} s naive)`,
			met: inv.speedup.factor >= 30,
		});
	}
	const ord = get('3');
	if (ord) {
		out.push({
			target: 'Return-All order read within 1.25× the lower bound (pages ÷ cap)',
			measured: `${ord.ratio?.toFixed(2)}× (${fmtS(ord.wallMs)} s vs ${fmtS(ord.boundMs ?? 0)} s; ${ord.calls} calls, min ${ord.minCalls})`,
			met: ord.ratio !== null && ord.ratio <= 1.25,
		});
	}
	const q = (id: string, what: string, limit: number, refusedShare?: number) => {
		const r = get(id);
		if (!r) return;
		const share = r.calls ? r.refused / r.calls : 0;
		out.push({
			target: `${what}: within ${limit}× the bound${refusedShare !== undefined ? `, at most ${refusedShare * 100} % of calls refused` : ''}, no failed item`,
			measured: `${r.ratio?.toFixed(2)}× (${fmtS(r.wallMs)} s vs ${fmtS(r.boundMs ?? 0)} s); ${r.calls} calls, min ${r.minCalls}, ${r.refused} refused (${(share * 100).toFixed(1)} %); ${r.failedItems} failed`,
			met:
				r.ratio !== null &&
				r.ratio <= limit &&
				r.failedItems === 0 &&
				(refusedShare === undefined || share <= refusedShare),
		});
	};
	q('8a', `Cap not told (${settings.rps}/s)`, 1.25, 0.05);
	q('8b', 'Cap not told (4/s), 20 % faults', 1.5);
	q('8c', `Two syncs at once, cap not told (${settings.rps}/s)`, 1.3);
	const cpuTarget = (id: string, floorId: string, unit: string, limit: number) => {
		const r = get(id);
		if (!r) return;
		const floor = get(floorId);
		const own = floor
			? ` (of which the transport floor, ${floorId}, is ${floor.cpuUsPerItem.toFixed(1)} µs: the node's own code ${(r.cpuUsPerItem - floor.cpuUsPerItem).toFixed(1)} µs)`
			: '';
		out.push({
			target: `Node CPU ≤ ${limit} µs per ${unit}`,
			measured: `${r.cpuUsPerItem.toFixed(1)} µs${own}`,
			met: r.cpuUsPerItem <= limit,
		});
	};
	cpuTarget('7a', '7c', 'SKU', 30);
	cpuTarget('7b', '7d', 'order', 60);
	for (const prefix of ['7a', '7b']) {
		const sizes = results
			.filter((r) => r.id === prefix || r.id.startsWith(`${prefix}·`))
			.sort((a, b) => a.items - b.items);
		if (sizes.length < 2) continue;
		// Marginal bytes per extra item between successive sizes: equal slopes = a straight line.
		const slope = (key: 'retainedPerItemB' | 'heapGrowthPerItemB') =>
			sizes.slice(1).map((r, i) => {
				const prev = sizes[i];
				return (r[key] * r.items - prev[key] * prev.items) / (r.items - prev.items);
			});
		const retained = slope('retainedPerItemB');
		const peak = slope('heapGrowthPerItemB');
		// Linear (a + b·n), not worse: the bytes per item do not grow with n (the largest size
		// within 25 % of the one before; a fixed part makes them fall). Peak samples are noisy.
		const [before, largest] = sizes.slice(-2);
		const ok = (key: 'retainedPerItemB' | 'heapGrowthPerItemB') =>
			largest[key] <= Math.max(1.25 * before[key], before[key] + 64);
		out.push({
			target: `Memory grows linearly with items (${prefix === '7a' ? 'SKUs' : 'orders'})`,
			measured:
				`${sizes.map((r) => fmtInt(r.items)).join(' → ')} items: retained ${sizes.map((r) => fmtInt(r.retainedPerItemB)).join(' / ')} B/item ` +
				`(marginal ${retained.map(fmtInt).join(', ')} B/item); peak heap growth ${sizes.map((r) => fmtInt(r.heapGrowthPerItemB)).join(' / ')} B/item ` +
				`(marginal ${peak.map(fmtInt).join(', ')})`,
			met: ok('retainedPerItemB') && ok('heapGrowthPerItemB'),
		});
	}
	return out;
}

function report(run: Run): string {
	const lines: string[] = [];
	lines.push(
		`Sandbox in a child process: ${settings.latencyMs} ms per call, cap ${settings.rps} requests/s (sliding 1 s window) unless the row says otherwise. ` +
			`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}. ` +
			`Lower bound = max(minimum calls ÷ cap, one latency). CPU = user + system time of the benchmark process (the node inside n8n-core's engine: parameters and expressions, signing, axios), per item. ` +
			`Heap peak = highest heapUsed sampled every 10 ms minus heapUsed before; retained = heapUsed after a full GC with the output still held, minus before.`,
	);
	lines.push('');
	lines.push(table(run.results));
	lines.push('');
	const t = targets(run.results);
	if (t.length) {
		lines.push('| Target | Measured | Met |', '| --- | --- | --- |');
		for (const x of t)
			lines.push(
				`| ${x.target} | ${x.measured} | ${x.met === null ? '—' : x.met ? 'yes' : '**no**'} |`,
			);
		lines.push('');
	}
	if (run.n8n) {
		lines.push('Inside real n8n (scenario 6):', '');
		lines.push(run.n8n.skipped ? `skipped: ${run.n8n.skipped}` : run.n8n.markdown);
		lines.push('');
	}
	for (const r of run.results) lines.push(`- ${r.id}: ${r.note.trim()}`);
	for (const n of run.notes) lines.push(`- ${n}`);
	return lines.join('\n');
}

// ---------------------------------------------------------------- main

/** `--render <bench.json>`: prints the report of an earlier run again (after changing the report's code). */
function render(file: string): void {
	const json = JSON.parse(readFileSync(file, 'utf8')) as {
		settings: Settings;
		results: Result[];
		n8n?: N8nScenarioResult;
		notes: string[];
	};
	settings = { ...json.settings, out: settings.out };
	console.log(
		report({ results: json.results, n8n: json.n8n, notes: json.notes ?? [] } as unknown as Run),
	);
}

async function main(): Promise<void> {
	settings = readSettings();
	if (settings.render) return render(settings.render);
	const started = Date.now();
	console.log(
		`bench: latency ${settings.latencyMs} ms, cap ${settings.rps}/s, concurrency ${settings.concurrency}; ` +
			`${settings.products} products × ${settings.skus} SKUs, ${settings.orders} orders, ${settings.publish} to publish; ` +
			`scenarios ${settings.scenarios.join(', ')}`,
	);
	const sb = await SandboxProcess.start([
		'--latency',
		String(settings.latencyMs),
		'--rps',
		String(settings.rps),
		'--products',
		String(settings.products),
		'--skus',
		String(settings.skus),
		'--orders',
		String(settings.orders),
	]);
	const stop = () => {
		sb.kill();
		process.exit(130);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	const run: Run = { sb, ready: sb.ready, results: [], notes: [] };
	console.log(`sandbox ready at ${sb.ready.url} (${Date.now() - started} ms to start and seed)`);
	try {
		await warmUp(run);
		const steps: Record<ScenarioName, (run: Run) => Promise<void>> = {
			inventory: inventoryScenario,
			price: priceScenario,
			orders: ordersScenario,
			publish: publishScenario,
			naive: naiveScenario,
			n8n: n8nScenario,
			cpu: cpuScenario,
			quota: quotaScenario,
			feeds: (r) =>
				feedScenarios({
					...settings,
					run: r,
					scenario,
					runNode,
					credentials: credentialsOf(r.ready),
					inventoryItems,
					minimumSkuCalls,
				}),
			trigger: (run) => triggerMemoryScenario(run, settings.out, settings.quick),
		};
		for (const name of settings.scenarios) await steps[name](run);
	} finally {
		await sb.close();
	}

	const markdown = report(run);
	console.log(`\n${markdown}\n`);
	mkdirSync(settings.out, { recursive: true });
	const json = {
		generatedAt: new Date().toISOString(),
		durationS: (Date.now() - started) / 1000,
		machine: {
			node: process.version,
			platform: process.platform,
			cpus: cpus().length,
			cpuModel: cpus()[0]?.model,
		},
		settings: { ...settings, out: undefined },
		seeded: {
			products: run.ready.products.length,
			skusPerProduct: settings.skus,
			orders: run.ready.orders,
		},
		results: run.results,
		targets: targets(run.results),
		n8n: run.n8n,
		notes: run.notes,
	};
	writeFileSync(join(settings.out, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
	writeFileSync(join(settings.out, 'bench.md'), `${markdown}\n`);
	console.log(
		`wrote ${join(settings.out, 'bench.json')} and bench.md in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
