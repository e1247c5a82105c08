/**
 * The sandbox's carriers, cancellations, remarks and disputes over real HTTP, as a caller
 * other than the node sees them: documented wrappers, refusals of what the documentation
 * forbids, and the states the calls leave behind.
 */
import { callIop } from './client';
import { startSandbox, type Sandbox } from './index';
import { opsOf, refusalMemos, TRACKING_REFUSED_MSG } from './orderOps';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ products: 30, orders: 150 });
});
afterAll(async () => await sb.close());

const body = (r: { json: Record<string, unknown> }, method: string) =>
	r.json[`${method.replace(/\./g, '_')}_response`] as Record<string, unknown>;

describe('sandbox: seller operations', () => {
	it('carriers come as result_list {aeop_logistics_service_result: [...]} with result_success', async () => {
		const m = 'aliexpress.logistics.redefining.listlogisticsservice';
		const answer = body(await callIop(sb, m), m);
		expect(answer.result_success).toBe(true);
		const list = (answer.result_list as Record<string, unknown[]>).aeop_logistics_service_result;
		expect(list).toHaveLength(opsOf(sb.store).carriers.length);
		// the documentation's example carrier, verbatim
		expect(list).toContainEqual({
			recommend_order: 11,
			tracking_no_regex: '^[a-zA-z]{2}[A-Za-z0-9]{9}[a-zA-z]{2}$',
			min_process_day: 1,
			logistics_company: 'CPAM',
			max_process_day: 5,
			display_name: 'China Post Registered Air Mail',
			service_name: 'CPAM',
		});
	});

	it('fulfil refuses a tracking number off the listed carrier’s pattern with the FAQ’s text', async () => {
		const o = sb.store.addOrder();
		const r = await callIop(sb, 'aliexpress.solution.order.fulfill', {
			out_ref: o.order_id,
			service_name: 'CPAM',
			logistics_no: '123',
			send_type: 'all',
		});
		expect(JSON.stringify(r.json)).toContain(TRACKING_REFUSED_MSG);
		expect(o.shipments).toHaveLength(0);
	});

	it('cancellations: only IN_CANCEL orders, the buyer must match; accept closes, refuse keeps the memo', async () => {
		const accept = 'aliexpress.trade.seller.order.acceptcancel';
		const refuse = 'aliexpress.trade.seller.order.refusecancel';
		const req = (o: Record<string, unknown>) => ({ param_order_cancel_request: JSON.stringify(o) });
		const waiting = sb.store.addOrder();
		const notInCancel = body(
			await callIop(sb, accept, req({ order_id: waiting.order_id })),
			accept,
		);
		expect(notInCancel.result).toMatchObject({ success: false, error_code: 'ORDER_NOT_IN_CANCEL' });
		const a = sb.store.addOrder({ order_status: 'IN_CANCEL' });
		const wrongBuyer = body(
			await callIop(sb, accept, req({ order_id: a.order_id, buyer_login_id: 'someone' })),
			accept,
		);
		expect(wrongBuyer.result).toMatchObject({ success: false });
		const ok = body(
			await callIop(sb, accept, req({ order_id: a.order_id, buyer_login_id: a.buyer_login_id })),
			accept,
		);
		expect(ok.result).toEqual({ success: true, target: true });
		expect(a.order_status).toBe('FINISH');
		const b = sb.store.addOrder({ order_status: 'IN_CANCEL' });
		await callIop(sb, refuse, req({ order_id: b.order_id, memo: 'already send goods' }));
		expect(b.order_status).toBe('WAIT_SELLER_SEND_GOODS');
		expect(refusalMemos.get(b.order_id)).toBe('already send goods');
		const missing = await callIop(sb, accept, req({ buyer_login_id: 'x' }));
		expect(JSON.stringify(missing.json)).toContain('order_id');
	});

	it('remarks: saved and read back by order id; other biz_type values are refused', async () => {
		const o = sb.store.addOrder();
		const save = 'aliexpress.merchant.redefining.saveremark';
		const query = 'aliexpress.merchant.redefining.queryremark';
		expect(
			body(await callIop(sb, save, { remark_id: o.order_id, content: 'hello' }), save),
		).toMatchObject({
			result: { error_code: 0 },
		});
		const read = body(await callIop(sb, query, { biz_type: '0', remark_id: o.order_id }), query);
		expect((read.result as Record<string, unknown>).data).toMatchObject({ content: 'hello' });
		const other = await callIop(sb, save, { biz_type: '3', remark_id: o.order_id, content: 'x' });
		expect(JSON.stringify(other.json)).toContain('biz_type');
	});

	it('disputes: paged list under data_list {issue_api_issue_dto}, page_size above 50 refused, detail by id', async () => {
		const list = 'aliexpress.issue.issuelist.get';
		const all = [...opsOf(sb.store).disputes.values()];
		const page = body(
			await callIop(sb, list, { query_dto: JSON.stringify({ current_page: 1, page_size: 50 }) }),
			list,
		);
		expect(page.total_item).toBe(all.length);
		expect((page.data_list as Record<string, unknown[]>).issue_api_issue_dto).toHaveLength(
			Math.min(50, all.length),
		);
		const big = await callIop(sb, list, { query_dto: JSON.stringify({ page_size: 51 }) });
		expect(JSON.stringify(big.json)).toContain('query_dto.page_size');
		const detail = 'aliexpress.issue.detail.get';
		const d = all[0];
		const got = body(await callIop(sb, detail, { issue_id: d.issue_id }), detail);
		expect(got.result_object).toMatchObject({
			issue_status: d.issue_status,
			buyer_login_id: d.buyer_login_id,
		});
		expect(got.result_object).toHaveProperty('buyer_solution_list.solution_api_dto');
	});
});
