/**
 * Product → Update in n8n's engine against the sandbox: only the fields set are
 * sent, JSON mode, bad input that never reaches the API, and an unknown product
 * with Continue On Fail. The parameters are the fixture's (update.workflow.json:
 * the Product ID mapped from the item's `productId`), varied per test.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Product } from '../../sandbox';
import { operation, useSandbox, type RunOptions } from '../suite';

const EDIT = 'aliexpress.solution.product.edit';
const OFFER_EDIT = 'aliexpress.offer.product.edit';

const sandbox = useSandbox({ products: 250, orders: 5 });
const updateProduct = operation(__dirname, 'update.workflow.json', sandbox);

const updateParams = updateProduct.parameters;

const run = (parameters: INodeParameters, items?: RunOptions['items'], continueOnFail = false) =>
	updateProduct.run(parameters, { items, continueOnFail });

/** The JSON a recorded call carried in `param`. */
function sentJson(method: string, param: string, n = 0): IDataObject {
	const call = sandbox.calls.filter((c) => c.method === method)[n];
	return JSON.parse(call.params[param]) as IDataObject;
}

function seeded(): Product {
	return sandbox.store.addProduct({
		status: 'onSelling',
		subject: 'Old Title',
		subjects: [{ language: 'en', subject: 'Old Title' }],
		skus: [
			{ sku_code: 'OLD-1', price: 10, inventory: 3, attributes: [], id: '1:1' },
			{ sku_code: 'OLD-2', price: 11, inventory: 4, attributes: [], id: '1:2' },
		],
	});
}

describe('Product → Update', () => {
	it('sends only the fields set; SKUs replace all SKUs', async () => {
		const p = seeded();
		const { items: out, error } = await run(updateParams(), [{ productId: p.product_id }]);
		expect(error).toBeUndefined();
		expect(sandbox.callCount(EDIT)).toBe(1);
		expect(sandbox.calls[0].params.edit_product_request).toContain(`"product_id":${p.product_id},`);
		expect(sentJson(EDIT, 'edit_product_request')).toEqual({
			product_id: Number(p.product_id),
			language: 'en',
			multi_language_subject_list: [{ language: 'en', subject: 'New Title' }],
			sku_info_list: [{ sku_code: 'NEW-1', price: 12.5, discount_price: 9.99, inventory: 8 }],
			weight: 1.25,
		});
		const stored = sandbox.store.products.get(p.product_id) as Product;
		expect(stored.subject).toBe('New Title');
		expect(stored.skus.map((s) => [s.sku_code, s.price, s.discount_price, s.inventory])).toEqual([
			['NEW-1', 12.5, 9.99, 8],
		]);
		expect(stored.extra.weight).toBe(1.25);
		const got = await run({ resource: 'product', operation: 'get', productId: p.product_id });
		expect(got.items[0].json).toMatchObject({
			title: 'New Title',
			weight: 1.25,
			skus: [{ skuCode: 'NEW-1', quantity: 8 }],
		});
		// the fields in the order the node reads them, not the fixture's order
		expect(out).toEqual([
			{
				json: { productId: p.product_id, success: true, updated: ['title', 'skus', 'weight'] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('the EU responsible person is refused before any call: AliExpress sets it only in a whole-product offer.product.edit', async () => {
		const p = seeded();
		const fields = await run(
			updateParams({
				updateFields: { title: 'New', msrEuId: { __rl: true, mode: 'id', value: '5002' } },
			}),
			[{ productId: p.product_id }],
		);
		expect(fields.items).toEqual([]);
		expect(fields.error?.name).toBe('NodeOperationError');
		expect(fields.error?.message).toBe(
			'Item 1, field "EU Responsible Person": AliExpress sets the EU responsible person only in a whole-product edit (aliexpress.offer.product.edit); set it when publishing, or in Seller Center',
		);
		const json = await run(
			{
				resource: 'product',
				operation: 'update',
				mode: 'json',
				productId: p.product_id,
				productJson: JSON.stringify({ msr_eu_id: 5002 }),
			},
			[{}],
		);
		expect(json.error?.message).toMatch(/^Item 1, field "Product JSON": AliExpress sets the EU/);
		expect(sandbox.callCount()).toBe(0);
		expect(sandbox.calls.some((c) => c.method === OFFER_EDIT)).toBe(false);
		expect(sandbox.store.products.get(p.product_id)?.msr_eu_id).toBeUndefined();
	});

	it('descriptions are sent as the detail JSON; a 218-character title is accepted', async () => {
		const p = seeded();
		const { error } = await run(
			updateParams({
				updateFields: {
					title: 't'.repeat(218),
					description: '<p>New</p>',
					mobileDescription: 'First.\n\nSecond.',
				},
			}),
			[{ productId: p.product_id }],
		);
		expect(error).toBeUndefined();
		const sent = sentJson(EDIT, 'edit_product_request');
		expect(sent.multi_language_description_list).toEqual([
			{
				language: 'en',
				web_detail: JSON.stringify({
					version: '2.0.0',
					moduleList: [{ type: 'html', html: { content: '<p>New</p>' } }],
				}),
				mobile_detail: JSON.stringify({
					version: '2.0.0',
					moduleList: [
						{ type: 'text', texts: [{ content: 'First.', class: 'body' }] },
						{ type: 'text', texts: [{ content: 'Second.', class: 'body' }] },
					],
				}),
			},
		]);
		expect(sandbox.store.products.get(p.product_id)?.subject).toBe('t'.repeat(218));
	});

	it('a weight mapped as text is sent as a number', async () => {
		const p = seeded();
		const { error } = await run(updateParams({ updateFields: { weight: '={{ $json.weight }}' } }), [
			{ productId: p.product_id, weight: '1.25' },
		]);
		expect(error).toBeUndefined();
		expect(sentJson(EDIT, 'edit_product_request')).toEqual({
			product_id: Number(p.product_id),
			weight: 1.25,
		});
		expect(sandbox.store.products.get(p.product_id)?.extra.weight).toBe(1.25);
	});

	it('JSON mode adds product_id to the object as written', async () => {
		const p = seeded();
		const text = '{ "brand_name": "Acme", "freight_template_id": 1002 }';
		const { items: out, error } = await run({
			resource: 'product',
			operation: 'update',
			productId: p.product_id,
			mode: 'json',
			productJson: text,
		});
		expect(error).toBeUndefined();
		expect(sandbox.calls[0].params.edit_product_request).toBe(
			`{"product_id":${p.product_id}, "brand_name": "Acme", "freight_template_id": 1002 }`,
		);
		const stored = sandbox.store.products.get(p.product_id) as Product;
		expect([stored.brand_name, stored.freight_template_id]).toEqual(['Acme', '1002']);
		expect(out[0].json).toEqual({
			productId: p.product_id,
			success: true,
			updated: ['brand_name', 'freight_template_id'],
		});
	});

	it('refuses nothing to change and bad SKUs before any call', async () => {
		const p = seeded();
		const nothing = await run(updateParams({ updateFields: {} }), [{ productId: p.product_id }]);
		expect(nothing.error?.name).toBe('NodeOperationError');
		expect(nothing.error?.message).toContain(
			'Item 1, field "Update Fields": has nothing to change',
		);
		const badSkus = await run(
			updateParams({
				updateFields: {
					skus: { sku: [{ skuCode: 'A', price: '5', discountPrice: '6', stock: 1 }] },
				},
			}),
			[{ productId: p.product_id }],
		);
		expect(badSkus.error?.name).toBe('NodeOperationError');
		expect(badSkus.error?.message).toMatch(
			/SKU 1 › Discount Price": 6 is not lower than the price 5/,
		);
		const badId = await run(updateParams({ updateFields: { title: 'x' } }), [{ productId: 'abc' }]);
		expect(badId.error?.name).toBe('NodeOperationError');
		expect(badId.error?.message).toMatch(/field "Product ID": must be a numeric AliExpress ID/);
		expect([nothing.items, badSkus.items, badId.items]).toEqual([[], [], []]);
		expect(sandbox.callCount()).toBe(0);
	});

	it('an unknown product is a NodeApiError; with Continue On Fail the other items go through', async () => {
		const p = seeded();
		const { items: out } = await run(
			updateParams({ updateFields: { brandName: 'Zed' } }),
			[{ productId: '1' }, { productId: p.product_id }],
			true,
		);
		expect(out[0].json.errorCode).toBe('isv.invalid-parameter');
		expect(out[0].json.error).toContain('GPF.CHK_PRODUCT_NOT_EXIST');
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1]).toEqual({
			json: { productId: p.product_id, success: true, updated: ['brandName'] },
			pairedItem: { item: 1 },
		});
		expect(sandbox.store.products.get(p.product_id)?.brand_name).toBe('Zed');

		// without Continue On Fail the node stops on it
		const failed = await run(updateParams({ updateFields: { brandName: 'Zed' } }), [
			{ productId: '1' },
		]);
		expect(failed.items).toEqual([]);
		expect(failed.error?.name).toBe('NodeApiError');
		expect(failed.error?.message).toContain('GPF.CHK_PRODUCT_NOT_EXIST');
	});
});
