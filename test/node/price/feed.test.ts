/**
 * Price → Update by bulk feed ("Sync Method: Bulk Feeds"), in n8n's engine against the
 * sandbox's feeds: PRODUCT_PRICES_UPDATE items, discounts kept as in batch mode, per-item
 * refusals, one result per input item in batch mode's shape.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Product } from '../../sandbox';
import { operation, useSandbox } from '../suite';

const SUBMIT = 'aliexpress.solution.feed.submit';
const BATCH = 'aliexpress.solution.batch.product.price.update';

const sandbox = useSandbox({ products: 0, orders: 0, feedDelayMs: 20 });
const updatePrice = operation(__dirname, 'update.workflow.json', sandbox);

function product(skus: Array<{ code: string; price?: number; discount?: number }>): Product {
	return sandbox.store.addProduct({
		status: 'onSelling',
		skus: skus.map((s, n) => ({
			sku_code: s.code,
			price: s.price ?? 20,
			discount_price: s.discount,
			inventory: 5,
			attributes: [],
			id: `pf-${s.code}-${n}`,
		})),
	});
}

const skuOf = (p: Product, code: string) => p.skus.find((s) => s.sku_code === code);
const params = (extra: INodeParameters = {}) =>
	updatePrice.parameters({ syncMethod: 'feed', ...extra });
const run = (items: IDataObject[], parameters: INodeParameters, continueOnFail = false) =>
	updatePrice.run(parameters, { items, continueOnFail });

const submittedContents = () =>
	sandbox.calls
		.filter((c) => c.method === SUBMIT)
		.flatMap((c) => JSON.parse(c.params.item_list) as Array<{ item_content: string }>)
		.map((i) => JSON.parse(i.item_content));

it('prices and discount prices by feed; a missing discount is kept as in batch mode', async () => {
	const a = product([
		{ code: 'A-1', price: 30, discount: 25 },
		{ code: 'A-2', price: 30 },
	]);
	const { items: out, error } = await run(
		[
			{ p: a.product_id, s: 'A-1', price: 40 },
			{ p: a.product_id, s: 'A-2', price: '19.99', sale: '14.5' },
		],
		params(),
	);
	expect(error).toBeUndefined();
	expect(sandbox.callCount(BATCH)).toBe(0);
	expect(sandbox.callCount(SUBMIT)).toBe(1);
	expect(sandbox.calls.find((c) => c.method === SUBMIT)?.params.operation_type).toBe(
		'PRODUCT_PRICES_UPDATE',
	);
	// retailcrm's FeedPricesUpdateDto / SkuPricesUpdateItemDto: price and discount_price as numbers
	expect(submittedContents()).toEqual([
		{
			aliexpress_product_id: Number(a.product_id),
			multiple_sku_update_list: [
				{ sku_code: 'A-1', price: 40, discount_price: 25 },
				{ sku_code: 'A-2', price: 19.99, discount_price: 14.5 },
			],
		},
	]);
	expect(out.map((o) => [o.json, o.pairedItem])).toEqual([
		[
			{ productId: a.product_id, skuCode: 'A-1', price: 40, discountPrice: 25, success: true },
			{ item: 0 },
		],
		[
			{ productId: a.product_id, skuCode: 'A-2', price: 19.99, discountPrice: 14.5, success: true },
			{ item: 1 },
		],
	]);
	expect(skuOf(a, 'A-1')).toMatchObject({ price: 40, discount_price: 25 });
	expect(skuOf(a, 'A-2')).toMatchObject({ price: 19.99, discount_price: 14.5 });
});

it('an item AliExpress rejects fails only its own SKUs, naming why', async () => {
	const good = product([{ code: 'G-1' }]);
	const bad = product([{ code: 'K-1' }]);
	const { items: out, error } = await run(
		[
			{ p: good.product_id, s: 'G-1', price: 11, sale: 9 },
			{ p: bad.product_id, s: 'NOPE', price: 12, sale: 10 },
			{ p: bad.product_id, s: 'K-1', price: 13, sale: 10 },
		],
		params(),
		true,
	);
	expect(error).toBeUndefined();
	expect(out[0].json.success).toBe(true);
	for (const n of [1, 2]) {
		expect(out[n].pairedItem).toEqual({ item: n });
		expect(out[n].json).toMatchObject({ success: false, errorCode: 'SKU_NOT_EXIST' });
		expect(out[n].json.errorMessage).toContain('NOPE');
	}
	expect(skuOf(good, 'G-1')?.price).toBe(11);
	expect(skuOf(bad, 'K-1')?.price).toBe(20);
});

it('"Remove the Discount Price" sends no discount_price and reads nothing first', async () => {
	const p = product([{ code: 'R-1', price: 30, discount: 25 }]);
	const { error } = await run(
		[{ p: p.product_id, s: 'R-1', price: 31 }],
		params({ missingDiscountPrice: 'remove' }),
	);
	expect(error).toBeUndefined();
	expect(sandbox.callCount('aliexpress.solution.product.info.get')).toBe(0);
	expect(submittedContents()).toEqual([
		{
			aliexpress_product_id: Number(p.product_id),
			multiple_sku_update_list: [{ sku_code: 'R-1', price: 31 }],
		},
	]);
	expect(skuOf(p, 'R-1')).toMatchObject({ price: 31, discount_price: undefined });
});
