/**
 * Product operations (Publish, Update, Get, Get Many) and the resource
 * locators' list searches, run through the node's own code against the
 * sandbox: the calls made and what they carried, the store's changes, every
 * output item and its pairing, Continue On Fail on and off, bad input that
 * never reaches the API, business errors, and retries that never publish twice.
 * Expected values come from the sandbox store or are written out here.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as inventoryUpdate from '../../nodes/AliExpress/actions/inventory/update.operation';
import * as productGet from '../../nodes/AliExpress/actions/product/get.operation';
import * as productGetMany from '../../nodes/AliExpress/actions/product/getMany.operation';
import * as productPublish from '../../nodes/AliExpress/actions/product/publish.operation';
import * as productUpdate from '../../nodes/AliExpress/actions/product/update.operation';
import { listSearch } from '../../nodes/AliExpress/methods/listSearch';
import { AliExpressClient, type TransportSettings } from '../../nodes/AliExpress/transport/request';
import { createContext, type ParamValue, sandboxCredentials } from '../helpers/context';
import { startSandbox, type Product, type Sandbox } from '../sandbox';

const POST = 'aliexpress.solution.product.post';
const EDIT = 'aliexpress.solution.product.edit';
const INFO = 'aliexpress.solution.product.info.get';
const LIST = 'aliexpress.solution.product.list.get';
const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 250, orders: 5 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.resetCalls();
	sandbox.setOptions({ faults: undefined });
});

type Operation = { execute: typeof productPublish.execute };

function credentials() {
	return sandboxCredentials(sandbox);
}

async function run(
	op: Operation,
	parameters: Record<string, ParamValue>,
	items: IDataObject[] = [{}],
	continueOnFail = false,
	settings: Partial<TransportSettings> = {},
): Promise<INodeExecutionData[]> {
	const { ctx } = createContext({ credentials: credentials(), parameters, items, continueOnFail });
	return await op.execute.call(ctx, new AliExpressClient(ctx, { baseDelayMs: 1, ...settings }));
}

/** The JSON a recorded call carried in `param`. */
function sentJson(method: string, param: string, n = 0): IDataObject {
	const call = sandbox.calls.filter((c) => c.method === method)[n];
	return JSON.parse(call.params[param]) as IDataObject;
}

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

/** A complete, valid publish in fields mode; tests override single parameters. */
function publishParams(overrides: Record<string, ParamValue> = {}): Record<string, ParamValue> {
	return {
		mode: 'fields',
		categoryId: rl('200000347'),
		language: 'en',
		title: (item: INodeExecutionData) => item.json.title,
		description: '<p>Light linen dress</p>',
		images: 'https://img.example.com/a.jpg,\nhttps://img.example.com/b.jpg',
		skus: (item: INodeExecutionData) => ({
			sku: [
				{
					skuCode: `${item.json.code}-BLU`,
					price: '29.90',
					discountPrice: '24.90',
					stock: 10,
					ean: '4006381333931',
					attributes: '[{"sku_attribute_name_id": 14, "sku_attribute_value_id": 175}]',
				},
				{
					skuCode: `${item.json.code}-RED`,
					price: 31,
					discountPrice: '',
					stock: '5',
					ean: '',
					attributes: '',
				},
			],
		}),
		packageLength: 30,
		packageWidth: 20,
		packageHeight: 5,
		weight: 0.35,
		freightTemplateId: rl('1000'),
		brandName: 'NoBrand',
		additionalFields: {},
		...overrides,
	};
}

const dressItems = [
	{ title: 'Linen Dress Alpha', code: 'ALPHA' },
	{ title: 'Linen Dress Beta', code: 'BETA' },
];

describe('Product → Publish', () => {
	it('publishes one product per item with the API field names, and the store holds them', async () => {
		const out = await run(
			productPublish,
			publishParams({
				additionalFields: {
					msrEuId: rl('5001'),
					qualifications: {
						qualification: [
							{
								key: 'item_EU_CE_certificate',
								type: 'image',
								value: 'https://img.example.com/ce.jpg',
							},
						],
					},
					inventoryDeductionStrategy: 'payment_success_deduct',
					shippingLeadTime: 3,
					mobileDescription: 'Light linen dress',
				},
			}),
			dressItems,
		);

		expect(sandbox.callCount(POST)).toBe(2);
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
					web_detail: '<p>Light linen dress</p>',
					mobile_detail: 'Light linen dress',
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
			msr_eu_id: 5001,
			aeop_qualification_struct_list: [
				{ key: 'item_EU_CE_certificate', type: 'image', value: 'https://img.example.com/ce.jpg' },
			],
			inventory_deduction_strategy: 'payment_success_deduct',
			shipping_lead_time: 3,
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
			expect(stored.msr_eu_id).toBe('5001');
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
			},
			null,
			2,
		);
		const out = await run(productPublish, { mode: 'json', productJson: text });
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
		const error = await run(productPublish, { mode: 'json', productJson: text }).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/^Item 1, field "Product JSON": is not valid JSON/);
		expect((error as Error).message).toContain('line 3, column 21');
		expect(sandbox.callCount()).toBe(0);
	});

	const sku = (o: IDataObject = {}) => ({
		skuCode: 'X-1',
		price: '10',
		discountPrice: '',
		stock: 1,
		...o,
	});
	const bad: Array<[string, Record<string, ParamValue>, RegExp]> = [
		['empty title', { title: '  ' }, /field "Title": is empty/],
		[
			'title over 128 characters',
			{ title: 'x'.repeat(129) },
			/field "Title": is 129 characters long/,
		],
		['no SKU', { skus: {} }, /field "SKUs": has no SKU/],
		[
			'duplicate SKU codes',
			{ skus: { sku: [sku(), sku({ skuCode: 'X-1' })] } },
			/field "SKUs › SKU 2 › SKU Code": "X-1" is already the code of SKU 1/,
		],
		[
			'price of 0',
			{ skus: { sku: [sku({ price: '0' })] } },
			/SKU 1 › Price": must be from 0.01 to 999999/,
		],
		[
			'price with 3 decimals',
			{ skus: { sku: [sku({ price: '9.999' })] } },
			/SKU 1 › Price": must be from 0.01/,
		],
		['price above range', { skus: { sku: [sku({ price: 1000000 })] } }, /SKU 1 › Price"/],
		[
			'discount not below price',
			{ skus: { sku: [sku({ discountPrice: '10' })] } },
			/SKU 1 › Discount Price": 10 is not lower than the price 10/,
		],
		[
			'stock 0',
			{ skus: { sku: [sku({ stock: 0 })] } },
			/SKU 1 › Stock": must be a whole number from 1 to 999999/,
		],
		['fractional stock', { skus: { sku: [sku({ stock: '1.5' })] } }, /SKU 1 › Stock"/],
		[
			'bad attributes JSON',
			{ skus: { sku: [sku({ attributes: '[{"a":}]' })] } },
			/Attributes \(JSON\)": is not valid JSON/,
		],
		['no image', { images: '' }, /field "Images": is empty/],
		[
			'seven images',
			{ images: Array.from({ length: 7 }, (_, n) => `https://img.example.com/${n}.jpg`).join(',') },
			/field "Images": has 7 URLs/,
		],
		[
			'http image',
			{ images: 'http://img.example.com/a.jpg' },
			/field "Images": image 1 is not an https URL/,
		],
		[
			'package length 0',
			{ packageLength: 0 },
			/field "Package Length \(Cm\)": must be a whole number from 1 to 700/,
		],
		['package height 701', { packageHeight: 701 }, /field "Package Height \(Cm\)"/],
		['weight 0', { weight: 0 }, /field "Weight \(Kg\)": must be from 0.001 to 500/],
		['weight 501', { weight: 501 }, /field "Weight \(Kg\)"/],
		[
			'category not numeric',
			{ categoryId: rl('Dresses', 'id') },
			/field "Category": must be a numeric AliExpress ID/,
		],
		['no freight template', { freightTemplateId: rl('') }, /field "Freight Template": is empty/],
		[
			'image qualification without https',
			{
				additionalFields: {
					qualifications: {
						qualification: [{ key: 'item_EU_CE_certificate', type: 'image', value: 'ce.jpg' }],
					},
				},
			},
			/Qualifications › 1 › Value": must be an https URL/,
		],
	];

	it.each(bad)(
		'rejects %s before any call, naming item and field',
		async (_name, override, message) => {
			// item 1 is fine, item 2 is bad: without Continue On Fail nothing is sent at all
			const params = publishParams();
			for (const [key, value] of Object.entries(override)) {
				const good = params[key];
				params[key] = (item: INodeExecutionData, n: number) =>
					n === 1
						? value
						: typeof good === 'function'
							? (good as (i: INodeExecutionData) => unknown)(item)
							: good;
			}
			const error = await run(productPublish, params, dressItems).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toMatch(/^Item 2, field "/);
			expect((error as Error).message).toMatch(message);
			expect((error as NodeOperationError).description).toBeTruthy();
			expect(sandbox.callCount()).toBe(0);
		},
	);

	it('with Continue On Fail a bad item fails alone and the others are published', async () => {
		const before = sandbox.store.products.size;
		const items = [
			{ title: 'Good One', code: 'G1' },
			{ title: '', code: 'BAD' },
			{ title: 'Good Two', code: 'G2' },
		];
		const out = await run(productPublish, publishParams(), items, true);
		expect(sandbox.callCount(POST)).toBe(2);
		expect(sandbox.store.products.size).toBe(before + 2);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toBe('Item 2, field "Title": is empty');
		expect(sandbox.store.products.get(out[0].json.productId as string)?.subject).toBe('Good One');
		expect(sandbox.store.products.get(out[2].json.productId as string)?.subject).toBe('Good Two');
	});

	it('a non-leaf category comes back as a NodeApiError with the platform code', async () => {
		const before = sandbox.store.products.size;
		const error = await run(productPublish, publishParams({ categoryId: rl('3', 'id') }), [
			dressItems[0],
		]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toContain('GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY');
		expect((error as NodeApiError).description).toMatch(/leaf category/);
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.store.products.size).toBe(before);

		const out = await run(
			productPublish,
			publishParams({ categoryId: rl('3', 'id') }),
			[dressItems[0]],
			true,
		);
		expect(out).toHaveLength(1);
		expect(out[0].json.error).toContain('GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY');
		expect(out[0].json.errorCode).toBe('GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY');
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('never publishes twice: a lost answer is looked up, not retried blindly; a refused call is retried', async () => {
		// the gateway processes the post, then the connection drops: the fate is unknown, so the node
		// looks the product up (title, then SKU codes) and finds it instead of posting again
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [POST], afterProcessing: true },
		});
		const before = sandbox.store.products.size;
		const out = await run(productPublish, publishParams(), [dressItems[0]], false, {
			maxAttempts: 4,
		});
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
		await expect(
			run(productPublish, publishParams(), [dressItems[0]], false, {
				maxAttempts: 2,
				maxRetryTimeMs: 3000,
			}),
		).rejects.toBeInstanceOf(NodeApiError);
		expect(sandbox.callCount(POST)).toBeGreaterThan(2);
		expect(sandbox.store.products.size).toBe(before + 1);
	});
});

describe('Product → Update', () => {
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

	it('sends only the fields set; SKUs replace all SKUs', async () => {
		const p = seeded();
		const out = await run(productUpdate, {
			productId: p.product_id,
			mode: 'fields',
			updateFields: {
				title: 'New Title',
				skus: { sku: [{ skuCode: 'NEW-1', price: '12.50', discountPrice: '9.99', stock: 8 }] },
				weight: '1.25',
			},
		});
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
		const got = await run(productGet, { productId: p.product_id, simplify: true });
		expect(got[0].json).toMatchObject({
			title: 'New Title',
			weight: 1.25,
			skus: [{ skuCode: 'NEW-1', quantity: 8 }],
		});
		expect(out).toEqual([
			{
				json: { productId: p.product_id, success: true, updated: ['title', 'skus', 'weight'] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('JSON mode adds product_id to the object as written', async () => {
		const p = seeded();
		const text = '{ "brand_name": "Acme", "freight_template_id": 1002 }';
		const out = await run(productUpdate, {
			productId: p.product_id,
			mode: 'json',
			productJson: text,
		});
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
		await expect(
			run(productUpdate, { productId: p.product_id, mode: 'fields', updateFields: {} }),
		).rejects.toThrow('Item 1, field "Update Fields": has nothing to change');
		await expect(
			run(productUpdate, {
				productId: p.product_id,
				mode: 'fields',
				updateFields: {
					skus: { sku: [{ skuCode: 'A', price: '5', discountPrice: '6', stock: 1 }] },
				},
			}),
		).rejects.toThrow(/SKU 1 › Discount Price": 6 is not lower than the price 5/);
		await expect(
			run(productUpdate, { productId: 'abc', mode: 'fields', updateFields: { title: 'x' } }),
		).rejects.toThrow(/field "Product ID": must be a numeric AliExpress ID/);
		expect(sandbox.callCount()).toBe(0);
	});

	it('an unknown product is a NodeApiError; with Continue On Fail the other items go through', async () => {
		const p = seeded();
		const out = await run(
			productUpdate,
			{
				productId: (item: INodeExecutionData) => item.json.id,
				mode: 'fields',
				updateFields: { brandName: 'Zed' },
			},
			[{ id: '1' }, { id: p.product_id }],
			true,
		);
		expect(out[0].json.errorCode).toBe('GPF.CHK_PRODUCT_NOT_EXIST');
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1]).toEqual({
			json: { productId: p.product_id, success: true, updated: ['brandName'] },
			pairedItem: { item: 1 },
		});
		expect(sandbox.store.products.get(p.product_id)?.brand_name).toBe('Zed');
	});
});

describe('Product → Get', () => {
	const seededWithAttributes = () =>
		[...sandbox.store.products.values()].find(
			(p) => p.skus.length >= 2 && p.skus[0].attributes.length > 0,
		) as Product;

	it('simplified: the product and SKUs shaped for Update Inventory / Update Price', async () => {
		const p = seededWithAttributes();
		const out = await run(productGet, { productId: p.product_id, simplify: true });
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
					...(p.brand_name ? { brandName: p.brand_name } : {}),
					...(p.freight_template_id ? { freightTemplateId: p.freight_template_id } : {}),
					skus: p.skus.map((s) => ({
						productId: p.product_id,
						skuCode: s.sku_code,
						price: s.price,
						discountPrice: s.discount_price ?? null,
						quantity: s.inventory,
						skuId: s.id,
						currency: 'USD',
						attributes: Object.fromEntries(
							s.attributes.map((a) => [a.sku_attribute_name, a.sku_attribute_value]),
						),
					})),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('raw: the result object as AliExpress sends it', async () => {
		const p = seededWithAttributes();
		const out = await run(productGet, { productId: p.product_id, simplify: false });
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
		const got = await run(productGet, { productId: p.product_id, simplify: true });
		const items = (got[0].json.skus as IDataObject[]).map((s, n) => ({ ...s, quantity: 100 + n }));
		sandbox.resetCalls();
		const out = await run(
			inventoryUpdate as unknown as Operation,
			{
				inputMode: 'fromInput',
				productIdField: 'productId',
				skuCodeField: 'skuCode',
				quantityField: 'quantity',
			},
			items,
		);
		expect(sandbox.callCount(INVENTORY)).toBe(1);
		expect(out.every((o) => o.json.success === true)).toBe(true);
		expect(sandbox.store.products.get(p.product_id)?.skus.map((s) => s.inventory)).toEqual(
			p.skus.map((_, n) => 100 + n),
		);
	});

	it('one output per item; a bad or unknown ID fails alone with Continue On Fail', async () => {
		const p = seededWithAttributes();
		const out = await run(
			productGet,
			{ productId: (item: INodeExecutionData) => item.json.id, simplify: true },
			[{ id: p.product_id }, { id: 'not-an-id' }, { id: '42' }],
			true,
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.productId).toBe(p.product_id);
		expect(out[1].json.error).toMatch(
			/^Item 2, field "Product ID": must be a numeric AliExpress ID/,
		);
		expect(out[2].json.errorCode).toBe('GPF.CHK_PRODUCT_NOT_EXIST');
		expect(sandbox.callCount(INFO)).toBe(2);
	});
});

describe('Product → Get Many', () => {
	const byStatus = (status: string) =>
		[...sandbox.store.products.values()].filter((p) => p.status === status);

	it('Return All pages through every product of the status, 99 a page', async () => {
		const expected = byStatus('onSelling');
		expect(expected.length).toBeGreaterThan(99); // more than one page
		const out = await run(productGetMany, { returnAll: true, filters: {}, simplify: true });
		expect(out).toHaveLength(expected.length);
		expect(new Set(out.map((o) => o.json.productId))).toEqual(
			new Set(expected.map((p) => p.product_id)),
		);
		expect(sandbox.callCount(LIST)).toBe(Math.ceil(expected.length / 99));
		const queries = sandbox.calls.map(
			(c) => JSON.parse(c.params.aeop_a_e_product_list_query) as IDataObject,
		);
		expect(
			queries
				.map((q) => [q.product_status_type, q.page_size])
				.every(([s, n]) => s === 'onSelling' && n === 99),
		).toBe(true);
		expect(queries.map((q) => q.current_page).sort()).toEqual(
			Array.from({ length: queries.length }, (_, n) => n + 1),
		);
		expect(out.every((o) => o.pairedItem && (o.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	it('Limit fetches only what it needs', async () => {
		const out = await run(productGetMany, {
			returnAll: false,
			limit: 5,
			filters: {},
			simplify: true,
		});
		expect(out).toHaveLength(5);
		expect(sandbox.callCount(LIST)).toBe(1);
		expect(sentJson(LIST, 'aeop_a_e_product_list_query')).toEqual({
			product_status_type: 'onSelling',
			current_page: 1,
			page_size: 5,
		});

		sandbox.resetCalls();
		const more = await run(productGetMany, {
			returnAll: false,
			limit: 150,
			filters: {},
			simplify: true,
		});
		expect(more).toHaveLength(150);
		expect(sandbox.callCount(LIST)).toBe(2);
	});

	it('simplified items, filtered by status and title', async () => {
		const p = byStatus('offline')[0];
		const word = p.subject
			.split(' ')
			.filter((w) => w.length > 3)[0]
			.toLowerCase();
		const expected = byStatus('offline').filter((x) => x.subject.toLowerCase().includes(word));
		const out = await run(productGetMany, {
			returnAll: true,
			filters: { status: 'offline', title: word },
			simplify: true,
		});
		expect(out.map((o) => o.json.productId).sort()).toEqual(
			expected.map((x) => x.product_id).sort(),
		);
		const mine = out.find((o) => o.json.productId === p.product_id)?.json as IDataObject;
		const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
		const prices = p.skus.map((s) => s.discount_price ?? s.price);
		expect(mine).toEqual({
			productId: p.product_id,
			title: p.subject,
			status: 'offline',
			imageUrl: p.images[0],
			images: p.images,
			minPrice: Math.min(...prices),
			maxPrice: Math.max(...prices),
			currency: 'USD',
			createdAt: second(p.gmt_create),
			updatedAt: second(p.gmt_modified),
			...(p.freight_template_id ? { freightTemplateId: p.freight_template_id } : {}),
		});
	});

	it('raw items and one list per input item', async () => {
		const out = await run(
			productGetMany,
			{
				returnAll: false,
				limit: 2,
				filters: (item: INodeExecutionData) => ({ status: item.json.status }),
				simplify: false,
			},
			[{ status: 'auditing' }, { status: 'editingRequired' }],
		);
		expect(out).toHaveLength(4);
		expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 1]);
		expect(sandbox.store.products.get(String(out[0].json.product_id))?.status).toBe('auditing');
		expect(sandbox.store.products.get(String(out[2].json.product_id))?.status).toBe(
			'editingRequired',
		);
		expect(out[0].json.subject).toBeDefined();
	});
});

describe('resource locator lists', () => {
	function loadOptions(current: Record<string, unknown>): ILoadOptionsFunctions {
		const { ctx } = createContext({ credentials: credentials(), parameters: {} });
		return {
			...ctx,
			getCurrentNodeParameter: (name: string) => current[name],
		} as unknown as ILoadOptionsFunctions;
	}

	it('categories: every leaf category with its path, searchable', async () => {
		const ctx = loadOptions({});
		const all = await listSearch.searchCategories.call(ctx);
		const leaves = [...sandbox.store.categories.values()].filter((c) => c.leaf);
		expect(all.paginationToken).toBeUndefined();
		expect(all.results.map((r) => r.value).sort()).toEqual(leaves.map((c) => c.id).sort());
		expect(all.results.find((r) => r.value === '200000347')?.name).toBe(
			"Apparel & Accessories › Women's Clothing › Dresses",
		);
		const calls = sandbox.callCount('aliexpress.solution.seller.category.tree.query');
		expect(calls).toBe(1 + [...sandbox.store.categories.values()].filter((c) => !c.leaf).length);

		const dresses = await listSearch.searchCategories.call(ctx, 'dress');
		expect(dresses.results).toEqual([
			{ name: "Apparel & Accessories › Women's Clothing › Dresses", value: '200000347' },
		]);
	});

	it('freight templates', async () => {
		const out = await listSearch.searchFreightTemplates.call(loadOptions({}));
		expect(out.results.map((r) => r.value)).toEqual(
			sandbox.store.freightTemplates.map((t) => t.template_id),
		);
		expect(out.results[0].name).toBe(
			`${sandbox.store.freightTemplates[0].template_name} (default)`,
		);
		const free = await listSearch.searchFreightTemplates.call(loadOptions({}), 'free');
		expect(free.results).toEqual([{ name: 'Free Shipping Worldwide', value: '1001' }]);
	});

	it("EU responsible persons of the chosen category, or of the product's category", async () => {
		const expected = sandbox.store.euResponsiblePersons.map((p) => ({
			name: p.name,
			value: String(p.msr_eu_id),
		}));
		const byCategory = await listSearch.searchEuResponsiblePersons.call(
			loadOptions({ categoryId: '200000347' }),
		);
		expect(byCategory.results).toEqual(expected);
		const call = sandbox.calls.find(
			(c) => c.method === 'aliexpress.category.eu.responsible.persons.list',
		);
		expect(call?.params.category_id).toBe('200000347');

		sandbox.resetCalls();
		const product = [...sandbox.store.products.values()][0];
		const byProduct = await listSearch.searchEuResponsiblePersons.call(
			loadOptions({ productId: product.product_id }),
		);
		expect(byProduct.results).toEqual(expected);
		expect(sandbox.calls.map((c) => c.method)).toEqual([
			INFO,
			'aliexpress.category.eu.responsible.persons.list',
		]);
		expect(sandbox.calls[1].params.category_id).toBe(product.category_id);

		await expect(listSearch.searchEuResponsiblePersons.call(loadOptions({}))).rejects.toThrow(
			'Choose the category first',
		);
	});
});
