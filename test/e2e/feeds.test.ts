/**
 * Bulk feeds in real n8n (2.41.1, see scripts/n8n-harness.js): the packed package installed
 * as a community package, one workflow that syncs stock and prices with "Sync Method: Bulk
 * Feeds" against the sandbox's feeds (a short processing delay), run with `n8n execute --id`.
 * Assertions are on the items n8n returns and on the sandbox's store.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import {
	aliExpress,
	code,
	harness,
	manualTrigger,
	preparedUserFolder,
	sandboxCredential,
	workflow,
} from './harness';

jest.setTimeout(30 * 60_000);

let sandbox: Sandbox;
let userFolder: string;
let stock: Array<{ p: string; s: string; q: number }>;
let prices: Array<{ p: string; s: string; price: number; sale: number }>;

beforeAll(async () => {
	sandbox = await startSandbox({ products: 0, orders: 0, feedDelayMs: 50 });
	const made = Array.from({ length: 30 }, (_, n) =>
		sandbox.store.addProduct({
			status: 'onSelling',
			skus: [0, 1].map((s) => ({
				sku_code: `E2E-F${n}-${s}`,
				price: 30,
				inventory: 1,
				attributes: [],
				id: `e2e-f-${n}-${s}`,
			})),
		}),
	);
	stock = made.flatMap((p, n) =>
		p.skus.map((k, s) => ({ p: p.product_id, s: k.sku_code, q: n * 2 + s })),
	);
	stock.push({ p: made[0].product_id, s: 'NO-SUCH-SKU', q: 3 }); // fails its product's item
	prices = made.slice(0, 5).map((p, n) => ({
		p: p.product_id,
		s: p.skus[0].sku_code,
		price: 40 + n,
		sale: 35 + n,
	}));

	userFolder = preparedUserFolder();
	await harness.importCredentials(userFolder, [sandboxCredential(sandbox)]);
	await harness.importWorkflow(userFolder, [
		workflow(
			'aeE2eFeeds',
			[
				manualTrigger(),
				code('Stock', `return ${JSON.stringify(stock)}.map((json) => ({ json }));`),
				aliExpress(
					'Update Inventory',
					{
						resource: 'inventory',
						operation: 'update',
						inputMode: 'fromInput',
						productIdField: 'p',
						skuCodeField: 's',
						quantityField: 'q',
						syncMethod: 'feed',
						feedTimeout: 60,
					},
					{ onError: 'continueRegularOutput' },
				),
				code('Prices', `return ${JSON.stringify(prices)}.map((json) => ({ json }));`),
				aliExpress('Update Price', {
					resource: 'price',
					operation: 'update',
					inputMode: 'fromInput',
					productIdField: 'p',
					skuCodeField: 's',
					priceField: 'price',
					discountPriceField: 'sale',
					syncMethod: 'feed',
				}),
			],
			[
				['Start', 'Stock'],
				['Stock', 'Update Inventory'],
				['Update Inventory', 'Prices'],
				['Prices', 'Update Price'],
			],
		),
	]);
});

afterAll(async () => {
	await sandbox?.close();
});

it('stock and prices by bulk feed: one job each, one result per item, applied once', async () => {
	const { code: exit, run, stderr } = await harness.executeWorkflow(userFolder, 'aeE2eFeeds');
	if (exit !== 0) console.error(`n8n execute exited ${exit}; stderr ends:\n${stderr.slice(-3000)}`);
	expect({ exit, error: run?.data.resultData.error }).toEqual({ exit: 0, error: undefined });

	const inventory = harness.nodeItems(run, 'Update Inventory');
	expect(inventory).toHaveLength(stock.length);
	const first = stock[0].p;
	inventory.forEach((o, n) => {
		const input = stock[n];
		expect([o.productId, o.skuCode, o.quantity]).toEqual([input.p, input.s, input.q]);
		// the item with the unknown SKU fails its product's SKUs only
		if (input.p === first) expect(o).toMatchObject({ success: false, errorCode: 'SKU_NOT_EXIST' });
		else expect(o.success).toBe(true);
	});
	for (const { p, s, q } of stock) {
		const sku = sandbox.store.products.get(p)!.skus.find((k) => k.sku_code === s);
		if (p === first) expect(sku?.inventory ?? 1).toBe(1);
		else {
			expect(sku?.inventory).toBe(q);
			expect(sandbox.store.feeds.timesApplied('PRODUCT_STOCKS_UPDATE', p, s)).toBe(1);
		}
	}

	expect(harness.nodeItems(run, 'Update Price')).toEqual(
		prices.map((x) => ({
			productId: x.p,
			skuCode: x.s,
			price: x.price,
			discountPrice: x.sale,
			success: true,
		})),
	);
	for (const x of prices) {
		const sku = sandbox.store.products.get(x.p)!.skus.find((k) => k.sku_code === x.s)!;
		expect([sku.price, sku.discount_price]).toEqual([x.price, x.sale]);
		expect(sandbox.store.feeds.timesApplied('PRODUCT_PRICES_UPDATE', x.p, x.s)).toBe(1);
	}

	const submits = sandbox.calls.filter((c) => c.method === 'aliexpress.solution.feed.submit');
	expect(submits.map((c) => c.params.operation_type)).toEqual([
		'PRODUCT_STOCKS_UPDATE',
		'PRODUCT_PRICES_UPDATE',
	]);
	expect(sandbox.callCount('aliexpress.solution.batch.product.inventory.update')).toBe(0);
	expect(sandbox.callCount('aliexpress.solution.batch.product.price.update')).toBe(0);
});
