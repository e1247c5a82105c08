/**
 * Category answers as output items: names picked from AliExpress's multi-language
 * JSON strings, and attributes (aliexpress.category.redefining.
 * getchildattributesresultbypostcateidandpath) shaped so they map straight into
 * Product → Publish: every value carries `entry`, the object Publish takes —
 * `{aliexpress_attribute_name_id, aliexpress_attribute_value_id}` for Additional
 * Fields › Attribute List (JSON), `{sku_attribute_name_id, sku_attribute_value_id}`
 * for a SKU's Attributes (JSON).
 */
import type { IDataObject } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { optionalText, trimmed } from './values';

/** `{"en": "Dresses", "es": "Vestidos"}` (a JSON string, sometimes an object) as an object. */
export function parseNames(raw: unknown): IDataObject {
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	if (typeof raw !== 'string' || !raw.trim()) return {};
	try {
		const parsed: unknown = JSON.parse(raw);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: {};
	} catch {
		return { text: raw };
	}
}

/** The name in `language` (e.g. "en"), else English, else the first one given. */
export function pickName(names: IDataObject, language: string): string {
	return (
		trimmed(names[language]) ||
		trimmed(names[language.split('_')[0]]) ||
		trimmed(names.en) ||
		trimmed(Object.values(names)[0])
	);
}

const isTrue = (v: unknown) => v === true || v === 'true';
const num = (v: unknown): number | string | undefined => {
	const text = optionalText(v);
	if (text === undefined) return undefined;
	return /^\d{1,15}$/.test(text) ? Number(text) : text;
};

/** Where in Publish an attribute goes. */
export const PUBLISH_FIELD = {
	product: 'Additional Fields › Attribute List (JSON)',
	sku: 'SKUs › SKU › Attributes (JSON)',
};

/** One attribute of the answer as an output item; `parentPath` is the param2 path it was asked under. */
export function simplifyAttribute(
	dto: IDataObject,
	language: string,
	parentPath: string[],
): IDataObject {
	const sku = isTrue(dto.sku);
	const id = num(dto.id);
	const names = parseNames(dto.names);
	const values = toList<IDataObject>(dto.values, 'aeop_attr_value_dto').map((v) => {
		const valueId = num(v.id);
		const valueNames = parseNames(v.names);
		const out: IDataObject = {
			valueId,
			name: pickName(valueNames, language),
			names: valueNames,
			entry: sku
				? { sku_attribute_name_id: id, sku_attribute_value_id: valueId }
				: { aliexpress_attribute_name_id: id, aliexpress_attribute_value_id: valueId },
		};
		if (isTrue(v.has_sub_attr)) {
			out.hasSubAttributes = true;
			// what Filters › Sub-Attributes Of takes to list them
			out.subAttributePath = [...parentPath, `${String(id)}=${String(valueId)}`].join(',');
		}
		return out;
	});
	const features = parseNames(dto.features);
	const requiredIn = trimmed(features.AE_FEATURE_PRequireStrategy);
	const out: IDataObject = {
		attributeId: id,
		name: pickName(names, language),
		names,
		kind: sku ? 'sku' : 'product',
		required: isTrue(dto.required),
		keyAttribute: isTrue(dto.key_attribute),
		visible: dto.visible === undefined ? true : isTrue(dto.visible),
		showType: optionalText(dto.attribute_show_type_value),
		inputType: optionalText(dto.input_type),
		customValueAllowed: isTrue(dto.support_enum_input),
		customNameAllowed: isTrue(dto.customized_name),
		customImageAllowed: isTrue(dto.customized_pic),
		order: num(dto.spec),
		units: toList<IDataObject>(dto.units, 'aeop_unit').map((u) => ({
			name: u.unit_name,
			rate: u.rate,
		})),
		requiredInCountries: requiredIn ? requiredIn.split(',').map((c) => c.trim()) : undefined,
		publishField: sku ? PUBLISH_FIELD.sku : PUBLISH_FIELD.product,
		values,
	};
	if (values.length === 0) {
		// a typed value: Publish takes it as attribute_value (sku: sku_attribute_value)
		out.entryTemplate = sku
			? { sku_attribute_name_id: id, sku_attribute_value: '' }
			: { aliexpress_attribute_name_id: id, attribute_value: '' };
	}
	if (parentPath.length) out.parentPath = parentPath.join(',');
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}
