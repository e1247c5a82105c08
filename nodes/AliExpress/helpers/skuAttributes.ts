/** A SKU's `sku_attributes_list` as the user writes it (JSON), checked against the documented rules. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './input';
import { readJson } from './jsonInput';
import { CUSTOM_SKU_VALUE_FORBIDDEN, MAX_CUSTOM_SKU_VALUE } from './limits';
import { isEmpty, shownValue, trimmed } from './values';

export function readSkuAttributes(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): IDataObject[] | undefined {
	if (isEmpty(raw)) return undefined;
	const fix =
		'Enter a JSON list such as [{"sku_attribute_name_id": 14, "sku_attribute_value_id": 175}] with the IDs from the category\'s schema; a custom value goes in "sku_attribute_value" (at most 70 characters, none of { # : = ,).';
	const { value } = readJson(ctx, itemIndex, field, raw);
	const list = Array.isArray(value)
		? value
		: value && typeof value === 'object'
			? [value]
			: undefined;
	if (!list || list.length === 0) {
		throw inputError(ctx, itemIndex, field, 'must be a JSON list of attributes', fix);
	}
	list.forEach((entry, n) => {
		const a = entry as IDataObject;
		const problem = skuAttributeProblem(a);
		if (problem) {
			throw inputError(
				ctx,
				itemIndex,
				field,
				`attribute ${n + 1} ${problem}, got ${shownValue(entry)}`,
				fix,
			);
		}
	});
	return list as IDataObject[];
}

/**
 * What is wrong with one sku_attributes_list entry, or undefined: a numeric
 * sku_attribute_name_id, and a numeric sku_attribute_value_id or a custom
 * sku_attribute_value (documented: at most 70 characters, none of `{ # : = ,`).
 */
function skuAttributeProblem(a: IDataObject): string | undefined {
	if (!a || typeof a !== 'object' || Array.isArray(a)) return 'must be a JSON object';
	if (!/^\d+$/.test(trimmed(a.sku_attribute_name_id)))
		return 'needs a numeric "sku_attribute_name_id"';
	const custom = isEmpty(a.sku_attribute_value) ? '' : String(a.sku_attribute_value);
	if (custom) {
		if (custom.length > MAX_CUSTOM_SKU_VALUE) {
			return `has a "sku_attribute_value" of ${custom.length} characters; at most ${MAX_CUSTOM_SKU_VALUE} are allowed`;
		}
		if (CUSTOM_SKU_VALUE_FORBIDDEN.test(custom)) {
			return 'has a "sku_attribute_value" with one of { # : = , which AliExpress refuses';
		}
		return undefined;
	}
	if (!/^\d+$/.test(trimmed(a.sku_attribute_value_id))) {
		return 'needs a numeric "sku_attribute_value_id" or a custom "sku_attribute_value"';
	}
	return undefined;
}
