/** Products as the Get and Get Many operations return them when simplified. */
import type { IDataObject } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { pacificToIso } from '../transport/time';
import { numberOrNull, optionalText } from './values';

/** A date as ISO 8601 UTC: Pacific wall-clock strings and epoch values are converted; anything else stays. */
export function toIsoDate(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{10,13}$/.test(value))) {
		const n = Number(value);
		return new Date(n < 1e11 ? n * 1000 : n).toISOString();
	}
	return pacificToIso(value) ?? String(value);
}

/** `image_u_r_ls` is one string with `;` between the URLs. */
export function imageList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter(Boolean);
	return String(value ?? '')
		.split(';')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** One SKU of product.info.get, shaped to feed Update Inventory and Update Price directly. */
export function simplifySku(productId: string, sku: IDataObject): IDataObject {
	const out: IDataObject = {
		productId,
		skuCode: optionalText(sku.sku_code) ?? '',
		price: numberOrNull(sku.sku_price ?? sku.price),
		discountPrice: numberOrNull(sku.sku_discount_price ?? sku.discount_price),
		quantity: numberOrNull(sku.ipm_sku_stock ?? sku.inventory ?? sku.sku_stock_quantity),
		skuId: optionalText(sku.id ?? sku.sku_id) ?? '',
	};
	const currency = optionalText(sku.currency_code);
	if (currency) out.currency = currency;
	const ean = optionalText(sku.ean_code ?? sku.barcode);
	if (ean) out.ean = ean;
	const properties = toList(sku.aeop_s_k_u_property_list, 'global_aeop_sku_property');
	if (properties.length) {
		const attributes: IDataObject = {};
		// product.info.get keys SKU properties by id: {sku_property_id, property_value_id,
		// property_value_definition_name (a custom value's name), sku_image}
		const list: IDataObject[] = [];
		for (const p of properties) {
			const name = optionalText(p.sku_property_id);
			if (!name) continue;
			const custom = optionalText(p.property_value_definition_name);
			attributes[name] = custom ?? optionalText(p.property_value_id) ?? null;
			const entry: IDataObject = {
				propertyId: name,
				valueId: optionalText(p.property_value_id) ?? null,
			};
			if (custom) entry.customValue = custom;
			const image = optionalText(p.sku_image);
			if (image) entry.image = image;
			list.push(entry);
		}
		out.attributes = attributes;
		out.properties = list;
	}
	return out;
}

/** product.info.get's result as a flat product. */
export function simplifyProduct(result: IDataObject): IDataObject {
	const productId = optionalText(result.product_id) ?? '';
	const skus = toList(result.aeop_ae_product_s_k_us, 'global_aeop_ae_product_sku').map((s) =>
		simplifySku(productId, s),
	);
	const subjects = toList(result.multi_language_subject_list, 'global_subject');
	const out: IDataObject = {
		productId,
		title: optionalText(result.subject) ?? optionalText(subjects[0]?.subject) ?? '',
		status: optionalText(result.product_status_type) ?? null,
		categoryId: optionalText(result.category_id ?? result.aliexpress_category_id) ?? null,
		currency:
			optionalText(result.currency_code) ?? (skus[0]?.currency as string | undefined) ?? null,
		createdAt: toIsoDate(result.gmt_create) ?? null,
		updatedAt: toIsoDate(result.gmt_modified) ?? null,
		images: imageList(result.image_u_r_ls),
	};
	for (const [from, to] of [
		['brand_name', 'brandName'],
		['freight_template_id', 'freightTemplateId'],
		['msr_eu_id', 'msrEuId'],
	]) {
		const v = optionalText(result[from]);
		if (v) out[to] = v;
	}
	for (const [from, to] of [
		['package_length', 'packageLength'],
		['package_width', 'packageWidth'],
		['package_height', 'packageHeight'],
		['gross_weight', 'weight'],
	]) {
		const v = numberOrNull(result[from]);
		if (v !== null) out[to] = v;
	}
	out.skus = skus;
	return out;
}

/** One product of product.list.get as a flat product. */
export function simplifyListItem(item: IDataObject, status: string): IDataObject {
	const images = imageList(item.image_u_r_ls);
	const out: IDataObject = {
		productId: optionalText(item.product_id) ?? '',
		title: optionalText(item.subject) ?? '',
		status,
		imageUrl: images[0] ?? null,
		images,
		minPrice: numberOrNull(item.product_min_price),
		maxPrice: numberOrNull(item.product_max_price),
		currency: optionalText(item.currency_code) ?? null,
		createdAt: toIsoDate(item.gmt_create) ?? null,
		updatedAt: toIsoDate(item.gmt_modified) ?? null,
	};
	const template = optionalText(item.freight_template_id);
	if (template) out.freightTemplateId = template;
	return out;
}
