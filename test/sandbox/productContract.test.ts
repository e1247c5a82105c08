/**
 * The sandbox's product methods refuse what the documentation refuses and answer
 * what it documents (sources in productContract.ts and offerProducts.ts): detail
 * JSON descriptions, the language list, 218-character subjects, the required
 * fields, custom SKU values, GPSR only through the offer methods, SKU properties
 * by id, and product.list.get's sku_code filter.
 */
import { callIop } from './client';
import { startSandbox, type Sandbox } from './index';
import { REQUIRED_POST_FIELDS } from '../fixtures/post-request';

const POST = 'aliexpress.solution.product.post';
const EDIT = 'aliexpress.solution.product.edit';
const INFO = 'aliexpress.solution.product.info.get';
const LIST = 'aliexpress.solution.product.list.get';
const OFFER_EDIT = 'aliexpress.offer.product.edit';
const OFFER_POST = 'aliexpress.offer.product.post';

const detail = (modules: object[]) => JSON.stringify({ version: '2.0.0', moduleList: modules });
const webDetail = detail([{ type: 'html', html: { content: '<p>Fast charger</p>' } }]);
const mobileDetail = detail([
	{ type: 'text', texts: [{ content: 'Fast charger', class: 'body' }] },
]);

const request = (o: Record<string, unknown> = {}) => ({
	aliexpress_category_id: 200003803,
	language: 'en',
	multi_language_subject_list: [{ language: 'en', subject: 'USB-C Fast Charger 65W' }],
	multi_language_description_list: [
		{ language: 'en', web_detail: webDetail, mobile_detail: mobileDetail },
	],
	main_image_urls_list: ['https://example.com/1.jpg'],
	sku_info_list: [
		{
			sku_code: 'CH-9-EU',
			price: '19.90',
			inventory: 10,
			sku_attributes_list: [
				{ sku_attribute_name_id: 14, sku_attribute_value_id: 29, sku_attribute_value: 'Midnight' },
			],
		},
	],
	...REQUIRED_POST_FIELDS,
	...o,
});

describe('sandbox product contract', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());

	const post = async (req: object) => {
		const r = await callIop(sb, POST, { post_product_request: JSON.stringify(req) });
		return r.json.aliexpress_solution_product_post_response?.result;
	};
	/**
	 * A refused post: either the contract's own check (flat MissingParameter/InvalidParameter
	 * naming the field) or a business refusal (error_response isv.invalid-parameter with the
	 * business code in its message). Returns the error's text.
	 */
	const refusal = async (req: object): Promise<string> => {
		const r = await callIop(sb, POST, { post_product_request: JSON.stringify(req) });
		expect(r.json.aliexpress_solution_product_post_response).toBeUndefined();
		const e = r.json.error_response ?? r.json;
		expect(['isv.invalid-parameter', 'InvalidParameter', 'MissingParameter']).toContain(e.code);
		return `${e.code} ${e.msg ?? e.message}`;
	};

	it('stores the detail JSON and answers it back as stored; SKU properties come by id', async () => {
		const result = await post(request());
		expect(result.product_id).toBeDefined();
		const id = String(result.product_id);
		const info = (await callIop(sb, INFO, { product_id: id })).json
			.aliexpress_solution_product_info_get_response.result;
		expect(info.multi_language_description_list.global_description).toEqual([
			{ locale: 'en', web_detail: webDetail, mobile_detail: mobileDetail },
		]);
		const sku = info.aeop_ae_product_s_k_us.global_aeop_ae_product_sku[0];
		expect(sku.aeop_s_k_u_property_list.global_aeop_sku_property).toEqual([
			{ sku_property_id: 14, property_value_id: 29, property_value_definition_name: 'Midnight' },
		]);
	});

	const refusals: Array<[string, Record<string, unknown>, string]> = [
		[
			'HTML as web_detail',
			{ multi_language_description_list: [{ language: 'en', web_detail: '<p>x</p>' }] },
			'GPF.CHK_DETAIL_FORMAT_INVALID',
		],
		[
			'plain text as mobile_detail',
			{ multi_language_description_list: [{ language: 'en', mobile_detail: 'Fast' }] },
			'GPF.CHK_DETAIL_FORMAT_INVALID',
		],
		[
			'an html module in mobile_detail',
			{ multi_language_description_list: [{ language: 'en', mobile_detail: webDetail }] },
			'GPF.CHK_DETAIL_FORMAT_INVALID',
		],
		[
			'a detail of another version',
			{
				multi_language_description_list: [
					{ language: 'en', web_detail: JSON.stringify({ version: '1.0', moduleList: [] }) },
				],
			},
			'GPF.CHK_DETAIL_FORMAT_INVALID',
		],
		['language he', { language: 'he' }, 'post_product_request.language'],
		[
			'subject language pl',
			{ multi_language_subject_list: [{ language: 'pl', subject: 'x' }] },
			'multi_language_subject_list[0].language',
		],
		[
			'a 219-character subject',
			{ multi_language_subject_list: [{ language: 'en', subject: 'x'.repeat(219) }] },
			'at most 218 characters',
		],
		['no shipping_lead_time', { shipping_lead_time: undefined }, 'MissingParameter'],
		['no service_policy_id', { service_policy_id: undefined }, 'MissingParameter'],
		[
			'no inventory_deduction_strategy',
			{ inventory_deduction_strategy: undefined },
			'post_product_request.inventory_deduction_strategy',
		],
		[
			'an unknown inventory_deduction_strategy',
			{ inventory_deduction_strategy: 'never' },
			'one of place_order_withhold, payment_success_deduct',
		],
		[
			'a custom SKU value with a colon',
			{
				sku_info_list: [
					{
						sku_code: 'A',
						price: 1,
						inventory: 1,
						sku_attributes_list: [{ sku_attribute_name_id: 14, sku_attribute_value: 'a:b' }],
					},
				],
			},
			'GPF.CHK_SKU_ATTRIBUTE_INVALID',
		],
		[
			'a 71-character custom SKU value',
			{
				sku_info_list: [
					{
						sku_code: 'A',
						price: 1,
						inventory: 1,
						sku_attributes_list: [
							{ sku_attribute_name_id: 14, sku_attribute_value: 'v'.repeat(71) },
						],
					},
				],
			},
			'at most 70 characters',
		],
	];

	it.each(refusals)('post refuses %s', async (_name, change, text) => {
		const before = sb.store.products.size;
		expect(await refusal(request(change))).toContain(text);
		expect(sb.store.products.size).toBe(before);
	});

	it('accepts a 218-character subject and a 70-character custom value', async () => {
		const result = await post(
			request({
				multi_language_subject_list: [{ language: 'iw', subject: 'x'.repeat(218) }],
				language: 'iw',
				sku_info_list: [
					{
						sku_code: 'LONG',
						price: 1,
						inventory: 1,
						sku_attributes_list: [
							{ sku_attribute_name_id: 14, sku_attribute_value: 'v'.repeat(70) },
						],
					},
				],
			}),
		);
		expect(result.product_id).toBeDefined();
	});

	it('ignores msr_eu_id and qualifications on the solution methods; the offer methods store them', async () => {
		const gpsr = {
			msr_eu_id: 5001,
			aeop_qualification_struct_list: [{ key: 'k', type: 'text', value: 'v' }],
		};
		const id = String((await post(request(gpsr))).product_id);
		const stored = sb.store.products.get(id)!;
		expect(stored.msr_eu_id).toBeUndefined();
		expect(stored.qualifications).toBeUndefined();
		expect(stored.extra).not.toHaveProperty('msr_eu_id');
		await callIop(sb, EDIT, { edit_product_request: JSON.stringify({ product_id: id, ...gpsr }) });
		expect(sb.store.products.get(id)!.msr_eu_id).toBeUndefined();

		// offer.product.edit replaces the whole product: a partial one is refused, nothing changes
		const partial = await callIop(sb, OFFER_EDIT, {
			aeop_a_e_product: JSON.stringify({ product_id: id, ...gpsr }),
		});
		expect(JSON.stringify(partial.json)).toMatch(/MissingParameter|missing/i);
		expect(sb.store.products.get(id)!.msr_eu_id).toBeUndefined();

		// the documented required fields (lindejin AeopAeProductPostDTO.java table), written out
		const whole = {
			category_id: 200003803,
			locale: 'en_US',
			subject_list: [{ locale: 'en_US', value: 'EU Charger' }],
			detail_source_list: [{ locale: 'en_US' }],
			image_u_r_ls: 'https://example.com/1.jpg;https://example.com/2.jpg',
			aeop_ae_product_s_k_us: [
				{
					sku_code: 'EU-1',
					sku_price: '9.90',
					ipm_sku_stock: 4,
					aeop_s_k_u_property: [{ sku_property_id: 14, property_value_id: 175 }],
				},
			],
			delivery_time: 3,
			gross_weight: '0.3',
			package_height: 5,
			package_length: 10,
			package_width: 8,
			package_type: false,
			promise_template_id: 0,
			reduce_strategy: 'place_order_withhold',
		};
		for (const missing of ['locale', 'promise_template_id', 'package_type', 'delivery_time']) {
			const { [missing]: _left, ...rest } = whole as Record<string, unknown>;
			const refused = await callIop(sb, OFFER_POST, { aeop_a_e_product: JSON.stringify(rest) });
			expect([missing, JSON.stringify(refused.json)]).toEqual([
				missing,
				expect.stringContaining(missing),
			]);
		}
		const posted = await callIop(sb, OFFER_POST, {
			aeop_a_e_product: JSON.stringify({ ...whole, ...gpsr, msr_eu_id: '5002' }),
		});
		const newId = String(posted.json.aliexpress_offer_product_post_response.result.product_id);
		expect(sb.store.products.get(newId)).toMatchObject({
			subject: 'EU Charger',
			category_id: '200003803',
			images: ['https://example.com/1.jpg', 'https://example.com/2.jpg'],
			msr_eu_id: '5002',
			qualifications: [{ key: 'k', type: 'text', value: 'v' }],
		});
		expect(sb.store.products.get(newId)!.skus[0]).toMatchObject({
			sku_code: 'EU-1',
			price: 9.9,
			inventory: 4,
			id: '14:175',
		});

		// a whole edit is taken; an id not in the responsible-persons list is refused
		const edited = await callIop(sb, OFFER_EDIT, {
			aeop_a_e_product: JSON.stringify({ ...whole, product_id: id, msr_eu_id: 5001 }),
		});
		expect(edited.json.aliexpress_offer_product_edit_response.result).toEqual({
			product_id: Number(id),
		});
		expect(sb.store.products.get(id)!.msr_eu_id).toBe('5001');
		const unknown = await callIop(sb, OFFER_EDIT, {
			aeop_a_e_product: JSON.stringify({ ...whole, product_id: id, msr_eu_id: 42 }),
		});
		expect(unknown.json.code ?? unknown.json.error_response?.code).toBeDefined();
		expect(sb.store.products.get(id)!.msr_eu_id).toBe('5001');
	});

	it('product.list.get filters by exact sku_code', async () => {
		const target = [...sb.store.products.values()].find((p) => p.status === 'onSelling')!;
		const code = target.skus[0].sku_code;
		const list = async (sku_code: string) =>
			(
				await callIop(sb, LIST, {
					aeop_a_e_product_list_query: JSON.stringify({
						product_status_type: 'onSelling',
						sku_code,
					}),
				})
			).json.aliexpress_solution_product_list_get_response.result;
		const found = await list(code);
		expect(
			found.aeop_a_e_product_display_d_t_o_list.item_display_dto.map((p: { product_id: number }) =>
				String(p.product_id),
			),
		).toEqual([target.product_id]);
		expect((await list(code.slice(0, -1))).product_count).toBe(0);
	});
});
