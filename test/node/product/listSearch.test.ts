/**
 * The resource locators' "From List" searches (categories, freight templates,
 * EU responsible persons) in n8n's LoadOptionsContext, as the editor runs them
 * for the node being edited, against the sandbox. Expected values come from the
 * sandbox store or are written out here.
 */
import type { INodeParameters } from 'n8n-workflow';

import { listSearch, sandboxCredentials } from '../../helpers/engine';
import { useSandbox } from '../suite';

const INFO = 'aliexpress.solution.product.info.get';
const EU_PERSONS = 'aliexpress.category.eu.responsible.persons.list';

const sandbox = useSandbox({ products: 250, orders: 5 });

const publishing: INodeParameters = { resource: 'product', operation: 'publish' };
const updating: INodeParameters = { resource: 'product', operation: 'update' };

async function search(method: string, parameters: INodeParameters, path: string, filter?: string) {
	return await listSearch({
		method,
		parameters,
		path,
		filter,
		credentials: sandboxCredentials(sandbox),
	});
}

describe('resource locator lists', () => {
	it('categories: every leaf category with its path, searchable', async () => {
		const all = await search('searchCategories', publishing, 'parameters.categoryId');
		const leaves = [...sandbox.store.categories.values()].filter((c) => c.leaf);
		expect(all.paginationToken).toBeUndefined();
		expect(all.results.map((r) => r.value).sort()).toEqual(leaves.map((c) => c.id).sort());
		expect(all.results.find((r) => r.value === '200000347')?.name).toBe(
			"Apparel & Accessories › Women's Clothing › Dresses",
		);
		const calls = sandbox.callCount('aliexpress.solution.seller.category.tree.query');
		expect(calls).toBe(1 + [...sandbox.store.categories.values()].filter((c) => !c.leaf).length);

		const dresses = await search('searchCategories', publishing, 'parameters.categoryId', 'dress');
		expect(dresses.results).toEqual([
			{ name: "Apparel & Accessories › Women's Clothing › Dresses", value: '200000347' },
		]);
	});

	it('freight templates', async () => {
		const out = await search('searchFreightTemplates', publishing, 'parameters.freightTemplateId');
		expect(out.results.map((r) => r.value)).toEqual(
			sandbox.store.freightTemplates.map((t) => t.template_id),
		);
		expect(out.results[0].name).toBe(
			`${sandbox.store.freightTemplates[0].template_name} (default)`,
		);
		const free = await search(
			'searchFreightTemplates',
			publishing,
			'parameters.freightTemplateId',
			'free',
		);
		expect(free.results).toEqual([{ name: 'Free Shipping Worldwide', value: '1001' }]);
	});

	it("EU responsible persons of the chosen category, or of the product's category", async () => {
		const expected = sandbox.store.euResponsiblePersons.map((p) => ({
			name: p.name,
			value: String(p.msr_eu_id),
		}));
		// Publish: the category chosen above (from the list)
		const byCategory = await search(
			'searchEuResponsiblePersons',
			{
				...publishing,
				categoryId: { __rl: true, mode: 'list', value: '200000347' },
			},
			'parameters.additionalFields.msrEuId',
		);
		expect(byCategory.results).toEqual(expected);
		const call = sandbox.calls.find((c) => c.method === EU_PERSONS);
		expect(call?.params.category_id).toBe('200000347');

		// Update: the category of the product given by its ID
		sandbox.resetCalls();
		const product = [...sandbox.store.products.values()][0];
		const byProduct = await search(
			'searchEuResponsiblePersons',
			{ ...updating, productId: product.product_id },
			'parameters.updateFields.msrEuId',
		);
		expect(byProduct.results).toEqual(expected);
		expect(sandbox.calls.map((c) => c.method)).toEqual([INFO, EU_PERSONS]);
		expect(sandbox.calls[1].params.category_id).toBe(product.category_id);

		// neither a category nor a product ID: Publish before a category is chosen, Update with
		// the Product ID still empty
		sandbox.resetCalls();
		await expect(
			search('searchEuResponsiblePersons', publishing, 'parameters.additionalFields.msrEuId'),
		).rejects.toThrow('Choose the category first');
		await expect(
			search('searchEuResponsiblePersons', updating, 'parameters.updateFields.msrEuId'),
		).rejects.toThrow('Choose the category first');
		expect(sandbox.callCount()).toBe(0);
	});
});
