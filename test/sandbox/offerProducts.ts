/**
 * aliexpress.offer.product.post and aliexpress.offer.product.edit: the product methods
 * whose schema carries GPSR (`msr_eu_id`, `aeop_qualification_struct_list`).
 *
 * Sources (read, not copied): emsaniey20/java src/main/java/com/aliexpress/open/
 * - request/AliexpressOfferProductPostRequest.java, request/AliexpressOfferProductEditRequest.java:
 *   one parameter, `aeop_a_e_product`, a JSON object;
 * - domain/AliexpressOfferProductPostAeopAEProduct.java, domain/AliexpressOfferProductEditAeopAEProduct.java:
 *   its fields (edit: `product_id`; both: `msr_eu_id` "EU responsible person id, from
 *   aliexpress.category.eu.responsible.persons.list", `aeop_qualification_struct_list`
 *   [{key, type "image"|"text", value}], `category_id`, `subject_list`[{locale, value}],
 *   `detail_source_list`[{locale, web_detail, mobile_detail}], `aeop_ae_product_s_k_us`,
 *   `image_u_r_ls` ";"-joined, …);
 * - response/AliexpressOfferProductPostResponse.java / …EditResponse.java: `result{product_id}`.
 * The SDK marks no field required; the sandbox asks for what a product cannot be
 * without (post: category, subject, SKUs, images; edit: product_id). Refusals are
 * InvalidParameter / MissingParameter errors (no documented result-level error shape).
 * An unknown msr_eu_id is refused: the id must come from the responsible-persons list.
 */

import { invalidParam, missingParam } from './errors';
import { detailProblem, qualificationProblem } from './productContract';
import type { MethodHandler } from './methods';
import type { Product, SandboxStore } from './store';
import { wireId } from './wire';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

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

export const offerProductEdit: MethodHandler = ({ params, store, now }) => {
	const p = productParam(params);
	const id = p.product_id === undefined ? '' : String(p.product_id);
	if (!id) throw missingParam('product_id');
	const product = store.products.get(id);
	if (!product) throw invalidParam('product_id', `product ${id} does not exist`);
	Object.assign(product, gpsrFields(p, store), { gmt_modified: now });
	return { result: { product_id: wireId(product.product_id) } };
};

export const offerProductPost: MethodHandler = ({ params, store, now }) => {
	const p = productParam(params);
	const categoryId = p.category_id === undefined ? '' : String(p.category_id);
	if (!categoryId) throw missingParam('category_id');
	if (!store.categories.has(categoryId) || !store.isLeafCategory(categoryId)) {
		throw invalidParam('category_id', `${categoryId} is not a leaf category`);
	}
	const subjects = Array.isArray(p.subject_list) ? p.subject_list.filter(isObject) : [];
	if (!subjects.length || subjects.some((s) => !s.locale || !s.value)) {
		throw invalidParam('subject_list', 'needs [{locale, value}]');
	}
	const details = Array.isArray(p.detail_source_list) ? p.detail_source_list.filter(isObject) : [];
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
			attributes: [],
			id: `offer-${i}`,
		})),
		brand_name: undefined,
		freight_template_id:
			p.freight_template_id === undefined ? undefined : String(p.freight_template_id),
		msr_eu_id: undefined,
		...gpsrFields(p, store),
		gmt_create: now,
		gmt_modified: now,
		extra: {},
	});
	return { result: { product_id: wireId(product.product_id) } };
};
