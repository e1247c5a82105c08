/**
 * Publish when the answer is lost: the node looks the product up (title, then
 * SKU codes) before doing anything else. Found: success with `recovered: true`.
 * Proven absent: published again, within Max Attempts. Lookup impossible or
 * failing: the item fails saying the product may exist and how to check.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../sandbox';
import { LIST, POST, publishParameters, runNode } from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 30, orders: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.resetCalls();
	sandbox.setOptions({ faults: undefined });
	sandbox.onCall = undefined;
});

const CONNECTION_ADVICE =
	'No usable answer came back from the AliExpress gateway (connection lost, timed out or cut short). Check the network and the Gateway URL, then run again.';
const CHECK =
	'Check with Product → Get Many (Filters › Title Contains) or in the seller center before publishing this item again, so it is not published twice.';

const params = (options: IDataObject = {}) =>
	publishParameters({ options: { maxAttempts: 3, ...options } });

describe('publish with a lost answer', () => {
	it('never created: looked up after each attempt, published again, then fails saying it is safe to rerun', async () => {
		sandbox.setOptions({ faults: { rate: 1, kinds: ['reset'], methods: [POST] } });
		const before = sandbox.store.products.size;
		const { error } = await runNode(sandbox, params(), [{ title: 'Never Created', code: 'NC' }]);
		// n8n records the thrown NodeApiError as a plain object: its name says what it was.
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'AliExpress error ECONNRESET: The connection to the AliExpress gateway failed',
		);
		expect(error?.description).toBe(
			`${CONNECTION_ADVICE} AliExpress did not create the product: the node looked it up after the lost answer and found none, so the item can safely be run again.`,
		);
		// Max Attempts counts every publish of the item; every status is looked at after each.
		expect(sandbox.callCount(POST)).toBe(3);
		expect(sandbox.callCount(LIST)).toBe(3 * 4);
		expect(
			sandbox.calls
				.filter((c) => c.method === LIST)
				.map((c) => JSON.parse(c.params.aeop_a_e_product_list_query).sku_code),
		).toEqual(Array(12).fill('NC-A')); // the exact sku_code filter of product.list.get
		expect(sandbox.store.products.size).toBe(before);
	});

	it('created, but the lookup fails too: fails saying the product may exist and how to check', async () => {
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['reset'], methods: [POST, LIST], afterProcessing: true },
		});
		const before = sandbox.store.products.size;
		const { error } = await runNode(sandbox, params({ maxAttempts: 2 }), [
			{ title: 'Maybe Created', code: 'MC' },
		]);
		expect(error?.message).toBe(
			'AliExpress error ECONNRESET: The connection to the AliExpress gateway failed',
		);
		expect(error?.description).toBe(
			`The answer to the publish was lost, so the product may or may not have been created, and looking it up failed too (AliExpress error ECONNRESET: The connection to the AliExpress gateway failed). ${CHECK}`,
		);
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.store.products.size).toBe(before + 1);
		// The lookups ran side by side: none of them may go on (or retry) after the node failed.
		const calls = sandbox.calls.length;
		await new Promise((ok) => setTimeout(ok, 1500));
		expect(sandbox.calls.length).toBe(calls);
	});

	it('JSON without a title cannot be looked up: fails without publishing again', async () => {
		sandbox.setOptions({ faults: { rate: 1, kinds: ['reset'], methods: [POST] } });
		const productJson = JSON.stringify({
			aliexpress_category_id: 200000347,
			language: 'en',
			sku_info_list: [{ sku_code: 'NT-1', price: 5, inventory: 1 }],
		});
		const { error } = await runNode(sandbox, {
			resource: 'product',
			operation: 'publish',
			mode: 'json',
			productJson,
		});
		expect(error?.description).toBe(
			`The answer to the publish was lost, so the product may or may not have been created, and the node cannot look it up: the Product JSON has no title (multi_language_subject_list) or a SKU without sku_code. ${CHECK}`,
		);
		expect(sandbox.callCount(POST)).toBe(1);
		expect(sandbox.callCount(LIST)).toBe(0);
	});

	it('an older product with the same title and SKU codes is not taken for the lost one', async () => {
		const old = sandbox.store.addProduct({
			status: 'onSelling',
			subject: 'Twin Dress',
			subjects: [{ language: 'en', subject: 'Twin Dress' }],
			skus: [
				{ sku_code: 'TW-A', price: 19.9, inventory: 5, attributes: [], id: 'a' },
				{ sku_code: 'TW-B', price: 21, inventory: 7, attributes: [], id: 'b' },
			],
			gmt_create: Date.now() - 3_600_000,
			gmt_modified: Date.now() - 3_600_000,
		});
		sandbox.setOptions({ faults: { rate: 1, kinds: ['reset'], methods: [POST] } });
		// Only the first post is lost (before the gateway processed it): the sandbox has recorded a
		// call when onCall sees it and decides its fault after, so faults end as the second post arrives.
		sandbox.onCall = (call) => {
			if (call.method === POST && sandbox.callCount(POST) >= 2)
				sandbox.setOptions({ faults: undefined });
		};
		const before = sandbox.store.products.size;
		const { out, error } = await runNode(sandbox, params(), [{ title: 'Twin Dress', code: 'TW' }]);
		expect(error).toBeUndefined();
		expect(out![0].json.productId).not.toBe(old.product_id);
		expect(out![0].json).not.toHaveProperty('recovered');
		expect(sandbox.callCount(POST)).toBe(2);
		expect(sandbox.store.products.size).toBe(before + 1);
	});

	it('two identical items whose answers were lost each get their own product, once', async () => {
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['timeout'], methods: [POST], afterProcessing: true },
		});
		const before = sandbox.store.products.size;
		const item = { title: 'Same Twice', code: 'ST' };
		const { out, error } = await runNode(sandbox, params({ timeout: 1 }), [item, item]);
		expect(error).toBeUndefined();
		expect(out!.map((o) => o.json.recovered)).toEqual([true, true]);
		const ids = out!.map((o) => o.json.productId as string);
		expect(new Set(ids).size).toBe(2);
		expect(sandbox.callCount(POST)).toBe(2);
		expect(sandbox.store.products.size).toBe(before + 2);
		expect(ids.map((id) => sandbox.store.products.get(id)?.subject)).toEqual([
			'Same Twice',
			'Same Twice',
		]);
	});
});
