/**
 * The naive way, for comparison: a straightforward client that signs each
 * request with the credential's own `signRequest`, posts it with undici and
 * waits for the answer before sending the next one. No batching across
 * products, no concurrency, no pacing; on a quota refusal it sleeps a second
 * and tries again (what users of the public SDKs do by hand).
 */
import { request } from 'undici';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { signRequest } from '../credentials/AliExpressApi.credentials';
import { toWireParams } from '../credentials/AliExpressSigning';
import { formatPacific } from '../test/sandbox/time';

export const INVENTORY_METHOD = 'aliexpress.solution.batch.product.inventory.update';
export const ORDER_LIST_METHOD = 'aliexpress.solution.order.get';
const PAGE_SIZE = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class NaiveClient {
	calls = 0;
	refused = 0;

	constructor(private readonly credentials: ICredentialDataDecryptedObject) {}

	/** One business call; returns the content of its `_response` wrapper. */
	async call(method: string, params: IDataObject): Promise<IDataObject> {
		for (;;) {
			const options: IHttpRequestOptions = {
				method: 'POST',
				url: '/sync',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: toWireParams({ ...params, method }),
			};
			const signed = await signRequest(this.credentials, options);
			this.calls++;
			const response = await request(signed.url, {
				method: 'POST',
				headers: signed.headers as Record<string, string>,
				body: signed.body as string,
			});
			const answer = (await response.body.json()) as IDataObject;
			const wrapper = answer[`${method.replace(/\./g, '_')}_response`] as IDataObject | undefined;
			if (wrapper) return wrapper;
			const error = (answer.error_response ?? answer) as IDataObject;
			if (error.code === 'ApiCallLimit') {
				this.refused++;
				await sleep(1000);
				continue;
			}
			throw new Error(
				`${method}: ${String(error.code)} ${String(error.message ?? error.msg ?? '')}`,
			);
		}
	}
}

export interface SkuQuantity {
	productId: string;
	skuCode: string;
	quantity: number;
}

/** One call per product, one after another. Returns the number of products updated. */
export async function naiveInventorySync(
	client: NaiveClient,
	items: SkuQuantity[],
): Promise<number> {
	const byProduct = new Map<string, SkuQuantity[]>();
	for (const item of items) {
		const list = byProduct.get(item.productId);
		if (list) list.push(item);
		else byProduct.set(item.productId, [item]);
	}
	let updated = 0;
	for (const [productId, skus] of byProduct) {
		const answer = await client.call(INVENTORY_METHOD, {
			mutiple_product_update_list: [
				{
					product_id: productId,
					multiple_sku_update_list: skus.map((s) => ({
						sku_code: s.skuCode,
						inventory: s.quantity,
					})),
				},
			],
		});
		if (answer.update_success === true) updated++;
	}
	return updated;
}

/**
 * Every order created in [from, to] (Pacific strings), page by page, one page
 * at a time: the ten other statuses in one list, then FINISH on its own (the
 * API wants FINISH alone). Returns the orders.
 */
export async function naiveOrderRead(
	client: NaiveClient,
	range: { create_date_start: string; create_date_end: string },
	statusLists: string[][],
): Promise<IDataObject[]> {
	const orders: IDataObject[] = [];
	for (const statuses of statusLists) {
		for (let page = 1; ; page++) {
			// the IOP gateway's shape: the query's fields flat, order_status_list a JSON list
			const answer = await client.call(ORDER_LIST_METHOD, {
				...range,
				order_status_list: statuses,
				page_size: PAGE_SIZE,
				current_page: page,
			});
			const result = (answer.result ?? {}) as IDataObject;
			const list = (result.target_list as IDataObject | undefined)?.order_dto;
			if (Array.isArray(list)) orders.push(...(list as IDataObject[]));
			else if (list) orders.push(list as IDataObject);
			if (page >= Number(result.total_page ?? 0)) break;
		}
	}
	return orders;
}

/**
 * Not a naive sync but the transport's floor: exactly the batch calls the API
 * needs (20 products per call), sent one after another with nothing else done
 * — signing, undici and JSON.parse only. Scenario 7 subtracts it from the
 * node's CPU to show the node's own cost.
 */
export async function plainBatchedInventory(
	client: NaiveClient,
	items: SkuQuantity[],
): Promise<number> {
	const byProduct = new Map<string, SkuQuantity[]>();
	for (const item of items) {
		const list = byProduct.get(item.productId);
		if (list) list.push(item);
		else byProduct.set(item.productId, [item]);
	}
	const products = [...byProduct];
	let failed = 0;
	for (let start = 0; start < products.length; start += 20) {
		const answer = await client.call(INVENTORY_METHOD, {
			mutiple_product_update_list: products.slice(start, start + 20).map(([productId, skus]) => ({
				product_id: productId,
				multiple_sku_update_list: skus.map((s) => ({ sku_code: s.skuCode, inventory: s.quantity })),
			})),
		});
		if (answer.update_success !== true) failed++;
	}
	return failed;
}

/**
 * FINISH orders created in the last `days`, asked for alone in create windows of at
 * most `windowDays` (the documented width of a FINISH query), newest window first.
 */
export async function naiveFinishRead(
	client: NaiveClient,
	now: number,
	days: number,
	windowDays: number,
): Promise<IDataObject[]> {
	const DAY = 86_400_000;
	const orders: IDataObject[] = [];
	const start = now - days * DAY + 60_000;
	for (let end = now; end > start; end -= windowDays * DAY) {
		const from = Math.max(start, end - windowDays * DAY + 1000);
		orders.push(
			...(await naiveOrderRead(
				client,
				{ create_date_start: formatPacific(from), create_date_end: formatPacific(end) },
				[['FINISH']],
			)),
		);
	}
	return orders;
}
