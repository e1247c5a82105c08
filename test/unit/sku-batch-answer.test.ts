/**
 * How Update Inventory / Update Price read a batch call's answer, fed with the
 * sandbox's answers over real HTTP: the sandbox models the documented contract
 * (bububa/opentaobao metadata/assets/json/aesolution/aliexpress_solution_batch_product_inventory_update.json:
 * `update_success` "true only when all succeeded", `update_error_code` / `update_error_message`
 * "when success equals false", `update_failed_list` per product). The node never sends a
 * product with more than 200 SKUs (it splits them), so the whole-call refusal the sandbox
 * gives for one is asked for here directly.
 */
import type { IDataObject } from 'n8n-workflow';

import { applyBatchAnswer, type SkuLine } from '../../nodes/AliExpress/helpers/skuSync';
import type { ProductEntry } from '../../nodes/AliExpress/transport/batching';
import { callIop } from '../sandbox/client';
import { startSandbox, type Sandbox } from '../sandbox';

const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ products: 10, orders: 1 });
});
afterAll(() => sb.close());

/** Sends `entries` as one inventory call; returns the batch lines and the answer's content. */
async function send(entries: Array<{ productId: string; skus: string[] }>) {
	let itemIndex = 0;
	const batch: Array<ProductEntry<SkuLine>> = entries.map((e) => ({
		productId: e.productId,
		lines: e.skus.map((skuCode) => ({
			itemIndex: itemIndex++,
			productId: e.productId,
			skuCode,
			values: { quantity: 3 },
		})),
	}));
	const r = await callIop(sb, INVENTORY, {
		mutiple_product_update_list: JSON.stringify(
			entries.map((e) => ({
				product_id: e.productId,
				multiple_sku_update_list: e.skus.map((sku_code) => ({ sku_code, inventory: 3 })),
			})),
		),
	});
	const answer = r.json.aliexpress_solution_batch_product_inventory_update_response as IDataObject;
	return { batch, answer, lines: batch.flatMap((e) => e.lines) };
}

it('a whole-call refusal fails every SKU of the call with the platform code and message', async () => {
	const [a, b] = [...sb.store.products.values()];
	const { batch, answer, lines } = await send([
		{ productId: a.product_id, skus: [a.skus[0].sku_code] },
		{ productId: b.product_id, skus: Array.from({ length: 201 }, (_, n) => `S${n}`) },
	]);
	expect(answer.update_success).toBe(false);
	applyBatchAnswer(batch, answer);
	expect(lines).toHaveLength(202);
	for (const line of lines) {
		expect(line.result).toEqual({
			success: false,
			errorCode: answer.update_error_code,
			errorMessage: answer.update_error_message,
		});
	}
});

it('a partial failure: the failed product fails, the confirmed one succeeds', async () => {
	const [a] = [...sb.store.products.values()];
	const { batch, answer } = await send([
		{ productId: a.product_id, skus: [a.skus[0].sku_code] },
		{ productId: '1005006000000001', skus: ['X'] },
	]);
	applyBatchAnswer(batch, answer);
	expect(batch[0].lines[0].result).toEqual({ success: true });
	expect(batch[1].lines[0].result).toMatchObject({
		success: false,
		errorCode: 'PRODUCT_NOT_EXIST',
	});
});

it('update_success false and a product in neither list: not confirmed, so not success', () => {
	const line: SkuLine = { itemIndex: 0, productId: '1', skuCode: 'A', values: { quantity: 1 } };
	const other: SkuLine = { itemIndex: 1, productId: '2', skuCode: 'B', values: { quantity: 1 } };
	applyBatchAnswer(
		[
			{ productId: '1', lines: [line] },
			{ productId: '2', lines: [other] },
		],
		{
			update_success: false,
			update_failed_list: {
				synchronize_product_response_dto: [{ product_id: 2, error_code: 'E', error_message: 'm' }],
			},
		},
	);
	expect(line.result?.success).toBe(false);
	expect(other.result).toEqual({ success: false, errorCode: 'E', errorMessage: 'm' });
});
