/**
 * Product → Get Many in n8n's engine against the sandbox: Return All pages
 * through every product of every status (or of the Status filter), Limit fetches only what it needs across statuses, filters, raw items,
 * one list per input item. The parameters are the fixture's
 * (getMany.workflow.json: Return All), varied per test.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { operation, useSandbox, type RunOptions } from '../suite';

const LIST = 'aliexpress.solution.product.list.get';

const sandbox = useSandbox({ products: 250, orders: 5 });
const listProducts = operation(__dirname, 'getMany.workflow.json', sandbox);

const getManyParams = listProducts.parameters;

/** The node's output items; a node error fails the test with n8n's message. */
const run = (parameters: INodeParameters, items?: RunOptions['items']) =>
	listProducts.output(parameters, { items });

/** The JSON a recorded call carried in `param`. */
function sentJson(method: string, param: string, n = 0): IDataObject {
	const call = sandbox.calls.filter((c) => c.method === method)[n];
	return JSON.parse(call.params[param]) as IDataObject;
}

const byStatus = (status: string) =>
	[...sandbox.store.products.values()].filter((p) => p.status === status);

describe('Product → Get Many', () => {
	it('Return All without a Status filter lists every status, each product once, 99 a page', async () => {
		const all = [...sandbox.store.products.values()];
		const statuses = ['onSelling', 'offline', 'auditing', 'editingRequired'];
		for (const s of statuses) expect(byStatus(s).length).toBeGreaterThan(0);
		expect(byStatus('onSelling').length).toBeGreaterThan(99); // more than one page
		const out = await run(getManyParams());
		expect(out).toHaveLength(all.length);
		expect(new Set(out.map((o) => o.json.productId))).toEqual(
			new Set(all.map((p) => p.product_id)),
		);
		for (const o of out) {
			expect(o.json.status).toBe(sandbox.store.products.get(String(o.json.productId))?.status);
		}
		const queries = sandbox.calls.map(
			(c) => JSON.parse(c.params.aeop_a_e_product_list_query) as IDataObject,
		);
		for (const s of statuses) {
			const mine = queries.filter((q) => q.product_status_type === s);
			expect(mine).toHaveLength(Math.max(1, Math.ceil(byStatus(s).length / 99)));
			expect(mine.map((q) => q.current_page).sort()).toEqual(
				Array.from({ length: mine.length }, (_, n) => n + 1),
			);
		}
		expect(queries.every((q) => q.page_size === 99)).toBe(true);
		expect(out.every((o) => o.pairedItem && (o.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	it('the Status filter narrows it to one status', async () => {
		const expected = byStatus('onSelling');
		const out = await run(getManyParams({ filters: { status: 'onSelling' } }));
		expect(out.map((o) => o.json.productId).sort()).toEqual(
			expected.map((p) => p.product_id).sort(),
		);
		expect(sandbox.callCount(LIST)).toBe(Math.ceil(expected.length / 99));
		expect(
			sandbox.calls.every(
				(c) => JSON.parse(c.params.aeop_a_e_product_list_query).product_status_type === 'onSelling',
			),
		).toBe(true);
	});

	it('Limit fetches only what it needs, across statuses', async () => {
		const out = await run(getManyParams({ returnAll: false, limit: 5 }));
		expect(out).toHaveLength(5);
		expect(sandbox.callCount(LIST)).toBe(1);
		expect(sentJson(LIST, 'aeop_a_e_product_list_query')).toEqual({
			product_status_type: 'onSelling',
			current_page: 1,
			page_size: 5,
		});

		// all of On Sale and 3 Offline products: On Sale's pages, one Offline page of 3, nothing more
		sandbox.resetCalls();
		const onSale = byStatus('onSelling').length;
		const more = await run(getManyParams({ returnAll: false, limit: onSale + 3 }));
		expect(more).toHaveLength(onSale + 3);
		expect(more.slice(onSale).map((o) => o.json.status)).toEqual(['offline', 'offline', 'offline']);
		const queries = sandbox.calls.map(
			(c) => JSON.parse(c.params.aeop_a_e_product_list_query) as IDataObject,
		);
		expect(queries.filter((q) => q.product_status_type === 'onSelling')).toHaveLength(
			Math.ceil(onSale / 99),
		);
		expect(queries.filter((q) => q.product_status_type === 'offline')).toEqual([
			{ product_status_type: 'offline', current_page: 1, page_size: 3 },
		]);
		expect(
			queries.some((q) => ['auditing', 'editingRequired'].includes(String(q.product_status_type))),
		).toBe(false);
	});

	it('simplified items, filtered by status and title', async () => {
		const p = byStatus('offline')[0];
		const word = p.subject
			.split(' ')
			.filter((w) => w.length > 3)[0]
			.toLowerCase();
		const expected = byStatus('offline').filter((x) => x.subject.toLowerCase().includes(word));
		const out = await run(getManyParams({ filters: { status: 'offline', title: word } }));
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
			getManyParams({
				returnAll: false,
				limit: 2,
				filters: { status: '={{ $json.status }}' },
				simplify: false,
			}),
			[{ status: 'auditing' }, { status: 'editingRequired' }],
		);
		expect(out).toHaveLength(4);
		expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 1]);
		expect(sandbox.store.products.get(String(out[0].json.product_id))?.status).toBe('auditing');
		expect(sandbox.store.products.get(String(out[2].json.product_id))?.status).toBe(
			'editingRequired',
		);
		expect(out[0].json.subject).toBeDefined();
		// raw items say the status they were listed under
		expect(out.map((o) => o.json.status)).toEqual([
			'auditing',
			'auditing',
			'editingRequired',
			'editingRequired',
		]);
	});
});
