/**
 * Product → Publish speaks the documented contract (issue 13): descriptions as
 * the detail JSON, GPSR through aliexpress.offer.product.edit, the documented
 * languages, custom SKU values, and the lost-answer lookup by sku_code. The
 * sandbox models the documentation (test/sandbox/productContract.ts,
 * offerProducts.ts); expected values come from the store or are written out.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LANGUAGE_OPTIONS } from '../../../nodes/AliExpress/descriptions/product';
import { operation, useSandbox } from '../suite';

const POST = 'aliexpress.solution.product.post';
const OFFER_EDIT = 'aliexpress.offer.product.edit';
const INFO = 'aliexpress.solution.product.info.get';
const LIST = 'aliexpress.solution.product.list.get';

const sandbox = useSandbox({ products: 250, orders: 5 });
const publishProduct = operation(__dirname, 'publish.workflow.json', sandbox);
const publish = (parameters: INodeParameters, items?: IDataObject[], continueOnFail = false) =>
	publishProduct.run(parameters, { items, continueOnFail });

const item = { title: 'Linen Dress Gamma', code: 'GAMMA' };
const detail = (moduleList: object[]) => JSON.stringify({ version: '2.0.0', moduleList });

const jsonProduct = (o: IDataObject = {}) => ({
	aliexpress_category_id: 63705,
	language: 'en',
	multi_language_subject_list: [{ language: 'en', subject: 'Bone Conduction Headphones' }],
	main_image_urls_list: ['https://img.example.com/h.jpg'],
	sku_info_list: [{ sku_code: 'BCH-7', price: '45.00', inventory: 7 }],
	package_length: 10,
	package_width: 10,
	package_height: 4,
	weight: '0.2',
	freight_template_id: 1001,
	inventory_deduction_strategy: 'place_order_withhold',
	shipping_lead_time: 2,
	service_policy_id: 0,
	...o,
});
const jsonParams = (product: IDataObject) => ({
	resource: 'product',
	operation: 'publish',
	mode: 'json',
	productJson: JSON.stringify(product),
});

describe('Product → Publish (documented contract)', () => {
	it('JSON mode sends a detail JSON as is, and product.info.get answers it back as stored', async () => {
		const web = detail([{ type: 'html', html: { content: '<h1>Open-ear sound</h1>' } }]);
		const mobile = detail([
			{ type: 'text', texts: [{ content: 'Open-ear sound', class: 'body' }] },
			{ type: 'image', images: [{ url: 'https://img.example.com/h.jpg', style: {} }] },
		]);
		const { items: out, error } = await publish(
			jsonParams(
				jsonProduct({
					multi_language_description_list: [
						{ language: 'en', web_detail: web, mobile_detail: mobile },
					],
				}),
			),
		);
		expect(error).toBeUndefined();
		const id = out[0].json.productId as string;
		const raw = await publishProduct.run(
			{ resource: 'product', operation: 'get', productId: id, simplify: false },
			{},
		);
		expect(sandbox.callCount(INFO)).toBe(1);
		expect(
			(raw.items[0].json.multi_language_description_list as IDataObject).global_description,
		).toEqual([{ locale: 'en', web_detail: web, mobile_detail: mobile }]);
	});

	const badDetails: Array<[string, IDataObject, RegExp]> = [
		[
			'HTML as web_detail',
			{ language: 'en', web_detail: '<p>Open-ear sound</p>' },
			/multi_language_description_list\[0\]\.web_detail is not a detail JSON string/,
		],
		[
			'an html module in mobile_detail',
			{
				language: 'en',
				mobile_detail: detail([{ type: 'html', html: { content: '<p>x</p>' } }]),
			},
			/mobile_detail module 1 is of type "html", which mobile_detail does not support/,
		],
		[
			'a dynamic module in mobile_detail',
			{
				language: 'en',
				mobile_detail: detail([{ type: 'dynamic', reference: { type: 'relation', moduleId: 1 } }]),
			},
			/module 1 is of type "dynamic"/,
		],
		[
			'a detail without version 2.0.0',
			{ language: 'en', web_detail: JSON.stringify({ moduleList: [] }) },
			/web_detail has version .*; it must be "2.0.0"/,
		],
		[
			'a detail without moduleList',
			{ language: 'en', web_detail: JSON.stringify({ version: '2.0.0' }) },
			/web_detail has no moduleList list/,
		],
	];

	it.each(badDetails)(
		'JSON mode refuses %s before any call, naming item and field',
		async (_name, entry, message) => {
			const { items: out, error } = await publish(
				jsonParams(jsonProduct({ multi_language_description_list: [entry] })),
			);
			expect(out).toEqual([]);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(/^Item 1, field "Product JSON": /);
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(/detail JSON/);
			expect(sandbox.callCount()).toBe(0);
		},
	);

	it('JSON mode: msr_eu_id and qualifications go through aliexpress.offer.product.edit, and the store has them', async () => {
		const { items: out, error } = await publish(
			jsonParams(
				jsonProduct({
					msr_eu_id: 5002,
					aeop_qualification_struct_list: [
						{ key: 'item_EU_warning', type: 'text', value: 'Keep dry' },
					],
				}),
			),
		);
		expect(error).toBeUndefined();
		const id = out[0].json.productId as string;
		const posted = JSON.parse(
			sandbox.calls.find((c) => c.method === POST)!.params.post_product_request,
		) as IDataObject;
		expect(posted).not.toHaveProperty('msr_eu_id');
		expect(posted).not.toHaveProperty('aeop_qualification_struct_list');
		expect(sandbox.callCount(OFFER_EDIT)).toBe(1);
		expect(sandbox.store.products.get(id)).toMatchObject({
			msr_eu_id: '5002',
			qualifications: [{ key: 'item_EU_warning', type: 'text', value: 'Keep dry' }],
		});
		expect(out[0].json).toMatchObject({ msrEuId: '5002', qualificationCount: 1 });
	});

	it('a refused GPSR call fails the item saying the product exists and is not to be published again', async () => {
		const parameters = publishProduct.parameters({
			additionalFields: { msrEuId: { __rl: true, mode: 'id', value: '9999' } },
		});
		const before = sandbox.store.products.size;
		const { items: out, error } = await publish(parameters, [item]);
		expect(out).toEqual([]);
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.callCount(OFFER_EDIT)).toBe(1);
		expect(sandbox.store.products.size).toBe(before + 1);
		const created = [...sandbox.store.products.values()].find((p) => p.subject === item.title)!;
		expect(created.msr_eu_id).toBeUndefined();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain(
			`product ${created.product_id} was published, but its EU product safety data`,
		);
		expect(error?.description).toMatch(/Do not publish it again/);
	});

	it('the languages are exactly the documented ones (Hebrew is iw), and iw publishes', async () => {
		expect(LANGUAGE_OPTIONS.map((o) => o.value).sort()).toEqual(
			'en ru es fr it tr pt de nl in ar ja ko th vi iw'.split(' ').sort(),
		);
		const { items: out, error } = await publish(publishProduct.parameters({ language: 'iw' }), [
			item,
		]);
		expect(error).toBeUndefined();
		expect(sandbox.store.products.get(out[0].json.productId as string)?.language).toBe('iw');
	});

	it('a custom SKU value is published, and Get reads it back by property id', async () => {
		const parameters = publishProduct.parameters({
			skus: {
				sku: [
					{
						skuCode: 'CUSTOM-1',
						price: '10',
						stock: 2,
						attributes:
							'[{"sku_attribute_name_id": 14, "sku_attribute_value_id": 29, "sku_attribute_value": "Midnight Blue"}]',
					},
				],
			},
		});
		const { items: out, error } = await publish(parameters, [item]);
		expect(error).toBeUndefined();
		const id = out[0].json.productId as string;
		const got = await publishProduct.run(
			{ resource: 'product', operation: 'get', productId: id },
			{},
		);
		const sku = (got.items[0].json.skus as IDataObject[])[0];
		expect(sku.attributes).toEqual({ '14': 'Midnight Blue' });
		expect(sku.properties).toEqual([
			{ propertyId: '14', valueId: '29', customValue: 'Midnight Blue' },
		]);
	});

	it('a lost answer is looked up by exact sku_code, not by title', async () => {
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [POST], afterProcessing: true },
		});
		const { items: out, error } = await publish(
			publishProduct.parameters({ options: { maxAttempts: 4 } }),
			[item],
		);
		expect(error).toBeUndefined();
		expect(out[0].json.recovered).toBe(true);
		const lists = sandbox.calls
			.filter((c) => c.method === LIST)
			.map((c) => JSON.parse(c.params.aeop_a_e_product_list_query) as IDataObject);
		expect(lists.length).toBeGreaterThan(0);
		for (const q of lists) {
			expect(q.sku_code).toBe('GAMMA-BLU');
			expect(q).not.toHaveProperty('subject');
		}
	});
});
