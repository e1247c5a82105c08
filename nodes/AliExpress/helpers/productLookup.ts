/**
 * Where products stand now, read with `product.list.get` (its documented `product_id`
 * filter, one query per status: the method lists one status at a time). Used to settle
 * a status change or a delete whose answer was lost, and by Get Many across all statuses.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AliExpressClient } from '../transport/request';
import { LIST_PAGE_SIZE_MAX } from './limits';
import { listProducts } from './products';
import { rawId } from './requestJson';
import { trimmed } from './values';

/** Every value of `product_status_type`, in the documented order (product.list.get). */
export const ALL_PRODUCT_STATUSES = ['onSelling', 'offline', 'auditing', 'editingRequired'];

/**
 * Each id's status now, or undefined when no status lists it (the product is gone, or was
 * never the seller's). Every call is a read, retried as such; a failure is thrown.
 */
export async function currentStatuses(
	client: AliExpressClient,
	ids: string[],
): Promise<Map<string, string | undefined>> {
	const queries = ids.flatMap((id) => ALL_PRODUCT_STATUSES.map((status) => ({ id, status })));
	const found = await client.map(queries, async ({ id, status }) => {
		const listed = await listProducts(client, status, { product_id: rawId(id) }, 1, 1);
		return listed.some((p) => trimmed(p.product_id) === id) ? status : undefined;
	});
	const out = new Map<string, string | undefined>(ids.map((id) => [id, undefined]));
	queries.forEach((q, n) => {
		if (found[n]) out.set(q.id, found[n]);
	});
	return out;
}

/**
 * The products of every status (or of `statuses`), each once, with the status it was
 * listed under; all of them, or the first `limit`: statuses are read one after the other
 * and no further query starts once `limit` products are in.
 */
export async function listAcrossStatuses(
	client: AliExpressClient,
	statuses: string[],
	title: string,
	limit?: number,
): Promise<Array<{ product: IDataObject; status: string }>> {
	const out: Array<{ product: IDataObject; status: string }> = [];
	const seen = new Set<string>();
	for (const status of statuses) {
		const left = limit === undefined ? undefined : limit - out.length;
		if (left !== undefined && left <= 0) break;
		const pageSize = left === undefined ? LIST_PAGE_SIZE_MAX : Math.min(left, LIST_PAGE_SIZE_MAX);
		for (const product of await listProducts(client, status, title, pageSize, left)) {
			// a product that changed status between two queries is listed once
			const id = trimmed(product.product_id);
			if (id && seen.has(id)) continue;
			if (id) seen.add(id);
			out.push({ product, status });
			if (limit !== undefined && out.length >= limit) break;
		}
	}
	return out;
}
