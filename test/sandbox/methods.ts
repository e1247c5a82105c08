/**
 * Business methods: each takes the call's parameters and answers the body that goes
 * inside `<method_with_underscores>_response` (the caller adds request_id).
 *
 * Two kinds of failure, as on the real platform:
 * - parameter-schema problems (missing parameter, bad JSON, page_size out of range,
 *   more than 20 products in a batch, …) throw a GatewayError → MissingParameter /
 *   InvalidParameter (TOP 40 / 41);
 * - business rules (non-leaf category, unknown product or order, 180-day range, …)
 *   answer normally with an unsuccessful result (`success:false` + `error_code`/`error_message`,
 *   or the method's own flag such as `result_success:false`).
 */

import { GatewayError, invalidParam, missingParam, type Protocol } from './errors';
// feeds.ts imports this module: it is reached only through here (see settleFeeds below)
import { FEED_METHODS, settleFeeds } from './feeds';
import { offerProductEdit, offerProductPost } from './offerProducts';
import { PRODUCT_STATUS_METHODS } from './productStatus';
import { ORDER_OPS_METHODS, trackingRefusal } from './orderOps';
import {
	ORDER_STATUSES,
	PRODUCT_STATUSES,
	type Order,
	type OrderStatus,
	type Product,
	type ProductStatus,
	type Sku,
	type SandboxStore,
} from './store';
import {
	DEDUCTION_STRATEGIES,
	EDIT_REQUEST_KEYS,
	MAX_SUBJECT,
	POST_REQUEST_KEYS,
	POST_REQUIRED,
	detailProblem,
	languageProblem,
	skuAttributeProblem,
} from './productContract';
import { CATEGORY_METHODS } from './categories';
import type { FilePart } from './multipart';
import { PHOTOBANK_METHODS } from './photobank';
import { formatPacific, parsePacific } from './time';
import { money, wireId, wrapList } from './wire';

export interface MethodContext {
	params: Record<string, string>;
	store: SandboxStore;
	now: number;
	/** The gateway called: IOP (`/sync`) or TOP (`/router/rest`); some methods take other parameters on each. */
	protocol: Protocol;
	/** File parts of a multipart/form-data request, by parameter name. */
	files?: Record<string, FilePart>;
}
export type MethodHandler = (ctx: MethodContext) => Record<string, unknown>;

type Json = Record<string, unknown>;

/** A business-rule failure; each method renders it in its own result shape. */
export class BusinessFailure extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** Runs `body`; a BusinessFailure becomes `{result: {success:false, error_code, error_message}}`. */
function withResult(body: () => Json): Json {
	try {
		return body();
	} catch (e) {
		if (!(e instanceof BusinessFailure)) throw e;
		return { result: { success: false, error_code: e.code, error_message: e.message } };
	}
}

/**
 * Runs `body` for a method whose documented answer has no failure fields (product.post,
 * .edit and .info.get answer only `result{product_id, …}`: bububa/opentaobao aesolution/
 * aliexpress_solution_product_{post,edit,info_get}.json, and the IOP Java SDK's response
 * classes, have no success / error_code). A BusinessFailure is then refused the way the
 * gateway refuses a caller's request: `error_response` code 50 "Remote service error",
 * sub_code isv.invalid-parameter (the documented error example of the platform, docId 42269),
 * the business code and reason in sub_msg. Which sub_code the platform gives each business
 * code is not documented.
 */
function refusing(body: () => Json): Json {
	try {
		return body();
	} catch (e) {
		if (!(e instanceof BusinessFailure)) throw e;
		throw new GatewayError('remoteServiceError', {
			param: 'isv.invalid-parameter',
			detail: `${e.code}: ${e.message}`,
		});
	}
}

// ------------------------------------------------------------------ parameter helpers

function required(params: Record<string, string>, name: string): string {
	const v = params[name];
	if (v === undefined || v === '') throw missingParam(name);
	return v;
}

function parseJsonParam(name: string, text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw invalidParam(name, 'not valid JSON');
	}
}

function jsonObjectParam(params: Record<string, string>, name: string): Json {
	const v = parseJsonParam(name, required(params, name));
	if (!isObject(v)) throw invalidParam(name, 'expected a JSON object');
	return v;
}

const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Numbers arrive as JSON numbers or numeric strings; anything else is NaN. */
function toNumber(v: unknown): number {
	if (typeof v === 'number') return v;
	if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
	return NaN;
}

const str = (v: unknown): string | undefined =>
	v === undefined || v === null ? undefined : String(v);

/** An optional integer field within [min, max]; `fallback` when absent. */
function intField(q: Json, name: string, fallback: number, min: number, max: number): number {
	if (q[name] === undefined || q[name] === '') return fallback;
	const n = toNumber(q[name]);
	if (!Number.isInteger(n) || n < min || n > max) {
		throw invalidParam(name, `must be an integer from ${min} to ${max}`);
	}
	return n;
}

/** A list given as a JSON array, a JSON-array string or a comma-separated string. */
function stringList(v: unknown): string[] {
	if (v === undefined || v === null || v === '') return [];
	if (Array.isArray(v)) return v.map(String);
	const s = String(v).trim();
	if (s.startsWith('[')) {
		const parsed = parseJsonParam('order_status_list', s);
		return Array.isArray(parsed) ? parsed.map(String) : [];
	}
	return s
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);
}

// ------------------------------------------------------------------ products

const PRICE_MIN = 0.01;
const PRICE_MAX = 999999;
const INVENTORY_MAX = 999999;
const MAX_IMAGES = 6;

/** Fields of post/edit requests that map onto Product; the other documented ones go to Product.extra. */
const PRODUCT_KEYS = new Set([
	'product_id',
	'aliexpress_category_id',
	'language',
	'brand_name',
	'multi_language_subject_list',
	'multi_language_description_list',
	'main_image_urls_list',
	'sku_info_list',
	'freight_template_id',
]);

/** A documented rule's refusal (productContract.ts) as the method's unsuccessful result. */
function refuse(code: string, problem: string | undefined): void {
	if (problem) throw new BusinessFailure(code, problem);
}

function parsePrice(v: unknown, what: string): number {
	const n = toNumber(v);
	if (!(n >= PRICE_MIN && n <= PRICE_MAX)) {
		throw new BusinessFailure(
			'GPF.CHK_SKU_PRICE_INVALID',
			`${what} must be from ${PRICE_MIN} to ${PRICE_MAX}, got ${JSON.stringify(v)}`,
		);
	}
	return Math.round(n * 100) / 100;
}

function parseSkuList(list: unknown, existing: Sku[] = []): Sku[] {
	if (!Array.isArray(list) || list.length === 0) {
		throw new BusinessFailure(
			'GPF.CHK_REQUIRED_FIELD_MISSING',
			'sku_info_list must be a non-empty list',
		);
	}
	const seen = new Set<string>();
	return list.map((raw, i) => {
		if (!isObject(raw)) {
			throw new BusinessFailure('GPF.CHK_SKU_INVALID', `sku_info_list[${i}] is not an object`);
		}
		const code = str(raw.sku_code) ?? '';
		if (!code) {
			throw new BusinessFailure(
				'GPF.CHK_REQUIRED_FIELD_MISSING',
				`sku_info_list[${i}].sku_code is required`,
			);
		}
		if (seen.has(code)) {
			throw new BusinessFailure('GPF.CHK_SKU_CODE_DUPLICATE', `duplicate sku_code ${code}`);
		}
		seen.add(code);
		const price = parsePrice(raw.price, `sku_info_list[${i}].price`);
		const discount =
			raw.discount_price === undefined || raw.discount_price === ''
				? undefined
				: parsePrice(raw.discount_price, `sku_info_list[${i}].discount_price`);
		if (discount !== undefined && discount > price) {
			throw new BusinessFailure(
				'GPF.CHK_SKU_PRICE_INVALID',
				`sku_info_list[${i}].discount_price is above price`,
			);
		}
		const inventory = toNumber(raw.inventory);
		if (!Number.isInteger(inventory) || inventory < 1 || inventory > INVENTORY_MAX) {
			throw new BusinessFailure(
				'GPF.CHK_SKU_INVENTORY_INVALID',
				`sku_info_list[${i}].inventory must be an integer from 1 to ${INVENTORY_MAX}`,
			);
		}
		const attrs = Array.isArray(raw.sku_attributes_list)
			? raw.sku_attributes_list.filter(isObject)
			: [];
		attrs.forEach((a, j) =>
			refuse(
				'GPF.CHK_SKU_ATTRIBUTE_INVALID',
				skuAttributeProblem(a, `sku_info_list[${i}].sku_attributes_list[${j}]`),
			),
		);
		return {
			sku_code: code,
			price,
			discount_price: discount,
			inventory,
			ean_code: str(raw.ean_code),
			attributes: attrs.map((a) => ({
				sku_attribute_name: String(a.sku_attribute_name_id),
				sku_attribute_value: String(a.sku_attribute_value ?? a.sku_attribute_value_id),
				sku_property_id: toNumber(a.sku_attribute_name_id),
				property_value_id: toNumber(a.sku_attribute_value_id ?? 0),
				property_value_definition_name: str(a.sku_attribute_value) || undefined,
				// post documents sku_image_url, edit sku_image (product.post.json / product.edit.json)
				sku_image: str(a.sku_image_url ?? a.sku_image) || undefined,
			})),
			id:
				existing.find((s) => s.sku_code === code)?.id ??
				attrs
					.map((a, j) => `${a.sku_attribute_name_id ?? j}:${a.sku_attribute_value_id ?? i}`)
					.join(';'),
		};
	});
}

/**
 * Validates a post/edit request and returns the Product fields it sets.
 * `isPost`: every required field must be present; on edit only present fields are checked.
 */
function productFields(
	req: Json,
	store: SandboxStore,
	isPost: boolean,
	existing?: Product,
): Partial<Product> {
	const out: Partial<Product> = {};
	const need = (key: string) => {
		if (isPost && (req[key] === undefined || req[key] === '')) {
			throw new BusinessFailure('GPF.CHK_REQUIRED_FIELD_MISSING', `${key} is required`);
		}
		return req[key] !== undefined;
	};
	// required by product.post.json (bububa/opentaobao aesolution/aliexpress_solution_product_post.json)
	POST_REQUIRED.forEach(need);
	if (req.inventory_deduction_strategy !== undefined) {
		refuse(
			'GPF.CHK_INVENTORY_DEDUCTION_STRATEGY_INVALID',
			DEDUCTION_STRATEGIES.includes(String(req.inventory_deduction_strategy))
				? undefined
				: `inventory_deduction_strategy must be one of ${DEDUCTION_STRATEGIES.join(', ')}`,
		);
	}
	if (req.shipping_lead_time !== undefined) {
		const days = toNumber(req.shipping_lead_time);
		refuse(
			'GPF.CHK_SHIPPING_LEAD_TIME_INVALID',
			Number.isInteger(days) && days >= 1 ? undefined : 'shipping_lead_time must be at least 1',
		);
	}
	if (req.service_policy_id !== undefined) {
		// "If the merchant would like to use the default setting, pass "0" to this parameter."
		refuse(
			'GPF.CHK_SERVICE_POLICY_ID_INVALID',
			/^\d+$/.test(String(req.service_policy_id))
				? undefined
				: 'service_policy_id must be a number (0 = default)',
		);
	}
	if (need('aliexpress_category_id')) {
		const id = String(req.aliexpress_category_id);
		if (!store.categories.has(id)) {
			throw new BusinessFailure('GPF.CHK_CATEGORY_ID_INVALID', `category ${id} does not exist`);
		}
		if (!store.isLeafCategory(id)) {
			throw new BusinessFailure(
				'GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY',
				`category ${id} is not a leaf category`,
			);
		}
		out.category_id = id;
	}
	if (req.language !== undefined) {
		refuse('GPF.CHK_LANGUAGE_INVALID', languageProblem(req.language, 'language'));
		out.language = String(req.language);
	}
	if (need('multi_language_subject_list')) {
		const list = req.multi_language_subject_list;
		if (!Array.isArray(list) || list.length === 0) {
			throw new BusinessFailure(
				'GPF.CHK_REQUIRED_FIELD_MISSING',
				'multi_language_subject_list must be a non-empty list',
			);
		}
		out.subjects = list.map((s, i) => {
			const subject = isObject(s) ? (str(s.subject) ?? '') : '';
			const language = isObject(s) ? (str(s.language) ?? '') : '';
			refuse(
				'GPF.CHK_LANGUAGE_INVALID',
				languageProblem(language, `multi_language_subject_list[${i}].language`),
			);
			if (!subject || !language || subject.length > MAX_SUBJECT) {
				throw new BusinessFailure(
					'GPF.CHK_SUBJECT_INVALID',
					`multi_language_subject_list[${i}] needs a language and a subject of 1-${MAX_SUBJECT} characters`,
				);
			}
			return { language, subject };
		});
	}
	if (req.multi_language_description_list !== undefined) {
		const list = Array.isArray(req.multi_language_description_list)
			? req.multi_language_description_list.filter(isObject)
			: [];
		out.descriptions = list.map((d, i) => {
			const at = `multi_language_description_list[${i}]`;
			refuse('GPF.CHK_LANGUAGE_INVALID', languageProblem(d.language, `${at}.language`));
			// web_detail / mobile_detail are the detail JSON, not HTML (articleId=109534 / 120698);
			// the refusal's code is the sandbox's own (no documented code was found)
			refuse(
				'GPF.CHK_DETAIL_FORMAT_INVALID',
				detailProblem(d.web_detail, `${at}.web_detail`, false),
			);
			refuse(
				'GPF.CHK_DETAIL_FORMAT_INVALID',
				detailProblem(d.mobile_detail, `${at}.mobile_detail`, true),
			);
			return {
				language: String(d.language),
				web_detail: str(d.web_detail),
				mobile_detail: str(d.mobile_detail),
			};
		});
	}
	if (req.main_image_urls_list !== undefined) {
		const images = Array.isArray(req.main_image_urls_list)
			? req.main_image_urls_list.map(String)
			: [];
		if (images.length > MAX_IMAGES) {
			throw new BusinessFailure(
				'GPF.CHK_IMAGE_COUNT_EXCEEDED',
				`at most ${MAX_IMAGES} main images, got ${images.length}`,
			);
		}
		out.images = images;
	}
	if (need('sku_info_list')) out.skus = parseSkuList(req.sku_info_list, existing?.skus);
	if (req.brand_name !== undefined) out.brand_name = str(req.brand_name);
	if (req.freight_template_id !== undefined) out.freight_template_id = str(req.freight_template_id);
	// msr_eu_id and aeop_qualification_struct_list are not in this schema (the SDK's
	// AliexpressSolutionProductPostPostProductRequestDTO lacks them): ignored, like any unknown key
	// the subject shown in lists is the one in the product's language
	const language = out.language ?? existing?.language;
	const subjects = out.subjects ?? existing?.subjects;
	if (subjects) {
		out.subject = (subjects.find((s) => s.language === language) ?? subjects[0]).subject;
	}
	const documented = isPost ? POST_REQUEST_KEYS : EDIT_REQUEST_KEYS;
	out.extra = {
		...existing?.extra,
		...Object.fromEntries(
			Object.entries(req).filter(([k]) => documented.has(k) && !PRODUCT_KEYS.has(k)),
		),
	};
	return out;
}

const productPost: MethodHandler = ({ params, store, now }) =>
	refusing(() => {
		const req = jsonObjectParam(params, 'post_product_request');
		const fields = productFields(req, store, true);
		// nothing generated may leak into a posted product: blank the optional fields first
		const blank: Partial<Product> = {
			images: [],
			descriptions: [],
			brand_name: undefined,
			freight_template_id: undefined,
			msr_eu_id: undefined,
		};
		const product = store.addProduct({
			...blank,
			...fields,
			status: 'onSelling',
			gmt_create: now,
			gmt_modified: now,
		});
		return { result: { product_id: wireId(product.product_id) } };
	});

const productEdit: MethodHandler = ({ params, store, now }) =>
	refusing(() => {
		const req = jsonObjectParam(params, 'edit_product_request');
		const id = str(req.product_id);
		if (!id) throw new BusinessFailure('GPF.CHK_REQUIRED_FIELD_MISSING', 'product_id is required');
		const product = store.products.get(id);
		if (!product) {
			throw new BusinessFailure('GPF.CHK_PRODUCT_NOT_EXIST', `product ${id} does not exist`);
		}
		Object.assign(product, productFields(req, store, false, product), { gmt_modified: now });
		return { result: { product_id: wireId(product.product_id) } };
	});

/** Keys of Product.extra that product.info.get reports back. */
const INFO_EXTRA_KEYS: Record<string, string> = {
	package_length: 'package_length',
	package_width: 'package_width',
	package_height: 'package_height',
	weight: 'gross_weight',
	product_unit: 'product_unit',
	// the post request's names, under the names product.info.get documents for them
	shipping_lead_time: 'delivery_time',
	service_policy_id: 'promise_template_id',
};

function skuWire(s: Sku) {
	return {
		id: s.id,
		sku_code: s.sku_code,
		sku_price: money(s.price),
		sku_discount_price: s.discount_price === undefined ? undefined : money(s.discount_price),
		ipm_sku_stock: s.inventory,
		sku_stock: s.inventory > 0,
		currency_code: 'USD',
		ean_code: s.ean_code,
		aeop_s_k_u_property_list: wrapList(
			'global_aeop_sku_property',
			// keyed by ids (product.info.get.json: aeop_s_k_u_property_list{sku_property_id,
			// property_value_id, property_value_definition_name, sku_image})
			s.attributes.map((a) => ({
				sku_property_id: a.sku_property_id,
				property_value_id: a.property_value_id,
				property_value_definition_name: a.property_value_definition_name,
				sku_image: a.sku_image,
			})),
		),
	};
}

const productInfoGet: MethodHandler = ({ params, store }) =>
	refusing(() => {
		const id = required(params, 'product_id');
		const p = store.products.get(id);
		if (!p) throw new BusinessFailure('GPF.CHK_PRODUCT_NOT_EXIST', `product ${id} does not exist`);
		return {
			result: {
				product_id: wireId(p.product_id),
				subject: p.subject,
				product_status_type: p.status,
				category_id: wireId(p.category_id),
				currency_code: 'USD',
				gmt_create: formatPacific(p.gmt_create),
				gmt_modified: formatPacific(p.gmt_modified),
				image_u_r_ls: p.images.join(';'),
				freight_template_id:
					p.freight_template_id === undefined ? undefined : wireId(p.freight_template_id),
				// no msr_eu_id: it is not in product.info.get.json's answer (offer.product.query has it)
				...Object.fromEntries(
					Object.entries(INFO_EXTRA_KEYS)
						.filter(([k]) => p.extra[k] !== undefined)
						.map(([k, documented]) => [documented, p.extra[k]]),
				),
				multi_language_subject_list: wrapList(
					'global_subject',
					p.subjects.map((s) => ({ locale: s.language, subject: s.subject })),
				),
				multi_language_description_list: wrapList(
					'global_description',
					p.descriptions.map((d) => ({
						locale: d.language,
						web_detail: d.web_detail,
						mobile_detail: d.mobile_detail,
					})),
				),
				aeop_ae_product_s_k_us: wrapList('global_aeop_ae_product_sku', p.skus.map(skuWire)),
			},
		};
	});

const productListGet: MethodHandler = ({ params, store }) => {
	const q = jsonObjectParam(params, 'aeop_a_e_product_list_query');
	const status = str(q.product_status_type);
	if (!status) throw missingParam('product_status_type');
	if (!(PRODUCT_STATUSES as readonly string[]).includes(status)) {
		throw invalidParam('product_status_type', `one of ${PRODUCT_STATUSES.join(', ')}`);
	}
	const pageSize = intField(q, 'page_size', 20, 1, 99);
	const page = intField(q, 'current_page', 1, 1, Number.MAX_SAFE_INTEGER);
	const subject = str(q.subject)?.toLowerCase();
	const productId = str(q.product_id);
	// "sku_code: merchant sku code" (product.list.get.json): products with a SKU of exactly this code
	const skuCode = str(q.sku_code);
	const matches = [...store.products.values()]
		.filter((p) => !skuCode || p.skus.some((s) => s.sku_code === skuCode))
		.filter((p) => p.status === (status as ProductStatus))
		.filter((p) => !subject || p.subject.toLowerCase().includes(subject))
		.filter((p) => !productId || p.product_id === productId)
		.sort((a, b) => b.gmt_modified - a.gmt_modified || b.product_id.localeCompare(a.product_id));
	const items = matches.slice((page - 1) * pageSize, page * pageSize).map((p) => {
		const prices = p.skus.map((s) => s.discount_price ?? s.price);
		return {
			product_id: wireId(p.product_id),
			subject: p.subject,
			product_min_price: money(Math.min(...prices)),
			product_max_price: money(Math.max(...prices)),
			currency_code: 'USD',
			gmt_create: formatPacific(p.gmt_create),
			gmt_modified: formatPacific(p.gmt_modified),
			image_u_r_ls: p.images.join(';'),
			freight_template_id:
				p.freight_template_id === undefined ? undefined : wireId(p.freight_template_id),
			ws_display: p.status === 'onSelling' ? 'on_selling' : 'expire_offline',
			src: 'isv',
		};
	});
	return {
		result: {
			success: true,
			current_page: page,
			product_count: matches.length,
			total_page: Math.ceil(matches.length / pageSize),
			aeop_a_e_product_display_d_t_o_list: wrapList('item_display_dto', items),
		},
	};
};

// ------------------------------------------------------------------ batch stock / price

const BATCH_MAX_PRODUCTS = 20;
export const BATCH_MAX_SKUS = 200;

/** Checks one SKU change; returns the mutation to apply, or throws a BusinessFailure. */
export type SkuChange = (update: Json) => (sku: Sku) => void;

export const inventoryChange: SkuChange = (u) => {
	const inventory = toNumber(u.inventory);
	if (!Number.isInteger(inventory) || inventory < 0 || inventory > INVENTORY_MAX) {
		throw new BusinessFailure(
			'SKU_INVENTORY_INVALID',
			`inventory of ${u.sku_code} must be an integer from 0 to ${INVENTORY_MAX}, got ${JSON.stringify(u.inventory)}`,
		);
	}
	return (sku) => {
		sku.inventory = inventory;
	};
};

export const priceChange: SkuChange = (u) => {
	const price = parsePrice(u.price, `price of ${u.sku_code}`);
	// the real API erases an existing discount price when discount_price is left out
	const discount =
		u.discount_price === undefined || u.discount_price === ''
			? undefined
			: parsePrice(u.discount_price, `discount_price of ${u.sku_code}`);
	if (discount !== undefined && discount > price) {
		throw new BusinessFailure(
			'GPF.CHK_SKU_PRICE_INVALID',
			`discount_price of ${u.sku_code} is above price`,
		);
	}
	return (sku) => {
		sku.price = price;
		sku.discount_price = discount;
	};
};

/**
 * Sets the SKUs of one product from `updates` ({sku_code, …} each), all or none: an unknown
 * product or SKU, or a value `change` refuses, throws a BusinessFailure and changes nothing.
 * Returns the SKUs changed. The batch methods and the feeds (feeds.ts) share it.
 */
export function updateProductSkus(
	store: SandboxStore,
	productId: string,
	updates: unknown[],
	change: SkuChange,
	now: number,
): Sku[] {
	const product = store.products.get(productId);
	if (!product) {
		throw new BusinessFailure('PRODUCT_NOT_EXIST', `product ${productId} does not exist`);
	}
	// validate every SKU first so a product is never half-updated
	const mutations = updates.map((raw) => {
		const u = isObject(raw) ? raw : {};
		const sku = product.skus.find((s) => s.sku_code === str(u.sku_code));
		if (!sku) {
			throw new BusinessFailure(
				'SKU_NOT_EXIST',
				`sku_code ${JSON.stringify(u.sku_code)} not found in product ${productId}`,
			);
		}
		const apply = change(u);
		return { sku, apply };
	});
	for (const m of mutations) m.apply(m.sku);
	product.gmt_modified = now;
	return mutations.map((m) => m.sku);
}

/**
 * `mutiple_product_update_list` (sic). Documented in bububa/opentaobao
 * metadata/assets/json/aesolution/aliexpress_solution_batch_product_{inventory,price}_update.json:
 * - the product list has `maxListSize: 20` (a schema limit the gateway checks: more is refused
 *   with InvalidParameter, like any list over its documented length);
 * - "maximum 200 skus could be updated within one product" is said only in the method's
 *   description (inventory; the price method's page is silent, and the sandbox applies the same
 *   limit to both, unconfirmed for price), so the service checks it: a product with more refuses THE WHOLE
 *   CALL, in the documented whole-call shape `update_success:false` with `update_error_code` /
 *   `update_error_message` ("When success equals false, indicating the error code") and no
 *   product lists; nothing is applied. (The code and message are the sandbox's own: no source
 *   names them.)
 * Otherwise each product succeeds or fails as a whole (`update_failed_list`).
 */
function batchSkuUpdate(change: SkuChange): MethodHandler {
	const PARAM = 'mutiple_product_update_list';
	return ({ params, store, now }) => {
		const list = parseJsonParam(PARAM, required(params, PARAM));
		if (!Array.isArray(list) || list.length === 0 || list.length > BATCH_MAX_PRODUCTS) {
			throw invalidParam(PARAM, `must be a list of 1 to ${BATCH_MAX_PRODUCTS} products`);
		}
		for (const item of list) {
			const skus = isObject(item) ? item.multiple_sku_update_list : undefined;
			if (
				!isObject(item) ||
				str(item.product_id) === undefined ||
				!Array.isArray(skus) ||
				skus.length === 0
			) {
				throw invalidParam(PARAM, 'each product needs product_id and multiple_sku_update_list');
			}
		}
		const crowded = (list as Json[]).find(
			(item) => (item.multiple_sku_update_list as unknown[]).length > BATCH_MAX_SKUS,
		);
		if (crowded) {
			return {
				update_success: false,
				update_error_code: 'SKU_COUNT_EXCEEDED',
				update_error_message: `product ${String(crowded.product_id)} has more than ${BATCH_MAX_SKUS} SKUs; at most ${BATCH_MAX_SKUS} SKUs of one product can be updated in one call`,
			};
		}
		const succeeded: Json[] = [];
		const failed: Json[] = [];
		for (const item of list as Json[]) {
			const productId = String(item.product_id);
			try {
				updateProductSkus(
					store,
					productId,
					item.multiple_sku_update_list as unknown[],
					change,
					now,
				);
				succeeded.push({ product_id: wireId(productId) });
			} catch (e) {
				if (!(e instanceof BusinessFailure)) throw e;
				failed.push({
					product_id: wireId(productId),
					error_code: e.code,
					error_message: e.message,
				});
			}
		}
		return {
			update_success: failed.length === 0,
			update_successful_list: wrapList('synchronize_product_response_dto', succeeded),
			update_failed_list: wrapList('synchronize_product_response_dto', failed),
		};
	};
}

// ------------------------------------------------------------------ orders

const DAY = 86_400_000;
const ORDER_RANGE_MAX_DAYS = 180;
const FINISH_WINDOW_MAX_DAYS = 30;
const ORDER_PAGE_MAX = 50;

/** A Pacific date field of an order query; undefined when absent. */
function pacificField(q: Json, name: string): number | undefined {
	const v = str(q[name]);
	if (!v) return undefined;
	const ms = parsePacific(v);
	if (Number.isNaN(ms)) throw invalidParam(name, 'expected yyyy-MM-dd HH:mm:ss (US Pacific time)');
	return ms;
}

const ORDER_QUERY_FIELDS = [
	'create_date_start',
	'create_date_end',
	'modified_date_start',
	'modified_date_end',
	'order_status_list',
	'order_status',
	'buyer_login_id',
	'page_size',
	'current_page',
];

function orderWire(o: Order) {
	return {
		order_id: wireId(o.order_id),
		order_status: o.order_status,
		gmt_create: o.gmt_create,
		gmt_update: o.gmt_update,
		gmt_pay_time: o.gmt_pay_time,
		pay_amount: o.pay_amount,
		buyer_login_id: o.buyer_login_id,
		buyer_signer_fullname: o.buyer_signer_fullname,
		logistics_status: o.logistics_status,
		fund_status: o.fund_status,
		frozen_status: o.frozen_status,
		issue_status: o.issue_status,
		biz_type: o.biz_type,
		product_list: {
			order_product_dto: o.product_list.order_product_dto.map((l) => ({
				order_id: wireId(o.order_id),
				child_id: wireId(l.child_id),
				product_id: wireId(l.product_id),
				sku_code: l.sku_code,
				product_count: l.product_count,
				product_unit_price: l.product_unit_price,
				product_name: l.product_name,
				logistics_service_name: l.logistics_service_name,
			})),
		},
	};
}

/**
 * The query of `aliexpress.solution.order.get`, in the shape of the gateway called:
 * - TOP (`/router/rest`): one parameter `param0`, an `OrderQuery` JSON (bububa/opentaobao
 *   metadata/assets/json/aesolution/aliexpress_solution_order_get.json, requestParams);
 * - IOP (`/sync`): the same fields as flat parameters, `order_status_list` a JSON list
 *   (emsaniey20/java src/main/java/com/aliexpress/open/request/AliexpressSolutionOrderGetRequest.java,
 *   getApiParams).
 * The other shape lacks the required parameters (param0 on TOP; page_size, current_page on IOP)
 * and is refused as such.
 */
function orderQuery(params: Record<string, string>, protocol: 'iop' | 'top'): Json {
	if (protocol === 'top') return jsonObjectParam(params, 'param0');
	const q: Json = Object.fromEntries(ORDER_QUERY_FIELDS.map((k) => [k, params[k]]));
	for (const name of ['page_size', 'current_page']) required(params, name);
	if (q.order_status_list !== undefined) {
		const list = parseJsonParam('order_status_list', String(q.order_status_list));
		if (!Array.isArray(list)) throw invalidParam('order_status_list', 'expected a JSON list');
		q.order_status_list = list;
	}
	return q;
}

/**
 * Newest gmt_create first. Rules from the IOP javadoc of AliexpressSolutionOrderGetRequest
 * (emsaniey20/java): "The interval between the create_date_start and the create_date_end cannot
 * exceed 180 days. The time interval for inquiring about a FINISH order cannot exceed 30 days."
 * — a limit on the WIDTH of a FINISH query's create window (no source limits how far back a
 * finished order can be read, so older ones are returned to a query in a window of ≤ 30 days);
 * "The create_date_start and modified_date_start cannot be both empty". FINISH is queried on its
 * own (opentaobao order_status description). A page of one order comes as a bare object.
 */
const orderGet: MethodHandler = ({ params, store, now, protocol }) => {
	const q = orderQuery(params, protocol);
	const statuses = [...stringList(q.order_status_list), ...stringList(q.order_status)];
	for (const s of statuses) {
		if (!(ORDER_STATUSES as readonly string[]).includes(s)) {
			throw invalidParam('order_status_list', `unknown status ${s}`);
		}
	}
	const createStart = pacificField(q, 'create_date_start');
	const createEnd = pacificField(q, 'create_date_end');
	const modStart = pacificField(q, 'modified_date_start');
	const modEnd = pacificField(q, 'modified_date_end');
	const pageSize = intField(q, 'page_size', 20, 1, ORDER_PAGE_MAX);
	const page = intField(q, 'current_page', 1, 1, Number.MAX_SAFE_INTEGER);
	const buyer = str(q.buyer_login_id);

	return withResult(() => {
		if (
			createStart !== undefined &&
			(createEnd ?? now) - createStart > ORDER_RANGE_MAX_DAYS * DAY
		) {
			throw new BusinessFailure(
				'ORDER_QUERY_DATE_RANGE_EXCEEDED',
				`the create date range may span at most ${ORDER_RANGE_MAX_DAYS} days`,
			);
		}
		if (statuses.includes('FINISH') && statuses.length > 1) {
			throw new BusinessFailure(
				'ORDER_QUERY_FINISH_NOT_ALONE',
				'FINISH orders must be queried on their own',
			);
		}
		if (
			statuses.includes('FINISH') &&
			(createStart === undefined || (createEnd ?? now) - createStart > FINISH_WINDOW_MAX_DAYS * DAY)
		) {
			throw new BusinessFailure(
				'ORDER_QUERY_FINISH_RANGE_EXCEEDED',
				`the time interval for inquiring about a FINISH order cannot exceed ${FINISH_WINDOW_MAX_DAYS} days`,
			);
		}
		const inRange = (t: number, from?: number, to?: number) =>
			(from === undefined || t >= from) && (to === undefined || t <= to);
		const matches = [...store.orders.values()]
			.map((o) => ({ o, created: parsePacific(o.gmt_create), updated: parsePacific(o.gmt_update) }))
			.filter(({ o, created, updated }) => {
				if (statuses.length > 0 && !statuses.includes(o.order_status)) return false;
				if (buyer && o.buyer_login_id !== buyer) return false;
				return inRange(created, createStart, createEnd) && inRange(updated, modStart, modEnd);
			})
			.sort((a, b) => b.created - a.created || b.o.order_id.localeCompare(a.o.order_id));
		const pageItems = matches
			.slice((page - 1) * pageSize, page * pageSize)
			.map(({ o }) => orderWire(o));
		return {
			result: {
				success: true,
				total_count: matches.length,
				total_page: Math.ceil(matches.length / pageSize),
				current_page: page,
				page_size: pageSize,
				target_list: wrapList('order_dto', pageItems),
			},
		};
	});
};

/**
 * `ext_info_bit_flag` (bububa/opentaobao .../aliexpress_solution_order_info_get.json and the
 * javadoc of emsaniey20/java .../domain/AliexpressSolutionOrderInfoGetOrderDetailQuery.java):
 * "Convert the number into binary format … Only the last 5 bits take effects, starting from the
 * end, 1st bit is for issue information, 2nd bit is for loan information, 3rd bit is for logistics
 * information, 4th bit is for buyer information and 5th bit is for refund information … Leaving
 * this field blank means return all information." So 11111 (binary 10101101100111) leaves out
 * the buyer and refund information.
 */
const EXT_ISSUE = 1;
const EXT_LOAN = 2;
const EXT_LOGISTICS = 4;
const EXT_BUYER = 8;
const EXT_REFUND = 16;

/**
 * `aliexpress.solution.order.info.get`: `result` is a BaseResult `{error_code, error_message,
 * time_stamp, data}` with NO `success` flag (opentaobao .../aliexpress_solution_order_info_get.json;
 * emsaniey20/java .../domain/AliexpressSolutionOrderInfoGetBaseResult.java). A failure is an
 * `error_code` with no `data`; the documented example code F00-10-10000-001 ("account not found")
 * is used for an order this seller does not have (the sandbox's choice: no source names the
 * unknown-order code).
 */
const orderInfoGet: MethodHandler = ({ params, store, now }) => {
	const q = jsonObjectParam(params, 'param1');
	const id = str(q.order_id);
	if (!id) throw missingParam('order_id');
	const flagRaw = q.ext_info_bit_flag;
	let flags = EXT_ISSUE | EXT_LOAN | EXT_LOGISTICS | EXT_BUYER | EXT_REFUND;
	if (flagRaw !== undefined && flagRaw !== null && flagRaw !== '') {
		const n = toNumber(flagRaw);
		if (!Number.isInteger(n) || n < 0) throw invalidParam('ext_info_bit_flag', 'a number');
		flags = n;
	}
	const timeStamp = formatPacific(now);
	const o = store.orders.get(id);
	if (!o) {
		return {
			result: {
				error_code: 'F00-10-10000-001',
				error_message: `account not found: no order ${id} for this seller`,
				time_stamp: timeStamp,
			},
		};
	}
	const [first, ...rest] = o.buyer_signer_fullname.split(' ');
	const data: Json = {
		id: wireId(o.order_id),
		order_status: o.order_status,
		gmt_create: o.gmt_create,
		gmt_modified: o.gmt_update,
		gmt_pay_success: o.gmt_pay_time,
		order_amount: o.pay_amount,
		buyerloginid: o.buyer_login_id,
		buyer_signer_fullname: o.buyer_signer_fullname,
		logistics_status: o.logistics_status,
		fund_status: o.fund_status,
		frozen_status: o.frozen_status,
		issue_status: o.issue_status,
		child_order_list: wrapList(
			'global_aeop_tp_child_order_dto',
			o.product_list.order_product_dto.map((l) => ({
				id: wireId(l.child_id),
				product_id: wireId(l.product_id),
				sku_code: l.sku_code,
				product_count: l.product_count,
				product_price: l.product_unit_price,
				product_name: l.product_name,
				product_attributes: l.sku_attributes,
				logistics_type: l.logistics_service_name,
			})),
		),
		receipt_address: o.receipt_address,
	};
	if (flags & EXT_BUYER) {
		data.buyer_info = {
			login_id: o.buyer_login_id,
			first_name: first,
			last_name: rest.join(' '),
			country: o.receipt_address.country,
		};
	}
	if (flags & EXT_LOGISTICS) {
		data.logistic_info_list = wrapList(
			'global_aeop_tp_logistic_info_dto',
			o.shipments.map((s) => ({
				logistics_no: s.logistics_no,
				// documented: logistics_service_name (shown name), logistics_type_code (its key)
				logistics_service_name: s.service_name,
				logistics_type_code: s.service_name,
				gmt_send: s.gmt_send,
			})),
		);
	}
	if (flags & EXT_ISSUE) data.issue_info = { issue_status: o.issue_status };
	if (flags & EXT_LOAN) data.loan_info = {};
	if (flags & EXT_REFUND) data.refund_info = {};
	return { result: { time_stamp: timeStamp, data } };
};

/**
 * Where a seller may act on an order, so ship it: "sellers may only take action in the
 * following scenarios: WAIT_SELLER_SEND_GOODS, SELLER_PART_SEND_GOODS, IN_ISSUE, IN_CANCEL
 * and IN_FROZEN" (AliExpress documentation FAQ "Order Management Errors",
 * open.alitrip.com/docs/doc.htm?articleId=119601&docType=1&treeId=505).
 */
const FULFILLABLE: OrderStatus[] = [
	'WAIT_SELLER_SEND_GOODS',
	'SELLER_PART_SEND_GOODS',
	'IN_ISSUE',
	'IN_CANCEL',
	'IN_FROZEN',
];

/**
 * The refusals of the same FAQ (articleId=119601), as the gateway sends a business refusal of
 * this method: `error_response` code 50 "Remote service error", sub_code isv.invalid-parameter
 * (the method's documented error example, docId/apiId 42269; see `remoteServiceError` in
 * errors.ts for that source and the unconfirmed IOP rendering). Which sub_code goes with each
 * message is not documented; the sub_msg texts are the FAQ's:
 * - "once an order has been fulfilled with send_type: all it cannot be fulfilled again";
 * - an order in a status where the seller cannot act (the FAQ's message for that case).
 */
export const ALREADY_SHIPPED_MSG = '该交易订单已填写发货通知,无需重复操作。';
export const NOT_FULFILLABLE_MSG = '该交易订单缺少履约信息,请联系客服处理。';
export const UNKNOWN_ORDER_MSG = '您填写的交易订单号有误或不属于当前账号';

const refuseFulfil = (detail: string) =>
	new GatewayError('remoteServiceError', { param: 'isv.invalid-parameter', detail });

const orderFulfill: MethodHandler = ({ params, store, now }) => {
	const orderId = required(params, 'out_ref');
	const serviceName = required(params, 'service_name');
	const logisticsNo = required(params, 'logistics_no');
	const sendType = required(params, 'send_type');
	if (sendType !== 'all' && sendType !== 'part') throw invalidParam('send_type', 'all or part');
	const order = store.orders.get(orderId);
	// the FAQ's text for an order number that is wrong or not this seller's (cut short in the stored copy)
	if (!order) throw refuseFulfil(`${UNKNOWN_ORDER_MSG} (${orderId})`);
	if (order.shipments.some((s) => s.send_type === 'all')) throw refuseFulfil(ALREADY_SHIPPED_MSG);
	if (!FULFILLABLE.includes(order.order_status)) {
		const shipped = ['WAIT_BUYER_ACCEPT_GOODS', 'FUND_PROCESSING', 'FINISH'].includes(
			order.order_status,
		);
		throw refuseFulfil(shipped ? ALREADY_SHIPPED_MSG : NOT_FULFILLABLE_MSG);
	}
	const badTracking = trackingRefusal(store, serviceName, logisticsNo);
	if (badTracking) throw refuseFulfil(badTracking);
	order.shipments.push({
		service_name: serviceName,
		logistics_no: logisticsNo,
		send_type: sendType,
		tracking_website: params.tracking_website || undefined,
		description: params.description || undefined,
		gmt_send: formatPacific(now),
	});
	store.setOrderStatus(
		orderId,
		sendType === 'all' ? 'WAIT_BUYER_ACCEPT_GOODS' : 'SELLER_PART_SEND_GOODS',
	);
	return { result: { result_success: true } };
};

// ------------------------------------------------------------------ pick-lists and GPSR

/**
 * `aliexpress.category.eu.responsible.persons.list`: parameters `category_id`, `channel`,
 * optional `channel_seller_id`, sent flat (emsaniey20/java .../request/AliexpressCategoryEuResponsiblePersonsListRequest.java;
 * the IOP sample in lindejin/eshop-plat-api src/main/java/com/eshop/util/platform/api/service/);
 * `param0` is still read for older callers. The answer is FLAT inside the wrapper, no `result`:
 * `support` (Boolean) and `eu_contact_module_list` of `{name, msr_eu_id (Long)}`
 * (.../response/AliexpressCategoryEuResponsiblePersonsListResponse.java,
 * .../domain/AliexpressCategoryEuResponsiblePersonsListEuContactModule.java). The list is an
 * @ApiListField, so it arrives wrapped, but no source names its item: the sandbox uses the name
 * the TOP SDKs give such items (the Java property lower-cased, as `aeopfreighttemplatedtolist`
 * for the freight list below), `eucontactmodulelist`. Unknown category: a gateway parameter
 * error (no documented business error).
 */
const euResponsiblePersons: MethodHandler = ({ params, store }) => {
	const q: Json = params.param0 !== undefined ? jsonObjectParam(params, 'param0') : params;
	const categoryId = str(q.category_id);
	if (!categoryId) throw missingParam('category_id');
	if (!str(q.channel)) throw missingParam('channel');
	if (!store.categories.has(categoryId)) {
		throw invalidParam('category_id', `category ${categoryId} does not exist`);
	}
	return {
		support: true,
		eu_contact_module_list: wrapList(
			'eucontactmodulelist',
			store.euResponsiblePersons.map((p) => ({ ...p })),
		),
	};
};

/**
 * `aliexpress.freight.redefining.listfreighttemplate`: `result_success`, `result_error_desc` and
 * the list `aeop_freight_template_d_t_o_list` (emsaniey20/java
 * .../response/AliexpressFreightRedefiningListfreighttemplateResponse.java), whose items are
 * `aeopfreighttemplatedtolist` (the TOP .NET SDK's AliexpressFreightRedefiningListfreighttemplateResponse:
 * XmlArray "aeop_freight_template_d_t_o_list", XmlArrayItem "aeopfreighttemplatedtolist"), each
 * `{template_id (Long), template_name, is_default}` (.../domain/AliexpressFreightRedefiningListfreighttemplateAeopFreightTemplateDTO.java).
 */
const listFreightTemplates: MethodHandler = ({ store }) => ({
	aeop_freight_template_d_t_o_list: wrapList(
		'aeopfreighttemplatedtolist',
		store.freightTemplates.map((t) => ({ ...t, template_id: wireId(t.template_id) })),
	),
	result_success: true,
});

/**
 * `aliexpress.solution.merchant.profile.get`: no business parameters; the answer is flat
 * inside the wrapper. Fields and types from the platform's documentation metadata
 * (bububa/opentaobao metadata/assets/json/aesolution/aliexpress_solution_merchant_profile_get.json);
 * the shape (no `result` level, `shop_id` a number, `shop_url` protocol-relative) from the
 * documentation example in retailcrm/aliexpress-top-client tests (testAliexpressSolutionMerchantProfileGet).
 */
const merchantProfileGet: MethodHandler = ({ store }) => ({ ...store.shop });

const categoryTree: MethodHandler = ({ params, store }) => {
	const parent = params.category_id || '0';
	if (parent !== '0' && !store.categories.has(parent)) {
		// the documented answer has no error fields (contract: is_success only)
		return { is_success: false };
	}
	const children = [...store.categories.values()].filter((c) => c.parentId === parent);
	return {
		children_category_list: wrapList(
			'category_info',
			children.map((c) => ({
				children_category_id: wireId(c.id),
				is_leaf_category: c.leaf,
				level: c.level,
				multi_language_names: JSON.stringify({ en: c.name }),
			})),
		),
		is_success: true,
	};
};

// ------------------------------------------------------------------ registry

export const METHODS: Record<string, MethodHandler> = {
	'aliexpress.solution.product.post': productPost,
	'aliexpress.solution.product.edit': productEdit,
	'aliexpress.solution.product.info.get': productInfoGet,
	'aliexpress.solution.product.list.get': productListGet,
	'aliexpress.offer.product.post': offerProductPost,
	'aliexpress.offer.product.edit': offerProductEdit,
	'aliexpress.solution.batch.product.inventory.update': batchSkuUpdate(inventoryChange),
	'aliexpress.solution.batch.product.price.update': batchSkuUpdate(priceChange),
	'aliexpress.solution.order.get': orderGet,
	'aliexpress.solution.order.info.get': orderInfoGet,
	'aliexpress.solution.order.fulfill': orderFulfill,
	'aliexpress.category.eu.responsible.persons.list': euResponsiblePersons,
	'aliexpress.freight.redefining.listfreighttemplate': listFreightTemplates,
	'aliexpress.solution.seller.category.tree.query': categoryTree,
	'aliexpress.solution.merchant.profile.get': merchantProfileGet,
	...PRODUCT_STATUS_METHODS,
	...PHOTOBANK_METHODS,
	...CATEGORY_METHODS,
	...FEED_METHODS,
	...ORDER_OPS_METHODS,
};

/** Applies the feed jobs whose time has come (index.ts runs it before each business call). */
export { settleFeeds };

const optionalCode = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The error code of an answer that reports an unsuccessful result
 * (`result.success:false`, `result.result_success:false`, `is_success:false`), for call records.
 */
export function businessErrorCode(body: Json): string | undefined {
	const r = isObject(body.result) ? body.result : undefined;
	if (r?.success === false) return String(r.error_code ?? 'unknown');
	if (r?.result_success === false) return String(r.result_error_code ?? 'unknown');
	if (r && r.success === undefined && optionalCode(r.error_code)) return String(r.error_code);
	if (body.update_success === false && optionalCode(body.update_error_code)) {
		return String(body.update_error_code);
	}
	if (body.is_success === false || body.result_success === false) return 'unknown';
	return undefined;
}
