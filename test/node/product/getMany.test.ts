/**
 * Product → Get Many in n8n's engine against the sandbox: Return All pages
 * through every product, Limit fetches only what it needs, filters, raw items,
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
	it('Return All pages through every product of the status, 99 a page', async () => {
		const expected = byStatus('onSelling');
		expect(expected.length).toBeGreaterThan(99); // more than one page
		const out = await run(getManyParams());
		expect(out).toHaveLength(expected.length);
		expect(new Set(out.map((o) => o.json.productId))).toEqual(
			new Set(expected.map((p) => p.product_id)),
		);
		expect(sandbox.callCount(LIST)).toBe(Math.ceil(expected.length / 99));
		const queries = sandbox.calls.map(
			(c) => JSON.parse(c.params.aeop_a_e_product_list_query) as IDataObject,
		);
		expect(
			queries
				.map((q) => [q.product_status_type, q.page_size])
				.every(([s, n]) => s === 'onSelling' && n === 99),
		).toBe(true);
		expect(queries.map((q) => q.current_page).sort()).toEqual(
			Array.from({ length: queries.length }, (_, n) => n + 1),
		);
		expect(out.every((o) => o.pairedItem && (o.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	it('Limit fetches only what it needs', async () => {
		const out = await run(getManyParams({ returnAll: false, limit: 5 }));
		expect(out).toHaveLength(5);
		expect(sandbox.callCount(LIST)).toBe(1);
		expect(sentJson(LIST, 'aeop_a_e_product_list_query')).toEqual({
			product_status_type: 'onSelling',
			current_page: 1,
			page_size: 5,
		});

		sandbox.resetCalls();
		const more = await run(getManyParams({ returnAll: false, limit: 150 }));
		expect(more).toHaveLength(150);
		expect(sandbox.callCount(LIST)).toBe(2);
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
	});
});
