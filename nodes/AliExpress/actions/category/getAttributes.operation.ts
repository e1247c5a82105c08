/**
 * Category → Get Attributes: a leaf category's product and SKU attributes with their
 * ids and allowed values, from
 * `aliexpress.category.redefining.getchildattributesresultbypostcateidandpath`. Each
 * value carries `entry`, the object Product → Publish takes in Attribute List (JSON)
 * or in a SKU's Attributes (JSON). Chosen over aliexpress.solution.sku.attribute.query,
 * which names SKU attributes and values without their ids (test/contract/ notes).
 */
// Docs: https://open.aliexpress.com/doc/api.htm#/api?path=aliexpress.category.redefining.getchildattributesresultbypostcateidandpath (no developers.aliexpress.com page id known)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyProperty } from '../../descriptions/common';
import { simplifyAttribute } from '../../helpers/categoryOutput';
import { inputError, locatorValue, requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { requestJson } from '../../helpers/requestJson';
import { trimmed } from '../../helpers/values';
import { toList } from '../../transport/envelope';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	idLocator(
		{
			displayName: 'Category',
			name: 'categoryId',
			required: true,
			description: 'The leaf category whose attributes to get (the one you publish in)',
		},
		'searchCategories',
		'e.g. 200000347',
	),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Include Hidden',
				name: 'includeHidden',
				type: 'boolean',
				default: false,
				description:
					'Whether to include attributes AliExpress marks as not visible (it asks integrations to leave them out)',
			},
			{
				displayName: 'Kind',
				name: 'kind',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{
						name: 'Product Attributes',
						value: 'product',
						description: 'For Attribute List (JSON)',
					},
					{ name: 'SKU Attributes', value: 'sku', description: "For a SKU's Attributes (JSON)" },
				],
				default: 'all',
				description: 'Which attributes to return',
			},
			{
				displayName: 'Name Language',
				name: 'language',
				type: 'string',
				default: 'en',
				placeholder: 'e.g. es',
				description: 'Which of the names AliExpress gives goes in "name" (all are in "names")',
			},
			{
				displayName: 'Required Only',
				name: 'requiredOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only the attributes a product must have to be published',
			},
			{
				displayName: 'Sub-Attributes Of',
				name: 'path',
				type: 'string',
				default: '',
				placeholder: 'e.g. 219=9441741844',
				description:
					'List the sub-attributes of a value instead: "attributeId=valueId", or a path of them separated by commas. A value with sub-attributes shows its path in subAttributePath.',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['getAttributes'] } },
	properties,
);

interface Query {
	categoryId: string;
	path: string[];
	kind: string;
	requiredOnly: boolean;
	includeHidden: boolean;
	language: string;
	simplify: boolean;
}

const isTrue = (v: unknown) => v === true || v === 'true';

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Query>(
		this,
		client,
		(i) => {
			const categoryId = requireId(
				this,
				i,
				'Category',
				locatorValue(this.getNodeParameter('categoryId', i, '')),
				'leaf category ID',
			);
			const filters = (this.getNodeParameter('filters', i, {}) ?? {}) as IDataObject;
			const path = trimmed(filters.path)
				.split(',')
				.map((p) => p.trim())
				.filter(Boolean);
			for (const step of path) {
				if (!/^\d{1,20}=\d{1,20}$/.test(step)) {
					throw inputError(
						this,
						i,
						'Filters › Sub-Attributes Of',
						`"${step}" is not attributeId=valueId`,
						'Enter e.g. 219=9441741844 (copy subAttributePath from a value with sub-attributes), or leave it empty.',
					);
				}
			}
			const kind = trimmed(filters.kind) || 'all';
			if (!['all', 'product', 'sku'].includes(kind)) {
				throw inputError(
					this,
					i,
					'Filters › Kind',
					`"${kind}" is not a kind of attribute`,
					'Use all, product or sku.',
				);
			}
			return {
				categoryId,
				path,
				kind,
				requiredOnly: filters.requiredOnly === true,
				includeHidden: filters.includeHidden === true,
				language: trimmed(filters.language) || 'en',
				simplify: this.getNodeParameter('simplify', i, true) !== false,
			};
		},
		async (query) => {
			const params: IDataObject = { param1: query.categoryId };
			if (query.path.length) params.param2 = requestJson(query.path);
			const answer = await client.call(METHODS.categoryAttributes, params);
			const result = (answer.result ?? {}) as IDataObject;
			const list = toList<IDataObject>(result.attributes, 'aeop_attribute_dto').filter((a) => {
				const sku = isTrue(a.sku);
				if (query.kind === 'sku' && !sku) return false;
				if (query.kind === 'product' && sku) return false;
				if (query.requiredOnly && !isTrue(a.required)) return false;
				if (!query.includeHidden && a.visible !== undefined && !isTrue(a.visible)) return false;
				return true;
			});
			return list.map((a) =>
				query.simplify ? simplifyAttribute(a, query.language, query.path) : a,
			);
		},
	);
}
