/**
 * Product → Delete in n8n's engine against the sandbox: product_ids sent as one JSON list
 * of at most 100 numbers, one output item per input item, a whole-call refusal
 * (success "false") reported on every product of the call and nothing claimed deleted,
 * and a lost answer settled by looking the products up (gone = deleted) instead of
 * sending the delete again. The parameters are the fixture's (delete.workflow.json:
 * Product ID mapped from the item's `productId`).
 */
import type { IDataObject } from 'n8n-workflow';

import { operation, useSandbox } from '../suite';

const DELETE = 'aliexpress.solution.batch.product.delete';
const LIST = 'aliexpress.solution.product.list.get';

const sandbox = useSandbox({ products: 400, orders: 5 });
const deleteOp = operation(__dirname, 'delete.workflow.json', sandbox);
const params = deleteOp.parameters;

let next = 0;
let seeded: string[] | undefined;
/** `n` seeded products no earlier test has used. */
function someProducts(n: number): string[] {
	seeded ??= [...sandbox.store.products.keys()];
	const ids = seeded.slice(next, next + n);
	next += n;
	return ids;
}
const sentLists = () =>
	sandbox.calls.filter((c) => c.method === DELETE).map((c) => c.params.product_ids);

describe('Product → Delete', () => {
	it('deletes 150 products in two calls (100 + 50), ids as a JSON list of numbers', async () => {
		const ids = someProducts(150);
		const { items, error } = await deleteOp.run(params(), {
			items: ids.map((productId) => ({ productId })),
		});
		expect(error).toBeUndefined();
		expect(items.map((o) => o.json)).toEqual(
			ids.map((productId) => ({ productId, success: true, deleted: true })),
		);
		expect(items.map((o) => o.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(sentLists()).toEqual([
			`[${ids.slice(0, 100).join(',')}]`,
			`[${ids.slice(100).join(',')}]`,
		]);
		expect(ids.some((id) => sandbox.store.products.has(id))).toBe(false);
	});

	it('a refused call (success "false") deletes nothing the node claims', async () => {
		const [real] = someProducts(1);
		const notMine = '1005000000000002';
		const { items, error } = await deleteOp.run(params(), {
			items: [{ productId: real }, { productId: notMine }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		for (const [n, productId] of [real, notMine].entries()) {
			expect(items[n].json).toMatchObject({
				productId,
				success: false,
				errorCode: 'DELETE_REFUSED',
			});
		}
		expect(sandbox.store.products.has(real)).toBe(true);
		expect(sandbox.callCount(DELETE)).toBe(1);
	});

	it('bad ids fail before any call; without Continue On Fail the node stops there', async () => {
		const { error } = await deleteOp.run(params(), {
			items: [{ productId: 'x-1' }, { productId: someProducts(1)[0] }],
		});
		expect(error?.message).toMatch(/Item 1, field "Product ID": must be a numeric AliExpress ID/);
		expect(sandbox.calls).toHaveLength(0);
	});

	it('a lost answer: the products are looked up, found gone, and reported deleted; no second delete', async () => {
		const ids = someProducts(3);
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [DELETE], afterProcessing: true },
		});
		const { items, error } = await deleteOp.run(params(), {
			items: ids.map((productId) => ({ productId })),
		});
		expect(error).toBeUndefined();
		expect(items.map((o) => o.json)).toEqual(
			ids.map((productId) => ({ productId, success: true, deleted: true, recovered: true })),
		);
		expect(sandbox.callCount(DELETE)).toBe(1);
		// looked up in every status, by the documented product_id filter
		const lookups = sandbox.calls
			.filter((c) => c.method === LIST)
			.map((c) => JSON.parse(c.params.aeop_a_e_product_list_query) as IDataObject);
		expect(lookups).toHaveLength(ids.length * 4);
		expect(new Set(lookups.map((q) => q.product_status_type))).toEqual(
			new Set(['onSelling', 'offline', 'auditing', 'editingRequired']),
		);
	});

	it('a lost answer of a delete not carried out: found still there, sent again once', async () => {
		const ids = someProducts(2);
		let deletes = 0;
		sandbox.setOptions({ faults: { rate: 1, kinds: ['http503'], methods: [DELETE] } });
		sandbox.onCall = (record) => {
			if (record.method === DELETE && ++deletes === 2) sandbox.setOptions({ faults: undefined });
		};
		try {
			const { items, error } = await deleteOp.run(params(), {
				items: ids.map((productId) => ({ productId })),
			});
			expect(error).toBeUndefined();
			expect(items.map((o) => o.json)).toEqual(
				ids.map((productId) => ({ productId, success: true, deleted: true })),
			);
			expect(sandbox.callCount(DELETE)).toBe(2);
		} finally {
			sandbox.onCall = undefined;
		}
	});

	it('answers lost every time: the item fails saying the product is still there and safe to retry', async () => {
		const [id] = someProducts(1);
		sandbox.setOptions({ faults: { rate: 1, kinds: ['http500'], methods: [DELETE] } });
		const { items } = await deleteOp.run(params({ options: { maxAttempts: 2 } }), {
			items: [{ productId: id }],
			continueOnFail: true,
		});
		expect(items[0].json).toMatchObject({ productId: id, success: false, errorCode: 'HTTP_500' });
		expect(String(items[0].json.errorMessage)).toMatch(/was not deleted: the node looked it up/);
		expect(sandbox.store.products.has(id)).toBe(true);
		expect(sandbox.callCount(DELETE)).toBe(2);
	});
});
