/**
 * Product → Get Many: `aliexpress.solution.product.list.get`, page by page
 * (99 products a page when returning all), one output item per product. The method
 * lists one status at a time (`product_status_type` is required): without a Status
 * filter every status is read, one after the other, each product once, until Limit.
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=42384&docType=2 (aliexpress.solution.product.list.get)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyProperty } from '../../descriptions/common';
import { PRODUCT_STATUS_OPTIONS } from '../../descriptions/product';
import { inputError, readLimit } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { simplifyListItem } from '../../helpers/productOutput';
import { ALL_PRODUCT_STATUSES, listAcrossStatuses } from '../../helpers/productLookup';
import { shownValue, trimmed } from '../../helpers/values';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: PRODUCT_STATUS_OPTIONS,
				default: 'onSelling',
				description:
					'Only products of this status. Without this filter, products of every status are listed (each item says its status).',
			},
			{
				displayName: 'Title Contains',
				name: 'title',
				type: 'string',
				default: '',
				placeholder: 'e.g. linen dress',
				description: 'Only products whose title contains this text',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['getMany'] } },
	properties,
);

interface Query {
	status: string;
	title: string;
	limit?: number;
	simplify: boolean;
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Query>(
		this,
		client,
		(i) => {
			const filters = (this.getNodeParameter('filters', i, {}) ?? {}) as IDataObject;
			const status = trimmed(filters.status);
			if (status && !PRODUCT_STATUS_OPTIONS.some((o) => o.value === status)) {
				throw inputError(
					this,
					i,
					'Filters › Status',
					`${shownValue(status)} is not a product status`,
					`Use one of ${PRODUCT_STATUS_OPTIONS.map((o) => o.value).join(', ')}.`,
				);
			}
			const returnAll = this.getNodeParameter('returnAll', i, false) === true;
			return {
				status,
				title: trimmed(filters.title),
				limit: returnAll
					? undefined
					: readLimit(this, i, 'Enter how many products to return, or turn on Return All.'),
				simplify: this.getNodeParameter('simplify', i, true) !== false,
			};
		},
		async (query) => {
			const statuses = query.status ? [query.status] : ALL_PRODUCT_STATUSES;
			const listed = await listAcrossStatuses(client, statuses, query.title, query.limit);
			// list items carry no status field: each says the status it was listed under
			return listed.map(({ product, status }) =>
				query.simplify ? simplifyListItem(product, status) : { ...product, status },
			);
		},
	);
}
