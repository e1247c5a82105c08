/**
 * The fault matrix: every fault kind the sandbox can inject, in 20% of all
 * calls, against the node's two bulk writes run in n8n's own engine
 * (WorkflowExecute, the node's Options, n8n's HTTP stack, the transport's real
 * backoff):
 * - a 10,000-SKU stock sync (1,000 products × 10 SKUs written here) ends with
 *   every SKU at the input's quantity, one output item per input item, in
 *   order, all `success: true`;
 * - a 200-product publish ends with exactly 200 new products and 200 results,
 *   none published twice: a lost answer is resolved by looking the product up.
 * reset and timeout run both before the gateway processes the call (nothing
 * happened) and after (the change happened, the answer is lost).
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type FaultKind, type Sandbox } from '../sandbox';
import { INVENTORY, POST, productWithSkus, publishParameters, runNode } from './harness';

const PRODUCTS = 1000;
const SKUS_PER_PRODUCT = 10;
const PUBLISHES = 200;
const FAULT_RATE = 0.2;

/**
 * The node's Options for every run: a short timeout so lost answers cost little
 * (long enough that no answer the sandbox did send is ever timed out, which
 * would make a retry no fault explains: an answer can wait behind another
 * scenario's start, see `startingAlone`); otherwise the defaults.
 */
const OPTIONS = { maxAttempts: 12, timeout: 3, concurrency: 5 };
/** Publishing is one call per item: ten at a time keeps the timeout scenarios short. */
const PUBLISH_OPTIONS = { ...OPTIONS, concurrency: 10 };

interface Scenario {
	kind: FaultKind;
	afterProcessing?: boolean;
}

/** The slowest (timeouts) first: Jest runs five at a time, in this order. */
const SCENARIOS: Scenario[] = [
	{ kind: 'timeout', afterProcessing: true },
	{ kind: 'timeout' },
	{ kind: 'http502' },
	{ kind: 'rateLimit' },
	{ kind: 'http500' },
	{ kind: 'http429' },
	{ kind: 'ispError' },
	{ kind: 'http503' },
	{ kind: 'reset' },
	{ kind: 'reset', afterProcessing: true },
	{ kind: 'malformed' },
];

/** Faults whose call the gateway carried out before the answer was lost. */
const processedFirst = (s: Scenario) => s.kind === 'malformed' || s.afterProcessing === true;
const label = (s: Scenario) => `${s.kind}${s.afterProcessing ? ' after processing' : ''}`;

/** A sandbox of its own per scenario, so that scenarios run side by side: 1,000 products × 10 SKUs at stock 0. */
async function scenarioSandbox(
	seed: number,
): Promise<{ sandbox: Sandbox; skus: Array<{ productId: string; skuCode: string }> }> {
	const sandbox = await startSandbox({ products: 0, orders: 0, seed });
	const skus: Array<{ productId: string; skuCode: string }> = [];
	for (let p = 0; p < PRODUCTS; p++) {
		const product = productWithSkus(sandbox, `FM${String(p).padStart(4, '0')}`, SKUS_PER_PRODUCT);
		for (const sku of product.skus)
			skus.push({ productId: product.product_id, skuCode: sku.sku_code });
	}
	return { sandbox, skus };
}

/**
 * The sandboxes share the test's event loop, and before the node's first call
 * n8n reads the run's parameters for every item, holding the loop (about a
 * second for 10,000 items): the answers to the calls other scenarios have in
 * flight wait that long. Runs start one at a time, the next once this one's
 * first call has reached its sandbox, so an answer waits behind one start at
 * most, never behind several in a row.
 */
let starting: Promise<void> = Promise.resolve();
async function startingAlone<T>(sandbox: Sandbox, run: () => Promise<T>): Promise<T> {
	const previous = starting;
	let started = () => {};
	starting = new Promise((resolve) => (started = resolve));
	await previous;
	sandbox.onCall = () => {
		sandbox.onCall = undefined;
		started();
	};
	try {
		return await run();
	} finally {
		sandbox.onCall = undefined;
		started();
	}
}

const faultsOn = (sandbox: Sandbox, method: string) =>
	sandbox.calls.filter((c) => c.method === method && c.outcome === 'fault').length;

async function inventorySync(
	sandbox: Sandbox,
	skus: Array<{ productId: string; skuCode: string }>,
	n: number,
) {
	const stockOf = (productId: string, skuCode: string) =>
		sandbox.store.products.get(productId)?.skus.find((s) => s.sku_code === skuCode)?.inventory;
	// Every SKU is at 0; the input sets a different, scenario-specific quantity on each.
	const items: IDataObject[] = skus.map((s, i) => ({
		...s,
		quantity: ((i * 7919 + n * 31) % 999) + 1,
	}));

	const { out, error } = await startingAlone(
		sandbox,
		async () =>
			await runNode(
				sandbox,
				{ resource: 'inventory', operation: 'update', inputMode: 'fromInput', options: OPTIONS },
				items,
			),
	);

	expect(error).toBeUndefined();
	expect(out).toHaveLength(items.length);
	const wrong = out!.filter(
		(o, i) =>
			(o.pairedItem as { item: number } | undefined)?.item !== i ||
			o.json.success !== true ||
			o.json.productId !== items[i].productId ||
			o.json.skuCode !== items[i].skuCode ||
			o.json.quantity !== items[i].quantity,
	);
	expect(wrong.slice(0, 3)).toEqual([]);
	const stale = items.filter(
		(it) => stockOf(it.productId as string, it.skuCode as string) !== it.quantity,
	);
	expect(stale.slice(0, 3)).toEqual([]);
	// The faults really struck; the calls were the fewest possible (50) plus one retry per fault.
	expect(faultsOn(sandbox, INVENTORY)).toBeGreaterThan(0);
	expect(sandbox.callCount(INVENTORY)).toBe(50 + faultsOn(sandbox, INVENTORY));
}

async function publish(sandbox: Sandbox, scenario: Scenario, n: number) {
	const before = sandbox.store.products.size;
	const items = Array.from({ length: PUBLISHES }, (_, i) => ({
		title: `Fault matrix ${label(scenario)} product ${i + 1}`,
		code: `PUB${n}X${i + 1}`,
	}));

	const { out, error } = await startingAlone(
		sandbox,
		async () => await runNode(sandbox, publishParameters({ options: PUBLISH_OPTIONS }), items),
	);

	expect(error).toBeUndefined();
	expect(out).toHaveLength(PUBLISHES);
	expect(out!.filter((o) => o.json.error !== undefined).slice(0, 3)).toEqual([]);
	expect(out!.map((o) => (o.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
	expect(sandbox.store.products.size - before).toBe(PUBLISHES);
	// Each item got its own product: the one with its title and its SKU codes.
	const ids = out!.map((o) => o.json.productId as string);
	expect(new Set(ids).size).toBe(PUBLISHES);
	const mismatched = ids.filter((id, i) => {
		const product = sandbox.store.products.get(id);
		return (
			product?.subject !== items[i].title ||
			product.skus.map((s) => s.sku_code).join() !== `${items[i].code}-A,${items[i].code}-B`
		);
	});
	expect(mismatched).toEqual([]);

	const faulted = faultsOn(sandbox, POST);
	const recovered = out!.filter((o) => o.json.recovered === true).length;
	expect(faulted).toBeGreaterThan(0);
	if (processedFirst(scenario)) {
		// Every lost answer hid a created product: found by the lookup, never posted again.
		expect(recovered).toBe(faulted);
		expect(sandbox.callCount(POST)).toBe(PUBLISHES);
	} else {
		// No faulted call created anything: each was posted again, and nothing was "found".
		expect(recovered).toBe(0);
		expect(sandbox.callCount(POST)).toBe(PUBLISHES + faulted);
	}
}

// Built up front: building a store blocks the event loop, which would delay the answers of running scenarios.
const sandboxes: Array<Awaited<ReturnType<typeof scenarioSandbox>>> = [];
beforeAll(async () => {
	for (let n = 0; n < SCENARIOS.length; n++) sandboxes.push(await scenarioSandbox(100 + n));
}, 60_000);
afterAll(async () => {
	for (const { sandbox } of sandboxes) await sandbox.close();
});

// Scenarios run side by side (Jest runs up to 5 concurrent tests): each mostly waits on backoff and timeouts.
it.concurrent.each(SCENARIOS.map((s, n) => [label(s), s, n] as const))(
	'20%% %s faults: 10,000-SKU stock sync and 200-product publish both complete exactly once',
	async (_name, scenario, n) => {
		const { sandbox, skus } = sandboxes[n];
		try {
			sandbox.setOptions({
				faults: {
					rate: FAULT_RATE,
					kinds: [scenario.kind],
					afterProcessing: scenario.afterProcessing,
					seed: 100 + n,
				},
			});
			await inventorySync(sandbox, skus, n);
			sandbox.resetCalls();
			await publish(sandbox, scenario, n);
		} finally {
			sandbox.setOptions({ faults: undefined });
		}
	},
	90_000,
);
