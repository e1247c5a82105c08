/**
 * The documented rules of the product methods that the sandbox enforces, each
 * with its source. Every check returns the refusal's message, or undefined when
 * the value is fine; the handlers in methods.ts turn a message into the
 * method's unsuccessful result.
 *
 * Sources (read, not copied):
 * - bububa/opentaobao metadata/assets/json/aesolution/aliexpress_solution_product_post.json,
 *   _edit.json, _info_get.json, _list_get.json (the platform's own method documentation);
 * - emsaniey20/java src/main/java/com/aliexpress/open/domain/AliexpressSolutionProductPostPostProductRequestDTO.java
 *   (the official IOP SDK: the request's fields; no msr_eu_id, no aeop_qualification_struct_list);
 * - emsaniey20/java …/domain/AliexpressOfferProductEditAeopAEProduct.java and
 *   …/AliexpressOfferProductPostAeopAEProduct.java (aliexpress.offer.product.edit / .post's
 *   aeop_a_e_product: product_id, msr_eu_id, aeop_qualification_struct_list{key, type, value});
 * - documentation articleId=109534 / 120698 / 109513 "Original data format of detail"
 *   (open.alitrip.com/docs/doc.htm?articleId=120698): the detail JSON's example.
 */

import { contractOf } from './contract';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** The documented request trees, read from the contract files (test/contract/), their one home. */
const POST = contractOf('aliexpress.solution.product.post').request.post_product_request.fields!;
const EDIT = contractOf('aliexpress.solution.product.edit').request.edit_product_request.fields!;
const POST_SKU = POST.sku_info_list.items!.fields!;

/** `language` and each list entry's `language` (product.post.json: "Support: en ru es fr it tr pt de nl in ar ja ko th vi iw"). */
export const LANGUAGES = POST.language.enum!.map(String);

/** multi_language_subject_list[].subject: "maximum length 218 characters" (product.post.json, product.edit.json). */
export const MAX_SUBJECT = POST.multi_language_subject_list.items!.fields!.subject.maxLength!;

/** sku_attributes_list[].sku_attribute_value: "do not include these 4 symbols { # : = , }. maximum 70 characters." */
export const MAX_CUSTOM_SKU_VALUE =
	POST_SKU.sku_attributes_list.items!.fields!.sku_attribute_value.maxLength!;
const CUSTOM_SKU_VALUE_FORBIDDEN = /[{#:=,]/;

/** inventory_deduction_strategy's two documented values (product.post.json). */
export const DEDUCTION_STRATEGIES = POST.inventory_deduction_strategy.enum!.map(String);

/**
 * Fields of post_product_request / edit_product_request (product.post.json, product.edit.json).
 * Anything else a request carries is not in the schema and is ignored: not stored.
 */
export const POST_REQUEST_KEYS = new Set(Object.keys(POST));
export const EDIT_REQUEST_KEYS = new Set(Object.keys(EDIT));

/** Fields product.post.json marks required. */
export const POST_REQUIRED = Object.keys(POST).filter((k) => POST[k].required);

export function languageProblem(value: unknown, field: string): string | undefined {
	return (LANGUAGES as readonly string[]).includes(String(value))
		? undefined
		: `${field} must be one of ${LANGUAGES.join(' ')}, got ${JSON.stringify(value)}`;
}

/**
 * A web_detail / mobile_detail must be the detail JSON as a string:
 * `{"version":"2.0.0","moduleList":[{type, …}]}` (articleId=120698's example has the module
 * types text-image, image, media, text, html and dynamic); mobile_detail "do not support
 * "html" and "dynamic" type" (product.post.json, multi_language_description_list.mobile_detail).
 */
export function detailProblem(value: unknown, field: string, mobile: boolean): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: unknown;
	try {
		parsed = typeof value === 'string' ? JSON.parse(value) : undefined;
	} catch {
		parsed = undefined;
	}
	if (!isObject(parsed)) {
		return `${field} must be the detail JSON string {"version":"2.0.0","moduleList":[…]}`;
	}
	if (parsed.version !== '2.0.0') return `${field}.version must be "2.0.0"`;
	if (!Array.isArray(parsed.moduleList)) return `${field}.moduleList must be a list`;
	for (const [i, m] of parsed.moduleList.entries()) {
		if (!isObject(m) || typeof m.type !== 'string' || !m.type) {
			return `${field}.moduleList[${i}] needs a type`;
		}
		if (mobile && (m.type === 'html' || m.type === 'dynamic')) {
			return `${field}.moduleList[${i}]: mobile_detail does not support the "${m.type}" type`;
		}
	}
	return undefined;
}

/** One sku_attributes_list entry: a numeric name id, and a value id or a custom value within the documented limits. */
export function skuAttributeProblem(a: unknown, field: string): string | undefined {
	if (!isObject(a)) return `${field} is not an object`;
	if (!/^\d+$/.test(String(a.sku_attribute_name_id ?? ''))) {
		return `${field}.sku_attribute_name_id must be a number`;
	}
	const hasId = /^\d+$/.test(String(a.sku_attribute_value_id ?? ''));
	const custom = a.sku_attribute_value;
	if (custom !== undefined && custom !== null && custom !== '') {
		const text = String(custom);
		if (text.length > MAX_CUSTOM_SKU_VALUE) {
			return `${field}.sku_attribute_value has ${text.length} characters; at most ${MAX_CUSTOM_SKU_VALUE}`;
		}
		if (CUSTOM_SKU_VALUE_FORBIDDEN.test(text)) {
			return `${field}.sku_attribute_value may not contain { # : = ,`;
		}
		return undefined;
	}
	return hasId ? undefined : `${field} needs sku_attribute_value_id or sku_attribute_value`;
}

/** aeop_qualification_struct_list entries: {key, type "image"|"text", value} (AliexpressOfferProductEditAeopQualificationStructDTO). */
export function qualificationProblem(q: unknown, field: string): string | undefined {
	if (!isObject(q)) return `${field} is not an object`;
	if (!q.key || !q.value) return `${field} needs a key and a value`;
	if (q.type !== 'image' && q.type !== 'text') return `${field}.type must be "image" or "text"`;
	return undefined;
}
