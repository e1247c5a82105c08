/**
 * The sandbox's bulk feeds (feed.submit / feed.query) against their contract files:
 * asynchronous processing, per-item results and refusals, the documented limits.
 */

import { callIop } from './client';
import { startSandbox, type Product, type Sandbox } from './index';

const SUBMIT = 'aliexpress.solution.feed.submit';
const QUERY = 'aliexpress.solution.feed.query';
const DELAY = 60_000;

/** The sandbox's clock runs with real time plus `ahead` (moved by `wait`), so no test depends on the machine's speed. */
let ahead = 0;
let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({
		products: 0,
		orders: 0,
		feedDelayMs: DELAY,
		now: () => Date.now() + ahead,
	});
});
afterAll(() => sb.close());

/** Lets `ms` pass on the sandbox's clock (within its ±10 min timestamp tolerance over the file). */
const wait = (ms: number) => {
	ahead += ms;
};

function product(codes: string[]): Product {
	return sb.store.addProduct({
		status: 'onSelling',
		skus: codes.map((code, n) => ({
			sku_code: code,
			price: 20,
			inventory: 3,
			attributes: [],
			id: `f-${code}-${n}`,
		})),
	});
}

/** The job id as written on the wire (a bare number beyond 2^53: read from the text). */
const jobIdOf = (text: string) => /"job_id":(\d+)/.exec(text)?.[1];

async function submit(operation: string, items: Array<{ id: string; content: unknown }>) {
	return await callIop(sb, SUBMIT, {
		operation_type: operation,
		item_list: JSON.stringify(
			items.map((i) => ({
				item_content_id: i.id,
				item_content: typeof i.content === 'string' ? i.content : JSON.stringify(i.content),
			})),
		),
	});
}

const query = (jobId: string) => callIop(sb, QUERY, { job_id: jobId });

const resultsOf = (json: any): Record<string, any> =>
	Object.fromEntries(
		(json.aliexpress_solution_feed_query_response.result_list?.single_item_response_dto ?? []).map(
			(r: { item_content_id: string; item_execution_result: string }) => [
				r.item_content_id,
				JSON.parse(r.item_execution_result),
			],
		),
	);

it('a stocks feed is processed after the delay; each item succeeds or fails alone, naming why', async () => {
	const a = product(['A-1', 'A-2']);
	const b = product(['B-1']);
	const r = await submit('PRODUCT_STOCKS_UPDATE', [
		{
			id: 'a',
			content: {
				aliexpress_product_id: Number(a.product_id),
				multiple_sku_update_list: [
					{ sku_code: 'A-1', inventory: 40 },
					{ sku_code: 'A-2', inventory: 41 },
				],
			},
		},
		{
			id: 'b',
			content: {
				aliexpress_product_id: Number(b.product_id),
				multiple_sku_update_list: [{ sku_code: 'NOPE', inventory: 5 }],
			},
		},
		{ id: 'c', content: { aliexpress_product_id: 1, multiple_sku_update_list: [] } },
		{
			id: 'd',
			content: {
				aliexpress_product_id: Number(b.product_id),
				multiple_sku_update_list: [{ sku_code: 'B-1', inventory: 1_000_000 }],
			},
		},
		{ id: 'e', content: 'not json' },
	]);
	expect(r.status).toBe(200);
	const jobId = jobIdOf(r.text)!;
	expect(jobId).toMatch(/^\d{16,}$/);

	// while it runs: the job and its size, no results, nothing applied yet
	const running = await query(jobId);
	expect(running.json.aliexpress_solution_feed_query_response).toMatchObject({
		total_item_count: 5,
		success_item_count: 0,
	});
	expect(running.json.aliexpress_solution_feed_query_response.result_list).toBeUndefined();
	expect(a.skus.map((s) => s.inventory)).toEqual([3, 3]);

	wait(DELAY + 1);
	const done = await query(jobId);
	const body = done.json.aliexpress_solution_feed_query_response;
	expect(body).toMatchObject({ total_item_count: 5, success_item_count: 1 });
	expect(jobIdOf(done.text)).toBe(jobId);
	const results = resultsOf(done.json);
	expect(Object.keys(results).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
	expect(results.a).toEqual({ productId: Number(a.product_id), success: true });
	expect(results.b).toMatchObject({ success: false, errorCode: 'SKU_NOT_EXIST' });
	expect(results.c).toMatchObject({ success: false, errorCode: 'ITEM_CONTENT_INVALID' });
	expect(results.d).toMatchObject({ success: false, errorCode: 'SKU_INVENTORY_INVALID' });
	expect(results.e).toMatchObject({ success: false, errorCode: 'ITEM_CONTENT_INVALID' });
	expect(a.skus.map((s) => s.inventory)).toEqual([40, 41]);
	expect(b.skus[0].inventory).toBe(3);
	expect(sb.store.feeds.timesApplied('PRODUCT_STOCKS_UPDATE', a.product_id, 'A-1')).toBe(1);
});

it('a prices feed sets price and discount price; a discount above the price fails its item', async () => {
	const p = product(['P-1']);
	const q = product(['Q-1']);
	const r = await submit('PRODUCT_PRICES_UPDATE', [
		{
			id: 'p',
			content: {
				aliexpress_product_id: Number(p.product_id),
				multiple_sku_update_list: [{ sku_code: 'P-1', price: 12.5, discount_price: 10 }],
			},
		},
		{
			id: 'q',
			content: {
				aliexpress_product_id: Number(q.product_id),
				multiple_sku_update_list: [{ sku_code: 'Q-1', price: 12.5, discount_price: 13 }],
			},
		},
	]);
	wait(DELAY + 1);
	const results = resultsOf((await query(jobIdOf(r.text)!)).json);
	expect(results.p.success).toBe(true);
	expect(results.q).toMatchObject({ success: false, errorCode: 'GPF.CHK_SKU_PRICE_INVALID' });
	expect(p.skus[0]).toMatchObject({ price: 12.5, discount_price: 10 });
	expect(q.skus[0].price).toBe(20);
});

it('jobs of one seller run one after another', async () => {
	const p = product(['S-1']);
	const item = (n: number) => ({
		id: `x${n}`,
		content: {
			aliexpress_product_id: Number(p.product_id),
			multiple_sku_update_list: [{ sku_code: 'S-1', inventory: n }],
		},
	});
	const first = jobIdOf((await submit('PRODUCT_STOCKS_UPDATE', [item(1)])).text)!;
	const second = jobIdOf((await submit('PRODUCT_STOCKS_UPDATE', [item(2)])).text)!;
	wait(DELAY + 1);
	expect(resultsOf((await query(first)).json).x1.success).toBe(true);
	expect(resultsOf((await query(second)).json).x2).toBeUndefined();
	wait(DELAY);
	expect(resultsOf((await query(second)).json).x2.success).toBe(true);
	expect(p.skus[0].inventory).toBe(2);
});

describe('refusals of the whole call', () => {
	const content = JSON.stringify({ aliexpress_product_id: 1, multiple_sku_update_list: [] });
	/** IOP refuses a request that breaks the schema flat: {type: ISV, code: InvalidParameter, message}. */
	const refusal = (json: any) =>
		json.code === 'InvalidParameter' ? String(json.message) : undefined;

	it('more than 2,000 items (maxListSize 2000)', async () => {
		const items = Array.from({ length: 2001 }, (_, n) => ({ id: String(n), content }));
		const r = await submit('PRODUCT_STOCKS_UPDATE', items);
		expect(refusal(r.json)).toMatch(/item_list.*at most 2000/);
	});

	it('exactly 2,000 items are taken', async () => {
		const items = Array.from({ length: 2000 }, (_, n) => ({ id: String(n), content }));
		const before = sb.store.feeds.jobs.size;
		const r = await submit('PRODUCT_STOCKS_UPDATE', items);
		expect(jobIdOf(r.text)).toMatch(/^\d+$/);
		expect(sb.store.feeds.jobs.size).toBe(before + 1);
	});

	it('an unknown operation type', async () => {
		const r = await submit('PRODUCT_STOCK_UPDATE', [{ id: '1', content }]);
		expect(refusal(r.json)).toMatch(/operation_type.*PRODUCT_STOCKS_UPDATE/);
	});

	it('item_content_id twice', async () => {
		const r = await submit('PRODUCT_STOCKS_UPDATE', [
			{ id: '1', content },
			{ id: '1', content },
		]);
		expect(refusal(r.json)).toMatch(/item_list.*not unique/);
	});

	it('a job id that does not exist', async () => {
		const r = await query('200000000099999999');
		expect(refusal(r.json)).toMatch(/job_id/);
	});
});
