/**
 * Putting products online, taking them offline and deleting them, modelled on their
 * documented contract (test/contract/aliexpress.postproduct.redefining.onlineaeproduct.json,
 * .offlineaeproduct.json, aliexpress.solution.batch.product.delete.json):
 *
 * - online / offline take `product_ids` as one `;`-separated text (IOP Java SDK request
 *   classes) and answer `result{success, modify_count, product_id, error_code, error_message,
 *   error_details}` (…AeopModifyProductResponse.java): products that could not be changed are
 *   listed in `error_details[{error_code, error_message, product_ids}]`; `modify_count` counts
 *   the changed ones; `success` is true when every product was changed. Online takes at most
 *   50 ids ("最多一次只能上架50个商品", the IOP documentation pasted in lindejin/eshop-plat-api);
 *   for offline no maximum is documented and none is enforced here.
 *   Which products can change is not documented: here a product goes online from Offline
 *   and offline from On Sale; any other product (and an unknown id) is listed in
 *   error_details with this sandbox's own codes.
 * - delete takes `product_ids` as a JSON list of at most 100 numbers (checked by the contract)
 *   and answers only `success` (a String, for the whole call: AliexpressSolutionBatchProductDeleteResponse.java).
 *   What the platform does with an id that is not the seller's is not documented: here the
 *   call then deletes nothing and answers success "false".
 */

import { invalidParam, missingParam } from './errors';
import type { MethodHandler } from './methods';
import type { ProductStatus } from './store';
import { wireId, wrapList } from './wire';

type Json = Record<string, unknown>;

/** At most 50 products per call (online, documented). */
export const ONLINE_MAX_IDS = 50;

/** This sandbox's codes for a product that cannot change (the platform's are not documented). */
export const NOT_FOUND_CODE = 'SANDBOX_PRODUCT_NOT_FOUND';
export const WRONG_STATUS_CODE = 'SANDBOX_PRODUCT_STATUS_NOT_ALLOWED';

function idList(params: Record<string, string>, max?: number): string[] {
	const raw = params.product_ids;
	if (raw === undefined || raw.trim() === '') throw missingParam('product_ids');
	const ids = raw.split(';').map((s) => s.trim());
	if (ids.some((id) => !/^\d{1,20}$/.test(id))) {
		throw invalidParam('product_ids', `product ids separated by ";", got ${JSON.stringify(raw)}`);
	}
	if (max !== undefined && ids.length > max) {
		throw invalidParam('product_ids', `at most ${max} products, got ${ids.length}`);
	}
	return ids;
}

function modify(from: ProductStatus, to: ProductStatus, max?: number): MethodHandler {
	return ({ params, store, now }) => {
		const ids = [...new Set(idList(params, max))];
		const failures = new Map<string, { code: string; message: string; ids: string[] }>();
		const fail = (code: string, message: string, id: string) => {
			const f = failures.get(code) ?? { code, message, ids: [] };
			f.ids.push(id);
			failures.set(code, f);
		};
		const changed: string[] = [];
		for (const id of ids) {
			const p = store.products.get(id);
			if (!p) fail(NOT_FOUND_CODE, 'The product does not exist or is not yours', id);
			else if (p.status !== from) fail(WRONG_STATUS_CODE, `The product is not ${from}`, id);
			else {
				p.status = to;
				p.gmt_modified = now;
				changed.push(id);
			}
		}
		const result: Json = {
			success: failures.size === 0,
			modify_count: changed.length,
		};
		if (changed.length) result.product_id = wireId(changed[0]);
		if (failures.size) {
			result.error_details = wrapList(
				'error_detail',
				[...failures.values()].map((f) => ({
					error_code: f.code,
					error_message: f.message,
					product_ids: wrapList('number', f.ids.map(wireId)),
				})),
			);
		}
		return { result };
	};
}

function parseIdArray(raw: string | undefined): string[] {
	if (raw === undefined || raw.trim() === '') throw missingParam('product_ids');
	// the contract has checked it is a JSON list of integers; read the digits as sent
	return raw
		.replace(/^\s*\[|\]\s*$/g, '')
		.split(',')
		.map((s) => s.trim().replace(/^"|"$/g, ''))
		.filter(Boolean);
}

const batchDelete: MethodHandler = ({ params, store }) => {
	const ids = parseIdArray(params.product_ids);
	if (ids.some((id) => !store.products.has(id))) return { success: 'false' };
	for (const id of ids) store.products.delete(id);
	return { success: 'true' };
};

export const PRODUCT_STATUS_METHODS: Record<string, MethodHandler> = {
	'aliexpress.postproduct.redefining.onlineaeproduct': modify(
		'offline',
		'onSelling',
		ONLINE_MAX_IDS,
	),
	'aliexpress.postproduct.redefining.offlineaeproduct': modify('onSelling', 'offline'),
	'aliexpress.solution.batch.product.delete': batchDelete,
};
