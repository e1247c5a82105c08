/**
 * Bulk feeds: `aliexpress.solution.feed.submit` and `.feed.query`, modelled from their contract
 * files (test/contract/aliexpress.solution.feed.{submit,query}.json):
 *
 * - submit takes `operation_type` (the four documented types) and `item_list` (at most 2,000
 *   `{item_content, item_content_id}`, the ids unique) and answers `job_id`; the gateway's schema
 *   check (contract.ts) refuses more than 2,000 items and an unknown operation type;
 * - processing is asynchronous: the jobs of a seller run one after another in the order they
 *   came (feed.list.get documents QUEUEING, PROCESSING, FINISH), each taking `delayMs`
 *   (SandboxOptions.feedDelayMs); a job's items are applied to the store when it finishes;
 * - query answers `job_id`, `total_item_count` and, once the job is done, `success_item_count`
 *   and `result_list{single_item_response_dto:[{item_content_id, item_execution_result}]}`
 *   (retailcrm's documented example); before that, no result_list and a success count of 0
 *   (what the platform answers then is not documented);
 * - PRODUCT_STOCKS_UPDATE / PRODUCT_PRICES_UPDATE items are `{aliexpress_product_id,
 *   multiple_sku_update_list:[{sku_code, inventory} | {sku_code, price, discount_price}]}`
 *   (retailcrm's FeedStocksUpdateDto / FeedPricesUpdateDto); each item succeeds or fails as a
 *   whole with the refusals the batch methods model (unknown product or SKU, out-of-range
 *   values; more than 200 SKUs, assumed), and its item_execution_result is
 *   `{"productId":…,"success":true}` (the documented example) or, the sandbox's own choice,
 *   `{"productId":…,"success":false,"errorCode":…,"errorMessage":…}`.
 */

import { invalidParam } from './errors';
import { appliedKey } from './feedJobs';
import {
	BATCH_MAX_SKUS,
	BusinessFailure,
	inventoryChange,
	priceChange,
	updateProductSkus,
	type MethodHandler,
	type SkuChange,
} from './methods';
import type { SandboxStore } from './store';
import { toJson, wireId, wrapList } from './wire';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** The SKU change of each modelled operation type (a function: methods.ts imports this module). */
const changeOf = (operationType: string): SkuChange | undefined =>
	operationType === 'PRODUCT_STOCKS_UPDATE'
		? inventoryChange
		: operationType === 'PRODUCT_PRICES_UPDATE'
			? priceChange
			: undefined;

function runItem(store: SandboxStore, operationType: string, content: string, at: number): Json {
	let productId: unknown;
	try {
		const change = changeOf(operationType);
		if (!change) {
			throw new BusinessFailure(
				'OPERATION_NOT_MODELLED',
				`the sandbox models only PRODUCT_STOCKS_UPDATE and PRODUCT_PRICES_UPDATE, not ${operationType}`,
			);
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(content);
		} catch {
			throw new BusinessFailure('ITEM_CONTENT_INVALID', 'item_content is not valid JSON');
		}
		const skus = isObject(parsed) ? parsed.multiple_sku_update_list : undefined;
		productId = isObject(parsed) ? parsed.aliexpress_product_id : undefined;
		if (
			(typeof productId !== 'number' && typeof productId !== 'string') ||
			!/^\d+$/.test(String(productId)) ||
			!Array.isArray(skus) ||
			skus.length === 0
		) {
			throw new BusinessFailure(
				'ITEM_CONTENT_INVALID',
				'item_content needs aliexpress_product_id and a non-empty multiple_sku_update_list',
			);
		}
		if (skus.length > BATCH_MAX_SKUS) {
			throw new BusinessFailure(
				'SKU_COUNT_EXCEEDED',
				`product ${String(productId)} has more than ${BATCH_MAX_SKUS} SKUs in one item`,
			);
		}
		const id = String(productId);
		for (const sku of updateProductSkus(store, id, skus, change, at)) {
			const key = appliedKey(operationType, id, sku.sku_code);
			store.feeds.applied.set(key, (store.feeds.applied.get(key) ?? 0) + 1);
		}
		return { productId: wireId(id), success: true };
	} catch (e) {
		if (!(e instanceof BusinessFailure)) throw e;
		const pid =
			typeof productId === 'number' || typeof productId === 'string'
				? { productId: wireId(String(productId)) }
				: {};
		return { ...pid, success: false, errorCode: e.code, errorMessage: e.message };
	}
}

/** Processes, in order, every job whose time has come: its items are applied to the store. */
export function settleFeeds(store: SandboxStore, now: number): void {
	for (const job of store.feeds.due(now)) {
		job.results = new Map();
		for (const item of job.items) {
			const result = runItem(store, job.operationType, item.content, job.doneAt);
			if (result.success) job.successCount++;
			job.results.set(item.id, toJson(result));
		}
	}
}

const feedSubmit: MethodHandler = ({ params, store, now }) => {
	// the contract check has already refused a missing or unknown operation_type, a list that
	// is not JSON, more than 2,000 items and items without item_content / item_content_id
	const list = JSON.parse(params.item_list) as Json[];
	if (list.length === 0) throw invalidParam('item_list', 'at least one item');
	const ids = new Set<string>();
	const items = list.map((item) => {
		const id = String(item.item_content_id);
		if (ids.has(id)) {
			throw invalidParam('item_list', `item_content_id ${JSON.stringify(id)} is not unique`);
		}
		ids.add(id);
		return { id, content: String(item.item_content) };
	});
	const job = store.feeds.submit(params.operation_type, items, now);
	return { job_id: wireId(job.jobId) };
};

const feedQuery: MethodHandler = ({ params, store, now }) => {
	settleFeeds(store, now);
	const job = store.feeds.jobs.get(String(params.job_id).trim());
	if (!job) throw invalidParam('job_id', 'no feed job with this id');
	const base = { job_id: wireId(job.jobId), total_item_count: job.items.length };
	if (!job.results) return { ...base, success_item_count: 0 };
	return {
		...base,
		success_item_count: job.successCount,
		result_list: wrapList(
			'single_item_response_dto',
			[...job.results].map(([id, result]) => ({
				item_content_id: id,
				item_execution_result: result,
			})),
		),
	};
};

export const FEED_METHODS: Record<string, MethodHandler> = {
	'aliexpress.solution.feed.submit': feedSubmit,
	'aliexpress.solution.feed.query': feedQuery,
};
