/**
 * The sandbox's answers against the documentation's own example answers
 * (test/contract/examples/, transcribed from retailcrm/aliexpress-top-client's tests):
 * - each example keeps to its contract file (the transcription is consistent);
 * - the sandbox answers the same call in the same wrapper, and wherever the example and
 *   the sandbox's answer share a path, both hold the same kind of value (object, list,
 *   value); a list the example wraps under an item name, the sandbox wraps under that name.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { callIop } from './client';
import { answerProblems, CONTRACT_DIR, contractOf } from './contract';
import { startSandbox, type Sandbox } from './index';

interface Example {
	method: string;
	source: Record<string, string>;
	answer: Record<string, Record<string, unknown>>;
}

const DIR = join(CONTRACT_DIR, 'examples');
const examples: Example[] = readdirSync(DIR)
	.filter((f) => f.startsWith('aliexpress.'))
	.map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Example);

const wrapperOf = (method: string) => `${method.replace(/\./g, '_')}_response`;

type Kind = 'object' | 'list' | 'value';
/** Every path of `v` and the kind of value there; list entries are written `[]`. */
function shape(v: unknown, path = '', out = new Map<string, Kind>()): Map<string, Kind> {
	if (Array.isArray(v)) {
		out.set(path, 'list');
		for (const x of v) shape(x, `${path}[]`, out);
	} else if (typeof v === 'object' && v !== null) {
		out.set(path, 'object');
		for (const [k, x] of Object.entries(v)) shape(x, path ? `${path}.${k}` : k, out);
	} else {
		out.set(path, 'value');
	}
	return out;
}
const parentOf = (p: string) => p.replace(/(\[\]|\.[^.[\]]+)$/, '');

/**
 * Where an example disagrees with its own method's documented tree. Each is named, so a
 * new disagreement still fails: product.info.get's example writes group_ids as a list of
 * lists ({"number":[[1002141,10024524]]}), its metadata and the Java SDK as a list of numbers.
 */
const EXAMPLE_QUIRKS: Record<string, string[]> = {
	'aliexpress.solution.product.info.get': [
		'result.group_ids.number[0]: a integer was documented, got [1002141,10024524]',
	],
};

describe('documented examples', () => {
	it.each(examples.map((e) => [e.method, e] as const))(
		'%s: the example keeps to its contract file',
		(method, e) => {
			const body = e.answer[wrapperOf(method)];
			expect(body).toBeDefined();
			expect(answerProblems(contractOf(method), body)).toEqual(EXAMPLE_QUIRKS[method] ?? []);
		},
	);
});

describe('the sandbox answers like the documented examples', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ seed: 7 });
	});
	afterAll(() => sb.close());

	/** A valid call of each method the sandbox answers, on the seeded store. */
	function requestFor(method: string): Record<string, string> | undefined {
		const product = [...sb.store.products.values()].find((p) => p.status === 'onSelling')!;
		const order = [...sb.store.orders.values()].find(
			(o) => o.order_status === 'WAIT_SELLER_SEND_GOODS',
		)!;
		const skuList = (sku: Record<string, unknown>) =>
			JSON.stringify([
				{
					product_id: product.product_id,
					multiple_sku_update_list: [{ sku_code: product.skus[0].sku_code, ...sku }],
				},
			]);
		const feedItems = () =>
			JSON.stringify([
				{
					item_content_id: 'A00000000Y1',
					item_content: JSON.stringify({
						aliexpress_product_id: Number(product.product_id),
						multiple_sku_update_list: [{ sku_code: product.skus[0].sku_code, inventory: 7 }],
					}),
				},
			]);
		const day = 86_400_000;
		const pacific = (ms: number) =>
			new Date(ms - 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
		switch (method) {
			case 'aliexpress.solution.merchant.profile.get':
				return {};
			case 'aliexpress.solution.seller.category.tree.query':
				return { category_id: '0', filter_no_permission: 'true' };
			case 'aliexpress.solution.product.list.get':
				return {
					aeop_a_e_product_list_query: JSON.stringify({
						product_status_type: 'onSelling',
						current_page: 1,
						page_size: 5,
					}),
				};
			case 'aliexpress.solution.product.info.get':
				return { product_id: product.product_id };
			case 'aliexpress.solution.batch.product.inventory.update':
				return { mutiple_product_update_list: skuList({ inventory: 7 }) };
			case 'aliexpress.solution.batch.product.price.update':
				return { mutiple_product_update_list: skuList({ price: '9.99' }) };
			case 'aliexpress.solution.order.get':
				return {
					create_date_start: pacific(Date.now() - 60 * day),
					create_date_end: pacific(Date.now()),
					order_status_list: JSON.stringify(['WAIT_SELLER_SEND_GOODS']),
					page_size: '5',
					current_page: '1',
				};
			case 'aliexpress.solution.order.fulfill':
				return {
					out_ref: order.order_id,
					service_name: 'CAINIAO_STANDARD',
					logistics_no: 'LP00123456789',
					send_type: 'all',
				};
			case 'aliexpress.solution.feed.submit':
				return { operation_type: 'PRODUCT_STOCKS_UPDATE', item_list: feedItems() };
			case 'aliexpress.solution.feed.query': {
				// a job processed already (queued in the past, no processing time)
				const items = JSON.parse(feedItems()) as Array<{
					item_content_id: string;
					item_content: string;
				}>;
				const job = sb.store.feeds.submit(
					'PRODUCT_STOCKS_UPDATE',
					items.map((i) => ({ id: i.item_content_id, content: i.item_content })),
					Date.now() - 60_000,
					0,
				);
				return { job_id: job.jobId };
			}
			default:
				return undefined; // a method the package does not call
		}
	}

	const answered = examples.filter(
		(e) => e.method !== 'aliexpress.logistics.redefining.listlogisticsservice',
	);
	it.each(answered.map((e) => [e.method, e] as const))('%s', async (method, e) => {
		const params = requestFor(method);
		expect(params).toBeDefined();
		const r = await callIop(sb, method, params);
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toEqual(Object.keys(e.answer));
		const ours = shape(r.json);
		const theirs = shape(e.answer);
		const disagreements: string[] = [];
		for (const [path, kind] of ours) {
			const documented = theirs.get(path);
			if (documented && documented !== kind) {
				disagreements.push(`${path}: example ${documented}, sandbox ${kind}`);
			}
		}
		for (const [path, kind] of theirs) {
			if (kind !== 'list' || ours.has(path)) continue;
			// a wrapped list the example names: the sandbox must use the same item name
			const parent = parentOf(path);
			if (ours.get(parent) === 'object' && theirs.get(parent) === 'object') {
				const siblings = [...ours.keys()].filter((p) => parentOf(p) === parent);
				if (siblings.length > 0 && Object.keys(e.answer).length > 0) {
					const wrapper = [...theirs.keys()].filter((p) => parentOf(p) === parent);
					if (wrapper.length === 1) {
						disagreements.push(
							`${parent}: example wraps its list as ${path}, sandbox has ${siblings.join(', ')}`,
						);
					}
				}
			}
		}
		expect(disagreements).toEqual([]);
	});
});
