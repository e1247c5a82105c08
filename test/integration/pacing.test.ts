/**
 * Pacing against a gateway with a per-second quota, the node run in n8n's
 * engine with its Options as a user sets them: at the quota (Requests per
 * Second) the node is refused nothing; without a limit of its own it is
 * refused, backs off, and still finishes every call.
 *
 * Each call is one product of Product → Get (one input item, one
 * `product.info.get`), run with the node's Concurrency.
 */
import type { INodeParameters } from 'n8n-workflow';

import { loadPackage, runNode, sandboxCredentials } from '../helpers/engine';
import { startSandbox, type Sandbox } from '../sandbox';

jest.setTimeout(30_000);

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 5, orders: 5, latencyMs: 20 });
	await loadPackage(); // loading the package is not part of any timing below
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.resetCalls());

const refused = () => sandbox.calls.filter((c) => c.errorCode === 'ApiCallLimit').length;

/** One execution of Product → Get over `n` items (one call each), with these Options. */
async function getProducts(n: number, options: INodeParameters) {
	const ids = [...sandbox.store.products.keys()];
	return await runNode({
		parameters: { resource: 'product', operation: 'get', productId: '={{ $json.id }}', options },
		items: Array.from({ length: n }, (_, i) => ({ id: ids[i % ids.length] })),
		credentials: sandboxCredentials(sandbox),
	});
}

it('Requests per Second at the gateway’s quota: (almost) nothing is refused, and the quota sets the pace', async () => {
	sandbox.setOptions({ rateLimitPerSecond: 10 });
	const started = Date.now();
	const { items, error } = await getProducts(31, {
		requestsPerSecond: 10,
		concurrency: 5,
		maxAttempts: 5,
	});
	const elapsed = Date.now() - started;
	expect(error).toBeUndefined();
	expect(items).toHaveLength(31);
	// The gateway counts arrivals, which jitter (here: one event loop shared with the
	// sandbox and n8n's engine); the pacer's margin keeps refusals rare, and retries absorb them.
	expect(refused()).toBeLessThanOrEqual(2);
	expect(sandbox.calls.filter((call) => call.outcome === 'ok')).toHaveLength(31);
	// 31 calls at 10 per second: the 31st cannot start before 3 s.
	expect(elapsed).toBeGreaterThanOrEqual(3000);
	expect(elapsed).toBeLessThan(6000);
});

it('without a limit of its own the node is refused, backs off, and every call still succeeds', async () => {
	sandbox.setOptions({ rateLimitPerSecond: 5 });
	const { items, error } = await getProducts(15, { concurrency: 5, maxAttempts: 20 });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(15);
	expect(refused()).toBeGreaterThan(0);
	expect(sandbox.calls.filter((call) => call.outcome === 'ok')).toHaveLength(15);
});
