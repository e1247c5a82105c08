/**
 * What the product operations share: the parameters of a product (publish and
 * update show the same fields), reading and validating them into the API's
 * request shape, request JSON that keeps long ids exact, and the simplified
 * product the Get and Get Many operations return.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { AliExpressError, toNodeApiError } from '../../transport/errors';
import { parseJson, toList } from '../../transport/envelope';
import { pacificToIso } from '../../transport/time';
import { idString, inputError, requireId, shownValue } from '../common';
import { parseAmount, parseInteger } from '../skuSync';

export const PRODUCT_UNIT_PIECE = 100000015;
export const MAX_TITLE_LENGTH = 128;
export const MAX_IMAGES = 6;
export const MAX_STOCK = 999999;
export const MAX_PRICE = 999999;
export const LIST_PAGE_SIZE_MAX = 99;

// ------------------------------------------------------------------ request JSON

/** A number written into request JSON as its digits, however long (ids beyond 2^53 stay exact). */
export class RawNumber {
	constructor(readonly digits: string) {}
}

/** An id as a JSON number when it is all digits, else as it is. */
export function rawId(id: string): RawNumber | string {
	return /^\d{1,30}$/.test(id) ? new RawNumber(id.replace(/^0+(?=\d)/, '')) : id;
}

/** JSON.stringify that writes RawNumber values bare and leaves out undefined members. */
export function requestJson(value: unknown): string {
	if (value instanceof RawNumber) return value.digits;
	if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : requestJson(v))).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const members = Object.entries(value as IDataObject)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => `${JSON.stringify(k)}:${requestJson(v)}`);
		return `{${members.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

// ------------------------------------------------------------------ JSON input

/** Where a JSON text first goes wrong: a small validating scanner (only run when JSON.parse failed). */
export function jsonSyntaxError(text: string): { position: number; problem: string } | undefined {
	let pos = 0;
	const fail = (problem: string): never => {
		throw { position: pos, problem };
	};
	const ws = () => {
		while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
	};
	const describe = () => (pos >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[pos])}`);
	const expect = (ch: string) => {
		if (text[pos] !== ch) fail(`${describe()}, expected "${ch}"`);
		pos++;
	};
	const string = () => {
		expect('"');
		while (pos < text.length && text[pos] !== '"') {
			const code = text.charCodeAt(pos);
			if (code < 0x20) fail('a line break or control character inside a string (escape it, e.g. \\n)');
			if (text[pos] === '\\') {
				pos++;
				if (text[pos] === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) fail('a bad \\u escape');
					pos += 5;
					continue;
				}
				if (!'"\\/bfnrt'.includes(text[pos] ?? '') || pos >= text.length) fail('a bad escape in a string');
			}
			pos++;
		}
		if (pos >= text.length) fail('a string is not closed (missing ")');
		pos++;
	};
	const value = (): void => {
		ws();
		const ch = text[pos];
		if (ch === '{') {
			pos++;
			ws();
			if (text[pos] === '}') {
				pos++;
				return;
			}
			for (;;) {
				ws();
				if (text[pos] !== '"') fail(`${describe()}, expected a property name in double quotes`);
				string();
				ws();
				expect(':');
				value();
				ws();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === '}') {
					pos++;
					return;
				}
				fail(`${describe()}, expected "," or "}"`);
			}
		}
		if (ch === '[') {
			pos++;
			ws();
			if (text[pos] === ']') {
				pos++;
				return;
			}
			for (;;) {
				value();
				ws();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === ']') {
					pos++;
					return;
				}
				fail(`${describe()}, expected "," or "]"`);
			}
		}
		if (ch === '"') return string();
		const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
		number.lastIndex = pos;
		if (number.test(text)) {
			pos = number.lastIndex;
			return;
		}
		for (const word of ['true', 'false', 'null']) {
			if (text.startsWith(word, pos)) {
				pos += word.length;
				return;
			}
		}
		fail(describe());
	};
	try {
		value();
		ws();
		if (pos < text.length) fail(`${describe()} after the end of the JSON`);
		return undefined;
	} catch (found) {
		return found && typeof found === 'object' && 'position' in found
			? (found as { position: number; problem: string })
			: undefined;
	}
}

/** "line 3, column 8 (position 20)". */
function where(text: string, position: number): string {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `line ${line}, column ${column} (position ${position})`;
}

/**
 * A JSON parameter: a text to parse, or a value an expression already made.
 * Returns the parsed value and, for text, the text itself (sent verbatim).
 */
export function readJson(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): { value: unknown; text?: string } {
	if (typeof raw !== 'string') return { value: raw };
	const text = raw.trim();
	if (!text) {
		throw inputError(ctx, itemIndex, field, 'is empty', `Enter the JSON for "${field}".`);
	}
	try {
		// parseJson keeps integers too long for a double (product ids) exact, as strings
		return { value: parseJson(text), text };
	} catch (error) {
		const found = jsonSyntaxError(text);
		const problem = found
			? `is not valid JSON: ${found.problem} at ${where(text, found.position)}`
			: `is not valid JSON: ${(error as Error).message}`;
		throw inputError(
			ctx,
			itemIndex,
			field,
			problem,
			'Fix the JSON at that position: property names and strings need double quotes, items are separated by commas, and there is no comma after the last one.',
		);
	}
}

/** A JSON parameter that must be an object. */
export function readJsonObject(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): { value: IDataObject; text?: string } {
	const { value, text } = readJson(ctx, itemIndex, field, raw);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			`must be a JSON object ({ … }), got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)?.slice(0, 40)}`,
			`Enter the request as one JSON object, e.g. {"sku_info_list": [ … ]}.`,
		);
	}
	return { value: value as IDataObject, text };
}

// ------------------------------------------------------------------ parameters

export const LANGUAGE_OPTIONS = [
	{ name: 'Arabic', value: 'ar' },
	{ name: 'Dutch', value: 'nl' },
	{ name: 'English', value: 'en' },
	{ name: 'French', value: 'fr' },
	{ name: 'German', value: 'de' },
	{ name: 'Hebrew', value: 'he' },
	{ name: 'Indonesian', value: 'in' },
	{ name: 'Italian', value: 'it' },
	{ name: 'Japanese', value: 'ja' },
	{ name: 'Korean', value: 'ko' },
	{ name: 'Polish', value: 'pl' },
	{ name: 'Portuguese', value: 'pt' },
	{ name: 'Russian', value: 'ru' },
	{ name: 'Spanish', value: 'es' },
	{ name: 'Thai', value: 'th' },
	{ name: 'Turkish', value: 'tr' },
	{ name: 'Vietnamese', value: 'vi' },
];

/** A resource locator: pick from a list (searchable) or enter the numeric ID. */
export function idLocator(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'required' | 'displayOptions' | 'hint'>,
	searchListMethod: string,
	placeholder: string,
): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Enter the numeric ID (digits only)' },
					},
				],
			},
		],
	};
}

export const skuValues: INodeProperties[] = [
	{
		displayName: 'SKU Code',
		name: 'skuCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. TSHIRT-BLU-M',
		description: 'Your own code for this variant; Update Inventory and Update Price find the SKU by it',
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'string',
		default: '',
		placeholder: 'e.g. 19.90',
		description: 'Regular price in the store currency, 0.01–999999 with at most two decimals',
	},
	{
		displayName: 'Discount Price',
		name: 'discountPrice',
		type: 'string',
		default: '',
		placeholder: 'e.g. 15.90',
		description: 'Optional sale price, lower than the price',
	},
	{
		displayName: 'Stock',
		name: 'stock',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_STOCK },
		default: 1,
		description: 'Units available, a whole number from 1 to 999999',
	},
	{
		displayName: 'EAN',
		name: 'ean',
		type: 'string',
		default: '',
		placeholder: 'e.g. 4006381333931',
		description: 'Optional barcode (EAN, UPC or GTIN, 8 to 14 digits)',
	},
	{
		displayName: 'Attributes (JSON)',
		name: 'attributes',
		type: 'string',
		default: '',
		placeholder: 'e.g. [{"sku_attribute_name_id": 14, "sku_attribute_value_id": 175}]',
		description:
			"The variant's properties (color, size, …) as a JSON list of {sku_attribute_name_id, sku_attribute_value_id}. Needed when the product has more than one SKU; the IDs come from the category's schema.",
	},
];

/** The SKUs parameter (publish: top level; update: inside Update Fields). */
export function skusProperty(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'SKUs',
		name: 'skus',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add SKU',
		default: {},
		options: [{ displayName: 'SKU', name: 'sku', values: skuValues }],
		...extra,
	};
}

export const packageProperties: INodeProperties[] = [
	{
		displayName: 'Package Length (Cm)',
		name: 'packageLength',
		type: 'number',
		default: 0,
		description: 'Length of the packed product in whole centimetres (1–700)',
	},
	{
		displayName: 'Package Width (Cm)',
		name: 'packageWidth',
		type: 'number',
		default: 0,
		description: 'Width of the packed product in whole centimetres (1–700)',
	},
	{
		displayName: 'Package Height (Cm)',
		name: 'packageHeight',
		type: 'number',
		default: 0,
		description: 'Height of the packed product in whole centimetres (1–700)',
	},
	{
		displayName: 'Weight (Kg)',
		name: 'weight',
		type: 'number',
		typeOptions: { numberPrecision: 3 },
		default: 0,
		description: 'Gross weight of the packed product in kilograms (0.001–500)',
	},
];

// ------------------------------------------------------------------ reading and validating

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The value of a resource locator or a plain value, as a trimmed string. */
export function locatorValue(raw: unknown): string {
	if (raw !== null && typeof raw === 'object') return idString((raw as IDataObject).value);
	return idString(raw);
}

export function readTitle(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	const title = isEmpty(raw) ? '' : String(raw).trim();
	if (!title) {
		throw inputError(ctx, itemIndex, 'Title', 'is empty', 'Enter the product title shown to buyers.');
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
	const list = (Array.isArray(raw) ? raw.map((v) => String(v ?? '')) : String(raw ?? '').split(/[,\n\r]+/))
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
		throw inputError(ctx, itemIndex, field, `must be a whole number from ${min} to ${max}, got ${shownValue(raw)}`, fix);
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

function readSkuAttributes(ctx: IExecuteFunctions, itemIndex: number, field: string, raw: unknown): IDataObject[] | undefined {
	if (isEmpty(raw)) return undefined;
	const fix =
		'Enter a JSON list such as [{"sku_attribute_name_id": 14, "sku_attribute_value_id": 175}], with the IDs from the category\'s schema.';
	const { value } = readJson(ctx, itemIndex, field, raw);
	const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : undefined;
	if (!list || list.length === 0) {
		throw inputError(ctx, itemIndex, field, 'must be a JSON list of attributes', fix);
	}
	list.forEach((entry, n) => {
		const a = entry as IDataObject;
		const ids = [a?.sku_attribute_name_id, a?.sku_attribute_value_id];
		if (!a || typeof a !== 'object' || ids.some((v) => !/^\d+$/.test(idString(v)))) {
			throw inputError(
				ctx,
				itemIndex,
				field,
				`attribute ${n + 1} needs numeric "sku_attribute_name_id" and "sku_attribute_value_id", got ${shownValue(entry)}`,
				fix,
			);
		}
	});
	return list as IDataObject[];
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
		const code = idString(row.skuCode);
		if (!code) {
			throw inputError(ctx, itemIndex, label('SKU Code'), 'is empty', 'Give every SKU its own code, e.g. TSHIRT-BLU-M.');
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
		const ean = idString(row.ean);
		if (ean && !/^\d{8,14}$/.test(ean)) {
			throw inputError(
				ctx,
				itemIndex,
				label('EAN'),
				`must be 8 to 14 digits, got ${shownValue(row.ean)}`,
				'Enter the EAN/UPC/GTIN barcode as digits only, or leave it empty.',
			);
		}
		const attributes = readSkuAttributes(ctx, itemIndex, label('Attributes (JSON)'), row.attributes);
		const sku: IDataObject = { sku_code: code, price, inventory };
		if (discount !== undefined) sku.discount_price = discount;
		if (ean) sku.ean_code = ean;
		if (attributes) sku.sku_attributes_list = attributes;
		return sku;
	});
}

/** An optional numeric id (category, template, responsible person) as a raw JSON number, or undefined when empty. */
export function optionalId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
	what: string,
): RawNumber | string | undefined {
	if (!locatorValue(raw)) return undefined;
	return rawId(requireId(ctx, itemIndex, field, locatorValue(raw), what));
}

/** Title and description in the API's multi-language lists. */
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
		if (description) entry.web_detail = description;
		if (mobileDescription) entry.mobile_detail = mobileDescription;
		out.multi_language_description_list = [entry];
	}
	return out;
}

/** GPSR certificates and other qualifications as `aeop_qualification_struct_list`. */
export function readQualifications(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): IDataObject[] | undefined {
	const rows = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? (raw as IDataObject).qualification : [];
	const list = toList<IDataObject>(rows).map((row, n) => {
		const label = (name: string) => `Qualifications › ${n + 1} › ${name}`;
		const key = idString(row.key);
		const type = idString(row.type) || 'image';
		const value = idString(row.value);
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
			throw inputError(ctx, itemIndex, label('Value'), 'is empty', 'Enter the certificate image URL or the text.');
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

/** Hints for business errors the platform reports on publish and edit. */
const BUSINESS_HINTS: Array<[RegExp, string]> = [
	[
		/CATEGORY_ID_NOT_LEAF/i,
		'Products can only be published in a leaf category (one without sub-categories). Pick the category from the list, which shows only leaf categories.',
	],
	[/CATEGORY_ID_INVALID/i, 'The category does not exist. Pick it from the list in "Category".'],
	[/PRODUCT_NOT_EXIST/i, 'No product of your store has this ID. Check "Product ID" (Get Many lists your products).'],
	[/SUBJECT/i, 'AliExpress rejected the title. Check its length and language.'],
	[/SKU/i, 'AliExpress rejected a SKU. Check the SKU codes, prices, stock and attributes.'],
	[/IMAGE/i, 'AliExpress rejected the images. Use at most 6 https URLs it can download.'],
];

/** An API failure as the NodeApiError to show, with a hint for known business errors. */
export function withBusinessHint(ctx: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	if (!(error instanceof AliExpressError) || error.info.kind !== 'business') return error;
	const apiError: NodeApiError = toNodeApiError(ctx.getNode(), error, itemIndex);
	const hint = BUSINESS_HINTS.find(([re]) => re.test(error.info.code));
	if (hint) apiError.description = hint[1];
	return apiError;
}

// ------------------------------------------------------------------ reading answers

/** A date as ISO 8601 UTC: Pacific wall-clock strings and epoch values are converted; anything else stays. */
export function toIsoDate(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{10,13}$/.test(value))) {
		const n = Number(value);
		return new Date(n < 1e11 ? n * 1000 : n).toISOString();
	}
	return pacificToIso(value) ?? String(value);
}

const num = (v: unknown): number | null => {
	if (v === undefined || v === null || v === '') return null;
	const n = typeof v === 'number' ? v : Number(String(v).trim());
	return Number.isFinite(n) ? n : null;
};

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

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
		skuCode: text(sku.sku_code) ?? '',
		price: num(sku.sku_price ?? sku.price),
		discountPrice: num(sku.sku_discount_price ?? sku.discount_price),
		quantity: num(sku.ipm_sku_stock ?? sku.inventory ?? sku.sku_stock_quantity),
		skuId: text(sku.id ?? sku.sku_id) ?? '',
	};
	const currency = text(sku.currency_code);
	if (currency) out.currency = currency;
	const ean = text(sku.ean_code ?? sku.barcode);
	if (ean) out.ean = ean;
	const properties = toList(sku.aeop_s_k_u_property_list, 'global_aeop_sku_property');
	if (properties.length) {
		const attributes: IDataObject = {};
		for (const p of properties) {
			const name = text(p.sku_property_name) ?? text(p.sku_property_id);
			const value =
				text(p.property_value_definition_name) ?? text(p.sku_property_value) ?? text(p.property_value_id);
			if (name) attributes[name] = value ?? null;
		}
		out.attributes = attributes;
	}
	return out;
}

/** product.info.get's result as a flat product. */
export function simplifyProduct(result: IDataObject): IDataObject {
	const productId = text(result.product_id) ?? '';
	const skus = toList(result.aeop_ae_product_s_k_us, 'global_aeop_ae_product_sku').map((s) =>
		simplifySku(productId, s),
	);
	const subjects = toList(result.multi_language_subject_list, 'global_subject');
	const out: IDataObject = {
		productId,
		title: text(result.subject) ?? text(subjects[0]?.subject) ?? '',
		status: text(result.product_status_type) ?? null,
		categoryId: text(result.category_id ?? result.aliexpress_category_id) ?? null,
		currency: text(result.currency_code) ?? (skus[0]?.currency as string | undefined) ?? null,
		createdAt: toIsoDate(result.gmt_create) ?? null,
		updatedAt: toIsoDate(result.gmt_modified) ?? null,
		images: imageList(result.image_u_r_ls),
	};
	for (const [from, to] of [
		['brand_name', 'brandName'],
		['freight_template_id', 'freightTemplateId'],
		['msr_eu_id', 'msrEuId'],
	]) {
		const v = text(result[from]);
		if (v) out[to] = v;
	}
	for (const [from, to] of [
		['package_length', 'packageLength'],
		['package_width', 'packageWidth'],
		['package_height', 'packageHeight'],
		['gross_weight', 'weight'],
	]) {
		const v = num(result[from]);
		if (v !== null) out[to] = v;
	}
	out.skus = skus;
	return out;
}

/** One product of product.list.get as a flat product. */
export function simplifyListItem(item: IDataObject, status: string): IDataObject {
	const images = imageList(item.image_u_r_ls);
	const out: IDataObject = {
		productId: text(item.product_id) ?? '',
		title: text(item.subject) ?? '',
		status,
		imageUrl: images[0] ?? null,
		images,
		minPrice: num(item.product_min_price),
		maxPrice: num(item.product_max_price),
		currency: text(item.currency_code) ?? null,
		createdAt: toIsoDate(item.gmt_create) ?? null,
		updatedAt: toIsoDate(item.gmt_modified) ?? null,
	};
	const template = text(item.freight_template_id);
	if (template) out.freightTemplateId = template;
	return out;
}
