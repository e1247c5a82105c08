/**
 * Update Inventory and Update Price through the node's operations against the
 * sandbox: batching (calls and their content), every output item and its
 * pairing, partial failures, Continue On Fail on and off, bad input.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as inventoryUpdate from '../../nodes/AliExpress/actions/inventory/update.operation';
import * as priceUpdate from '../../nodes/AliExpress/actions/price/update.operation';
import { AliExpressClient } from '../../nodes/AliExpress/transport/request';
import { startSandbox, type Product, type Sandbox } from '../sandbox';
import { createContext, type ParamValue, sandboxCredentials } from '../helpers/context';

const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';
const PRICE = 'aliexpress.solution.batch.product.price.update';
const INFO = 'aliexpress.solution.product.info.get';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 10, orders: 10 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.resetCalls());

/** A product with SKUs written here, so expectations never come from the code under test. */
function product(
	skus: Array<{ code: string; price?: number; discount?: number; stock?: number }>,
): Product {
	return sandbox.store.addProduct({
		status: 'onSelling',
		skus: skus.map((s, n) => ({
			sku_code: s.code,
			price: s.price ?? 20,
			discount_price: s.discount,
			inventory: s.stock ?? 1,
			attributes: [],
			id: `sku-${s.code}-${n}`,
		})),
	});
}

function stockOf(productId: string, sku: string): number | undefined {
	return sandbox.store.products.get(productId)?.skus.find((s) => s.sku_code === sku)?.inventory;
}

async function run(
	op: typeof inventoryUpdate,
	items: IDataObject[],
	parameters: Record<string, ParamValue>,
	continueOnFail = false,
): Promise<INodeExecutionData[]> {
	const { ctx } = createContext({
		credentials: sandboxCredentials(sandbox),
		parameters,
		items,
		continueOnFail,
	});
	return await op.execute.call(ctx, new AliExpressClient(ctx, { baseDelayMs: 1 }));
}

// Items shaped like a Shopify "product variant" with the AliExpress id kept in a metafield.
const shopifyParams = {
	inputMode: 'fields',
	productId: (item: INodeExecutionData) =>
		(item.json.metafields as IDataObject).aliexpress_product_id,
	skuCode: (item: INodeExecutionData) => item.json.sku,
	quantity: (item: INodeExecutionData) => item.json.inventory_quantity,
};

describe('Update Inventory', () => {
	it('45 SKUs of 45 products: 3 calls, every item applied and paired', async () => {
		const products = Array.from({ length: 45 }, (_, n) =>
			product([{ code: `INV-${n}`, stock: 1 }]),
		);
		const items = products.map((p, n) => ({
			id: 9000 + n,
			sku: `INV-${n}`,
			inventory_quantity: 100 + n,
			metafields: { aliexpress_product_id: p.product_id },
		}));
		const out = await run(inventoryUpdate, items, shopifyParams);

		expect(sandbox.callCount(INVENTORY)).toBe(3);
		const sent = sandbox.calls.map(
			(c) => JSON.parse(c.params.mutiple_product_update_list) as unknown[],
		);
		expect(sent.map((list) => list.length).sort((a, b) => b - a)).toEqual([20, 20, 5]);
		expect(out).toHaveLength(45);
		out.forEach((o, n) => {
			expect(o.pairedItem).toEqual({ item: n });
			expect(o.json).toEqual({
				productId: products[n].product_id,
				skuCode: `INV-${n}`,
				quantity: 100 + n,
				success: true,
			});
			expect(stockOf(products[n].product_id, `INV-${n}`)).toBe(100 + n);
		});
	});

	it('"Use Input Fields" reads WooCommerce-shaped items by field name, SKUs of one product in one entry', async () => {
		const a = product([{ code: 'A-1' }, { code: 'A-2' }, { code: 'A-3' }]);
		const b = product([{ code: 'B-1' }]);
		const items = [
			{ ae: { id: a.product_id }, sku: 'A-1', stock_quantity: '5' },
			{ ae: { id: b.product_id }, sku: 'B-1', stock_quantity: 0 },
			{ ae: { id: a.product_id }, sku: 'A-3', stock_quantity: 7 },
		];
		const out = await run(inventoryUpdate, items, {
			inputMode: 'fromInput',
			productIdField: 'ae.id',
			skuCodeField: 'sku',
			quantityField: 'stock_quantity',
		});
		expect(sandbox.callCount(INVENTORY)).toBe(1);
		const list = JSON.parse(sandbox.calls[0].params.mutiple_product_update_list);
		expect(list).toEqual([
			{
				product_id: a.product_id,
				multiple_sku_update_list: [
					{ sku_code: 'A-1', inventory: 5 },
					{ sku_code: 'A-3', inventory: 7 },
				],
			},
			{ product_id: b.product_id, multiple_sku_update_list: [{ sku_code: 'B-1', inventory: 0 }] },
		]);
		expect(out.map((o) => [o.json.skuCode, o.json.quantity, o.json.success, o.pairedItem])).toEqual(
			[
				['A-1', 5, true, { item: 0 }],
				['B-1', 0, true, { item: 1 }],
				['A-3', 7, true, { item: 2 }],
			],
		);
		expect([
			stockOf(a.product_id, 'A-1'),
			stockOf(a.product_id, 'A-2'),
			stockOf(a.product_id, 'A-3'),
		]).toEqual([5, 1, 7]);
	});

	describe('a batch that partly fails (one product has an unknown SKU)', () => {
		function setup() {
			const good = product([{ code: 'G-1', stock: 3 }]);
			const bad = product([{ code: 'K-1', stock: 3 }]);
			const items = [
				{ p: good.product_id, s: 'G-1', q: 11 },
				{ p: bad.product_id, s: 'K-1', q: 12 },
				{ p: bad.product_id, s: 'NO-SUCH-SKU', q: 13 },
			];
			const params = {
				inputMode: 'fromInput',
				productIdField: 'p',
				skuCodeField: 's',
				quantityField: 'q',
			};
			return { good, bad, items, params };
		}

		it('Continue On Fail: the rejected product fails only its own SKUs', async () => {
			const { good, bad, items, params } = setup();
			const out = await run(inventoryUpdate, items, params, true);
			expect(out).toHaveLength(3);
			expect(out[0].json).toEqual({
				productId: good.product_id,
				skuCode: 'G-1',
				quantity: 11,
				success: true,
			});
			for (const n of [1, 2]) {
				expect(out[n].json.success).toBe(false);
				expect(out[n].json.errorCode).toEqual(expect.any(String));
				expect(out[n].json.errorMessage).toEqual(expect.any(String));
				expect(out[n].pairedItem).toEqual({ item: n });
			}
			expect(stockOf(good.product_id, 'G-1')).toBe(11);
			expect(stockOf(bad.product_id, 'K-1')).toBe(3);
		});

		it('without Continue On Fail: the error names what failed and says the rest was applied', async () => {
			const { good, items, params } = setup();
			const promise = run(inventoryUpdate, items, params, false);
			await expect(promise).rejects.toThrow(NodeOperationError);
			const error = (await promise.catch((e: unknown) => e)) as NodeOperationError;
			expect(error.message).toMatch(/^2 of 3 SKUs were not updated; 1 were applied/);
			expect(error.description).toContain('item 2');
			expect(error.description).toContain('item 3');
			expect(error.description).toContain('NO-SUCH-SKU');
			expect(stockOf(good.product_id, 'G-1')).toBe(11);
		});
	});

	describe('bad input', () => {
		const valid = () => ({ p: product([{ code: 'V-1' }]).product_id, s: 'V-1', q: 4 });
		const params = {
			inputMode: 'fromInput',
			productIdField: 'p',
			skuCodeField: 's',
			quantityField: 'q',
		};

		it.each([
			[
				{ q: -1 },
				'Item 2, field "Quantity (input field "q")": must be a whole number from 0 to 999999, got -1',
			],
			[
				{ q: 12.5 },
				'Item 2, field "Quantity (input field "q")": must be a whole number from 0 to 999999, got 12.5',
			],
			[
				{ q: 'lots' },
				'Item 2, field "Quantity (input field "q")": must be a whole number from 0 to 999999, got "lots"',
			],
			[
				{ q: 1000000 },
				'Item 2, field "Quantity (input field "q")": must be a whole number from 0 to 999999, got 1000000',
			],
			[{ q: undefined }, 'Item 2, field "Quantity (input field "q")": is empty'],
			[
				{ p: 'abc' },
				'Item 2, field "Product ID (input field "p")": must be a numeric AliExpress product ID, got "abc"',
			],
			[{ p: '' }, 'Item 2, field "Product ID (input field "p")": is empty'],
			[{ s: '' }, 'Item 2, field "SKU Code (input field "s")": is empty'],
		])('%j fails before any call: %s', async (patch, message) => {
			const items = [valid(), { ...valid(), ...patch }];
			await expect(run(inventoryUpdate, items, params)).rejects.toThrow(message);
			expect(sandbox.callCount()).toBe(0);
		});

		it('a duplicate SKU is refused, naming the earlier item', async () => {
			const v = valid();
			await expect(run(inventoryUpdate, [v, { ...v, q: 9 }], params)).rejects.toThrow(
				`Item 2, field "SKU Code": product ${v.p} SKU "V-1" already came in item 1`,
			);
		});

		it('Continue On Fail: the bad item fails alone, the good ones go through', async () => {
			const a = valid();
			const b = valid();
			const out = await run(
				inventoryUpdate,
				[a, { ...b, q: 'x' }, { ...b, s: 'V-1', q: 8 }],
				params,
				true,
			);
			expect(out.map((o) => o.json.success)).toEqual([true, false, true]);
			expect(out[1].json.errorCode).toBe('INVALID_INPUT');
			expect(out[1].json.errorMessage).toContain('Item 2');
			expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(stockOf(b.p, 'V-1')).toBe(8);
		});
	});
});

describe('Update Price', () => {
	const params = (extra: Record<string, ParamValue> = {}) => ({
		inputMode: 'fromInput',
		productIdField: 'p',
		skuCodeField: 's',
		priceField: 'price',
		discountPriceField: 'sale',
		...extra,
	});
	const skuOf = (p: Product, code: string) =>
		sandbox.store.products.get(p.product_id)?.skus.find((s) => s.sku_code === code);

	it('keeps the current discount price by default (reads it once per product)', async () => {
		const p = product([
			{ code: 'D-1', price: 30, discount: 25 },
			{ code: 'D-2', price: 30, discount: 24 },
		]);
		const out = await run(
			priceUpdate,
			[
				{ p: p.product_id, s: 'D-1', price: 35 },
				{ p: p.product_id, s: 'D-2', price: '36.50' },
			],
			params(),
		);
		expect(sandbox.callCount(INFO)).toBe(1);
		expect(sandbox.callCount(PRICE)).toBe(1);
		expect(skuOf(p, 'D-1')).toMatchObject({ price: 35, discount_price: 25 });
		expect(skuOf(p, 'D-2')).toMatchObject({ price: 36.5, discount_price: 24 });
		expect(out.map((o) => o.json)).toEqual([
			{ productId: p.product_id, skuCode: 'D-1', price: 35, discountPrice: 25, success: true },
			{ productId: p.product_id, skuCode: 'D-2', price: 36.5, discountPrice: 24, success: true },
		]);
	});

	it('a current discount at or above the new price is not kept, and the item says so', async () => {
		const p = product([
			{ code: 'N-1', price: 30, discount: 25 },
			{ code: 'N-2', price: 30, discount: 20 },
		]);
		const out = await run(
			priceUpdate,
			[
				{ p: p.product_id, s: 'N-1', price: 25 },
				{ p: p.product_id, s: 'N-2', price: 28 },
			],
			params(),
		);
		expect(skuOf(p, 'N-1')).toMatchObject({ price: 25, discount_price: undefined });
		expect(skuOf(p, 'N-2')).toMatchObject({ price: 28, discount_price: 20 });
		expect(out[0].json).toMatchObject({
			productId: p.product_id,
			skuCode: 'N-1',
			price: 25,
			success: true,
		});
		expect(out[0].json.discountPrice).toBeUndefined();
		expect(out[0].json.notice).toMatch(
			/current discount price 25 is not lower than the new price 25.*not kept/,
		);
		expect(out[1].json).toEqual({
			productId: p.product_id,
			skuCode: 'N-2',
			price: 28,
			discountPrice: 20,
			success: true,
		});
	});

	it('"Remove the Discount Price" sends none and AliExpress erases it', async () => {
		const p = product([{ code: 'R-1', price: 30, discount: 25 }]);
		await run(
			priceUpdate,
			[{ p: p.product_id, s: 'R-1', price: 31 }],
			params({ missingDiscountPrice: 'remove' }),
		);
		expect(sandbox.callCount(INFO)).toBe(0);
		expect(skuOf(p, 'R-1')?.discount_price).toBeUndefined();
		expect(skuOf(p, 'R-1')?.price).toBe(31);
	});

	it('a given discount price is sent as it is, without a read', async () => {
		const p = product([{ code: 'S-1', price: 30, discount: 25 }]);
		await run(priceUpdate, [{ p: p.product_id, s: 'S-1', price: 40, sale: 29.99 }], params());
		expect(sandbox.callCount(INFO)).toBe(0);
		const list = JSON.parse(sandbox.calls[0].params.mutiple_product_update_list);
		expect(list[0].multiple_sku_update_list).toEqual([
			{ sku_code: 'S-1', price: '40', discount_price: '29.99' },
		]);
		expect(skuOf(p, 'S-1')).toMatchObject({ price: 40, discount_price: 29.99 });
	});

	it.each([
		[
			{ price: 0 },
			'Item 1, field "Price (input field "price")": must be an amount from 0.01 to 999999 with at most two decimals, got 0',
		],
		[
			{ price: '$19.99' },
			'Item 1, field "Price (input field "price")": must be an amount from 0.01 to 999999 with at most two decimals, got "$19.99"',
		],
		[
			{ price: 19.999 },
			'Item 1, field "Price (input field "price")": must be an amount from 0.01 to 999999 with at most two decimals, got 19.999',
		],
		[
			{ price: 10, sale: -2 },
			'Item 1, field "Discount Price (input field "sale")": must be an amount from 0.01 to 999999 with at most two decimals, got -2',
		],
	])('bad price %j fails before any call', async (patch, message) => {
		const p = product([{ code: 'X-1' }]);
		await expect(
			run(priceUpdate, [{ p: p.product_id, s: 'X-1', ...patch }], params()),
		).rejects.toThrow(message);
		expect(sandbox.callCount()).toBe(0);
	});
});
