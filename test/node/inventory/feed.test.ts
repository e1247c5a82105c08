/**
 * Inventory → Update by bulk feed ("Sync Method"), in n8n's engine against the sandbox's
 * feeds (test/sandbox/feeds.ts): jobs of at most 2,000 products, one result per input item in
 * batch mode's shape, per-item refusals, a job that does not finish in time, the Auto
 * threshold, bad options, and a submit whose fate is unknown (never sent twice).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Product } from '../../sandbox';
import { operation, useSandbox } from '../suite';

const SUBMIT = 'aliexpress.solution.feed.submit';
const QUERY = 'aliexpress.solution.feed.query';
const BATCH = 'aliexpress.solution.batch.product.inventory.update';

const sandbox = useSandbox({ products: 0, orders: 0, feedDelayMs: 20 });
const updateInventory = operation(__dirname, 'update.workflow.json', sandbox);

function product(codes: string[], stock = 1): Product {
	return sandbox.store.addProduct({
		status: 'onSelling',
		skus: codes.map((code, n) => ({
			sku_code: code,
			price: 20,
			inventory: stock,
			attributes: [],
			id: `feed-${code}-${n}`,
		})),
	});
}

const stockOf = (p: Product, sku: string) => p.skus.find((s) => s.sku_code === sku)?.inventory;
const appliedTimes = (p: Product, sku: string) =>
	sandbox.store.feeds.timesApplied('PRODUCT_STOCKS_UPDATE', p.product_id, sku);

const params = (extra: INodeParameters = {}): INodeParameters => ({
	...updateInventory.parameters(),
	inputMode: 'fromInput',
	productIdField: 'p',
	skuCodeField: 's',
	quantityField: 'q',
	syncMethod: 'feed',
	...extra,
});

const run = (parameters: INodeParameters, items: IDataObject[], continueOnFail = false) =>
	updateInventory.run(parameters, { items, continueOnFail });

interface FeedItem {
	item_content_id: string;
	item_content: string;
}
const submitted = (): FeedItem[][] =>
	sandbox.calls
		.filter((c) => c.method === SUBMIT)
		.map((c) => JSON.parse(c.params.item_list) as FeedItem[]);

it('one feed job: every item applied once, output as in batch mode, paired', async () => {
	const a = product(['A-1', 'A-2', 'A-3']);
	const b = product(['B-1']);
	const items = [
		{ p: a.product_id, s: 'A-1', q: 5 },
		{ p: b.product_id, s: 'B-1', q: 0 },
		{ p: a.product_id, s: 'A-3', q: '7' },
	];
	const { items: out, error } = await run(params(), items);
	expect(error).toBeUndefined();

	expect(sandbox.callCount(BATCH)).toBe(0);
	expect(sandbox.callCount(SUBMIT)).toBe(1);
	expect(sandbox.calls.find((c) => c.method === SUBMIT)?.params.operation_type).toBe(
		'PRODUCT_STOCKS_UPDATE',
	);
	const [job] = submitted();
	// retailcrm's FeedStocksUpdateDto: {aliexpress_product_id, multiple_sku_update_list:[{sku_code, inventory}]}
	expect(job.map((i) => ({ ...i, item_content: JSON.parse(i.item_content) }))).toEqual([
		{
			item_content_id: expect.any(String),
			item_content: {
				aliexpress_product_id: Number(a.product_id),
				multiple_sku_update_list: [
					{ sku_code: 'A-1', inventory: 5 },
					{ sku_code: 'A-3', inventory: 7 },
				],
			},
		},
		{
			item_content_id: expect.any(String),
			item_content: {
				aliexpress_product_id: Number(b.product_id),
				multiple_sku_update_list: [{ sku_code: 'B-1', inventory: 0 }],
			},
		},
	]);
	expect(new Set(job.map((i) => i.item_content_id)).size).toBe(2);
	expect(sandbox.callCount(QUERY)).toBeGreaterThanOrEqual(1);

	expect(out.map((o) => [o.json, o.pairedItem])).toEqual([
		[{ productId: a.product_id, skuCode: 'A-1', quantity: 5, success: true }, { item: 0 }],
		[{ productId: b.product_id, skuCode: 'B-1', quantity: 0, success: true }, { item: 1 }],
		[{ productId: a.product_id, skuCode: 'A-3', quantity: 7, success: true }, { item: 2 }],
	]);
	expect([stockOf(a, 'A-1'), stockOf(a, 'A-2'), stockOf(a, 'A-3'), stockOf(b, 'B-1')]).toEqual([
		5, 1, 7, 0,
	]);
	expect([appliedTimes(a, 'A-1'), appliedTimes(a, 'A-3'), appliedTimes(b, 'B-1')]).toEqual([
		1, 1, 1,
	]);
	expect(appliedTimes(a, 'A-2')).toBe(0);
});

describe('an item AliExpress rejects fails only its own input items, naming the reason', () => {
	function setup() {
		const good = product(['G-1'], 3);
		const bad = product(['K-1'], 3);
		const items = [
			{ p: good.product_id, s: 'G-1', q: 11 },
			{ p: bad.product_id, s: 'K-1', q: 12 },
			{ p: bad.product_id, s: 'NO-SUCH-SKU', q: 13 },
		];
		return { good, bad, items };
	}

	it('Continue On Fail: one result per item', async () => {
		const { good, bad, items } = setup();
		const { items: out, error } = await run(params(), items, true);
		expect(error).toBeUndefined();
		expect(out[0].json).toEqual({
			productId: good.product_id,
			skuCode: 'G-1',
			quantity: 11,
			success: true,
		});
		for (const n of [1, 2]) {
			expect(out[n].pairedItem).toEqual({ item: n });
			expect(out[n].json).toMatchObject({ success: false, errorCode: 'SKU_NOT_EXIST' });
			expect(out[n].json.errorMessage).toContain('NO-SUCH-SKU');
		}
		expect(stockOf(good, 'G-1')).toBe(11);
		expect(stockOf(bad, 'K-1')).toBe(3);
	});

	it('without Continue On Fail: the error names the failed items and says the rest was applied', async () => {
		const { good, items } = setup();
		const { items: out, error } = await run(params(), items);
		expect(out).toEqual([]);
		expect(error?.message).toMatch(/^2 of 3 SKUs were not updated; 1 were applied/);
		expect(error?.description).toContain('item 3 (product');
		expect(error?.description).toContain('SKU_NOT_EXIST');
		expect(stockOf(good, 'G-1')).toBe(11);
	});
});

it('2,500 products: two jobs of at most 2,000 items, each product in exactly one', async () => {
	const products = Array.from({ length: 2500 }, (_, n) => product([`M-${n}`]));
	const items = products.map((p, n) => ({ p: p.product_id, s: `M-${n}`, q: n % 1000 }));
	const { items: out, error } = await run(params(), items, true);
	expect(error).toBeUndefined();
	const jobs = submitted();
	expect(jobs.map((j) => j.length).sort((x, y) => y - x)).toEqual([2000, 500]);
	const ids = jobs.flat().map((i) => JSON.parse(i.item_content).aliexpress_product_id);
	expect(new Set(ids).size).toBe(2500);
	expect(out.filter((o) => o.json.success === true)).toHaveLength(2500);
	expect(products.every((p, n) => stockOf(p, `M-${n}`) === n % 1000)).toBe(true);
	expect(products.every((p, n) => appliedTimes(p, `M-${n}`) === 1)).toBe(true);
});

describe('Auto', () => {
	const many = (count: number, tag: string) => {
		const products = Array.from({ length: count }, (_, n) => product([`${tag}-${n}`]));
		return products.map((p, n) => ({ p: p.product_id, s: `${tag}-${n}`, q: 2 }));
	};

	it('1,000 products (50 batch calls) go by batch', async () => {
		const { error } = await run(params({ syncMethod: 'auto' }), many(1000, 'U'));
		expect(error).toBeUndefined();
		expect(sandbox.callCount(BATCH)).toBe(50);
		expect(sandbox.callCount(SUBMIT)).toBe(0);
	});

	it('1,001 products go by feed', async () => {
		const { items: out, error } = await run(params({ syncMethod: 'auto' }), many(1001, 'W'));
		expect(error).toBeUndefined();
		expect(sandbox.callCount(BATCH)).toBe(0);
		expect(sandbox.callCount(SUBMIT)).toBe(1);
		expect(out.every((o) => o.json.success === true)).toBe(true);
	});

	it('is the default: a few SKUs go by batch', async () => {
		const p = product(['D-1']);
		const parameters = params();
		delete parameters.syncMethod;
		const { error } = await run(parameters, [{ p: p.product_id, s: 'D-1', q: 9 }]);
		expect(error).toBeUndefined();
		expect(sandbox.callCount(BATCH)).toBe(1);
		expect(stockOf(p, 'D-1')).toBe(9);
	});
});

describe('bad options fail before any call, naming the option', () => {
	const items = () => [{ p: product(['O-1']).product_id, s: 'O-1', q: 1 }];
	it.each([
		[
			{ syncMethod: 'fast' },
			'"Sync Method" (syncMethod) must be one of auto, batch, feed, got "fast"',
		],
		[{ feedTimeout: 0 }, '"Feed Timeout (Seconds)" (feedTimeout) must be a positive number, got 0'],
		[
			{ syncMethod: 'auto', feedTimeout: -5 },
			'"Feed Timeout (Seconds)" (feedTimeout) must be a positive number, got -5',
		],
	])('%j', async (patch, message) => {
		const { items: out, error } = await run(params(patch as INodeParameters), items());
		expect(out).toEqual([]);
		expect(error?.message).toContain(message);
		expect(sandbox.callCount()).toBe(0);
	});

	it('with Continue On Fail every item fails with the option named, nothing is sent', async () => {
		const list = [...items(), ...items()];
		const { items: out, error } = await run(params({ feedTimeout: -1 }), list, true);
		expect(error).toBeUndefined();
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const o of out) {
			expect(o.json).toMatchObject({ success: false, errorCode: 'INVALID_OPTION' });
			expect(o.json.errorMessage).toContain('"Feed Timeout (Seconds)" (feedTimeout)');
		}
		expect(sandbox.callCount()).toBe(0);
	});
});

describe('a submit whose fate is unknown', () => {
	it('is not sent again: its items fail saying the job may exist, and nothing is doubled', async () => {
		const p = product(['F-1', 'F-2']);
		// the answer is cut off after the job was created
		sandbox.setOptions({ faults: { rate: 1, kinds: ['malformed'], methods: [SUBMIT] } });
		const jobsBefore = sandbox.store.feeds.jobs.size;
		const { items: out, error } = await run(
			params(),
			[
				{ p: p.product_id, s: 'F-1', q: 4 },
				{ p: p.product_id, s: 'F-2', q: 5 },
			],
			true,
		);
		expect(error).toBeUndefined();
		expect(sandbox.callCount(SUBMIT)).toBe(1);
		expect(sandbox.store.feeds.jobs.size).toBe(jobsBefore + 1);
		for (const o of out) {
			expect(o.json.success).toBe(false);
			expect(o.json.errorMessage).toMatch(/may have created the feed job/);
		}
	});

	it('a submit refused for quota before it ran is retried, and the job is made once', async () => {
		const p = product(['R-1']);
		sandbox.setOptions({ faults: { rate: 0.5, kinds: ['rateLimit'], methods: [SUBMIT], seed: 3 } });
		const jobsBefore = sandbox.store.feeds.jobs.size;
		const { items: out, error } = await run(params(), [{ p: p.product_id, s: 'R-1', q: 8 }]);
		expect(error).toBeUndefined();
		expect(out[0].json.success).toBe(true);
		expect(sandbox.store.feeds.jobs.size).toBe(jobsBefore + 1);
		expect(appliedTimes(p, 'R-1')).toBe(1);
	});
});

describe('reading the results', () => {
	it('queries that fail for a while (HTTP 502, ISP errors) are retried; every item gets its result', async () => {
		const p = product(['Q-1', 'Q-2']);
		sandbox.setOptions({
			faults: { rate: 0.6, kinds: ['http502', 'ispError'], methods: [QUERY], seed: 11 },
		});
		const { items: out, error } = await run(params(), [
			{ p: p.product_id, s: 'Q-1', q: 21 },
			{ p: p.product_id, s: 'Q-2', q: 22 },
		]);
		expect(error).toBeUndefined();
		expect(out.map((o) => o.json.success)).toEqual([true, true]);
		expect(sandbox.calls.some((c) => c.method === QUERY && c.outcome === 'fault')).toBe(true);
		expect(sandbox.callCount(SUBMIT)).toBe(1);
		expect([stockOf(p, 'Q-1'), stockOf(p, 'Q-2')]).toEqual([21, 22]);
	});

	it('a query refused for good leaves the items not confirmed, naming the refusal and the job', async () => {
		const p = product(['N-1']);
		sandbox.setOptions({ deniedMethods: [QUERY] });
		try {
			const { items: out, error } = await run(
				params(),
				[{ p: p.product_id, s: 'N-1', q: 3 }],
				true,
			);
			expect(error).toBeUndefined();
			const jobId = [...sandbox.store.feeds.jobs.values()].pop()!.jobId;
			expect(out[0].json).toMatchObject({
				success: false,
				errorCode: 'NOT_CONFIRMED',
				feedJobId: jobId,
			});
			expect(out[0].json.errorMessage).toMatch(new RegExp(`reading feed job ${jobId} failed`));
			expect(sandbox.callCount(QUERY)).toBe(1);
		} finally {
			sandbox.setOptions({ deniedMethods: [] });
		}
	});
});

describe('a job that does not finish within Feed Timeout', () => {
	const slow = useSandbox({ products: 0, orders: 0, feedDelayMs: 60_000 });
	const slowInventory = operation(__dirname, 'update.workflow.json', slow);

	it('reports its items as not confirmed, with the job id, never as success', async () => {
		const p = slow.store.addProduct({
			status: 'onSelling',
			skus: [{ sku_code: 'T-1', price: 20, inventory: 1, attributes: [], id: 't1' }],
		});
		const started = Date.now();
		const { items: out, error } = await slowInventory.run(params({ feedTimeout: 1 }), {
			items: [{ p: p.product_id, s: 'T-1', q: 6 }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(10_000);
		const [job] = [...slow.store.feeds.jobs.values()];
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({
			productId: p.product_id,
			skuCode: 'T-1',
			success: false,
			errorCode: 'NOT_CONFIRMED',
			feedJobId: job.jobId,
		});
		expect(out[0].json.errorMessage).toContain(job.jobId);
		expect(slow.callCount(SUBMIT)).toBe(1);
		expect(slow.callCount(QUERY)).toBeGreaterThanOrEqual(1);
		expect(p.skus[0].inventory).toBe(1);
	});
});
