/**
 * Product → Get in n8n's engine against the sandbox: simplified and raw output,
 * its SKUs feeding Update Inventory as the next node, and one output per item
 * with Continue On Fail. The parameters are the fixture's (get.workflow.json:
 * the Product ID mapped from the item's `productId`), varied per test.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Product } from '../../sandbox';
import { operation, useSandbox, type RunOptions } from '../suite';

const INFO = 'aliexpress.solution.product.info.get';
const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';

const sandbox = useSandbox({ products: 250, orders: 5 });
const getProduct = operation(__dirname, 'get.workflow.json', sandbox);

const getParams = getProduct.parameters;

const run = (parameters: INodeParameters, items?: RunOptions['items'], continueOnFail = false) =>
	getProduct.run(parameters, { items, continueOnFail });

const seededWithAttributes = () =>
	[...sandbox.store.products.values()].find(
		(p) => p.skus.length >= 2 && p.skus[0].attributes.length > 0,
	) as Product;

describe('Product → Get', () => {
	it('simplified: the product and SKUs shaped for Update Inventory / Update Price', async () => {
		const p = seededWithAttributes();
		const { items: out, error } = await run(getParams(), [{ productId: p.product_id }]);
		expect(error).toBeUndefined();
		expect(sandbox.callCount(INFO)).toBe(1);
		expect(sandbox.calls[0].params.product_id).toBe(p.product_id);
		const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
		expect(out).toEqual([
			{
				json: {
					productId: p.product_id,
					title: p.subject,
					status: p.status,
					categoryId: p.category_id,
					currency: 'USD',
					createdAt: second(p.gmt_create),
					updatedAt: second(p.gmt_modified),
					images: p.images,
					// no brandName: product.info.get documents no brand field
					...(p.freight_template_id ? { freightTemplateId: p.freight_template_id } : {}),
					skus: p.skus.map((s) => ({
						productId: p.product_id,
						skuCode: s.sku_code,
						price: s.price,
						discountPrice: s.discount_price ?? null,
						quantity: s.inventory,
						skuId: s.id,
						currency: 'USD',
						// product.info.get keys SKU properties by id (sku_property_id / property_value_id)
						attributes: Object.fromEntries(
							s.attributes.map((a) => [String(a.sku_property_id), String(a.property_value_id)]),
						),
						properties: s.attributes.map((a) => ({
							propertyId: String(a.sku_property_id),
							valueId: String(a.property_value_id),
						})),
					})),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('raw: the result object as AliExpress sends it', async () => {
		const p = seededWithAttributes();
		const { items: out } = await run(getParams({ simplify: false }), [{ productId: p.product_id }]);
		const json = out[0].json;
		expect(String(json.product_id)).toBe(p.product_id);
		expect(json.subject).toBe(p.subject);
		expect(
			((json.aeop_ae_product_s_k_us as IDataObject).global_aeop_ae_product_sku as IDataObject[])
				.length,
		).toBe(p.skus.length);
	});

	it('its SKUs feed Update Inventory unchanged (Use Input Fields, default names)', async () => {
		const p = seededWithAttributes();
		const got = await run(getParams(), [{ productId: p.product_id }]);
		// a Split Out of `skus` and a Set of the new quantity between the two nodes
		const items = (got.items[0].json.skus as IDataObject[]).map((s, n) => ({
			...s,
			quantity: 100 + n,
		}));
		sandbox.resetCalls();
		const { items: out, error } = await run(
			{ resource: 'inventory', operation: 'update', inputMode: 'fromInput' },
			items,
		);
		expect(error).toBeUndefined();
		expect(sandbox.callCount(INVENTORY)).toBe(1);
		expect(out.every((o) => o.json.success === true)).toBe(true);
		expect(sandbox.store.products.get(p.product_id)?.skus.map((s) => s.inventory)).toEqual(
			p.skus.map((_, n) => 100 + n),
		);
	});

	it('one output per item; a bad or unknown ID fails alone with Continue On Fail', async () => {
		const p = seededWithAttributes();
		const { items: out } = await run(
			getParams(),
			[{ productId: p.product_id }, { productId: 'not-an-id' }, { productId: '42' }],
			true,
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.productId).toBe(p.product_id);
		expect(out[1].json.error).toMatch(
			/^Item 2, field "Product ID": must be a numeric AliExpress ID/,
		);
		// product.info.get documents no failure fields: the refusal is the gateway's isv.* error
		expect(out[2].json.errorCode).toBe('isv.invalid-parameter');
		expect(out[2].json.error).toContain('GPF.CHK_PRODUCT_NOT_EXIST');
		expect(sandbox.callCount(INFO)).toBe(2);
	});
});
