/**
 * Product → Get Many: `aliexpress.solution.product.list.get`, page by page
 * (99 products a page when returning all), one output item per product.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toList } from '../../transport/envelope';
import { fetchAllPages } from '../../transport/pagination';
import type { AliExpressClient } from '../../transport/request';
import { idString, inputError, returnAllOrLimit, runPerItem } from '../common';
import { parseInteger } from '../skuSync';
import { LIST_PAGE_SIZE_MAX, simplifyListItem } from './shared';

export const METHOD = 'aliexpress.solution.product.list.get';

const show = { resource: ['product'], operation: ['getMany'] };

export const STATUS_OPTIONS = [
	{ name: 'Editing Required', value: 'editingRequired', description: 'Sent back by AliExpress for changes' },
	{ name: 'In Review', value: 'auditing', description: 'Waiting for AliExpress to approve' },
	{ name: 'Offline', value: 'offline', description: 'Taken off sale' },
	{ name: 'On Sale', value: 'onSelling', description: 'Live and buyable' },
];

export const description: INodeProperties[] = [
	...returnAllOrLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'onSelling',
				description: 'Which products to list (AliExpress lists one status at a time; On Sale when not set)',
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
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show },
	},
];

/** The products of one status (optionally whose title contains `title`), page by page; all of them, or the first `limit`. */
export async function listProducts(
	client: AliExpressClient,
	status: string,
	title: string,
	pageSize: number,
	limit?: number,
): Promise<IDataObject[]> {
	return await fetchAllPages<IDataObject>(
		client,
		async (page) => {
			const listQuery: IDataObject = { product_status_type: status, current_page: page, page_size: pageSize };
			if (title) listQuery.subject = title;
			const answer = await client.call(METHOD, { aeop_a_e_product_list_query: listQuery });
			const result = (answer.result ?? answer) as IDataObject;
			const items = toList(result.aeop_a_e_product_display_d_t_o_list, 'item_display_dto');
			const count = Number(result.product_count);
			const totalPages = Number(result.total_page) || (count > 0 ? Math.ceil(count / pageSize) : 1);
			return { items, totalPages };
		},
		{ limit, pageSize },
	);
}

interface Query {
	status: string;
	title: string;
	limit?: number;
	simplify: boolean;
}

export async function execute(this: IExecuteFunctions, client: AliExpressClient): Promise<INodeExecutionData[]> {
	return await runPerItem<Query>(
		this,
		client,
		(i) => {
			const filters = (this.getNodeParameter('filters', i, {}) ?? {}) as IDataObject;
			const status = idString(filters.status) || 'onSelling';
			if (!STATUS_OPTIONS.some((o) => o.value === status)) {
				throw inputError(
					this,
					i,
					'Filters › Status',
					`"${status}" is not a product status`,
					`Use one of ${STATUS_OPTIONS.map((o) => o.value).join(', ')}.`,
				);
			}
			const returnAll = this.getNodeParameter('returnAll', i, false) === true;
			let limit: number | undefined;
			if (!returnAll) {
				const raw: unknown = this.getNodeParameter('limit', i, 50);
				limit = parseInteger(raw, 1, Number.MAX_SAFE_INTEGER);
				if (limit === undefined) {
					throw inputError(
						this,
						i,
						'Limit',
						`must be a whole number of at least 1, got ${JSON.stringify(raw)}`,
						'Enter how many products to return, or turn on Return All.',
					);
				}
			}
			return {
				status,
				title: idString(filters.title),
				limit,
				simplify: this.getNodeParameter('simplify', i, true) !== false,
			};
		},
		async (query) => {
			const pageSize = query.limit === undefined ? LIST_PAGE_SIZE_MAX : Math.min(query.limit, LIST_PAGE_SIZE_MAX);
			const products = await listProducts(client, query.status, query.title, pageSize, query.limit);
			return products.map((p) => (query.simplify ? simplifyListItem(p, query.status) : p));
		},
	);
}
