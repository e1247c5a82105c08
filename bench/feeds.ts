/**
 * Scenario 9 (`npm run bench -- --scenarios feeds`): a 100,000-SKU stock sync (10,000 products
 * × 10 SKUs; with --quick 1,000 products) by batch calls and by bulk feed, under a cap of
 * `--rps` calls per second (20 by default) the node is not told, each on a new app of the same
 * seller (its own quota and learned rate).
 *
 * - 9a Sync Method "Batch Calls"; 9b "Bulk Feeds" with the sandbox processing each feed job in
 *   FEED_JOB_MS, one job after another (what AliExpress takes is not published: an assumption);
 *   9c the feed run at a fifth of the size, for memory per SKU at two sizes.
 * - Reported: calls, wall time, time the node waited on the platform (from the last submit to
 *   the last query), the modelled processing time, CPU and memory per SKU; every SKU is checked
 *   in the sandbox store: stock equal to the input, and (feeds) applied by exactly one feed item.
 * - The bound of a feed run is the platform's modelled processing (jobs × FEED_JOB_MS) plus two
 *   latencies (the first submit's answer, the last query's); of a batch run calls ÷ cap.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

/** How long the sandbox takes to process one feed job of up to 2,000 products (an assumption). */
export const FEED_JOB_MS = 5000;
const FEED_ITEMS_PER_JOB = 2000;

interface Row {
	id: string;
	calls: number;
	wallMs: number;
	cpuUsPerItem: number;
	heapGrowthPerItemB: number;
	retainedPerItemB: number;
	failedItems: number;
	note: string;
}
interface Seeded {
	id: string;
	skus: string[];
}
type Item = IDataObject & { productId: string; skuCode: string; quantity: number };

/** What run.ts hands over (its own functions, so the figures are measured as every other scenario's). */
export interface FeedBench<R> {
	run: R & { sb: { command(cmd: string, body?: object): Promise<IDataObject> }; notes: string[] };
	rps: number;
	latencyMs: number;
	concurrency: number;
	quick: boolean;
	scenario(
		run: R,
		base: {
			id: string;
			scenario: string;
			items: number;
			unit: string;
			concurrency: number | null;
			minCalls: number;
			boundMs?: number;
			note: string;
		},
		fn: () => Promise<{ failed: number; output?: INodeExecutionData[] }>,
	): Promise<Row>;
	runNode(
		credentials: ICredentialDataDecryptedObject,
		parameters: INodeParameters,
		items: IDataObject[],
	): Promise<INodeExecutionData[]>;
	credentials: ICredentialDataDecryptedObject;
	inventoryItems(products: Seeded[], round: number): Item[];
	minimumSkuCalls(items: Item[]): number;
}

interface FeedsReply {
	/** SKUs of the products asked about, by how often a PRODUCT_STOCKS_UPDATE item set them. */
	timesApplied: Record<string, number>;
	jobs: Array<{ submittedAt: number; doneAt: number; items: number }>;
	lastSubmitAt?: number;
	lastQueryAt?: number;
	stock: Record<string, Record<string, number>>;
}

export async function feedScenarios<R>(b: FeedBench<R>): Promise<void> {
	const { run } = b;
	const productCount = b.quick ? 1000 : 10_000;
	const big = (
		(await run.sb.command('seed', { products: productCount, skus: 10 })) as unknown as {
			products: Seeded[];
		}
	).products;
	await run.sb.command('set', { rateLimitPerSecond: b.rps, feedDelayMs: FEED_JOB_MS });

	const freshApp = async (): Promise<ICredentialDataDecryptedObject> => {
		const app = (await run.sb.command('app')) as Record<string, string>;
		const { appKey, appSecret, accessToken } = app;
		return { ...b.credentials, appKey, appSecret, accessToken };
	};
	const params = (syncMethod: string): INodeParameters => ({
		resource: 'inventory',
		operation: 'update',
		inputMode: 'fromInput',
		productIdField: 'productId',
		skuCodeField: 'skuCode',
		quantityField: 'quantity',
		syncMethod,
		feedTimeout: 600,
		options: { concurrency: b.concurrency },
	});
	/** SKUs whose stock differs from the input and (feeds) SKUs not applied by exactly one item. */
	const check = async (items: Item[], feeds: boolean) => {
		const reply = (await run.sb.command('feeds', {
			products: [...new Set(items.map((i) => i.productId))],
		})) as unknown as FeedsReply;
		const wrong = items.filter((i) => reply.stock[i.productId]?.[i.skuCode] !== i.quantity).length;
		const notOnce = feeds
			? items.filter((i) => reply.timesApplied[`${i.productId} ${i.skuCode}`] !== 1).length
			: 0;
		return { wrong, notOnce, reply };
	};

	const sizes: Array<[string, Seeded[], string, number]> = [
		['9a', big, 'batch', 1],
		['9b', big, 'feed', 2],
		['9c', big.slice(0, Math.ceil(big.length / 5)), 'feed', 3],
	];
	for (const [id, products, method, round] of sizes) {
		const items = b.inventoryItems(products, 20 + round);
		const credentials = await freshApp();
		const jobs = Math.ceil(products.length / FEED_ITEMS_PER_JOB);
		let detail = '';
		await run.sb.command('feeds', { clear: true }); // count this run's feed items only
		const row = await b.scenario(
			run,
			{
				id,
				scenario: `Inventory sync, ${method === 'feed' ? 'Bulk Feeds' : 'Batch Calls'}, cap not told (${b.rps}/s)`,
				items: items.length,
				unit: 'SKU',
				concurrency: b.concurrency,
				// feeds: one submit and at least one query per job of 2,000 products
				minCalls: method === 'feed' ? 2 * jobs : b.minimumSkuCalls(items),
				// feeds: the first submit's answer, the jobs processed one after another, the
				// answer of the query that finds the last one done; batch: calls ÷ cap
				...(method === 'feed' ? { boundMs: jobs * FEED_JOB_MS + 2 * b.latencyMs } : {}),
				note: `${products.length} products × 10 SKUs on a new app; Sync Method ${method}; Options: no Requests per Second, Concurrency ${b.concurrency}.`,
			},
			async () => {
				const out = await b.runNode(credentials, params(method), items);
				const { wrong, notOnce, reply } = await check(items, method === 'feed');
				const mine = reply.jobs.slice(-jobs);
				if (method === 'feed' && mine.length) {
					const processing = Math.max(...mine.map((j) => j.doneAt)) - mine[0].submittedAt;
					const waited = (reply.lastQueryAt ?? 0) - (reply.lastSubmitAt ?? 0);
					detail = ` ${mine.length} jobs (${mine.map((j) => j.items).join(', ')} items); AliExpress's modelled processing ${(processing / 1000).toFixed(1)} s (${FEED_JOB_MS / 1000} s per job, one after another); the node waited ${(waited / 1000).toFixed(1)} s from its last submit to its last query.`;
				}
				detail += ` Stock checked in the sandbox store: ${wrong} SKUs differ from the input${method === 'feed' ? `, ${notOnce} not applied exactly once` : ''}.`;
				const failed = out.filter((o) => o.json.success !== true).length;
				return { failed: failed + wrong + notOnce, output: out };
			},
		);
		row.note += detail;
	}
	await run.sb.command('set', { feedDelayMs: 1000 });

	const rows = (run as unknown as { results: Row[] }).results;
	const [batch, feed, small] = ['9a', '9b', '9c'].map((id) => rows.find((r) => r.id === id)!);
	if (batch && feed) {
		run.notes.push(
			`Scenario 9: ${feed.calls} calls by feed vs ${batch.calls} by batch (${(batch.calls / feed.calls).toFixed(1)}× fewer; target ≥ 20×); ` +
				`wall ${(feed.wallMs / 1000).toFixed(1)} s vs ${(batch.wallMs / 1000).toFixed(1)} s; ` +
				`node CPU ${feed.cpuUsPerItem.toFixed(1)} µs/SKU by feed, ${batch.cpuUsPerItem.toFixed(1)} by batch (target ≤ 30); ` +
				`memory per SKU by feed ${feed.heapGrowthPerItemB.toFixed(0)} B peak growth / ${feed.retainedPerItemB.toFixed(0)} B retained at ${productCount * 10} SKUs, ` +
				`${small?.heapGrowthPerItemB.toFixed(0)} / ${small?.retainedPerItemB.toFixed(0)} B at a fifth of that (linear when these agree); failed or wrong SKUs: ${feed.failedItems} (feed), ${batch.failedItems} (batch).`,
		);
	}
}
