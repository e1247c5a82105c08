/**
 * The calls behind Put Online, Take Offline and Delete, and how their answers are read
 * (test/contract/aliexpress.postproduct.redefining.{online,offline}aeproduct.json,
 * aliexpress.solution.batch.product.delete.json).
 */
import type { IDataObject } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { METHODS } from '../transport/methods';
import type { AliExpressClient, RetryBudget } from '../transport/request';
import type { ProductBatchSpec, ProductResult } from './productBatch';
import { currentStatuses } from './productLookup';
import { rawId, requestJson } from './requestJson';
import { numberOrNull, trimmed } from './values';

/** "最多一次只能上架50个商品": at most 50 products per online call (IOP documentation). */
export const MAX_ONLINE_PER_CALL = 50;
/** No maximum is documented for offline; the online method's 50 is used. */
export const MAX_OFFLINE_PER_CALL = 50;
/** `product_ids` of batch.product.delete: "maximum 100". */
export const MAX_DELETE_PER_CALL = 100;

const isTrue = (v: unknown) => v === true || v === 'true';
const isFalse = (v: unknown) => v === false || v === 'false';

/**
 * Each product's result from an online/offline answer, `result{success, modify_count,
 * error_code, error_message, error_details[{error_code, error_message, product_ids}]}`:
 * - a product listed in error_details failed with that detail's code and message;
 * - `success: false` with no error_details refused the whole call: every product fails
 *   with the call's error_code/error_message;
 * - the others were changed when the answer says so: `modify_count` equal to their number,
 *   or `success: true` without a count. When modify_count is lower, the answer does not say
 *   which of them changed: they are not reported as done.
 */
export function modifyResults(ids: string[], answer: IDataObject): Map<string, ProductResult> {
	const result = (answer.result ?? answer) as IDataObject;
	const out = new Map<string, ProductResult>();
	for (const detail of toList(result.error_details, 'error_detail')) {
		for (const id of toList<unknown>(detail.product_ids, 'number')) {
			const key = trimmed(id);
			if (!ids.includes(key) || out.has(key)) continue;
			out.set(key, {
				success: false,
				errorCode: trimmed(detail.error_code) || 'FAILED',
				errorMessage: trimmed(detail.error_message) || 'AliExpress did not change this product',
			});
		}
	}
	const rest = ids.filter((id) => !out.has(id));
	const count = numberOrNull(result.modify_count);
	let failure: ProductResult | undefined;
	if (isFalse(result.success) && out.size === 0) {
		failure = {
			success: false,
			errorCode: trimmed(result.error_code) || 'REFUSED',
			errorMessage: trimmed(result.error_message) || 'AliExpress refused the call (success false)',
		};
	} else if (count !== null ? count < rest.length : !isTrue(result.success)) {
		failure = {
			success: false,
			errorCode: 'NOT_CONFIRMED',
			errorMessage: `AliExpress confirmed ${count ?? 0} of the ${rest.length} products it did not report as failed and did not say which; check this product with Product → Get`,
		};
	}
	for (const id of rest) out.set(id, failure ?? { success: true });
	return out;
}

/** Put Online / Take Offline: the method, the reason (offline only) and the end states that count as done. */
export function statusChangeSpec(
	client: AliExpressClient,
	change: 'online' | 'offline',
	reasonOf: (itemIndex: number) => string,
): ProductBatchSpec {
	const online = change === 'online';
	// Online: on sale, or in review when AliExpress reviews it first (not documented either way).
	const endStates = online ? ['onSelling', 'auditing'] : ['offline'];
	return {
		maxPerCall: online ? MAX_ONLINE_PER_CALL : MAX_OFFLINE_PER_CALL,
		groupOf: online ? undefined : reasonOf,
		send: async (ids: string[], reason: string, budget: RetryBudget) => {
			const params: IDataObject = { product_ids: ids.join(';') };
			if (!online && reason) params.edit_reason = reason;
			const answer = await client.call(
				online ? METHODS.productOnline : METHODS.productOffline,
				params,
				{ retry: 'ifNotExecuted', checkResult: false, budget },
			);
			return modifyResults(ids, answer);
		},
		settled: async (ids) => {
			const now = await currentStatuses(client, ids);
			return new Map(ids.map((id) => [id, endStates.includes(now.get(id) ?? '')]));
		},
		done: { status: online ? 'onSelling' : 'offline' },
		verb: online ? 'put online' : 'taken offline',
	};
}

/**
 * Delete: `success` (a String, IOP Java SDK) is the whole call's answer. "true", or an answer
 * without it (opentaobao documents no answer field), deletes every product of the call;
 * "false" deletes none that the node could name (the answer does not say which).
 */
export function deleteSpec(client: AliExpressClient): ProductBatchSpec {
	return {
		maxPerCall: MAX_DELETE_PER_CALL,
		send: async (ids, _group, budget) => {
			const answer = await client.call(
				METHODS.productDelete,
				{ product_ids: requestJson(ids.map(rawId)) },
				{ retry: 'ifNotExecuted', checkResult: false, budget },
			);
			const refused = isFalse(answer.success);
			const result: ProductResult = refused
				? {
						success: false,
						errorCode: 'DELETE_REFUSED',
						errorMessage: `AliExpress answered success "false" for the call that deleted ${ids.length} product(s) and did not say which, if any, were deleted (for example when one of them is not your product). Check with Product → Get Many before running again.`,
					}
				: { success: true };
			return new Map(ids.map((id) => [id, result]));
		},
		// Gone from every status = deleted.
		settled: async (ids) => {
			const now = await currentStatuses(client, ids);
			return new Map(ids.map((id) => [id, now.get(id) === undefined]));
		},
		done: { deleted: true },
		verb: 'deleted',
	};
}
