/**
 * A whole `aeop_a_e_product` for aliexpress.offer.product.post, built from the
 * post_product_request of aliexpress.solution.product.post: the one product
 * method whose schema carries GPSR (`msr_eu_id`, `aeop_qualification_struct_list`).
 *
 * Names (read, not copied): emsaniey20/java src/main/java/com/aliexpress/open/domain/
 * AliexpressOfferProductPostAeopAEProduct.java, …AeopAEProductSKU.java,
 * …AeopSKUProperty.java, …AeopAeProductProperty.java, …DetailSource.java,
 * …Subject.java, …MarketImage.java; required flags and the request sample from the IOP
 * documentation pasted in lindejin/eshop-plat-api src/main/java/com/eshop/util/platform/
 * api/service/product/aliexpress/dto/AeopAeProductPostDTO.java and AliexpressProductCallImpl.java
 * (required: category_id, delivery_time, detail_source_list, gross_weight, image_u_r_ls,
 * locale, package_height, package_length, package_type, package_width,
 * promise_template_id, reduce_strategy, subject_list; in a SKU sku_price).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { gpsrSummary, type Gpsr } from './gpsr';
import { inputError } from './input';
import { requestJson } from './requestJson';

/**
 * The offer methods take locales ("e.g. en_US": the documentation sample in lindejin
 * AliexpressProductCallImpl.java sends "locale":"en_US"); the solution methods take
 * the language codes. en_US, ru_RU and es_ES appear in documentation samples (lindejin
 * AliexpressProductCallImpl.java; product.info.get's example answers es_ES). The
 * others are AliExpress's site locales and UNCONFIRMED for this method.
 */
export const OFFER_LOCALES: Readonly<Record<string, string>> = {
	en: 'en_US',
	ru: 'ru_RU',
	es: 'es_ES',
	fr: 'fr_FR',
	it: 'it_IT',
	tr: 'tr_TR',
	pt: 'pt_BR',
	de: 'de_DE',
	nl: 'nl_NL',
	in: 'in_ID',
	ar: 'ar_MA',
	ja: 'ja_JP',
	ko: 'ko_KR',
	th: 'th_TH',
	vi: 'vi_VN',
	iw: 'iw_IL',
};

/** delivery_time of offer.product.post: "1-7 days (1-30 for some special categories)". */
export const OFFER_DELIVERY_TIME_MAX = 7;

/** post_product_request fields that offer.product.post has no counterpart for. */
export function unmappedKeys(request: IDataObject): string[] {
	return Object.keys(request).filter(
		(k) => request[k] !== undefined && !(k in MAPPED) && k !== 'language',
	);
}

const list = (v: unknown): IDataObject[] =>
	Array.isArray(v) ? (v.filter((e) => e && typeof e === 'object') as IDataObject[]) : [];
const text = (v: unknown): string | undefined =>
	v === undefined || v === null || v === '' ? undefined : String(v);
const localeOf = (language: unknown): string => {
	const code = String(language ?? '');
	return OFFER_LOCALES[code] ?? code;
};

function skuProperty(a: IDataObject): IDataObject {
	return {
		sku_property_id: a.sku_attribute_name_id,
		property_value_id: a.sku_attribute_value_id,
		property_value_definition_name: text(a.sku_attribute_value),
		sku_image: text(a.sku_image_url ?? a.sku_image),
	};
}

function sku(s: IDataObject): IDataObject {
	const props = list(s.sku_attributes_list).map(skuProperty);
	return {
		sku_code: text(s.sku_code),
		sku_price: text(s.price),
		sku_discount_price: text(s.discount_price),
		ipm_sku_stock: s.inventory,
		ean_code: text(s.ean_code),
		barcode: text(s.bar_code),
		aeop_s_k_u_property: props.length ? props : undefined,
	};
}

/** post_product_request key → [offer key, value mapping]. */
const MAPPED: Record<string, [string, (v: unknown) => unknown]> = {
	aliexpress_category_id: ['category_id', (v) => v],
	multi_language_subject_list: [
		'subject_list',
		(v) => list(v).map((s) => ({ locale: localeOf(s.language), value: s.subject })),
	],
	multi_language_description_list: [
		'detail_source_list',
		(v) =>
			list(v).map((d) => ({
				locale: localeOf(d.language),
				web_detail: d.web_detail,
				mobile_detail: d.mobile_detail,
			})),
	],
	main_image_urls_list: ['image_u_r_ls', (v) => (Array.isArray(v) ? v.join(';') : v)],
	sku_info_list: ['aeop_ae_product_s_k_us', (v) => list(v).map(sku)],
	weight: ['gross_weight', text],
	package_length: ['package_length', (v) => v],
	package_width: ['package_width', (v) => v],
	package_height: ['package_height', (v) => v],
	freight_template_id: ['freight_template_id', (v) => v],
	inventory_deduction_strategy: ['reduce_strategy', (v) => v],
	shipping_lead_time: ['delivery_time', (v) => v],
	// service_policy_id is set in the seller promise page (product.post.json); offer calls it
	// the "service template id" (AeopAEProduct promise_template_id).
	service_policy_id: ['promise_template_id', (v) => v],
	product_unit: ['product_unit', (v) => v],
	group_id: ['group_id', (v) => v],
	size_chart_id: ['sizechart_id', (v) => v],
	attribute_list: [
		'aeop_ae_product_propertys',
		(v) =>
			list(v).map((a) => ({
				attr_name_id: a.aliexpress_attribute_name_id,
				attr_value_id: a.aliexpress_attribute_value_id,
				attr_name: text(a.attribute_name),
				attr_value: text(a.attribute_value),
			})),
	],
	marketing_images: [
		'market_images',
		(v) => list(v).map((m) => ({ image_type: m.image_type, url: m.image_url })),
	],
};

/**
 * The aeop_a_e_product for `request` (a post_product_request without GPSR fields,
 * see `unmappedKeys` for what it may not carry) and `gpsr`.
 */
export function offerProduct(request: IDataObject, gpsr: Gpsr): IDataObject {
	const locale = localeOf(request.language);
	const product: IDataObject = { locale };
	for (const [key, [offerKey, map]] of Object.entries(MAPPED)) {
		if (request[key] !== undefined) product[offerKey] = map(request[key]) as IDataObject;
	}
	// detail_source_list is required; an entry needs only its locale
	if (!list(product.detail_source_list).length) product.detail_source_list = [{ locale }];
	// the node does not sell by lot (solution.product.post has no lot fields)
	product.package_type = false;
	// msr_eu_id is a String in the SDK and the documentation table; the sample sends "12"
	if (gpsr.msr_eu_id !== undefined) product.msr_eu_id = gpsrSummary(gpsr).msrEuId;
	if (gpsr.aeop_qualification_struct_list?.length) {
		product.aeop_qualification_struct_list = gpsr.aeop_qualification_struct_list;
	}
	return product;
}

/**
 * The aeop_a_e_product text for a publish with GPSR, checked before any call:
 * a post_product_request field offer.product.post has no counterpart for, or a
 * shipping lead time beyond its delivery_time range, fails the item. `field`
 * names the node field of a request key (JSON mode: always "Product JSON").
 */
export function offerRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: IDataObject,
	gpsr: Gpsr,
	field: (key: string) => string,
): string {
	const gpsrHint =
		'An EU responsible person or qualifications are published through aliexpress.offer.product.post, which';
	const unmapped = unmappedKeys(request);
	if (unmapped.length) {
		throw inputError(
			ctx,
			itemIndex,
			field(unmapped[0]),
			`${unmapped.join(', ')} cannot be sent together with an EU responsible person or qualifications`,
			`${gpsrHint} has no such field. Leave ${unmapped.join(', ')} out (a brand goes into the attributes, e.g. {"aliexpress_attribute_name_id": 2, "aliexpress_attribute_value_id": <brand id>}), or publish without GPSR data and set it in Seller Center.`,
		);
	}
	const lead = Number(request.shipping_lead_time);
	if (request.shipping_lead_time !== undefined && !(lead >= 1 && lead <= OFFER_DELIVERY_TIME_MAX)) {
		throw inputError(
			ctx,
			itemIndex,
			field('shipping_lead_time'),
			`must be from 1 to ${OFFER_DELIVERY_TIME_MAX} days with an EU responsible person or qualifications, got ${String(request.shipping_lead_time)}`,
			`${gpsrHint} takes a delivery time of 1 to ${OFFER_DELIVERY_TIME_MAX} days.`,
		);
	}
	return requestJson(offerProduct(request, gpsr));
}
