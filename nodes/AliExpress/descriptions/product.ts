/** Parameters of a product that Publish and Update show alike. */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_STOCK, PRODUCT_UNIT_PIECE } from '../helpers/limits';
import { idLocator } from './common';

/** The product languages aliexpress.solution.product.post documents: en ru es fr it tr pt de nl in ar ja ko th vi iw. */
export const LANGUAGE_OPTIONS = [
	{ name: 'Arabic', value: 'ar' },
	{ name: 'Dutch', value: 'nl' },
	{ name: 'English', value: 'en' },
	{ name: 'French', value: 'fr' },
	{ name: 'German', value: 'de' },
	{ name: 'Hebrew', value: 'iw' },
	{ name: 'Indonesian', value: 'in' },
	{ name: 'Italian', value: 'it' },
	{ name: 'Japanese', value: 'ja' },
	{ name: 'Korean', value: 'ko' },
	{ name: 'Portuguese', value: 'pt' },
	{ name: 'Russian', value: 'ru' },
	{ name: 'Spanish', value: 'es' },
	{ name: 'Thai', value: 'th' },
	{ name: 'Turkish', value: 'tr' },
	{ name: 'Vietnamese', value: 'vi' },
];

export const skuValues: INodeProperties[] = [
	{
		displayName: 'SKU Code',
		name: 'skuCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. TSHIRT-BLU-M',
		description:
			'Your own code for this variant; Update Inventory and Update Price find the SKU by it',
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
			"The variant's properties (color, size, …) as a JSON list of {sku_attribute_name_id, sku_attribute_value_id}, optionally with your own value name sku_attribute_value (at most 70 characters, none of { # : = ,) and an image (Publish: sku_image_url, Update: sku_image, as AliExpress documents each). Needed when the product has more than one SKU; Category › Get Attributes gives each SKU attribute's values with the entry to put here.",
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

export const packageLength: INodeProperties = {
	displayName: 'Package Length (Cm)',
	name: 'packageLength',
	type: 'number',
	default: 0,
	description: 'Length of the packed product in whole centimetres (1–700)',
};

export const packageWidth: INodeProperties = {
	displayName: 'Package Width (Cm)',
	name: 'packageWidth',
	type: 'number',
	default: 0,
	description: 'Width of the packed product in whole centimetres (1–700)',
};

export const packageHeight: INodeProperties = {
	displayName: 'Package Height (Cm)',
	name: 'packageHeight',
	type: 'number',
	default: 0,
	description: 'Height of the packed product in whole centimetres (1–700)',
};

export const weight: INodeProperties = {
	displayName: 'Weight (Kg)',
	name: 'weight',
	type: 'number',
	typeOptions: { numberPrecision: 3 },
	default: 0,
	description: 'Gross weight of the packed product in kilograms (0.001–500)',
};

/** The package sizes and weight, in the order Publish shows them. */
export const packageProperties: INodeProperties[] = [
	packageLength,
	packageWidth,
	packageHeight,
	weight,
];

/** The statuses `product.list.get` lists products by (one status per query). */
export const PRODUCT_STATUS_OPTIONS = [
	{
		name: 'Editing Required',
		value: 'editingRequired',
		description: 'Sent back by AliExpress for changes',
	},
	{ name: 'In Review', value: 'auditing', description: 'Waiting for AliExpress to approve' },
	{ name: 'Offline', value: 'offline', description: 'Taken off sale' },
	{ name: 'On Sale', value: 'onSelling', description: 'Live and buyable' },
];

/** When AliExpress takes sold units off the stock (Publish › Additional Fields). */
export const inventoryDeductionProperty: INodeProperties = {
	displayName: 'Inventory Deduction Strategy',
	name: 'inventoryDeductionStrategy',
	type: 'options',
	options: [
		{
			name: 'When Order Is Placed',
			value: 'place_order_withhold',
			description: 'Stock is reserved as soon as a buyer places an order',
		},
		{
			name: 'When Payment Succeeds',
			value: 'payment_success_deduct',
			description: 'Stock is deducted once the buyer has paid',
		},
	],
	default: 'place_order_withhold',
	description: 'When AliExpress takes sold units off the stock',
};

/** GPSR certificates and other qualifications (Publish › Additional Fields). */
export const qualificationsProperty: INodeProperties = {
	displayName: 'Qualifications',
	name: 'qualifications',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Qualification',
	default: {},
	description:
		'Certificates and safety information the category asks for, e.g. the EU CE certificate',
	options: [
		{
			displayName: 'Qualification',
			name: 'qualification',
			values: [
				{
					displayName: 'Key',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'e.g. item_EU_CE_certificate',
					description: "The qualification's key as the category lists it",
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Image', value: 'image' },
						{ name: 'Text', value: 'text' },
					],
					default: 'image',
					description: 'Whether the value is an image URL or text',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/ce-certificate.jpg',
					description: 'The image URL (https) or the text',
				},
			],
		},
	],
};

/** The Product ID of the operations on one product (digits, as AliExpress shows it). */
export function productIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1005006123456789',
		description,
	};
}

/** Publish › Additional Fields (defined after the properties it uses). */
export const publishAdditionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Attribute List (JSON)',
			name: 'attributeList',
			type: 'json',
			default: '[]',
			description:
				"Product attributes (material, origin, …) as AliExpress's attribute_list: a JSON list of {aliexpress_attribute_name_id, aliexpress_attribute_value_id}, {aliexpress_attribute_name_id, attribute_value} for a typed value, or {attribute_name, attribute_value} for a custom attribute. Category › Get Attributes gives each product attribute's values with the entry to put here.",
		},
		idLocator(
			{
				displayName: 'EU Responsible Person',
				name: 'msrEuId',
				description:
					'The EU responsible person for product safety (GPSR), needed to sell into the EU. The list depends on the category chosen above. With it (or with qualifications) the product is published through aliexpress.offer.product.post, which takes at most 7 days of shipping lead time and no brand name.',
			},
			'searchEuResponsiblePersons',
			'e.g. 5001',
		),
		{
			displayName: 'Mobile Description',
			name: 'mobileDescription',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description:
				"Plain-text description for the mobile app (sent as AliExpress's detail JSON, one text module per paragraph); without it AliExpress derives one from the description",
		},
		{
			displayName: 'Product Unit',
			name: 'productUnit',
			type: 'number',
			default: PRODUCT_UNIT_PIECE,
			description: 'AliExpress unit code the product is sold by (100000015 = piece)',
		},
		qualificationsProperty,
		{
			displayName: 'Service Policy ID',
			name: 'servicePolicyId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5000000',
			description:
				"The after-sales service template to apply; empty sends 0, AliExpress's documented default",
		},
	],
};
