/**
 * Category → Get Many: the children of a category (the root categories when none is
 * given) with `aliexpress.solution.seller.category.tree.query`, one item per category
 * with its leaf flag: only leaf categories take products.
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=46042&docType=2 (aliexpress.solution.seller.category.tree.query)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { parseNames, pickName } from '../../helpers/categoryOutput';
import { readLimit, requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { optionalText, trimmed } from '../../helpers/values';
import { toList } from '../../transport/envelope';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Parent Category ID',
		name: 'parentId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 200000345',
		description: 'The category whose sub-categories to list. Leave empty for the root categories.',
	},
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'categoryOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Name Language',
				name: 'language',
				type: 'string',
				default: 'en',
				placeholder: 'e.g. es',
				description:
					'Which of the names AliExpress gives each category goes in "name" (all are in "names")',
			},
			{
				displayName: 'Only Permitted Categories',
				name: 'onlyPermitted',
				type: 'boolean',
				default: true,
				description:
					'Whether to leave out the categories your store has no permission to publish in',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['getMany'] } },
	properties,
);

interface Query {
	parentId: string;
	language: string;
	onlyPermitted: boolean;
	limit?: number;
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Query>(
		this,
		client,
		(i) => {
			const raw = trimmed(this.getNodeParameter('parentId', i, ''));
			const parentId = raw
				? requireId(
						this,
						i,
						'Parent Category ID',
						raw,
						'category ID (empty for the root categories)',
					)
				: '0';
			const options = (this.getNodeParameter('categoryOptions', i, {}) ?? {}) as IDataObject;
			const returnAll = this.getNodeParameter('returnAll', i, false) === true;
			return {
				parentId,
				language: trimmed(options.language) || 'en',
				onlyPermitted: options.onlyPermitted !== false,
				limit: returnAll
					? undefined
					: readLimit(this, i, 'Enter how many categories to return, or turn on Return All.'),
			};
		},
		async (query) => {
			const answer = await client.call(METHODS.categoryTree, {
				category_id: query.parentId,
				filter_no_permission: query.onlyPermitted,
			});
			const children = toList<IDataObject>(answer.children_category_list, 'category_info');
			const items = children.map((c) => {
				const names = parseNames(c.multi_language_names);
				return {
					categoryId: optionalText(c.children_category_id),
					name: pickName(names, query.language),
					names,
					level: c.level,
					leaf: c.is_leaf_category === true || c.is_leaf_category === 'true',
					parentId: query.parentId,
				};
			});
			return query.limit === undefined ? items : items.slice(0, query.limit);
		},
	);
}
