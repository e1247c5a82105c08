/**
 * Pacing against a gateway with a per-second quota: at the quota the client
 * is refused nothing; without a limit of its own it is refused, backs off, and
 * still finishes every call.
 */
import { AliExpressClient } from '../../nodes/AliExpress/transport/request';
import { createContext, sandboxCredentials } from '../helpers/context';
import { startSandbox, type Sandbox } from '../sandbox';

const LIST = 'aliexpress.solution.product.list.get';
const query = {
	aeop_a_e_product_list_query: { product_status_type: 'onSelling', current_page: 1, page_size: 1 },
};

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 5, orders: 5, latencyMs: 20 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.resetCalls());

function client(settings: ConstructorParameters<typeof AliExpressClient>[1]) {
	const { ctx } = createContext({
		credentials: sandboxCredentials(sandbox),
		parameters: {},
	});
	return new AliExpressClient(ctx, settings);
}

const refused = () => sandbox.calls.filter((c) => c.errorCode === 'ApiCallLimit').length;

it('Requests per Second at the gateway’s quota: (almost) nothing is refused, and the quota sets the pace', async () => {
	sandbox.setOptions({ rateLimitPerSecond: 10 });
	const c = client({ requestsPerSecond: 10, concurrency: 5, maxAttempts: 5, baseDelayMs: 50 });
	const started = Date.now();
	await c.map(
		Array.from({ length: 31 }, (_, n) => n),
		async () => await c.call(LIST, query),
	);
	const elapsed = Date.now() - started;
	// The gateway counts arrivals, which jitter (here: one event loop shared with the
	// sandbox); the pacer's margin keeps refusals rare, and retries absorb them.
	expect(refused()).toBeLessThanOrEqual(2);
	expect(sandbox.calls.filter((call) => call.outcome === 'ok')).toHaveLength(31);
	// 31 calls at 10 per second: the 31st cannot start before 3 s.
	expect(elapsed).toBeGreaterThanOrEqual(3000);
	expect(elapsed).toBeLessThan(6000);
});

it('without a limit of its own the client is refused, backs off, and every call still succeeds', async () => {
	sandbox.setOptions({ rateLimitPerSecond: 5 });
	const c = client({ concurrency: 5, maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 1000 });
	const results = await c.map(
		Array.from({ length: 15 }, (_, n) => n),
		async () => await c.call(LIST, query),
	);
	expect(results).toHaveLength(15);
	expect(refused()).toBeGreaterThan(0);
	expect(sandbox.calls.filter((call) => call.outcome === 'ok')).toHaveLength(15);
});
