/**
 * Product → Put Online / Take Offline in n8n's engine against the sandbox: many input
 * items in as few calls as allowed (at most 50 ids, `;`-separated), one output item per
 * input item with the platform's own per-product result (error_details), bad ids refused
 * before any call, Continue On Fail, the offline reason, and a lost answer settled by a
 * lookup instead of a blind repeat. The parameters are the fixture's (status.workflow.json:
 * Take Offline, Product ID mapped from the item's `productId`), varied per test.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ProductStatus } from '../../sandbox';
import { operation, useSandbox, type RunOptions } from '../suite';

const ONLINE = 'aliexpress.postproduct.redefining.onlineaeproduct';
const OFFLINE = 'aliexpress.postproduct.redefining.offlineaeproduct';
const LIST = 'aliexpress.solution.product.list.get';

const sandbox = useSandbox({ products: 300, orders: 5 });
const statusOp = operation(__dirname, 'status.workflow.json', sandbox);
const params = statusOp.parameters;

const run = (parameters: INodeParameters, items: IDataObject[], options: RunOptions = {}) =>
	statusOp.run(parameters, { items, ...options });

/** `n` products now in `status`, each put there for the test. */
function productsIn(status: ProductStatus, n: number): string[] {
	const all = [...sandbox.store.products.values()];
	const picked = all.filter((p) => p.status === status && !taken.has(p.product_id)).slice(0, n);
	for (const p of all) {
		if (picked.length >= n) break;
		if (!picked.includes(p) && p.status !== status && !taken.has(p.product_id)) {
			p.status = status;
			picked.push(p);
		}
	}
	for (const p of picked) taken.add(p.product_id);
	return picked.map((p) => p.product_id);
}
const taken = new Set<string>();
const statusOf = (id: string) => sandbox.store.products.get(id)?.status;
const idsSent = (method: string) =>
	sandbox.calls.filter((c) => c.method === method).map((c) => c.params.product_ids.split(';'));

describe('Product → Take Offline', () => {
	it('takes 120 products offline in three calls of at most 50, one result per item', async () => {
		const ids = productsIn('onSelling', 120);
		const { items, error } = await run(
			params(),
			ids.map((productId) => ({ productId })),
		);
		expect(error).toBeUndefined();
		expect(items.map((o) => o.json)).toEqual(
			ids.map((productId) => ({ productId, success: true, status: 'offline' })),
		);
		expect(items.map((o) => o.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		const sent = idsSent(OFFLINE);
		expect(sent.map((s) => s.length)).toEqual([50, 50, 20]);
		expect(sent.flat()).toEqual(ids);
		expect(ids.every((id) => statusOf(id) === 'offline')).toBe(true);
		expect(sandbox.calls.every((c) => c.params.edit_reason === undefined)).toBe(true);
	});

	it('sends the reason when given, and a product named twice once', async () => {
		const [a, b] = productsIn('onSelling', 2);
		const { items, error } = await run(
			params({ additionalFields: { editReason: 'product_diagnosis' } }),
			[{ productId: a }, { productId: b }, { productId: a }],
		);
		expect(error).toBeUndefined();
		expect(items.map((o) => o.json.success)).toEqual([true, true, true]);
		expect(items.map((o) => o.json.productId)).toEqual([a, b, a]);
		expect(sandbox.calls).toHaveLength(1);
		expect(sandbox.calls[0].params.product_ids).toBe(`${a};${b}`);
		expect(sandbox.calls[0].params.edit_reason).toBe('product_diagnosis');
	});

	it("each product's own refusal from error_details; Continue On Fail keeps the others", async () => {
		const [onSale] = productsIn('onSelling', 1);
		const [alreadyOffline] = productsIn('offline', 1);
		const unknown = '1005000000000001';
		const { items, error } = await run(
			params(),
			[{ productId: onSale }, { productId: alreadyOffline }, { productId: unknown }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(sandbox.calls).toHaveLength(1);
		expect(items[0].json).toEqual({ productId: onSale, success: true, status: 'offline' });
		expect(items[1].json).toEqual({
			productId: alreadyOffline,
			success: false,
			errorCode: 'SANDBOX_PRODUCT_STATUS_NOT_ALLOWED',
			errorMessage: 'The product is not onSelling',
		});
		expect(items[2].json).toMatchObject({
			productId: unknown,
			success: false,
			errorCode: 'SANDBOX_PRODUCT_NOT_FOUND',
		});
		expect(statusOf(onSale)).toBe('offline');
	});

	it('without Continue On Fail the node fails, naming the products not taken offline', async () => {
		const [onSale] = productsIn('onSelling', 1);
		const [alreadyOffline] = productsIn('offline', 1);
		const { error } = await run(params(), [{ productId: onSale }, { productId: alreadyOffline }]);
		expect(error?.message).toMatch(/1 of 2 products were not taken offline/);
		expect(error?.description).toContain(`item 2 (product ${alreadyOffline})`);
		expect(statusOf(onSale)).toBe('offline');
	});

	it('bad ids fail their item before any call', async () => {
		const [onSale] = productsIn('onSelling', 1);
		const { items, error } = await run(
			params(),
			[{ productId: 'abc' }, { productId: '' }, { productId: onSale }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ success: false, errorCode: 'INVALID_INPUT' });
		expect(String(items[0].json.errorMessage)).toMatch(
			/Item 1, field "Product ID": must be a numeric/,
		);
		expect(String(items[1].json.errorMessage)).toMatch(/Item 2, field "Product ID": is empty/);
		expect(items[2].json).toEqual({ productId: onSale, success: true, status: 'offline' });
		expect(idsSent(OFFLINE)).toEqual([[onSale]]);

		sandbox.resetCalls();
		const failed = await run(params(), [{ productId: '12.5' }]);
		expect(failed.error?.message).toMatch(/Item 1, field "Product ID"/);
		expect(sandbox.calls).toHaveLength(0);
	});

	it('a lost answer is settled by a lookup: products already offline succeed, none is sent twice', async () => {
		const ids = productsIn('onSelling', 3);
		// the call is carried out, then the connection drops before the answer
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [OFFLINE], afterProcessing: true },
		});
		const { items, error } = await run(
			params(),
			ids.map((productId) => ({ productId })),
		);
		expect(error).toBeUndefined();
		expect(items.map((o) => o.json)).toEqual(
			ids.map((productId) => ({ productId, success: true, status: 'offline', recovered: true })),
		);
		expect(sandbox.callCount(OFFLINE)).toBe(1);
		const lookups = sandbox.calls
			.filter((c) => c.method === LIST)
			.map((c) => JSON.parse(c.params.aeop_a_e_product_list_query) as IDataObject);
		expect(new Set(lookups.map((q) => String(q.product_id)))).toEqual(new Set(ids));
	});

	it('a lost answer of a call not carried out: the lookup finds the products on sale and sends them again', async () => {
		const ids = productsIn('onSelling', 2);
		let offlineCalls = 0;
		sandbox.setOptions({ faults: { rate: 1, kinds: ['http502'], methods: [OFFLINE] } });
		sandbox.onCall = (record) => {
			if (record.method === OFFLINE && ++offlineCalls === 2)
				sandbox.setOptions({ faults: undefined });
		};
		try {
			const { items, error } = await run(
				params(),
				ids.map((productId) => ({ productId })),
			);
			expect(error).toBeUndefined();
			expect(items.map((o) => o.json)).toEqual(
				ids.map((productId) => ({ productId, success: true, status: 'offline' })),
			);
			expect(sandbox.callCount(OFFLINE)).toBe(2);
		} finally {
			sandbox.onCall = undefined;
		}
	});
});

describe('Product → Put Online', () => {
	it('puts Offline products on sale, at most 50 a call', async () => {
		const ids = productsIn('offline', 51);
		const { items, error } = await run(
			params({ operation: 'online' }),
			ids.map((productId) => ({ productId })),
		);
		expect(error).toBeUndefined();
		expect(items.map((o) => o.json)).toEqual(
			ids.map((productId) => ({ productId, success: true, status: 'onSelling' })),
		);
		expect(idsSent(ONLINE).map((s) => s.length)).toEqual([50, 1]);
		expect(ids.every((id) => statusOf(id) === 'onSelling')).toBe(true);
	});

	it('a product that is not Offline gets the platform’s refusal', async () => {
		const [auditing] = productsIn('auditing', 1);
		const { items } = await run(params({ operation: 'online' }), [{ productId: auditing }], {
			continueOnFail: true,
		});
		expect(items[0].json).toEqual({
			productId: auditing,
			success: false,
			errorCode: 'SANDBOX_PRODUCT_STATUS_NOT_ALLOWED',
			errorMessage: 'The product is not offline',
		});
		expect(statusOf(auditing)).toBe('auditing');
	});
});
