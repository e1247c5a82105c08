/**
 * Searchable lists for the resource locators: leaf categories, freight
 * templates and the EU responsible persons (GPSR) of a category.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { AliExpressError, toNodeApiError } from '../transport/errors';
import { readProduct } from '../helpers/products';
import { trimmed } from '../helpers/values';
import { searchCarriers } from './carrierSearch';
import { METHODS } from '../transport/methods';
import { AliExpressClient } from '../transport/request';

/** How much of the category tree one search call explores before it hands back a page. */
const CATEGORY_PAGE_RESULTS = 50;
const CATEGORY_CALLS_PER_PAGE = 30;
const CATEGORY_PARALLEL = 5;

type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

const matches = (filter: string | undefined, ...values: string[]) => {
	const f = (filter ?? '').trim().toLowerCase();
	return !f || values.some((v) => v.toLowerCase().includes(f));
};

/** Runs a list call; an AliExpress failure becomes the NodeApiError the list shows. */
async function guarded<T>(ctx: ILoadOptionsFunctions, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof AliExpressError) throw toNodeApiError(ctx.getNode(), error);
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
}

/** A category's name from `multi_language_names` (a JSON text such as {"en": "Dresses"}). */
function categoryName(info: IDataObject): string {
	const raw = info.multi_language_names;
	let names: IDataObject | undefined;
	if (typeof raw === 'string') {
		try {
			const parsed: unknown = JSON.parse(raw);
			if (parsed && typeof parsed === 'object') names = parsed as IDataObject;
		} catch {
			return raw;
		}
	} else if (raw && typeof raw === 'object') {
		names = raw as IDataObject;
	}
	const name = names ? trimmed(names.en) || trimmed(Object.values(names)[0]) : '';
	return name || trimmed(info.category_name) || trimmed(info.children_category_id);
}

/** A category still to be opened: its id and the names of the path to it. */
type Pending = [id: string, path: string];

function readToken(token: string | undefined): Pending[] {
	if (!token) return [['0', '']];
	try {
		const parsed: unknown = JSON.parse(token);
		if (Array.isArray(parsed))
			return parsed.filter((p): p is Pending => Array.isArray(p) && p.length === 2);
	} catch {
		// a token from elsewhere: start over
	}
	return [['0', '']];
}

const searchCategories: ListSearch = async function (filter, paginationToken) {
	const client = new AliExpressClient(this);
	// Depth first through the tree; each page opens categories until it has enough leaves.
	const pending = readToken(paginationToken);
	const results: INodeListSearchItems[] = [];
	let calls = 0;
	while (
		pending.length &&
		results.length < CATEGORY_PAGE_RESULTS &&
		calls < CATEGORY_CALLS_PER_PAGE
	) {
		const batch = pending.splice(0, CATEGORY_PARALLEL);
		calls += batch.length;
		const answers = await guarded(
			this,
			async () =>
				await client.map(
					batch,
					async ([id]) =>
						await client.call(METHODS.categoryTree, {
							category_id: id,
							filter_no_permission: true,
						}),
				),
		);
		const opened: Pending[] = [];
		batch.forEach(([, path], n) => {
			for (const child of toList(answers[n].children_category_list, 'category_info')) {
				const id = trimmed(child.children_category_id ?? child.category_id);
				if (!id) continue;
				const fullPath = path ? `${path} › ${categoryName(child)}` : categoryName(child);
				const leaf = child.is_leaf_category === true || child.is_leaf_category === 'true';
				if (!leaf) opened.push([id, fullPath]);
				else if (matches(filter, fullPath, id)) results.push({ name: fullPath, value: id });
			}
		});
		pending.unshift(...opened);
	}
	return { results, paginationToken: pending.length ? JSON.stringify(pending) : undefined };
};

const searchFreightTemplates: ListSearch = async function (filter) {
	const client = new AliExpressClient(this);
	const answer = await guarded(this, async () => await client.call(METHODS.freightTemplates, {}));
	// The list's items are `aeopfreighttemplatedtolist` (the TOP SDKs' item name for the
	// list `aeop_freight_template_d_t_o_list`).
	const list = toList(answer.aeop_freight_template_d_t_o_list, 'aeopfreighttemplatedtolist');
	const results: INodeListSearchItems[] = [];
	for (const t of list) {
		const id = trimmed(t.template_id);
		const name = `${trimmed(t.template_name) || id}${t.is_default === true || t.is_default === 'true' ? ' (default)' : ''}`;
		if (id && matches(filter, name, id)) results.push({ name, value: id });
	}
	return { results };
};

/** A locator or plain parameter of the node being edited, as an id, or '' when it is not one. */
function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		return '';
	}
	if (value && typeof value === 'object') value = (value as IDataObject).value;
	const id = trimmed(value);
	return /^\d+$/.test(id) ? id : '';
}

const searchEuResponsiblePersons: ListSearch = async function (filter) {
	const client = new AliExpressClient(this);
	let categoryId = currentId(this, 'categoryId');
	if (!categoryId) {
		// Update: the product's own category.
		const productId = currentId(this, 'productId');
		if (productId) {
			const result = await guarded(this, async () => await readProduct(client, productId));
			categoryId = trimmed(result.category_id ?? result.aliexpress_category_id);
		}
	}
	if (!categoryId) {
		throw new NodeOperationError(this.getNode(), 'Choose the category first', {
			description:
				'The EU responsible persons depend on the category. Set "Category" (or, when updating, a fixed "Product ID"), or enter the responsible person\'s ID "By ID".',
		});
	}
	const answer = await guarded(
		this,
		async () =>
			await client.call(METHODS.euResponsiblePersons, {
				category_id: categoryId,
				channel: 'AE_GLOBAL',
			}),
	);
	// The answer is flat (`support`, `eu_contact_module_list`), no `result`. The list comes
	// wrapped under an item name no source names: take the wrapper's single key.
	const results: INodeListSearchItems[] = [];
	for (const p of toList(answer.eu_contact_module_list)) {
		const id = trimmed(p.msr_eu_id);
		const name = trimmed(p.name) || id;
		if (id && matches(filter, name, id)) results.push({ name, value: id });
	}
	return { results };
};

export const listSearch: Record<string, ListSearch> = {
	searchCategories,
	searchFreightTemplates,
	searchEuResponsiblePersons,
	searchCarriers,
};
