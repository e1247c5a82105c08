/**
 * The benchmark's AliExpress sandbox, in a process of its own, so that the
 * benchmark process (which runs the node) pays none of the sandbox's CPU.
 *
 *   ts-node --transpile-only bench/sandbox-server.ts \
 *     [--latency 100] [--rps 20] [--products 1000] [--skus 10] [--orders 10000] \
 *     [--order-days 29] [--seed 42]
 *
 * Seeds deterministically from its arguments: `--products` products of exactly
 * `--skus` SKUs each (SKU codes `P<n>-S<m>`), and `--orders` orders created
 * evenly over the last `--order-days` days (so one 180-day window, and all of
 * them inside the 30 days in which FINISH orders are visible), statuses in a
 * fixed rotation over all eleven statuses.
 *
 * Protocol: one JSON object per line. On stdout the first line is
 * `{"type":"ready", url, appKey, appSecret, accessToken, products:[{id, skus}], orders:{…}}`.
 * Then it reads commands on stdin, `{"id":1,"cmd":"stats"}`, and answers each
 * with `{"type":"reply","id":1,…}`:
 *   stats        calls since the last reset: total, per method, refused (ApiCallLimit), errors; sandbox CPU
 *   reset        forget the calls recorded so far
 *   set          {latencyMs?, rateLimitPerSecond?, faults?}
 *   app          a new app of the same seller: {appKey, appSecret, accessToken} (its own quota)
 *   stock        {products: [id…]} → {stock: {productId: {skuCode: inventory}}}
 *   seed         {products: n, skus: m} → {products: [{id, skus}]}: n more products of m SKUs
 *   feeds        {products: [id…]} → the feed jobs, when the last submit and query came, each SKU's
 *                stock and how often a PRODUCT_STOCKS_UPDATE item set it; {clear: true} forgets the counts
 *   close        stop and exit
 * Anything else it writes goes to stderr.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';

import { ORDER_STATUSES, startSandbox, type FaultOptions, type Sandbox } from '../test/sandbox';

const DAY = 86_400_000;

export interface SeededProduct {
	id: string;
	skus: string[];
}

export interface SeededOrders {
	total: number;
	finish: number;
	nonFinish: number;
	/** Epoch ms of the oldest and newest order created. */
	oldest: number;
	newest: number;
	byStatus: Record<string, number>;
}

export interface ReadyMessage {
	type: 'ready';
	url: string;
	appKey: string;
	appSecret: string;
	accessToken: string;
	latencyMs: number;
	rateLimitPerSecond: number;
	products: SeededProduct[];
	orders: SeededOrders;
}

export interface SandboxStats {
	calls: number;
	byMethod: Record<string, number>;
	/** Calls the sandbox refused with ApiCallLimit (they are in `calls` too). */
	refused: number;
	/** Other error answers (business or gateway errors). */
	errors: number;
	errorCodes: Record<string, number>;
	/** CPU of the sandbox process since it started, µs. */
	cpuUserUs: number;
	cpuSystemUs: number;
}

function wholeNumber(name: string, value: string | undefined): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(`--${name} must be a whole number, got ${value}`);
	return n;
}

/** Products with exactly `skus` SKUs each, every SKU with stock and a price (and no discount). */
function seedProducts(sb: Sandbox, count: number, skus: number, first = 0): SeededProduct[] {
	const out: SeededProduct[] = [];
	for (let p = first; p < first + count; p++) {
		const product = sb.store.addProduct({
			status: 'onSelling',
			skus: Array.from({ length: skus }, (_, s) => ({
				sku_code: `P${p}-S${s}`,
				price: 20 + (p % 50),
				inventory: 10 + s,
				attributes: [],
				id: `${p}:${s}`,
			})),
		});
		out.push({ id: product.product_id, skus: product.skus.map((s) => s.sku_code) });
	}
	return out;
}

/**
 * `count` orders, created evenly over the last `days` days, newest first; the
 * status of order i is ORDER_STATUSES[i mod 11] (so about 1 in 11 is FINISH).
 */
function seedOrders(sb: Sandbox, count: number, days: number): SeededOrders {
	const now = Date.now();
	const span = days * DAY;
	const byStatus: Record<string, number> = {};
	let oldest = Infinity;
	let newest = -Infinity;
	for (let i = 0; i < count; i++) {
		const status = ORDER_STATUSES[i % ORDER_STATUSES.length];
		// whole seconds, at least a minute old, evenly spread
		const createdAt =
			Math.floor((now - 60_000 - Math.floor(((i + 0.5) * span) / Math.max(1, count))) / 1000) *
			1000;
		sb.store.addOrder({ order_status: status, createdAt, updatedAt: createdAt });
		byStatus[status] = (byStatus[status] ?? 0) + 1;
		oldest = Math.min(oldest, createdAt);
		newest = Math.max(newest, createdAt);
	}
	const finish = byStatus.FINISH ?? 0;
	return { total: count, finish, nonFinish: count - finish, oldest, newest, byStatus };
}

function stats(sb: Sandbox): SandboxStats {
	const byMethod: Record<string, number> = {};
	const errorCodes: Record<string, number> = {};
	let refused = 0;
	let errors = 0;
	for (const c of sb.calls) {
		byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
		if (c.errorCode === 'ApiCallLimit' && c.outcome !== 'fault') refused++;
		else if (c.outcome !== 'ok') errors++;
		if (c.errorCode) errorCodes[c.errorCode] = (errorCodes[c.errorCode] ?? 0) + 1;
	}
	const cpu = process.cpuUsage();
	return {
		calls: sb.calls.length,
		byMethod,
		refused,
		errors,
		errorCodes,
		cpuUserUs: cpu.user,
		cpuSystemUs: cpu.system,
	};
}

/** The `feeds` command (bench/feeds.ts). */
function feedsReply(sb: Sandbox, command: { products?: unknown; clear?: boolean }): object {
	if (command.clear) {
		sb.store.feeds.applied.clear();
		return { ok: true };
	}
	const timesApplied: Record<string, number> = {};
	const stock: Record<string, Record<string, number>> = {};
	for (const id of Array.isArray(command.products) ? (command.products as string[]) : []) {
		const product = sb.store.products.get(id);
		if (!product) continue;
		stock[id] = Object.fromEntries(product.skus.map((k) => [k.sku_code, k.inventory]));
		for (const k of product.skus)
			timesApplied[`${id} ${k.sku_code}`] = sb.store.feeds.timesApplied(
				'PRODUCT_STOCKS_UPDATE',
				id,
				k.sku_code,
			);
	}
	const at = (method: string) =>
		sb.calls.filter((c) => c.method === method).reduce((last, c) => Math.max(last, c.at), 0) ||
		undefined;
	return {
		timesApplied,
		stock,
		jobs: [...sb.store.feeds.jobs.values()].map((j) => ({
			submittedAt: j.submittedAt,
			doneAt: j.doneAt,
			items: j.items.length,
		})),
		lastSubmitAt: at('aliexpress.solution.feed.submit'),
		lastQueryAt: at('aliexpress.solution.feed.query'),
	};
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			latency: { type: 'string', default: '100' },
			rps: { type: 'string', default: '20' },
			products: { type: 'string', default: '1000' },
			skus: { type: 'string', default: '10' },
			orders: { type: 'string', default: '10000' },
			'order-days': { type: 'string', default: '29' },
			seed: { type: 'string', default: '42' },
		},
	});
	const latencyMs = wholeNumber('latency', values.latency);
	const rateLimitPerSecond = wholeNumber('rps', values.rps);
	const orderDays = Number(values['order-days']);
	if (!(orderDays > 0 && orderDays < 30))
		throw new Error('--order-days must be above 0 and below 30');

	const sb = await startSandbox({
		latencyMs,
		rateLimitPerSecond,
		seed: wholeNumber('seed', values.seed),
		products: 0,
		orders: 0,
	});
	const products = seedProducts(
		sb,
		wholeNumber('products', values.products),
		wholeNumber('skus', values.skus),
	);
	const orders = seedOrders(sb, wholeNumber('orders', values.orders), orderDays);

	const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
	const ready: ReadyMessage = {
		type: 'ready',
		url: sb.url,
		appKey: sb.appKey,
		appSecret: sb.appSecret,
		accessToken: sb.accessToken,
		latencyMs,
		rateLimitPerSecond,
		products,
		orders,
	};
	send(ready);

	const stop = async (code = 0) => {
		await sb.close();
		process.exit(code);
	};
	const lines = createInterface({ input: process.stdin });
	lines.on('line', (line) => {
		if (!line.trim()) return;
		let command: {
			id?: number;
			cmd?: string;
			latencyMs?: number;
			rateLimitPerSecond?: number;
			faults?: FaultOptions | null;
			products?: string[] | number;
			skus?: number;
			feedDelayMs?: number;
			clear?: boolean;
		};
		try {
			command = JSON.parse(line) as typeof command;
		} catch {
			process.stderr.write(`sandbox-server: not JSON: ${line}\n`);
			return;
		}
		const reply = (body: object) => send({ type: 'reply', id: command.id, ...body });
		switch (command.cmd) {
			case 'stats':
				return reply(stats(sb));
			case 'reset':
				sb.resetCalls();
				return reply({ ok: true });
			case 'set':
				sb.setOptions({
					latencyMs: command.latencyMs,
					rateLimitPerSecond: command.rateLimitPerSecond,
					feedDelayMs: command.feedDelayMs,
					...(command.faults !== undefined ? { faults: command.faults ?? undefined } : {}),
				});
				return reply({ ok: true });
			case 'app': {
				const appKey = String(Number(sb.appKey) + sb.store.apps.size);
				const appSecret = `bench-app-secret-${appKey}-000000000000`.slice(0, 32);
				sb.store.apps.set(appKey, appSecret);
				const current = sb.store.current;
				const grant = sb.store.issueToken({ appKey });
				sb.store.current = current;
				return reply({ appKey, appSecret, accessToken: grant.accessToken });
			}
			case 'seed':
				return reply({
					products: seedProducts(
						sb,
						Number(command.products ?? 0),
						Number(command.skus ?? 10),
						sb.store.products.size,
					),
				});
			case 'stock': {
				const stock: Record<string, Record<string, number>> = {};
				for (const id of Array.isArray(command.products) ? command.products : []) {
					const product = sb.store.products.get(id);
					if (product)
						stock[id] = Object.fromEntries(product.skus.map((k) => [k.sku_code, k.inventory]));
				}
				return reply({ stock });
			}
			case 'feeds':
				return reply(feedsReply(sb, command));
			case 'close':
				reply({ ok: true });
				return void stop(0);
			default:
				return reply({ error: `unknown command ${String(command.cmd)}` });
		}
	});
	// The benchmark went away: so does the sandbox.
	lines.on('close', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));
	process.once('SIGINT', () => void stop(0));
}

main().catch((error: unknown) => {
	process.stderr.write(`sandbox-server: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
