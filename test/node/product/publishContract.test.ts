/**
 * Product → Publish speaks the documented contract (issue 13): descriptions as
 * the detail JSON, GPSR through a whole-product aliexpress.offer.product.post, the documented
 * languages, custom SKU values, and the lost-answer lookup by sku_code. The
 * sandbox models the documentation (test/sandbox/productContract.ts,
 * offerProducts.ts); expected values come from the store or are written out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LANGUAGE_OPTIONS } from '../../../nodes/AliExpress/descriptions/product';
import { operation, useSandbox } from '../suite';

const POST = 'aliexpress.solution.product.post';
const OFFER_POST = 'aliexpress.offer.product.post';
const OFFER_EDIT = 'aliexpress.offer.product.edit';

/** The documented required fields of aeop_a_e_product (test/contract, from the documentation table). */
const OFFER_POST_REQUIRED = Object.entries(
	(
		JSON.parse(
			readFileSync(join(__dirname, '../../contract/aliexpress.offer.product.post.json'), 'utf8'),
		) as { request: { aeop_a_e_product: { fields: Record<string, { required?: boolean }> } } }
	).request.aeop_a_e_product.fields,
)
	.filter(([, f]) => f.required)
	.map(([k]) => k);
const INFO = 'aliexpress.solution.product.info.get';
const LIST = 'aliexpress.solution.product.list.get';

const sandbox = useSandbox({ products: 250, orders: 5 });
const publishProduct = operation(__dirname, 'publish.workflow.json', sandbox);
const publish = (parameters: INodeParameters, items?: IDataObject[], continueOnFail = false) =>
	publishProduct.run(parameters, { items, continueOnFail });

const item = { title: 'Linen Dress Gamma', code: 'GAMMA' };
const sentJson = (method: string, param: string): IDataObject =>
	JSON.parse(sandbox.calls.find((c) => c.method === method)!.params[param]) as IDataObject;
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

	const gpsrFields = {
		msrEuId: { __rl: true, mode: 'id', value: '5002' },
		qualifications: {
			qualification: [
				{ key: 'item_EU_CE_certificate', type: 'image', value: 'https://img.example.com/ce.jpg' },
			],
		},
		mobileDescription: 'Light linen dress',
	};
	const gpsrParams = (o: INodeParameters = {}) =>
		publishProduct.parameters({ brandName: '', additionalFields: gpsrFields, ...o });

	it('with GPSR data: one aliexpress.offer.product.post carrying the whole product, and the store has it', async () => {
		const { items: out, error } = await publish(gpsrParams(), [item]);
		expect(error).toBeUndefined();
		expect(sandbox.callCount(OFFER_POST)).toBe(1);
		expect(sandbox.callCount(POST)).toBe(0);
		expect(sandbox.callCount(OFFER_EDIT)).toBe(0);
		expect(sandbox.callCount()).toBe(1);
		const sent = sentJson(OFFER_POST, 'aeop_a_e_product');
		// every field the documentation table marks required (test/contract, from lindejin's DTO)
		for (const key of OFFER_POST_REQUIRED) expect(sent[key]).toBeDefined();
		expect(OFFER_POST_REQUIRED.length).toBeGreaterThanOrEqual(12);
		expect(sent).toEqual({
			locale: 'en_US',
			category_id: 200000347,
			subject_list: [{ locale: 'en_US', value: item.title }],
			detail_source_list: [
				{
					locale: 'en_US',
					web_detail: detail([{ type: 'html', html: { content: '<p>Light linen dress</p>' } }]),
					mobile_detail: detail([
						{ type: 'text', texts: [{ content: 'Light linen dress', class: 'body' }] },
					]),
				},
			],
			image_u_r_ls: 'https://img.example.com/a.jpg;https://img.example.com/b.jpg',
			aeop_ae_product_s_k_us: [
				{
					sku_code: 'GAMMA-BLU',
					sku_price: '29.9',
					sku_discount_price: '24.9',
					ipm_sku_stock: 10,
					ean_code: '4006381333931',
					aeop_s_k_u_property: [{ sku_property_id: 14, property_value_id: 175 }],
				},
				{ sku_code: 'GAMMA-RED', sku_price: '31', ipm_sku_stock: 5 },
			],
			package_length: 30,
			package_width: 20,
			package_height: 5,
			package_type: false,
			gross_weight: '0.35',
			freight_template_id: 1000,
			reduce_strategy: 'place_order_withhold',
			delivery_time: 3,
			promise_template_id: 0,
			product_unit: 100000015,
			msr_eu_id: '5002',
			aeop_qualification_struct_list: [
				{ key: 'item_EU_CE_certificate', type: 'image', value: 'https://img.example.com/ce.jpg' },
			],
		});
		const id = out[0].json.productId as string;
		expect(out[0].json).toEqual({
			productId: id,
			title: item.title,
			categoryId: '200000347',
			skuCount: 2,
			skuCodes: ['GAMMA-BLU', 'GAMMA-RED'],
			msrEuId: '5002',
			qualificationCount: 1,
		});
		const stored = sandbox.store.products.get(id)!;
		expect(stored).toMatchObject({
			category_id: '200000347',
			subject: item.title,
			images: ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'],
			msr_eu_id: '5002',
			qualifications: [
				{ key: 'item_EU_CE_certificate', type: 'image', value: 'https://img.example.com/ce.jpg' },
			],
		});
		expect(stored.descriptions).toHaveLength(1);
		expect(stored.skus.map((s) => [s.sku_code, s.price, s.inventory])).toEqual([
			['GAMMA-BLU', 29.9, 10],
			['GAMMA-RED', 31, 5],
		]);
		// Get reads it back
		const got = await publishProduct.run(
			{ resource: 'product', operation: 'get', productId: id },
			{},
		);
		expect(got.items[0].json).toMatchObject({ productId: id, title: item.title });
	});

	it('JSON mode with msr_eu_id: the same product as aeop_a_e_product of offer.product.post', async () => {
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
		expect(sandbox.callCount(POST)).toBe(0);
		const sent = sentJson(OFFER_POST, 'aeop_a_e_product');
		for (const key of OFFER_POST_REQUIRED) expect(sent[key]).toBeDefined();
		expect(sent).toMatchObject({
			category_id: 63705,
			locale: 'en_US',
			subject_list: [{ locale: 'en_US', value: 'Bone Conduction Headphones' }],
			detail_source_list: [{ locale: 'en_US' }],
			image_u_r_ls: 'https://img.example.com/h.jpg',
			aeop_ae_product_s_k_us: [{ sku_code: 'BCH-7', sku_price: '45.00', ipm_sku_stock: 7 }],
			gross_weight: '0.2',
			reduce_strategy: 'place_order_withhold',
			delivery_time: 2,
			promise_template_id: 0,
			msr_eu_id: '5002',
		});
		expect(sent).not.toHaveProperty('multi_language_subject_list');
		expect(sandbox.store.products.get(out[0].json.productId as string)).toMatchObject({
			msr_eu_id: '5002',
			qualifications: [{ key: 'item_EU_warning', type: 'text', value: 'Keep dry' }],
		});
	});

	it('with GPSR data a brand name, or a lead time beyond 7 days, fails the item before any call', async () => {
		const branded = await publish(gpsrParams({ brandName: 'NoBrand' }), [item]);
		expect(branded.items).toEqual([]);
		expect(branded.error?.name).toBe('NodeOperationError');
		expect(branded.error?.message).toMatch(
			/^Item 1, field "Brand Name": brand_name cannot be sent/,
		);
		const slow = await publish(gpsrParams({ shippingLeadTime: 10 }), [item]);
		expect(slow.error?.message).toMatch(
			/^Item 1, field "Shipping Lead Time \(Days\)": must be from 1 to 7 days/,
		);
		expect(sandbox.callCount()).toBe(0);
	});

	it('without GPSR data Publish stays on aliexpress.solution.product.post', async () => {
		const { error } = await publish(publishProduct.parameters(), [item]);
		expect(error).toBeUndefined();
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.callCount(OFFER_POST)).toBe(0);
	});

	it('a lost offer.product.post answer is recovered by the lookup, never published twice', async () => {
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [OFFER_POST], afterProcessing: true },
		});
		const before = sandbox.store.products.size;
		const { items: out, error } = await publish(gpsrParams({ options: { maxAttempts: 4 } }), [
			item,
		]);
		expect(error).toBeUndefined();
		expect(out[0].json.recovered).toBe(true);
		expect(sandbox.callCount(OFFER_POST)).toBe(1);
		expect(sandbox.store.products.size).toBe(before + 1);
		expect(sandbox.store.products.get(out[0].json.productId as string)?.msr_eu_id).toBe('5002');
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
