/**
 * Inventory → Update in n8n's engine against the sandbox: batching (calls and
 * their content), every output item and its pairing, partial failures,
 * Continue On Fail on and off, bad input. The main case (Shopify-shaped items,
 * "Map Each Field" with expressions) is the workflow fixture beside this file.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Product } from '../../sandbox';
import { operation, useSandbox } from '../suite';

const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';

const sandbox = useSandbox({ products: 10, orders: 10 });
const updateInventory = operation(__dirname, 'update.workflow.json', sandbox);

const fixture = () => updateInventory.parameters();

/** A product with SKUs written here, so expectations never come from the code under test. */
function product(skus: Array<{ code: string; price?: number; stock?: number }>): Product {
	return sandbox.store.addProduct({
		status: 'onSelling',
		skus: skus.map((s, n) => ({
			sku_code: s.code,
			price: s.price ?? 20,
			inventory: s.stock ?? 1,
			attributes: [],
			id: `sku-${s.code}-${n}`,
		})),
	});
}

function stockOf(productId: string, sku: string): number | undefined {
	return sandbox.store.products.get(productId)?.skus.find((s) => s.sku_code === sku)?.inventory;
}

const run = (parameters: INodeParameters, items: IDataObject[], continueOnFail = false) =>
	updateInventory.run(parameters, { items, continueOnFail });

/** "Use Input Fields" with the field names the items below carry. */
const fromInput = (fields: INodeParameters): INodeParameters => ({
	...fixture(),
	inputMode: 'fromInput',
	...fields,
});

it('45 SKUs of 45 products: 3 calls, every item applied and paired', async () => {
	const products = Array.from({ length: 45 }, (_, n) => product([{ code: `INV-${n}`, stock: 1 }]));
	// Items shaped like a Shopify "product variant" with the AliExpress id kept in a metafield.
	const items = products.map((p, n) => ({
		id: 9000 + n,
		sku: `INV-${n}`,
		inventory_quantity: 100 + n,
		metafields: { aliexpress_product_id: p.product_id },
	}));
	const { items: out, error } = await run(fixture(), items);
	expect(error).toBeUndefined();

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
	const { items: out, error } = await run(
		fromInput({ productIdField: 'ae.id', skuCodeField: 'sku', quantityField: 'stock_quantity' }),
		items,
	);
	expect(error).toBeUndefined();
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
	expect(out.map((o) => [o.json.skuCode, o.json.quantity, o.json.success, o.pairedItem])).toEqual([
		['A-1', 5, true, { item: 0 }],
		['B-1', 0, true, { item: 1 }],
		['A-3', 7, true, { item: 2 }],
	]);
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
		const params = fromInput({ productIdField: 'p', skuCodeField: 's', quantityField: 'q' });
		return { good, bad, items, params };
	}

	it('Continue On Fail: the rejected product fails only its own SKUs', async () => {
		const { good, bad, items, params } = setup();
		const { items: out, error } = await run(params, items, true);
		expect(error).toBeUndefined();
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
		const { items: out, error } = await run(params, items, false);
		expect(out).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/^2 of 3 SKUs were not updated; 1 were applied/);
		expect(error?.description).toContain('item 2');
		expect(error?.description).toContain('item 3');
		expect(error?.description).toContain('NO-SUCH-SKU');
		expect(stockOf(good.product_id, 'G-1')).toBe(11);
	});
});

describe('bad input', () => {
	const valid = () => ({ p: product([{ code: 'V-1' }]).product_id, s: 'V-1', q: 4 });
	const params = () => fromInput({ productIdField: 'p', skuCodeField: 's', quantityField: 'q' });

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
		const { items: out, error } = await run(params(), items);
		expect(out).toEqual([]);
		expect(error?.message).toContain(message);
		expect(sandbox.callCount()).toBe(0);
	});

	it('a duplicate SKU is refused, naming the earlier item', async () => {
		const v = valid();
		const { items: out, error } = await run(params(), [v, { ...v, q: 9 }]);
		expect(out).toEqual([]);
		expect(error?.message).toContain(
			`Item 2, field "SKU Code": product ${v.p} SKU "V-1" already came in item 1`,
		);
	});

	it('Continue On Fail: the bad item fails alone, the good ones go through', async () => {
		const a = valid();
		const b = valid();
		const { items: out, error } = await run(
			params(),
			[a, { ...b, q: 'x' }, { ...b, s: 'V-1', q: 8 }],
			true,
		);
		expect(error).toBeUndefined();
		expect(out.map((o) => o.json.success)).toEqual([true, false, true]);
		expect(out[1].json.errorCode).toBe('INVALID_INPUT');
		expect(out[1].json.errorMessage).toContain('Item 2');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(stockOf(b.p, 'V-1')).toBe(8);
	});
});
