/**
 * A quota nobody told the node: the adaptive pacer (transport/pacing.ts) against the sandbox's
 * per-second cap and daily quota, over real HTTP, the node run in n8n's engine (router, the
 * node's Options as a user sets them). Each call is one product of Product → Get (one input
 * item, one `product.info.get`).
 *
 * - Quota answers are not attempts: with Max Attempts 1 every call still succeeds.
 * - The learned rate is shared per app key and gateway by every execution in the process: a
 *   later execution starts from what the first learned, and two at once split the cap.
 * - A stated ban ("This ban will last for N more seconds", TOP) is waited out: no call of the
 *   app reaches the gateway before it ends.
 * - A daily ban longer than Max Retry Time fails at once, saying when it ends and what to do.
 * - Requests per Second or Concurrency that is not a positive number fails before any call.
 *
 * The learned rate lives in the node's own process-wide state, out of a test's reach; it is read
 * where a user sees it, in the pace of the gateway's arrivals: a new execution's first calls are
 * paced before any answer comes back, 1000 / rate ms apart (see rateAtStart).
 *
 * Each test has a sandbox of its own (its own port and app key, so its own shared rate).
 */
import type { INodeParameters } from 'n8n-workflow';

import { loadPackage, runNode, sandboxCredentials } from '../helpers/engine';
import { startSandbox, type CallRecord, type Sandbox } from '../sandbox';

jest.setTimeout(60_000);

const open: Sandbox[] = [];
let seed = 100;
async function sandboxWith(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
	// a seed of its own: another app key as well as another port
	const sb = await startSandbox({ products: 5, orders: 0, seed: seed++, ...options });
	open.push(sb);
	return sb;
}
beforeAll(async () => {
	await loadPackage(); // loading the package is not part of any timing below
});
afterEach(async () => {
	await Promise.all(open.splice(0).map(async (sb) => await sb.close()));
});

/** One execution of Product → Get over `n` items (one call each), with these Options. */
async function execution(sandbox: Sandbox, n: number, options: INodeParameters, top = false) {
	const ids = [...sandbox.store.products.keys()];
	return await runNode({
		parameters: { resource: 'product', operation: 'get', productId: '={{ $json.id }}', options },
		items: Array.from({ length: n }, (_, i) => ({ id: ids[i % ids.length] })),
		credentials: sandboxCredentials(
			sandbox,
			top ? { protocol: 'top', signMethod: 'md5', gatewayUrl: `${sandbox.url}/router/rest` } : {},
		),
	});
}

/** Runs an execution and expects it to succeed with one item per call. */
async function calls(sandbox: Sandbox, n: number, options: INodeParameters, top = false) {
	const { items, error } = await execution(sandbox, n, options, top);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(n);
}

const refused = (sandbox: Sandbox) =>
	sandbox.calls.filter((c) => c.errorCode === 'ApiCallLimit' || c.errorCode === '7');
const ok = (sandbox: Sandbox) => sandbox.calls.filter((c) => c.outcome === 'ok');
const waitForCapWindow = async () => await new Promise((r) => setTimeout(r, 1100));

/** The calls that reached the gateway, in the order they arrived. */
const arrivals = (records: CallRecord[]) => [...records].sort((a, b) => a.at - b.at);

/**
 * The learned rate an execution started from, read from the calls that reached the gateway.
 * Each call takes the next slot of the shared pace, and the gap after a slot is set when the
 * slot is taken (1000 / the rate then). An execution takes its first two slots at once, before
 * any answer can change the rate, so the first three calls arrive 1000 / rate apart.
 */
function rateAtStart(records: CallRecord[]): number {
	const [first, , third] = arrivals(records);
	return 2000 / (third.at - first.at);
}

it('an unknown cap: quota answers use no attempts, every call succeeds, and the rate settles near the cap', async () => {
	const sandbox = await sandboxWith({ rateLimitPerSecond: 8, latencyMs: 10 });
	const options = { maxAttempts: 1, concurrency: 5 };
	const started = Date.now();
	await calls(sandbox, 60, options);
	const elapsed = Date.now() - started;
	expect(ok(sandbox)).toHaveLength(60);
	expect(refused(sandbox).length).toBeGreaterThan(0); // it did run into the cap…
	expect(refused(sandbox).length).toBeLessThan(20); // …and followed it
	// 60 calls at 8 per second take 7.4 s at the very least (the first 8 at once)
	expect(elapsed).toBeGreaterThanOrEqual(6500);
	expect(elapsed).toBeLessThan(20_000);

	// the rate learned: where the next execution of the app starts
	sandbox.resetCalls();
	await waitForCapWindow();
	await calls(sandbox, 3, options);
	const learned = rateAtStart(sandbox.calls);
	expect(learned).toBeGreaterThan(3);
	expect(learned).toBeLessThan(14);
});

it('the learned rate is shared: a later execution of the same app key starts from it, and two at once split the cap', async () => {
	const sandbox = await sandboxWith({ rateLimitPerSecond: 4 });
	const options = { concurrency: 5 };
	await calls(sandbox, 24, options);

	// a new execution of the same credential: no fresh slow start
	sandbox.resetCalls();
	await waitForCapWindow(); // the cap's window empties
	await calls(sandbox, 4, options);
	const learned = rateAtStart(sandbox.calls); // what the first execution learned
	expect(learned).toBeLessThan(7);
	expect(refused(sandbox)).toHaveLength(0);

	// two at once: they start from what the second learned, take turns in one pace, both finish,
	// and refused calls stay few
	sandbox.resetCalls();
	await Promise.all([calls(sandbox, 12, options), calls(sandbox, 12, options)]);
	const shared = rateAtStart(sandbox.calls);
	expect(shared).toBeCloseTo(learned + 4 / learned, 0);
	expect(ok(sandbox)).toHaveLength(24);
	expect(refused(sandbox).length).toBeLessThanOrEqual(8);
	// one rate for both: their calls took turns in one pace, so no two arrived at once (a
	// pace each would have sent them independently, many within a few ms of one another)
	const at = arrivals(sandbox.calls).map((c) => c.at);
	const closest = Math.min(...at.slice(1).map((t, n) => t - at[n]));
	expect(closest).toBeGreaterThanOrEqual(1000 / shared / 3);
});

it('a stated ban is waited out: after "This ban will last for 1 more seconds" no call arrives for a second', async () => {
	const sandbox = await sandboxWith({ rateLimitPerSecond: 3 });
	await calls(sandbox, 10, { concurrency: 1, maxAttempts: 1 }, true);
	expect(ok(sandbox)).toHaveLength(10);
	const bans = refused(sandbox);
	expect(bans.length).toBeGreaterThan(0);
	for (const ban of bans) {
		const next = sandbox.calls.find((call) => call.at > ban.at);
		if (next) expect(next.at - ban.at).toBeGreaterThanOrEqual(1000);
	}
});

describe.each([
	['IOP', false],
	['TOP', true],
])('%s: a daily ban', (_name, top) => {
	it('longer than Max Retry Time fails at once, saying when it ends and what to do', async () => {
		const sandbox = await sandboxWith({ dailyLimit: 2 });
		const options = { maxRetryTime: 120 };
		await calls(sandbox, 2, options, top);
		const started = Date.now();
		const { items, error } = await execution(sandbox, 1, options, top);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(items).toEqual([]);
		// an AliExpress answer, shown as n8n's NodeApiError; the gateway's quota code
		expect(error?.name).toBe('NodeApiError');
		expect((error as { errorResponse?: { code?: string } }).errorResponse?.code).toBe(
			top ? '7' : 'ApiCallLimit',
		);
		expect(error?.message).toMatch(
			/the ban lasts \d+ more seconds, until \d{4}-\d\d-\d\d \d\d:\d\d UTC, 00:0\d Beijing time/,
		);
		expect(error?.description).toMatch(/daily call quota.*24:00 Beijing time/);
		expect(sandbox.calls).toHaveLength(3);
	});

	it('shorter than Max Retry Time is waited out', async () => {
		// a quota day that ends in 2.5 s
		const sandbox = await sandboxWith({ dailyLimit: 1, dailyResetAt: Date.now() + 2500 });
		const options = { maxRetryTime: 20, maxAttempts: 1 };
		await calls(sandbox, 1, options, top);
		const started = Date.now();
		await calls(sandbox, 1, options, top);
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThanOrEqual(1500);
		expect(waited).toBeLessThan(6000);
		expect(refused(sandbox)).toHaveLength(1);
		expect(ok(sandbox)).toHaveLength(2);
	});
});

it.each([
	['Requests per Second', { requestsPerSecond: 0 }],
	['Requests per Second', { requestsPerSecond: -2 }],
	['Concurrency', { concurrency: 0 }],
	['Concurrency', { concurrency: '=abc' }],
])('Options › %s that is not a positive number fails before any call', async (label, options) => {
	const sandbox = await sandboxWith({});
	const { items, error } = await runNode({
		parameters: { resource: 'product', operation: 'get', productId: '1005006100000001', options },
		credentials: sandboxCredentials(sandbox),
	});
	expect(items).toEqual([]);
	expect(error?.name).toBe('NodeOperationError');
	expect(error?.name).not.toBe('NodeApiError');
	expect(error?.message).toContain(`Option "${label}" must be a positive number`);
	expect(sandbox.calls).toHaveLength(0);
});
