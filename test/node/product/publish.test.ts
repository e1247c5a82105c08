/**
 * Product → Publish in n8n's engine against the sandbox: the calls made and what
 * they carried, the store's changes, every output item and its pairing,
 * Continue On Fail on and off, bad input that never reaches the API, business
 * errors, and retries that never publish twice. The parameters are the
 * fixture's (publish.workflow.json), varied per test; expected values come from
 * the sandbox store or are written out here.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Product } from '../../sandbox';
import { operation, useSandbox, type RunOptions } from '../suite';

const POST = 'aliexpress.solution.product.post';
const OFFER_POST = 'aliexpress.offer.product.post';
const INFO = 'aliexpress.solution.product.info.get';
const LIST = 'aliexpress.solution.product.list.get';

/** The detail JSON string AliExpress takes for a description (documentation articleId=120698). */
const detail = (moduleList: object[]) => JSON.stringify({ version: '2.0.0', moduleList });

const sandbox = useSandbox({ products: 250, orders: 5 });
const publishProduct = operation(__dirname, 'publish.workflow.json', sandbox);

/** The fixture's parameters (fields mode: title and SKU codes from the item's `title` and `code`). */
const publishParams = publishProduct.parameters;

const publish = (
	parameters: INodeParameters,
	items?: RunOptions['items'],
	continueOnFail = false,
) => publishProduct.run(parameters, { items, continueOnFail });

/** The JSON a recorded call carried in `param`. */
function sentJson(method: string, param: string, n = 0): IDataObject {
	const call = sandbox.calls.filter((c) => c.method === method)[n];
	return JSON.parse(call.params[param]) as IDataObject;
}

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

const dressItems = [
	{ title: 'Linen Dress Alpha', code: 'ALPHA' },
	{ title: 'Linen Dress Beta', code: 'BETA' },
];

describe('Product → Publish', () => {
	it('publishes one product per item with the API field names, and the store holds them', async () => {
		const parameters = publishParams({
			additionalFields: { mobileDescription: 'Light linen dress' },
			inventoryDeductionStrategy: 'payment_success_deduct',
			shippingLeadTime: 4,
		});
		// the second SKU's price and stock mapped from the item: a number in a text field, a
		// text in a number field, as expressions over a shop's JSON give them
		const skus = (parameters.skus as { sku: IDataObject[] }).sku;
		skus[1] = { ...skus[1], price: '={{ $json.redPrice }}', stock: '={{ $json.redStock }}' };
		const items = dressItems.map((d) => ({ ...d, redPrice: 31, redStock: '5' }));
		const { items: out, error } = await publish(parameters, items);
		expect(error).toBeUndefined();

		// without GPSR data each product is one solution.product.post (publishContract.test.ts has GPSR)
		expect(sandbox.callCount(POST)).toBe(2);
		expect(sandbox.callCount(OFFER_POST)).toBe(0);
		expect(sandbox.callCount()).toBe(2);
		const raw = sandbox.calls[0].params.post_product_request;
		// ids go as bare JSON numbers
		expect(raw).toContain('"aliexpress_category_id":200000347');
		expect(raw).toContain('"freight_template_id":1000');
		expect(sentJson(POST, 'post_product_request', 0)).toEqual({
			aliexpress_category_id: 200000347,
			language: 'en',
			multi_language_subject_list: [{ language: 'en', subject: 'Linen Dress Alpha' }],
			multi_language_description_list: [
				{
					language: 'en',
					web_detail: detail([{ type: 'html', html: { content: '<p>Light linen dress</p>' } }]),
					mobile_detail: detail([
						{ type: 'text', texts: [{ content: 'Light linen dress', class: 'body' }] },
					]),
				},
			],
			main_image_urls_list: ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'],
			sku_info_list: [
				{
					sku_code: 'ALPHA-BLU',
					price: 29.9,
					discount_price: 24.9,
					inventory: 10,
					ean_code: '4006381333931',
					sku_attributes_list: [{ sku_attribute_name_id: 14, sku_attribute_value_id: 175 }],
				},
				{ sku_code: 'ALPHA-RED', price: 31, inventory: 5 },
			],
			package_length: 30,
			package_width: 20,
			package_height: 5,
			weight: 0.35,
			freight_template_id: 1000,
			brand_name: 'NoBrand',
			inventory_deduction_strategy: 'payment_success_deduct',
			shipping_lead_time: 4,
			service_policy_id: 0,
			product_unit: 100000015,
		});

		expect(out).toHaveLength(2);
		out.forEach((o, n) => {
			expect(o.pairedItem).toEqual({ item: n });
			const stored = sandbox.store.products.get(o.json.productId as string) as Product;
			expect(stored).toBeDefined();
			expect(stored.subject).toBe(dressItems[n].title);
			expect(stored.status).toBe('onSelling');
			expect(stored.category_id).toBe('200000347');
			expect(stored.images).toEqual([
				'https://img.example.com/a.jpg',
				'https://img.example.com/b.jpg',
			]);
			expect(stored.freight_template_id).toBe('1000');
			expect(stored.msr_eu_id).toBeUndefined();
			expect(stored.extra).toMatchObject({
				package_length: 30,
				weight: 0.35,
				product_unit: 100000015,
			});
			expect(stored.skus.map((s) => [s.sku_code, s.price, s.discount_price, s.inventory])).toEqual([
				[`${dressItems[n].code}-BLU`, 29.9, 24.9, 10],
				[`${dressItems[n].code}-RED`, 31, undefined, 5],
			]);
			expect(o.json).toEqual({
				productId: stored.product_id,
				title: dressItems[n].title,
				categoryId: '200000347',
				skuCount: 2,
				skuCodes: [`${dressItems[n].code}-BLU`, `${dressItems[n].code}-RED`],
			});
		});
	});

	it('the fixture as saved publishes its SKUs as typed', async () => {
		const { items: out, error } = await publish(publishParams(), [dressItems[0]]);
		expect(error).toBeUndefined();
		expect(sentJson(POST, 'post_product_request').sku_info_list).toEqual([
			{
				sku_code: 'ALPHA-BLU',
				price: 29.9,
				discount_price: 24.9,
				inventory: 10,
				ean_code: '4006381333931',
				sku_attributes_list: [{ sku_attribute_name_id: 14, sku_attribute_value_id: 175 }],
			},
			{ sku_code: 'ALPHA-RED', price: 31, inventory: 5 },
		]);
		expect(out).toHaveLength(1);
		expect(sandbox.store.products.get(out[0].json.productId as string)?.subject).toBe(
			'Linen Dress Alpha',
		);
	});

	it('JSON mode sends the object exactly as written', async () => {
		const text = JSON.stringify(
			{
				aliexpress_category_id: 63705,
				language: 'en',
				multi_language_subject_list: [{ language: 'en', subject: 'Bone Conduction Headphones' }],
				main_image_urls_list: ['https://img.example.com/h.jpg'],
				sku_info_list: [{ sku_code: 'BCH-1', price: '45.00', inventory: 7 }],
				package_length: 10,
				package_width: 10,
				package_height: 4,
				weight: '0.2',
				freight_template_id: 1001,
				inventory_deduction_strategy: 'place_order_withhold',
				shipping_lead_time: 2,
				service_policy_id: 0,
			},
			null,
			2,
		);
		const { items: out, error } = await publish({
			resource: 'product',
			operation: 'publish',
			mode: 'json',
			productJson: text,
		});
		expect(error).toBeUndefined();
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.calls[0].params.post_product_request).toBe(text);
		const stored = sandbox.store.products.get(out[0].json.productId as string) as Product;
		expect(stored.subject).toBe('Bone Conduction Headphones');
		expect(stored.skus.map((s) => [s.sku_code, s.price, s.inventory])).toEqual([['BCH-1', 45, 7]]);
		expect(out[0]).toEqual({
			json: {
				productId: stored.product_id,
				title: 'Bone Conduction Headphones',
				categoryId: '63705',
				skuCount: 1,
				skuCodes: ['BCH-1'],
			},
			pairedItem: { item: 0 },
		});
	});

	it('JSON mode reports a syntax error with its line and column, and calls nothing', async () => {
		const text = '{\n  "language": "en",\n  "sku_info_list": [}\n}';
		const { items, error } = await publish({
			resource: 'product',
			operation: 'publish',
			mode: 'json',
			productJson: text,
		});
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/^Item 1, field "Product JSON": is not valid JSON/);
		expect(error?.message).toContain('line 3, column 21');
		expect(sandbox.callCount()).toBe(0);
	});

	const sku = (o: IDataObject = {}) => ({
		skuCode: 'X-1',
		price: '10',
		discountPrice: '',
		stock: 1,
		...o,
	});
	const oneSku = (o: IDataObject) => ({ sku: [sku(o)] });
	const images = 'https://img.example.com/a.jpg,\nhttps://img.example.com/b.jpg';
	/**
	 * [name, parameters changed for both items, item 1's fields (fine), item 2's fields (bad),
	 * message]: the bad value reaches item 2 only, through an expression over the item, as a
	 * workflow maps a shop's data.
	 */
	const bad: Array<[string, INodeParameters, IDataObject, IDataObject, RegExp]> = [
		['empty title', {}, {}, { title: '  ' }, /field "Title": is empty/],
		[
			'title over 218 characters',
			{},
			{ title: 'x'.repeat(218) },
			{ title: 'x'.repeat(219) },
			/field "Title": is 219 characters long; at most 218/,
		],
		[
			'custom SKU value with a colon',
			{ skus: oneSku({ attributes: '={{ $json.attributes }}' }) },
			{ attributes: '[{"sku_attribute_name_id": 14, "sku_attribute_value": "Midnight Blue"}]' },
			{ attributes: '[{"sku_attribute_name_id": 14, "sku_attribute_value": "Blue:Dark"}]' },
			/Attributes \(JSON\)": attribute 1 has a "sku_attribute_value" with one of \{ # : = ,/,
		],
		[
			'custom SKU value over 70 characters',
			{ skus: oneSku({ attributes: '={{ $json.attributes }}' }) },
			{ attributes: `[{"sku_attribute_name_id": 14, "sku_attribute_value": "${'v'.repeat(70)}"}]` },
			{ attributes: `[{"sku_attribute_name_id": 14, "sku_attribute_value": "${'v'.repeat(71)}"}]` },
			/attribute 1 has a "sku_attribute_value" of 71 characters; at most 70/,
		],
		[
			'no shipping lead time',
			{ shippingLeadTime: '={{ $json.lead }}' },
			{ lead: 3 },
			{ lead: '' },
			/field "Shipping Lead Time \(Days\)": is empty/,
		],
		[
			'duplicate SKU codes',
			{ skus: { sku: [sku(), sku({ skuCode: '={{ $json.second }}' })] } },
			{ second: 'X-2' },
			{ second: 'X-1' },
			/field "SKUs › SKU 2 › SKU Code": "X-1" is already the code of SKU 1/,
		],
		[
			'price of 0',
			{ skus: oneSku({ price: '={{ $json.price }}' }) },
			{ price: '10' },
			{ price: '0' },
			/SKU 1 › Price": must be from 0.01 to 999999/,
		],
		[
			'price with 3 decimals',
			{ skus: oneSku({ price: '={{ $json.price }}' }) },
			{ price: '10' },
			{ price: '9.999' },
			/SKU 1 › Price": must be from 0.01/,
		],
		[
			'price above range',
			{ skus: oneSku({ price: '={{ $json.price }}' }) },
			{ price: '10' },
			{ price: 1000000 },
			/SKU 1 › Price"/,
		],
		[
			'discount not below price',
			{ skus: oneSku({ discountPrice: '={{ $json.discount }}' }) },
			{ discount: '' },
			{ discount: '10' },
			/SKU 1 › Discount Price": 10 is not lower than the price 10/,
		],
		[
			'stock 0',
			{ skus: oneSku({ stock: '={{ $json.stock }}' }) },
			{ stock: 1 },
			{ stock: 0 },
			/SKU 1 › Stock": must be a whole number from 1 to 999999/,
		],
		[
			'fractional stock',
			{ skus: oneSku({ stock: '={{ $json.stock }}' }) },
			{ stock: 1 },
			{ stock: '1.5' },
			/SKU 1 › Stock"/,
		],
		[
			'bad attributes JSON',
			{ skus: oneSku({ attributes: '={{ $json.attributes }}' }) },
			{ attributes: '' },
			{ attributes: '[{"a":}]' },
			/Attributes \(JSON\)": is not valid JSON/,
		],
		[
			'no image',
			{ images: '={{ $json.images }}' },
			{ images },
			{ images: '' },
			/field "Images": is empty/,
		],
		[
			'seven images',
			{ images: '={{ $json.images }}' },
			{ images },
			{ images: Array.from({ length: 7 }, (_, n) => `https://img.example.com/${n}.jpg`).join(',') },
			/field "Images": has 7 URLs/,
		],
		[
			'http image',
			{ images: '={{ $json.images }}' },
			{ images },
			{ images: 'http://img.example.com/a.jpg' },
			/field "Images": image 1 is not an https URL/,
		],
		[
			'package length 0',
			{ packageLength: '={{ $json.length }}' },
			{ length: 30 },
			{ length: 0 },
			/field "Package Length \(Cm\)": must be a whole number from 1 to 700/,
		],
		[
			'package height 701',
			{ packageHeight: '={{ $json.height }}' },
			{ height: 5 },
			{ height: 701 },
			/field "Package Height \(Cm\)"/,
		],
		[
			'weight 0',
			{ weight: '={{ $json.weight }}' },
			{ weight: 0.35 },
			{ weight: 0 },
			/field "Weight \(Kg\)": must be from 0.001 to 500/,
		],
		[
			'weight 501',
			{ weight: '={{ $json.weight }}' },
			{ weight: 0.35 },
			{ weight: 501 },
			/field "Weight \(Kg\)"/,
		],
		[
			'category not numeric',
			{ categoryId: rl('={{ $json.category }}', 'id') },
			{ category: '200000347' },
			{ category: 'Dresses' },
			/field "Category": must be a numeric AliExpress ID/,
		],
		[
			'no freight template',
			{ freightTemplateId: rl('={{ $json.template }}') },
			{ template: '1000' },
			{ template: '' },
			/field "Freight Template": is empty/,
		],
		[
			'image qualification without https',
			{
				// GPSR data publishes through offer.product.post, which has no brand field
				brandName: '',
				additionalFields: {
					qualifications: {
						qualification: [
							{ key: 'item_EU_CE_certificate', type: 'image', value: '={{ $json.certificate }}' },
						],
					},
				},
			},
			{ certificate: 'https://img.example.com/ce.jpg' },
			{ certificate: 'ce.jpg' },
			/Qualifications › 1 › Value": must be an https URL/,
		],
	];

	it.each(bad)(
		'rejects %s before any call, naming item and field',
		async (_name, override, good, wrong, message) => {
			// item 1 is fine, item 2 is bad: without Continue On Fail nothing is sent at all
			const items = [
				{ ...dressItems[0], ...good },
				{ ...dressItems[1], ...wrong },
			];
			const { items: out, error } = await publish(publishParams(override), items);
			expect(out).toEqual([]);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(/^Item 2, field "/);
			expect(error?.message).toMatch(message);
			expect(error?.description).toBeTruthy();
			expect(sandbox.callCount()).toBe(0);
		},
	);

	it('rejects no SKU before any call, naming item and field', async () => {
		// n8n gives a fixed collection the same entries for every item (an expression in its place
		// is not evaluated), so no SKU is no SKU for all items and item 1 is the one named
		const { items: out, error } = await publish(publishParams({ skus: {} }), dressItems);
		expect(out).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/^Item 1, field "/);
		expect(error?.message).toMatch(/field "SKUs": has no SKU/);
		expect(error?.description).toBeTruthy();
		expect(sandbox.callCount()).toBe(0);
	});

	it('the good item of each bad case publishes alone (the table above fails for item 2 only)', async () => {
		// proves each case's item 1 is valid as written, so "Item 2" above is the only fault
		for (const [name, override, good] of bad) {
			sandbox.resetCalls();
			const { items: out, error } = await publish(publishParams(override), [
				{ ...dressItems[0], ...good },
			]);
			expect([name, error?.message]).toEqual([name, undefined]);
			// a product with qualifications is one offer.product.post instead
			const posts = sandbox.callCount(POST) + sandbox.callCount(OFFER_POST);
			expect([name, out.length, posts]).toEqual([name, 1, 1]);
		}
	});

	it('with Continue On Fail a bad item fails alone and the others are published', async () => {
		const before = sandbox.store.products.size;
		const items = [
			{ title: 'Good One', code: 'G1' },
			{ title: '', code: 'BAD' },
			{ title: 'Good Two', code: 'G2' },
		];
		const { items: out } = await publish(publishParams(), items, true);
		expect(sandbox.callCount(POST)).toBe(2);
		expect(sandbox.store.products.size).toBe(before + 2);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toBe('Item 2, field "Title": is empty');
		expect(sandbox.store.products.get(out[0].json.productId as string)?.subject).toBe('Good One');
		expect(sandbox.store.products.get(out[2].json.productId as string)?.subject).toBe('Good Two');
	});

	it('a non-leaf category comes back as a NodeApiError with the platform code', async () => {
		const before = sandbox.store.products.size;
		const failed = await publish(publishParams({ categoryId: rl('3', 'id') }), [dressItems[0]]);
		expect(failed.items).toEqual([]);
		expect(failed.error?.name).toBe('NodeApiError');
		expect(failed.error?.message).toContain('GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY');
		expect(failed.error?.description).toMatch(/leaf category/);
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.store.products.size).toBe(before);

		const { items: out } = await publish(
			publishParams({ categoryId: rl('3', 'id') }),
			[dressItems[0]],
			true,
		);
		expect(out).toHaveLength(1);
		expect(out[0].json.error).toContain('GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY');
		expect(out[0].json.errorCode).toBe('isv.invalid-parameter'); // product.post documents no failure fields
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('never publishes twice: a lost answer is looked up, not retried blindly; a refused call is retried', async () => {
		// the gateway processes the post, then the connection drops: the fate is unknown, so the node
		// looks the product up (title, then SKU codes) and finds it instead of posting again
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [POST], afterProcessing: true },
		});
		const before = sandbox.store.products.size;
		const lost = await publish(publishParams({ options: { maxAttempts: 4 } }), [dressItems[0]]);
		expect(lost.error).toBeUndefined();
		const out = lost.items;
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.store.products.size).toBe(before + 1);
		expect(out).toHaveLength(1);
		expect(out[0].json.recovered).toBe(true);
		expect(sandbox.store.products.get(out[0].json.productId as string)?.subject).toBe(
			dressItems[0].title,
		);

		// a quota refusal proves nothing ran: retried (quota answers are not attempts: Max Retry
		// Time alone bounds them), nothing created
		sandbox.resetCalls();
		sandbox.setOptions({ faults: { rate: 1, kinds: ['rateLimit'], methods: [POST] } });
		const refused = await publish(publishParams({ options: { maxAttempts: 2, maxRetryTime: 3 } }), [
			dressItems[0],
		]);
		expect(refused.items).toEqual([]);
		expect(refused.error?.name).toBe('NodeApiError');
		expect(sandbox.callCount(POST)).toBeGreaterThan(2);
		expect(sandbox.store.products.size).toBe(before + 1);
	});
});
