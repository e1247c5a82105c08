/**
 * aliexpress.offer.product.post and aliexpress.offer.product.edit: the product methods
 * whose schema carries GPSR (`msr_eu_id`, `aeop_qualification_struct_list`). Both take
 * the WHOLE product: "when modifying any product information, all other information
 * must be filled in completely before submitting, otherwise an error occurs" (edit's
 * description, lindejin/eshop-plat-api src/main/java/com/eshop/util/platform/api/
 * service/product/aliexpress/AliexpressProductCallImpl.java, from the IOP documentation).
 *
 * Sources (read, not copied), transcribed in test/contract/aliexpress.offer.product.post.json
 * and .edit.json:
 * - emsaniey20/java src/main/java/com/aliexpress/open/request/AliexpressOfferProductPostRequest.java,
 *   …EditRequest.java: one parameter, `aeop_a_e_product`, a JSON object;
 * - emsaniey20/java …/domain/AliexpressOfferProductPostAeopAEProduct.java (+ …AeopAEProductSKU,
 *   …AeopSKUProperty, …DetailSource, …Subject): field names (`category_id`,
 *   `subject_list`[{locale, value}], `detail_source_list`[{locale, web_detail, mobile_detail}],
 *   `image_u_r_ls` ";"-joined, `aeop_ae_product_s_k_us`[{sku_code, sku_price,
 *   sku_discount_price, ipm_sku_stock, aeop_s_k_u_property[{sku_property_id,
 *   property_value_id, property_value_definition_name, sku_image}]}], `msr_eu_id`
 *   "from aliexpress.category.eu.responsible.persons.list", `aeop_qualification_struct_list`
 *   [{key, type "image"|"text", value}]);
 * - lindejin/eshop-plat-api …/aliexpress/dto/AeopAeProductPostDTO.java (the documentation
 *   table): the required fields (POST_REQUIRED / EDIT_REQUIRED below), sku_price in a SKU,
 *   locale in subject_list / detail_source_list entries (and value in subject_list);
 * - emsaniey20/java …/response/AliexpressOfferProductPostResponse.java: `result{product_id}`.
 * Refusals are MissingParameter / InvalidParameter errors (no documented result-level
 * error shape). An unknown msr_eu_id is refused: the id must come from the persons list.
 */

import { contractOf } from './contract';
import { invalidParam, missingParam } from './errors';
import { detailProblem, qualificationProblem } from './productContract';
import type { MethodHandler } from './methods';
import type { Product, SandboxStore } from './store';
import { wireId } from './wire';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const props = (sku: Json): Json[] =>
	Array.isArray(sku.aeop_s_k_u_property) ? sku.aeop_s_k_u_property.filter(isObject) : [];

function productParam(params: Record<string, string>): Json {
	const text = params.aeop_a_e_product;
	if (text === undefined || text === '') throw missingParam('aeop_a_e_product');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw invalidParam('aeop_a_e_product', 'not valid JSON');
	}
	if (!isObject(value)) throw invalidParam('aeop_a_e_product', 'expected a JSON object');
	return value;
}

/** The GPSR fields of an aeop_a_e_product, checked; only the fields present. */
function gpsrFields(p: Json, store: SandboxStore): Pick<Product, 'msr_eu_id' | 'qualifications'> {
	const out: Pick<Product, 'msr_eu_id' | 'qualifications'> = {};
	if (p.msr_eu_id !== undefined && p.msr_eu_id !== '') {
		const id = String(p.msr_eu_id);
		if (!store.euResponsiblePersons.some((person) => String(person.msr_eu_id) === id)) {
			throw invalidParam('msr_eu_id', `${id} is not one of the seller's EU responsible persons`);
		}
		out.msr_eu_id = id;
	}
	if (p.aeop_qualification_struct_list !== undefined) {
		const list = p.aeop_qualification_struct_list;
		if (!Array.isArray(list)) throw invalidParam('aeop_qualification_struct_list', 'not a list');
		list.forEach((q, i) => {
			const problem = qualificationProblem(q, `aeop_qualification_struct_list[${i}]`);
			if (problem) throw invalidParam('aeop_qualification_struct_list', problem);
		});
		out.qualifications = (list as Json[]).map((q) => ({
			key: String(q.key),
			type: String(q.type),
			value: String(q.value),
		}));
	}
	return out;
}

/** Required in aeop_a_e_product (the documentation table, as transcribed in test/contract/). */
const requiredOf = (method: string) => {
	const fields = contractOf(method).request.aeop_a_e_product.fields!;
	return Object.keys(fields).filter((k) => fields[k].required);
};
export const POST_REQUIRED = requiredOf('aliexpress.offer.product.post');
export const EDIT_REQUIRED = requiredOf('aliexpress.offer.product.edit');

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** The documented required fields and their documented values, or the refusal. */
function checkWhole(p: Json, required: string[]): void {
	for (const key of required) if (blank(p[key])) throw missingParam(key);
	for (const [list, keys] of [
		['subject_list', ['locale', 'value']],
		['detail_source_list', ['locale']],
		['aeop_ae_product_s_k_us', ['sku_price']],
	] as const) {
		const value = p[list];
		if (value === undefined && list === 'aeop_ae_product_s_k_us') continue;
		if (!Array.isArray(value) || !value.length) throw invalidParam(list, 'needs a non-empty list');
		value.forEach((entry, i) => {
			if (!isObject(entry)) throw invalidParam(list, `${list}[${i}] is not an object`);
			for (const k of keys) if (blank(entry[k])) throw missingParam(`${list}[${i}].${k}`);
		});
	}
	// reduce_strategy: place_order_withhold | payment_success_deduct; delivery_time 1-7
	if (!['place_order_withhold', 'payment_success_deduct'].includes(String(p.reduce_strategy))) {
		throw invalidParam('reduce_strategy', `unknown strategy ${String(p.reduce_strategy)}`);
	}
	const days = Number(p.delivery_time);
	if (!Number.isInteger(days) || days < 1 || days > 7) {
		throw invalidParam('delivery_time', 'must be 1-7 days');
	}
	for (const k of ['package_height', 'package_length', 'package_width']) {
		const cm = Number(p[k]);
		if (!Number.isInteger(cm) || cm < 1 || cm > 700) throw invalidParam(k, 'must be 1-700 cm');
	}
	if (typeof p.package_type !== 'boolean' && !['true', 'false'].includes(String(p.package_type))) {
		throw invalidParam('package_type', 'must be true or false');
	}
}

export const offerProductEdit: MethodHandler = ({ params, store, now }) => {
	const p = productParam(params);
	checkWhole(p, EDIT_REQUIRED);
	const id = String(p.product_id);
	const product = store.products.get(id);
	if (!product) throw invalidParam('product_id', `product ${id} does not exist`);
	Object.assign(product, gpsrFields(p, store), { gmt_modified: now });
	return { result: { product_id: wireId(product.product_id) } };
};

export const offerProductPost: MethodHandler = ({ params, store, now }) => {
	const p = productParam(params);
	checkWhole(p, POST_REQUIRED);
	const categoryId = String(p.category_id);
	if (!store.categories.has(categoryId) || !store.isLeafCategory(categoryId)) {
		throw invalidParam('category_id', `${categoryId} is not a leaf category`);
	}
	const subjects = (p.subject_list as unknown[]).filter(isObject);
	const details = (p.detail_source_list as unknown[]).filter(isObject);
	for (const [i, d] of details.entries()) {
		const problem =
			detailProblem(d.web_detail, `detail_source_list[${i}].web_detail`, false) ??
			detailProblem(d.mobile_detail, `detail_source_list[${i}].mobile_detail`, true);
		if (problem) throw invalidParam('detail_source_list', problem);
	}
	const skus = Array.isArray(p.aeop_ae_product_s_k_us)
		? p.aeop_ae_product_s_k_us.filter(isObject)
		: [];
	if (!skus.length) throw missingParam('aeop_ae_product_s_k_us');
	const images = String(p.image_u_r_ls ?? '')
		.split(';')
		.filter(Boolean);
	if (!images.length) throw missingParam('image_u_r_ls');
	const locale = String(p.locale ?? subjects[0].locale);
	const subject = String((subjects.find((s) => s.locale === locale) ?? subjects[0]).value);
	const product = store.addProduct({
		status: 'auditing',
		category_id: categoryId,
		subject,
		language: locale,
		subjects: subjects.map((s) => ({ language: String(s.locale), subject: String(s.value) })),
		descriptions: details.map((d) => ({
			language: String(d.locale ?? locale),
			web_detail: d.web_detail === undefined ? undefined : String(d.web_detail),
			mobile_detail: d.mobile_detail === undefined ? undefined : String(d.mobile_detail),
		})),
		images,
		skus: skus.map((s, i) => ({
			sku_code: String(s.sku_code ?? ''),
			price: Number(s.sku_price),
			discount_price: s.sku_discount_price === undefined ? undefined : Number(s.sku_discount_price),
			inventory: Number(s.ipm_sku_stock ?? 0),
			ean_code: s.ean_code === undefined ? undefined : String(s.ean_code),
			attributes: props(s).map((a) => ({
				sku_attribute_name: String(a.sku_property_id),
				sku_attribute_value: String(a.property_value_definition_name ?? a.property_value_id),
				sku_property_id: Number(a.sku_property_id),
				property_value_id: Number(a.property_value_id ?? 0),
				property_value_definition_name:
					a.property_value_definition_name === undefined
						? undefined
						: String(a.property_value_definition_name),
				sku_image: a.sku_image === undefined ? undefined : String(a.sku_image),
			})),
			// the SKU id is sku_property_id:property_value_id pairs (edit's SKU id description)
			id:
				props(s)
					.map((a) => `${String(a.sku_property_id)}:${String(a.property_value_id ?? 0)}`)
					.join(';') || `offer-${i}`,
		})),
		brand_name: undefined, // no brand field in aeop_a_e_product (a brand is a product property)
		freight_template_id:
			p.freight_template_id === undefined ? undefined : String(p.freight_template_id),
		msr_eu_id: undefined,
		...gpsrFields(p, store),
		gmt_create: now,
		gmt_modified: now,
		// kept under the keys the store uses for the solution methods' fields
		extra: {
			package_length: Number(p.package_length),
			package_width: Number(p.package_width),
			package_height: Number(p.package_height),
			weight: String(p.gross_weight),
			shipping_lead_time: Number(p.delivery_time),
			service_policy_id: Number(p.promise_template_id),
			...(p.product_unit === undefined ? {} : { product_unit: Number(p.product_unit) }),
			inventory_deduction_strategy: String(p.reduce_strategy),
			...(Array.isArray(p.aeop_ae_product_propertys)
				? { aeop_ae_product_propertys: p.aeop_ae_product_propertys }
				: {}),
		},
	});
	return { result: { product_id: wireId(product.product_id) } };
};
