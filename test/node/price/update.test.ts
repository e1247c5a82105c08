/**
 * Price → Update in n8n's engine against the sandbox: the current discount
 * price kept by default (one read per product), dropped when it is not lower
 * than the new price, removed on request, a given one sent as it is, bad
 * prices refused before any call. The main case ("Use Input Fields") is the
 * workflow fixture beside this file.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Product } from '../../sandbox';
import { operation, useSandbox } from '../suite';

const PRICE = 'aliexpress.solution.batch.product.price.update';
const INFO = 'aliexpress.solution.product.info.get';

const sandbox = useSandbox({ products: 10, orders: 10 });
const updatePrice = operation(__dirname, 'update.workflow.json', sandbox);

/** The fixture's parameters, with what a test changes. */
const params = updatePrice.parameters;

/** A product with SKUs written here, so expectations never come from the code under test. */
function product(skus: Array<{ code: string; price?: number; discount?: number }>): Product {
	return sandbox.store.addProduct({
		status: 'onSelling',
		skus: skus.map((s, n) => ({
			sku_code: s.code,
			price: s.price ?? 20,
			discount_price: s.discount,
			inventory: 1,
			attributes: [],
			id: `sku-${s.code}-${n}`,
		})),
	});
}

const skuOf = (p: Product, code: string) =>
	sandbox.store.products.get(p.product_id)?.skus.find((s) => s.sku_code === code);

const run = (items: IDataObject[], parameters: INodeParameters) =>
	updatePrice.run(parameters, { items });

it('keeps the current discount price by default (reads it once per product)', async () => {
	const p = product([
		{ code: 'D-1', price: 30, discount: 25 },
		{ code: 'D-2', price: 30, discount: 24 },
	]);
	const { items: out, error } = await run(
		[
			{ p: p.product_id, s: 'D-1', price: 35 },
			{ p: p.product_id, s: 'D-2', price: '36.50' },
		],
		params(),
	);
	expect(error).toBeUndefined();
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
	const { items: out, error } = await run(
		[
			{ p: p.product_id, s: 'N-1', price: 25 },
			{ p: p.product_id, s: 'N-2', price: 28 },
		],
		params(),
	);
	expect(error).toBeUndefined();
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
	const { error } = await run(
		[{ p: p.product_id, s: 'R-1', price: 31 }],
		params({ missingDiscountPrice: 'remove' }),
	);
	expect(error).toBeUndefined();
	expect(sandbox.callCount(INFO)).toBe(0);
	expect(skuOf(p, 'R-1')?.discount_price).toBeUndefined();
	expect(skuOf(p, 'R-1')?.price).toBe(31);
});

it('a given discount price is sent as it is, without a read', async () => {
	const p = product([{ code: 'S-1', price: 30, discount: 25 }]);
	const { error } = await run([{ p: p.product_id, s: 'S-1', price: 40, sale: 29.99 }], params());
	expect(error).toBeUndefined();
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
	const { items: out, error } = await run([{ p: p.product_id, s: 'X-1', ...patch }], params());
	expect(out).toEqual([]);
	expect(error?.message).toContain(message);
	expect(sandbox.callCount()).toBe(0);
});
