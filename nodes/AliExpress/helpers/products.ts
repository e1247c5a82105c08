/** Reading products: one with `product.info.get`, lists with `product.list.get`. */
import type { IDataObject } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { METHODS } from '../transport/methods';
import { fetchAllPages } from '../transport/pagination';
import type { AliExpressClient } from '../transport/request';
import { requestJson } from './requestJson';

/** One product's `product.info.get` answer, inside its `result` wrapper or the answer itself. */
export async function readProduct(
	client: AliExpressClient,
	productId: string,
): Promise<IDataObject> {
	const answer = await client.call(METHODS.productInfo, { product_id: productId });
	return (answer.result ?? answer) as IDataObject;
}

/** sku_code → current discount price, from a `product.info.get` answer (with or without its `result` wrapper). */
export function currentDiscountPrices(answer: IDataObject): Map<string, unknown> {
	const result = (answer.result ?? answer) as IDataObject;
	const current = new Map<string, unknown>();
	for (const sku of toList(result.aeop_ae_product_s_k_us, 'global_aeop_ae_product_sku')) {
		current.set(String(sku.sku_code), sku.sku_discount_price);
	}
	return current;
}

/**
 * The products of one status, page by page; all of them, or the first `limit`.
 * `filter`: a title the subject contains, or list query filters such as
 * `{sku_code}` (exact: product.list.get's documented "merchant sku code" filter).
 */
export async function listProducts(
	client: AliExpressClient,
	status: string,
	filter: string | IDataObject,
	pageSize: number,
	limit?: number,
): Promise<IDataObject[]> {
	return await fetchAllPages<IDataObject>(
		client,
		async (page) => {
			const listQuery: IDataObject = {
				product_status_type: status,
				current_page: page,
				page_size: pageSize,
			};
			if (typeof filter === 'string') {
				if (filter) listQuery.subject = filter;
			} else Object.assign(listQuery, filter);
			const answer = await client.call(METHODS.productList, {
				// requestJson: a product_id filter (RawNumber) goes as its exact digits
				aeop_a_e_product_list_query: requestJson(listQuery),
			});
			const result = (answer.result ?? answer) as IDataObject;
			const items = toList(result.aeop_a_e_product_display_d_t_o_list, 'item_display_dto');
			const count = Number(result.product_count);
			const totalPages = Number(result.total_page) || (count > 0 ? Math.ceil(count / pageSize) : 1);
			return { items, totalPages };
		},
		{ limit, pageSize },
	);
}
