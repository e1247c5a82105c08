/**
 * The sandbox's online / offline / delete over real HTTP, against their contract files:
 * ids as documented (`;`-separated text, a JSON list of at most 100 numbers), the
 * documented limits refused as the gateway refuses them, answers in the documented tree.
 */
import { callIop } from './client';
import { startSandbox, type Sandbox } from './index';

const ONLINE = 'aliexpress.postproduct.redefining.onlineaeproduct';
const OFFLINE = 'aliexpress.postproduct.redefining.offlineaeproduct';
const DELETE = 'aliexpress.solution.batch.product.delete';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ products: 200, orders: 5 });
});
afterAll(async () => await sb.close());

/** An IOP refusal is flat: {type, code, message, request_id}. */
const refusal = (r: { json: Record<string, unknown> }) => {
	expect(['MissingParameter', 'InvalidParameter']).toContain(r.json.code);
	return String(r.json.message);
};

const ofStatus = (status: string) =>
	[...sb.store.products.values()].filter((p) => p.status === status).map((p) => p.product_id);

describe('online / offline', () => {
	it('offline: changed products counted, the others listed in error_details with their ids', async () => {
		const [a, b] = ofStatus('onSelling');
		const [off] = ofStatus('offline');
		const r = await callIop(sb, OFFLINE, {
			product_ids: `${a};${b};${off}`,
			edit_reason: 'product_diagnosis',
		});
		const result = r.json.aliexpress_postproduct_redefining_offlineaeproduct_response.result;
		expect(result.success).toBe(false);
		expect(result.modify_count).toBe(2);
		expect(result.error_details.error_detail).toHaveLength(1);
		expect(result.error_details.error_detail[0].product_ids).toEqual({ number: [Number(off)] });
		expect(r.text).toContain(`"number":[${off}]`); // a bare JSON number
		expect(sb.store.products.get(a)?.status).toBe('offline');
		expect(sb.store.products.get(off)?.status).toBe('offline');
	});

	it('online: at most 50 ids a call, refused as an invalid parameter beyond', async () => {
		const ids = Array.from({ length: 51 }, (_, n) => String(1005000000000100 + n));
		const r = await callIop(sb, ONLINE, { product_ids: ids.join(';') });
		expect(refusal(r)).toMatch(/product_ids/);
		const ok = await callIop(sb, ONLINE, { product_ids: ofStatus('offline')[0] });
		expect(ok.json.aliexpress_postproduct_redefining_onlineaeproduct_response.result).toMatchObject(
			{ success: true, modify_count: 1 },
		);
	});

	it('product_ids missing or not ids: refused', async () => {
		const missing = await callIop(sb, OFFLINE, {});
		expect(refusal(missing)).toMatch(/product_ids/);
		const bad = await callIop(sb, OFFLINE, { product_ids: '12,13' });
		expect(refusal(bad)).toMatch(/product_ids/);
	});
});

describe('delete', () => {
	it('a JSON list of ids deletes them and answers success "true"', async () => {
		const ids = ofStatus('onSelling').slice(5, 8);
		const r = await callIop(sb, DELETE, { product_ids: `[${ids.join(',')}]` });
		expect(r.json.aliexpress_solution_batch_product_delete_response).toMatchObject({
			success: 'true',
		});
		for (const id of ids) expect(sb.store.products.has(id)).toBe(false);
	});

	it('more than 100 ids, or not a list: refused by the contract; an unknown id: success "false", nothing deleted', async () => {
		const many = Array.from({ length: 101 }, (_, n) => 1005000000000200 + n);
		const tooMany = await callIop(sb, DELETE, { product_ids: JSON.stringify(many) });
		expect(refusal(tooMany)).toMatch(/at most 100/);
		const text = await callIop(sb, DELETE, { product_ids: 'abc' });
		expect(refusal(text)).toMatch(/product_ids/);
		const [real] = ofStatus('offline');
		const mixed = await callIop(sb, DELETE, { product_ids: `[${real},1005000000000999]` });
		expect(mixed.json.aliexpress_solution_batch_product_delete_response.success).toBe('false');
		expect(sb.store.products.has(real)).toBe(true);
	});
});
