/**
 * A quota nobody told the node: the adaptive pacer (transport/pacing.ts) against the sandbox's
 * per-second cap and daily quota, over real HTTP.
 *
 * - Quota answers are not attempts: with Max Attempts 1 every call still succeeds.
 * - The learned rate is shared per app key and gateway: a second client starts from what the
 *   first learned, and two at once split the cap.
 * - A stated ban ("This ban will last for N more seconds", TOP) is waited out: no call of the
 *   app reaches the gateway before it ends.
 * - A daily ban longer than Max Retry Time fails at once, saying when it ends and what to do.
 * - Requests per Second or Concurrency that is not a positive number fails before any call.
 *
 * Each test has a sandbox of its own (its own port, so its own shared rate).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AliExpressError } from '../../nodes/AliExpress/transport/errors';
import { AliExpressClient } from '../../nodes/AliExpress/transport/request';
import { createContext, sandboxCredentials } from '../helpers/context';
import { runNode } from '../reliability/harness';
import { startSandbox, type Sandbox } from '../sandbox';

jest.setTimeout(60_000);

const LIST = 'aliexpress.solution.product.list.get';
const query = {
	aeop_a_e_product_list_query: { product_status_type: 'onSelling', current_page: 1, page_size: 1 },
};

const open: Sandbox[] = [];
async function sandboxWith(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
	const sb = await startSandbox({ products: 5, orders: 0, ...options });
	open.push(sb);
	return sb;
}
afterEach(async () => {
	await Promise.all(open.splice(0).map(async (sb) => await sb.close()));
});

function client(
	sandbox: Sandbox,
	settings: ConstructorParameters<typeof AliExpressClient>[1],
	top = false,
) {
	const credentials = sandboxCredentials(
		sandbox,
		top ? { protocol: 'top', signMethod: 'md5', gatewayUrl: `${sandbox.url}/router/rest` } : {},
	);
	const { ctx } = createContext({ credentials, parameters: {} });
	return new AliExpressClient(ctx, settings);
}

const refused = (sandbox: Sandbox) =>
	sandbox.calls.filter((c) => c.errorCode === 'ApiCallLimit' || c.errorCode === '7');
const ok = (sandbox: Sandbox) => sandbox.calls.filter((c) => c.outcome === 'ok');
const calls = async (c: AliExpressClient, n: number) =>
	await c.map(
		Array.from({ length: n }, (_, i) => i),
		async () => await c.call(LIST, query),
	);

it('an unknown cap: quota answers use no attempts, every call succeeds, and the rate settles near the cap', async () => {
	const sandbox = await sandboxWith({ rateLimitPerSecond: 8, latencyMs: 10 });
	const c = client(sandbox, { maxAttempts: 1, concurrency: 5, baseDelayMs: 50, maxDelayMs: 500 });
	const started = Date.now();
	await calls(c, 60);
	const elapsed = Date.now() - started;
	expect(ok(sandbox)).toHaveLength(60);
	expect(refused(sandbox).length).toBeGreaterThan(0); // it did run into the cap…
	expect(refused(sandbox).length).toBeLessThan(20); // …and followed it
	// 60 calls at 8 per second take 7.4 s at the very least (the first 8 at once)
	expect(elapsed).toBeGreaterThanOrEqual(6500);
	expect(elapsed).toBeLessThan(20_000);
	expect(c.learnedRate).toBeGreaterThan(3);
	expect(c.learnedRate).toBeLessThan(14);
});

it('the learned rate is shared: a later client of the same app key starts from it, and two at once split the cap', async () => {
	const sandbox = await sandboxWith({ rateLimitPerSecond: 4 });
	const first = client(sandbox, { concurrency: 5, baseDelayMs: 50, maxDelayMs: 500 });
	await calls(first, 24);
	const learned = first.learnedRate!;
	expect(learned).toBeLessThan(7);

	// a new client (another execution) of the same credential: no fresh slow start
	sandbox.resetCalls();
	await new Promise((r) => setTimeout(r, 1100)); // the cap's window empties
	const second = client(sandbox, { concurrency: 5, baseDelayMs: 50, maxDelayMs: 500 });
	await calls(second, 4);
	expect(second.learnedRate).toBeCloseTo(learned + 4 / learned, 0);
	expect(refused(sandbox)).toHaveLength(0);

	// two at once: both finish, refused calls stay few
	sandbox.resetCalls();
	const a = client(sandbox, { concurrency: 5, baseDelayMs: 50, maxDelayMs: 500 });
	const b = client(sandbox, { concurrency: 5, baseDelayMs: 50, maxDelayMs: 500 });
	await Promise.all([calls(a, 12), calls(b, 12)]);
	expect(ok(sandbox)).toHaveLength(24);
	expect(refused(sandbox).length).toBeLessThanOrEqual(8);
	expect(a.learnedRate).toBe(b.learnedRate);
});

it('a stated ban is waited out: after "This ban will last for 1 more seconds" no call arrives for a second', async () => {
	const sandbox = await sandboxWith({ rateLimitPerSecond: 3 });
	const c = client(sandbox, { concurrency: 1, maxAttempts: 1 }, true);
	await calls(c, 10);
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
		const c = client(sandbox, { maxRetryTimeMs: 120_000 }, top);
		await calls(c, 2);
		const started = Date.now();
		const error = await c.call(LIST, query).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(error).toBeInstanceOf(AliExpressError);
		const { info, message } = error as AliExpressError;
		expect(info.kind).toBe('rateLimit');
		expect(message).toMatch(
			/the ban lasts \d+ more seconds, until \d{4}-\d\d-\d\d \d\d:\d\d UTC, 00:0\d Beijing time/,
		);
		expect(info.advice).toMatch(/daily call quota.*24:00 Beijing time/);
		expect(sandbox.calls).toHaveLength(3);
	});

	it('shorter than Max Retry Time is waited out', async () => {
		// a quota day that ends in 2.5 s
		const sandbox = await sandboxWith({ dailyLimit: 1, dailyResetAt: Date.now() + 2500 });
		const c = client(sandbox, { maxRetryTimeMs: 20_000, maxAttempts: 1 }, top);
		await c.call(LIST, query);
		const started = Date.now();
		await c.call(LIST, query);
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
	['Concurrency', { concurrency: '=abc' as unknown as number }],
])('Options › %s that is not a positive number fails before any call', async (label, options) => {
	const sandbox = await sandboxWith({});
	const { error } = await runNode(sandbox, {
		resource: 'product',
		operation: 'get',
		productId: '1005006100000001',
		simplify: true,
		options,
	});
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error).not.toBeInstanceOf(NodeApiError);
	expect((error as Error).message).toContain(`Option "${label}" must be a positive number`);
	expect(sandbox.calls).toHaveLength(0);
});
