/**
 * The fields of a product (Publish and Update show the same ones), read and
 * validated into the API's request shape; each error names the item, the
 * field and how to fix it.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { inputError } from './input';
import { mobileDetail, webDetail } from './detail';
import { readSkuAttributes } from './skuAttributes';
import { MAX_IMAGES, MAX_PRICE, MAX_STOCK, MAX_TITLE_LENGTH } from './limits';
import { isEmpty, parseAmount, parseInteger, shownValue, trimmed } from './values';

export function readTitle(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	const title = isEmpty(raw) ? '' : String(raw).trim();
	if (!title) {
		throw inputError(
			ctx,
			itemIndex,
			'Title',
			'is empty',
			'Enter the product title shown to buyers.',
		);
	}
	if (title.length > MAX_TITLE_LENGTH) {
		throw inputError(
			ctx,
			itemIndex,
			'Title',
			`is ${title.length} characters long; at most ${MAX_TITLE_LENGTH} are allowed`,
			`Shorten the title to ${MAX_TITLE_LENGTH} characters or fewer.`,
		);
	}
	return title;
}

/** Image URLs given as a comma/newline separated text or a list; 1 to 6, https only. */
export function readImages(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): string[] {
	const list = (
		Array.isArray(raw) ? raw.map((v) => String(v ?? '')) : String(raw ?? '').split(/[,\n\r]+/)
	)
		.map((s) => s.trim())
		.filter(Boolean);
	if (list.length === 0) {
		throw inputError(
			ctx,
			itemIndex,
			'Images',
			'is empty',
			'Enter 1 to 6 image URLs (https), separated by commas or new lines. The first is the main image.',
		);
	}
	if (list.length > MAX_IMAGES) {
		throw inputError(
			ctx,
			itemIndex,
			'Images',
			`has ${list.length} URLs; AliExpress takes at most ${MAX_IMAGES}`,
			`Keep the ${MAX_IMAGES} best images; the first is the main image.`,
		);
	}
	list.forEach((url, n) => {
		let ok = false;
		try {
			ok = new URL(url).protocol === 'https:';
		} catch {
			ok = false;
		}
		if (!ok) {
			throw inputError(
				ctx,
				itemIndex,
				'Images',
				`image ${n + 1} is not an https URL: ${shownValue(url)}`,
				'Use full image URLs starting with https:// that AliExpress can download, e.g. https://example.com/shirt-front.jpg.',
			);
		}
	});
	return list;
}

/** A whole number in a range, or an input error naming the field. */
export function readInteger(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
	min: number,
	max: number,
	fix: string,
): number {
	if (isEmpty(raw)) throw inputError(ctx, itemIndex, field, 'is empty', fix);
	const n = parseInteger(raw, min, max);
	if (n === undefined) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			`must be a whole number from ${min} to ${max}, got ${shownValue(raw)}`,
			fix,
		);
	}
	return n;
}

/** The package weight: 0.001 to 500 kg, at most three decimals. */
export function readWeight(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): number {
	const fix = 'Enter the gross weight of the packed product in kilograms, e.g. 0.35.';
	if (isEmpty(raw)) throw inputError(ctx, itemIndex, 'Weight (Kg)', 'is empty', fix);
	const n = typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
	const ok =
		typeof n === 'number' &&
		Number.isFinite(n) &&
		n >= 0.001 &&
		n <= 500 &&
		Math.abs(Math.round(n * 1000) - n * 1000) < 1e-6;
	if (!ok) {
		throw inputError(
			ctx,
			itemIndex,
			'Weight (Kg)',
			`must be from 0.001 to 500 kg with at most three decimals, got ${shownValue(raw)}`,
			fix,
		);
	}
	return Math.round((n as number) * 1000) / 1000;
}

const PACKAGE_FIELDS: Array<[param: string, apiKey: string, label: string]> = [
	['packageLength', 'package_length', 'Package Length (Cm)'],
	['packageWidth', 'package_width', 'Package Width (Cm)'],
	['packageHeight', 'package_height', 'Package Height (Cm)'],
];

/** Package sizes and weight into `target`; `only` limits it to the given parameters (update). */
export function readPackage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
	target: IDataObject,
	only?: string[],
): string[] {
	const used: string[] = [];
	for (const [param, apiKey, label] of PACKAGE_FIELDS) {
		if (only && !only.includes(param)) continue;
		target[apiKey] = readInteger(
			ctx,
			itemIndex,
			label,
			values[param],
			1,
			700,
			'Enter the size of the packed product in whole centimetres (1 to 700).',
		);
		used.push(param);
	}
	if (!only || only.includes('weight')) {
		target.weight = readWeight(ctx, itemIndex, values.weight);
		used.push('weight');
	}
	return used;
}

/** The SKU rows of the fixed collection, however they arrive. */
function skuRows(raw: unknown): IDataObject[] {
	if (Array.isArray(raw)) return raw as IDataObject[];
	if (raw && typeof raw === 'object') {
		const obj = raw as IDataObject;
		const inner = obj.sku ?? (Object.keys(obj).length === 1 ? obj[Object.keys(obj)[0]] : undefined);
		if (Array.isArray(inner)) return inner as IDataObject[];
		if (inner && typeof inner === 'object') return [inner as IDataObject];
	}
	return [];
}

/** The SKUs as the API's `sku_info_list`; every rule checked, each error naming the SKU and its field. */
export function readSkus(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): IDataObject[] {
	const rows = skuRows(raw);
	if (rows.length === 0) {
		throw inputError(
			ctx,
			itemIndex,
			'SKUs',
			'has no SKU',
			'Add at least one SKU with its SKU code, price and stock (a product without variants has one SKU).',
		);
	}
	const seen = new Map<string, number>();
	return rows.map((row, n) => {
		const label = (name: string) => `SKUs › SKU ${n + 1} › ${name}`;
		const code = trimmed(row.skuCode);
		if (!code) {
			throw inputError(
				ctx,
				itemIndex,
				label('SKU Code'),
				'is empty',
				'Give every SKU its own code, e.g. TSHIRT-BLU-M.',
			);
		}
		const earlier = seen.get(code);
		if (earlier !== undefined) {
			throw inputError(
				ctx,
				itemIndex,
				label('SKU Code'),
				`"${code}" is already the code of SKU ${earlier + 1}`,
				'Every SKU of a product needs its own code.',
			);
		}
		seen.set(code, n);

		const priceFix = 'Enter an amount from 0.01 to 999999 with at most two decimals, e.g. 19.90.';
		if (isEmpty(row.price)) throw inputError(ctx, itemIndex, label('Price'), 'is empty', priceFix);
		const price = parseAmount(row.price, 0.01, MAX_PRICE);
		if (price === undefined) {
			throw inputError(
				ctx,
				itemIndex,
				label('Price'),
				`must be from 0.01 to 999999 with at most two decimals, got ${shownValue(row.price)}`,
				priceFix,
			);
		}
		let discount: number | undefined;
		if (!isEmpty(row.discountPrice)) {
			discount = parseAmount(row.discountPrice, 0.01, MAX_PRICE);
			if (discount === undefined) {
				throw inputError(
					ctx,
					itemIndex,
					label('Discount Price'),
					`must be from 0.01 to 999999 with at most two decimals, got ${shownValue(row.discountPrice)}`,
					'Enter the sale price with at most two decimals, or leave it empty for no discount.',
				);
			}
			if (discount >= price) {
				throw inputError(
					ctx,
					itemIndex,
					label('Discount Price'),
					`${discount} is not lower than the price ${price}`,
					'The discount price must be lower than the price; leave it empty for no discount.',
				);
			}
		}
		const inventory = readInteger(
			ctx,
			itemIndex,
			label('Stock'),
			row.stock,
			1,
			MAX_STOCK,
			'Enter the units available as a whole number from 1 to 999999 (a new or edited SKU needs stock).',
		);
		const ean = trimmed(row.ean);
		if (ean && !/^\d{8,14}$/.test(ean)) {
			throw inputError(
				ctx,
				itemIndex,
				label('EAN'),
				`must be 8 to 14 digits, got ${shownValue(row.ean)}`,
				'Enter the EAN/UPC/GTIN barcode as digits only, or leave it empty.',
			);
		}
		const attributes = readSkuAttributes(
			ctx,
			itemIndex,
			label('Attributes (JSON)'),
			row.attributes,
		);
		const sku: IDataObject = { sku_code: code, price, inventory };
		if (discount !== undefined) sku.discount_price = discount;
		if (ean) sku.ean_code = ean;
		if (attributes) sku.sku_attributes_list = attributes;
		return sku;
	});
}

/**
 * Title and description in the API's multi-language lists; the web description
 * (HTML) and the mobile one (text) become the detail JSON AliExpress takes (helpers/detail.ts).
 */
export function languageLists(
	language: string,
	title: string | undefined,
	description: string | undefined,
	mobileDescription: string | undefined,
): IDataObject {
	const out: IDataObject = {};
	if (title !== undefined) out.multi_language_subject_list = [{ language, subject: title }];
	if (description || mobileDescription) {
		const entry: IDataObject = { language };
		if (description) entry.web_detail = webDetail(description);
		if (mobileDescription) entry.mobile_detail = mobileDetail(mobileDescription);
		out.multi_language_description_list = [entry];
	}
	return out;
}

/** GPSR certificates and other qualifications as `aeop_qualification_struct_list`. */
export function readQualifications(
	ctx: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): IDataObject[] | undefined {
	const rows = Array.isArray(raw)
		? raw
		: raw && typeof raw === 'object'
			? (raw as IDataObject).qualification
			: [];
	const list = toList<IDataObject>(rows).map((row, n) => {
		const label = (name: string) => `Qualifications › ${n + 1} › ${name}`;
		const key = trimmed(row.key);
		const type = trimmed(row.type) || 'image';
		const value = trimmed(row.value);
		if (!key) {
			throw inputError(
				ctx,
				itemIndex,
				label('Key'),
				'is empty',
				'Enter the qualification key the category asks for, e.g. item_EU_CE_certificate.',
			);
		}
		if (!value) {
			throw inputError(
				ctx,
				itemIndex,
				label('Value'),
				'is empty',
				'Enter the certificate image URL or the text.',
			);
		}
		if (type === 'image' && !/^https:\/\/\S+$/i.test(value)) {
			throw inputError(
				ctx,
				itemIndex,
				label('Value'),
				`must be an https URL for an image qualification, got ${shownValue(value)}`,
				'Enter the full https:// URL of the certificate image, or set Type to Text.',
			);
		}
		return { key, type, value };
	});
	return list.length ? list : undefined;
}
