/**
 * Category help: `aliexpress.solution.product.category.suggest` (title → leaf
 * categories by priority) and
 * `aliexpress.category.redefining.getchildattributesresultbypostcateidandpath`
 * (a leaf category's product and SKU attributes with their ids and values), as
 * test/contract/ documents them. The seeded attributes are made up but shaped as
 * documented: every leaf has Brand Name and Origin (whose value China has
 * sub-attributes, asked for with param2 "219=9441741844"), apparel has Material,
 * and the SKU attributes are the catalogue's variation axes with the ids seeded
 * products carry (catalogue.ts skuPropertyId / skuValueId).
 */
import { TEMPLATES, skuPropertyId, skuValueId, type Category } from './catalogue';
import { invalidParam } from './errors';
import type { MethodHandler } from './methods';
import type { SandboxStore } from './store';
import { wrapList } from './wire';

export interface SeedValue {
	id: number;
	name: string;
	/** param2 entry `${attribute}=${value}` answers these sub-attributes */
	sub?: SeedAttribute[];
}

export interface SeedAttribute {
	id: number;
	name: string;
	required: boolean;
	sku: boolean;
	showType: string;
	values: SeedValue[];
	customizedName?: boolean;
	customizedPic?: boolean;
	spec?: number;
	visible?: boolean;
	supportEnumInput?: boolean;
	units?: { unit_name: string; rate: string }[];
}

/** Brand Name "NONE" (201512802) as the node's own attribute hint spells it. */
export const BRAND_NONE = 201512802;
export const ORIGIN = 219;
export const ORIGIN_CHINA = 9441741844;

const PROVINCE: SeedAttribute = {
	id: 266081643,
	name: 'Province',
	required: true,
	sku: false,
	showType: 'list_box',
	values: [
		{ id: 9441741800, name: 'Guangdong' },
		{ id: 9441741801, name: 'Zhejiang' },
	],
};

function productAttributes(category: Category): SeedAttribute[] {
	const list: SeedAttribute[] = [
		{
			id: 2,
			name: 'Brand Name',
			required: true,
			sku: false,
			showType: 'list_box',
			supportEnumInput: false,
			values: [{ id: BRAND_NONE, name: 'NONE' }],
		},
		{
			id: ORIGIN,
			name: 'Origin',
			required: true,
			sku: false,
			showType: 'list_box',
			values: [
				{ id: ORIGIN_CHINA, name: 'Mainland China', sub: [PROVINCE] },
				{ id: 9441741845, name: 'Spain' },
			],
		},
		{
			id: 200000631,
			name: 'Internal Seller Note',
			required: false,
			sku: false,
			showType: 'input',
			values: [],
			visible: false,
		},
	];
	if (category.parentId === '200000345') {
		list.push({
			id: 10,
			name: 'Material',
			required: false,
			sku: false,
			showType: 'check_box',
			supportEnumInput: true,
			values: [
				{ id: 47, name: 'Cotton' },
				{ id: 49, name: 'Linen' },
				{ id: 484, name: 'Polyester' },
			],
		});
	}
	return list;
}

function skuAttributes(categoryId: string): SeedAttribute[] {
	const template = TEMPLATES.find((t) => t.categoryId === categoryId);
	if (!template) return [];
	return template.axes.map((axis, n) => ({
		id: skuPropertyId(axis.name),
		name: axis.name,
		required: n === 0,
		sku: true,
		showType: axis.name === 'Color' ? 'check_box' : 'list_box',
		customizedName: true,
		customizedPic: axis.name === 'Color',
		spec: n + 1,
		values: axis.values.map(([value], i) => ({ id: skuValueId(i), name: value })),
	}));
}

/** The seeded attributes of a leaf category (undefined for an unknown or non-leaf one). */
export function categoryAttributes(
	store: SandboxStore,
	categoryId: string,
): SeedAttribute[] | undefined {
	const category = store.categories.get(categoryId);
	if (!category?.leaf) return undefined;
	return [...productAttributes(category), ...skuAttributes(categoryId)];
}

const names = (name: string) => JSON.stringify({ en: name, es: name });

function attributeDto(a: SeedAttribute): Record<string, unknown> {
	return {
		id: a.id,
		names: names(a.name),
		required: a.required,
		sku: a.sku,
		key_attribute: a.required && !a.sku,
		visible: a.visible ?? true,
		attribute_show_type_value: a.showType,
		input_type: a.showType === 'input' ? 'STRING' : undefined,
		support_enum_input: a.supportEnumInput,
		customized_name: a.customizedName ?? false,
		customized_pic: a.customizedPic ?? false,
		spec: a.spec,
		units: a.units ? wrapList('aeop_unit', a.units) : undefined,
		values: wrapList(
			'aeop_attr_value_dto',
			a.values.map((v) => ({ id: v.id, names: names(v.name), has_sub_attr: Boolean(v.sub) })),
		),
	};
}

const attributesOf: MethodHandler = ({ params, store }) => {
	const categoryId = params.param1;
	const category = store.categories.get(categoryId);
	if (!category) {
		return {
			result: {
				success: false,
				error_code: '404',
				error_message: `category ${categoryId} does not exist`,
			},
		};
	}
	const seeded = categoryAttributes(store, categoryId);
	if (!seeded) {
		return {
			result: {
				success: false,
				error_code: '400',
				error_message: `category ${categoryId} is not a leaf category`,
			},
		};
	}
	let attributes: SeedAttribute[] = seeded;
	const path = params.param2 ? (JSON.parse(params.param2) as unknown[]) : [];
	for (const [n, step] of path.entries()) {
		const m = /^(\d+)=(\d+)$/.exec(String(step));
		if (!m) throw invalidParam(`param2[${n}]`, 'expected attributeId=valueId');
		const value: SeedValue | undefined = attributes
			.find((a) => String(a.id) === m[1])
			?.values.find((v) => String(v.id) === m[2]);
		if (!value)
			throw invalidParam(`param2[${n}]`, `${step} is not an attribute value of this level`);
		attributes = value.sub ?? [];
	}
	return {
		result: {
			success: true,
			attributes: wrapList('aeop_attribute_dto', attributes.map(attributeDto)),
		},
	};
};

/** The leaf categories whose names or seeded product titles share a word with the title, best first. */
const suggest: MethodHandler = ({ params, store }) => {
	const words = new Set(params.title.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
	const scored: Array<[Category, number]> = [];
	for (const c of store.categories.values()) {
		if (!c.leaf) continue;
		const text = [c.name, ...(TEMPLATES.find((t) => t.categoryId === c.id)?.subjects ?? [])]
			.join(' ')
			.toLowerCase();
		const hits = [...words].filter((w) => text.includes(w.replace(/s$/, ''))).length;
		if (hits > 0) scored.push([c, hits]);
	}
	scored.sort((a, b) => b[1] - a[1]);
	const pathOf = (c: Category): Category[] => {
		const out: Category[] = [];
		for (let at: Category | undefined = c; at; at = store.categories.get(at.parentId))
			out.unshift(at);
		return out;
	};
	return {
		suggest_category_list: wrapList(
			'suggest_category',
			scored.slice(0, 5).map(([c]) => ({
				id: Number(c.id),
				name: c.name,
				id_path: wrapList(
					'number',
					pathOf(c).map((p) => Number(p.id)),
				),
				name_path: wrapList(
					'string',
					pathOf(c).map((p) => p.name),
				),
			})),
		),
	};
};

export const CATEGORY_METHODS: Record<string, MethodHandler> = {
	'aliexpress.solution.product.category.suggest': suggest,
	'aliexpress.category.redefining.getchildattributesresultbypostcateidandpath': attributesOf,
};
