/**
 * The sandbox answers in the documented shapes (issue 13), over real HTTP. Each expectation
 * is written from a source, named beside it; none comes from the node.
 */

import { callIop, callTop } from './client';
import { startSandbox, type Sandbox } from './index';

const ORDER_GET = 'aliexpress.solution.order.get';
const ORDER_INFO = 'aliexpress.solution.order.info.get';
const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';
const PRICE = 'aliexpress.solution.batch.product.price.update';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ products: 10, orders: 20 });
});
afterAll(() => sb.close());

describe('aliexpress.solution.order.get: the query in the shape of the gateway called', () => {
	// IOP: flat fields, order_status_list a JSON list (emsaniey20/java
	// src/main/java/com/aliexpress/open/request/AliexpressSolutionOrderGetRequest.java);
	// TOP: param0, an OrderQuery JSON (bububa/opentaobao
	// metadata/assets/json/aesolution/aliexpress_solution_order_get.json)
	const query = { order_status_list: ['WAIT_SELLER_SEND_GOODS'], page_size: 50, current_page: 1 };
	const flat = {
		order_status_list: '["WAIT_SELLER_SEND_GOODS"]',
		page_size: '50',
		current_page: '1',
	};

	it('IOP reads the flat fields and refuses param0 (its required fields are missing)', async () => {
		const ok = await callIop(sb, ORDER_GET, flat);
		expect(ok.json.aliexpress_solution_order_get_response.result.success).toBe(true);
		const wrong = await callIop(sb, ORDER_GET, { param0: JSON.stringify(query) });
		expect(wrong.json).toMatchObject({ type: 'ISV', code: 'MissingParameter' });
	});

	it('TOP reads param0 and refuses the flat fields', async () => {
		const ok = await callTop(sb, ORDER_GET, { param0: JSON.stringify(query) });
		expect(ok.json.aliexpress_solution_order_get_response.result.success).toBe(true);
		const wrong = await callTop(sb, ORDER_GET, flat);
		expect(wrong.json.error_response).toBeDefined();
	});
});

describe('aliexpress.solution.order.info.get', () => {
	// result is a BaseResult {error_code, error_message, time_stamp, data}, no success flag
	// (bububa/opentaobao .../aliexpress_solution_order_info_get.json)
	const info = async (param1: object) =>
		(await callIop(sb, ORDER_INFO, { param1: JSON.stringify(param1) })).json
			.aliexpress_solution_order_info_get_response.result;

	it('answers without a success flag; an unknown order is an error_code and no data', async () => {
		const o = [...sb.store.orders.values()][0];
		const found = await info({ order_id: Number(o.order_id) });
		expect(found).not.toHaveProperty('success');
		expect(found.time_stamp).toEqual(expect.any(String));
		expect(found.data.order_status).toBe(o.order_status);
		const missing = await info({ order_id: 8999999999999999 });
		expect(missing).not.toHaveProperty('success');
		expect(missing).not.toHaveProperty('data');
		expect(missing.error_code).toBe('F00-10-10000-001');
	});

	it('ext_info_bit_flag: blank returns every part; the last five bits pick them', async () => {
		// "1st bit is for issue information, 2nd bit is for loan information, 3rd bit is for
		// logistics information, 4th bit is for buyer information and 5th bit is for refund
		// information … Leaving this field blank means return all information."
		const o = [...sb.store.orders.values()][0];
		const all = (await info({ order_id: Number(o.order_id) })).data;
		for (const part of ['issue_info', 'loan_info', 'buyer_info', 'refund_info']) {
			expect(all).toHaveProperty(part);
		}
		// 11111 is binary 10101101100111: issue, loan and logistics only
		const some = (await info({ order_id: Number(o.order_id), ext_info_bit_flag: 11111 })).data;
		expect(some).toHaveProperty('issue_info');
		expect(some).toHaveProperty('loan_info');
		expect(some).not.toHaveProperty('buyer_info');
		expect(some).not.toHaveProperty('refund_info');
		const buyerOnly = (await info({ order_id: Number(o.order_id), ext_info_bit_flag: 8 })).data;
		expect(Object.keys(buyerOnly).filter((k) => /_info$/.test(k))).toEqual(['buyer_info']);
	});
});

describe('batch stock / price: a whole-call refusal', () => {
	// "maximum 200 skus could be updated within one product"; update_error_code /
	// update_error_message "When success equals false" (bububa/opentaobao
	// .../aliexpress_solution_batch_product_inventory_update.json)
	it.each([
		[INVENTORY, (n: number) => ({ sku_code: `S${n}`, inventory: 1 })],
		[PRICE, (n: number) => ({ sku_code: `S${n}`, price: '9.99' })],
	])('%s: a product with more than 200 SKUs refuses the whole call', async (method, sku) => {
		const [a, b] = [...sb.store.products.values()];
		const before = a.skus[0].inventory;
		const r = await callIop(sb, method, {
			mutiple_product_update_list: JSON.stringify([
				{
					product_id: a.product_id,
					multiple_sku_update_list: [{ sku_code: a.skus[0].sku_code, inventory: 7, price: '5' }],
				},
				{
					product_id: b.product_id,
					multiple_sku_update_list: Array.from({ length: 201 }, (_, n) => sku(n)),
				},
			]),
		});
		const body = r.json[`${method.replace(/\./g, '_')}_response`];
		expect(body.update_success).toBe(false);
		expect(body.update_error_code).toEqual(expect.any(String));
		expect(body.update_error_message).toContain('200');
		expect(body).not.toHaveProperty('update_failed_list');
		expect(body).not.toHaveProperty('update_successful_list');
		expect(a.skus[0].inventory).toBe(before); // nothing applied
	});
});

describe('pick-lists', () => {
	it('freight templates: aeop_freight_template_d_t_o_list.aeopfreighttemplatedtolist[]', async () => {
		// list name: emsaniey20/java .../response/AliexpressFreightRedefiningListfreighttemplateResponse.java;
		// item name: the TOP .NET SDK's class of the same name (XmlArrayItem "aeopfreighttemplatedtolist")
		const r = await callIop(sb, 'aliexpress.freight.redefining.listfreighttemplate');
		const body = r.json.aliexpress_freight_redefining_listfreighttemplate_response;
		expect(body.result_success).toBe(true);
		expect(Object.keys(body.aeop_freight_template_d_t_o_list)).toEqual([
			'aeopfreighttemplatedtolist',
		]);
		expect(body.aeop_freight_template_d_t_o_list.aeopfreighttemplatedtolist[0]).toEqual({
			template_id: expect.any(Number),
			template_name: expect.any(String),
			is_default: expect.any(Boolean),
		});
	});

	it('EU responsible persons: flat, support and eu_contact_module_list of {name, msr_eu_id}', async () => {
		// emsaniey20/java .../response/AliexpressCategoryEuResponsiblePersonsListResponse.java
		const r = await callIop(sb, 'aliexpress.category.eu.responsible.persons.list', {
			category_id: '200000347',
			channel: 'AE_GLOBAL',
		});
		const body = r.json.aliexpress_category_eu_responsible_persons_list_response;
		expect(body).not.toHaveProperty('result');
		expect(body.support).toBe(true);
		const wrapped = Object.values(body.eu_contact_module_list);
		expect(wrapped).toHaveLength(1);
		const items = wrapped[0] as Array<Record<string, unknown>>;
		expect(items.length).toBeGreaterThan(0);
		for (const p of items) expect(Object.keys(p).sort()).toEqual(['msr_eu_id', 'name']);
	});
});
