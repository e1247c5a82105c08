/**
 * Category → Get Many and Suggest in n8n's engine against the sandbox's category tree.
 */
import { operation, useSandbox } from '../suite';

const TREE = 'aliexpress.solution.seller.category.tree.query';
const SUGGEST = 'aliexpress.solution.product.category.suggest';

const sandbox = useSandbox({ products: 5, orders: 0 });
const getMany = operation(__dirname, 'getMany.workflow.json', sandbox);
const suggest = operation(__dirname, 'suggest.workflow.json', sandbox);

const children = (parent: string) =>
	[...sandbox.store.categories.values()].filter((c) => c.parentId === parent);

describe('Category → Get Many', () => {
	it('lists the root categories when no parent is given, each with its leaf flag', async () => {
		const out = await getMany.output(getMany.parameters());
		expect(out.map((o) => o.json)).toEqual(
			children('0').map((c) => ({
				categoryId: c.id,
				name: c.name,
				names: { en: c.name },
				level: c.level,
				leaf: c.leaf,
				parentId: '0',
			})),
		);
		expect(sandbox.calls[0].params).toMatchObject({
			category_id: '0',
			filter_no_permission: 'true',
		});
	});

	it("lists a category's children, one list per input item, limited", async () => {
		const out = await getMany.output(
			getMany.parameters({
				parentId: '={{ $json.parent }}',
				returnAll: false,
				limit: 1,
				categoryOptions: { onlyPermitted: false },
			}),
			{
				items: [{ parent: '200000345' }, { parent: '44' }],
			},
		);
		expect(out.map((o) => [o.json.categoryId, o.json.leaf, o.pairedItem])).toEqual([
			[children('200000345')[0].id, true, { item: 0 }],
			[children('44')[0].id, true, { item: 1 }],
		]);
		expect(sandbox.calls[0].params.filter_no_permission).toBe('false');
	});

	it('refuses a parent ID that is not a number before any call; an unknown one is an API error', async () => {
		const bad = await getMany.failure(getMany.parameters({ parentId: 'dresses' }));
		expect(bad.message).toMatch(
			/Item 1, field "Parent Category ID": must be a numeric AliExpress ID/,
		);
		expect(sandbox.callCount()).toBe(0);
		const unknown = await getMany.failure(getMany.parameters({ parentId: '777' }));
		expect(unknown.name).toBe('NodeApiError');
		expect(sandbox.callCount(TREE)).toBe(1);
	});
});

describe('Category → Suggest', () => {
	it('suggests leaf categories for each title, best first, with their paths', async () => {
		const out = await suggest.output(suggest.parameters(), {
			items: [{ title: 'Summer linen dress' }, { title: 'USB-C charger 65W' }],
		});
		const first = out.find((o) => (o.pairedItem as { item: number }).item === 0)!.json;
		expect(first).toEqual({
			categoryId: '200000347',
			name: 'Dresses',
			path: "Apparel & Accessories › Women's Clothing › Dresses",
			idPath: ['3', '200000345', '200000347'],
			namePath: ['Apparel & Accessories', "Women's Clothing", 'Dresses'],
			rank: 1,
		});
		const second = out.filter((o) => (o.pairedItem as { item: number }).item === 1);
		expect(second[0].json.categoryId).toBe('200003803');
		expect(sandbox.calls.map((c) => [c.method, c.params.title, c.params.language])).toEqual([
			[SUGGEST, 'Summer linen dress', 'en'],
			[SUGGEST, 'USB-C charger 65W', 'en'],
		]);
	});

	it('refuses an empty title and a bad image URL before any call', async () => {
		const { items } = await suggest.run(
			suggest.parameters({ additionalFields: { imageUrl: '={{ $json.image }}' } }),
			{
				continueOnFail: true,
				items: [
					{ title: '' },
					{ title: 'Dress', image: 'dress.jpg' },
					{ title: 'Dress', image: 'https://ae01.alicdn.com/kf/S1.jpg' },
				],
			},
		);
		expect(String(items[0].json.error)).toMatch(/Item 1, field "Title": is empty/);
		expect(String(items[1].json.error)).toMatch(/Item 2, field "Additional Fields › Image URL"/);
		expect(items[2].json.categoryId).toBe('200000347');
		expect(sandbox.callCount(SUGGEST)).toBe(1);
		expect(sandbox.calls[0].params.image_url).toBe('https://ae01.alicdn.com/kf/S1.jpg');
	});
});
