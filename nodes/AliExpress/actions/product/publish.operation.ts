/**
 * Product → Publish: one `aliexpress.solution.product.post` per input item, or,
 * when the item has an EU responsible person or qualifications, one
 * `aliexpress.offer.product.post` with the whole product (its schema has them;
 * helpers/gpsr.ts, helpers/offerProduct.ts). Everything is validated before the
 * first call; a product is never published twice, yet a lost answer does not
 * fail the item (helpers/publishRecovery.ts).
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=39634&docType=2 (aliexpress.solution.product.post)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../../descriptions/common';
import {
	inventoryDeductionProperty,
	LANGUAGE_OPTIONS,
	packageProperties,
	publishAdditionalFields,
	skusProperty,
} from '../../descriptions/product';
import { inputError, locatorValue, optionalId, requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { readJson, readJsonObject } from '../../helpers/jsonInput';
import { rawId, requestJson } from '../../helpers/requestJson';
import { checkDescriptions } from '../../helpers/detail';
import { gpsrSummary, hasGpsr, takeGpsr, type Gpsr } from '../../helpers/gpsr';
import { offerRequest } from '../../helpers/offerProduct';
import { DEFAULT_SERVICE_POLICY_ID, PRODUCT_UNIT_PIECE } from '../../helpers/limits';
import {
	languageLists,
	readImages,
	readInteger,
	readPackage,
	readQualifications,
	readSkus,
	readTitle,
} from '../../helpers/productFields';
import { fingerprintOf, publishOne, type PublishRequest } from '../../helpers/publishRecovery';
import { trimmed } from '../../helpers/values';
import type { AliExpressClient } from '../../transport/request';

const fieldsMode = { show: { mode: ['fields'] } };
const DEDUCTION_STRATEGIES = ['place_order_withhold', 'payment_success_deduct'];

const properties: INodeProperties[] = [
	{
		displayName: 'Define Product',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'Set title, SKUs, images and the rest in the fields below',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: "Send AliExpress's post_product_request object as you write it",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Product JSON',
		name: 'productJson',
		type: 'json',
		default:
			'{\n  "aliexpress_category_id": 0,\n  "language": "en",\n  "multi_language_subject_list": [],\n  "sku_info_list": []\n}',
		required: true,
		description:
			'The post_product_request object as AliExpress documents it (aliexpress_category_id, language, multi_language_subject_list, multi_language_description_list with web_detail/mobile_detail as detail JSON strings, sku_info_list, main_image_urls_list, package sizes, weight, freight_template_id, inventory_deduction_strategy, shipping_lead_time, service_policy_id, …). It is sent as it is; with msr_eu_id or aeop_qualification_struct_list the node sends the same product as the aeop_a_e_product of aliexpress.offer.product.post instead (the method that carries them).',
		displayOptions: { show: { mode: ['json'] } },
	},
	idLocator(
		{
			displayName: 'Category',
			name: 'categoryId',
			required: true,
			description:
				'The leaf category to publish in; the list shows only categories without sub-categories',
			displayOptions: fieldsMode,
		},
		'searchCategories',
		'e.g. 200000347',
	),
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: LANGUAGE_OPTIONS,
		default: 'en',
		description: 'Language of the title and description',
		displayOptions: fieldsMode,
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: "e.g. Women's Summer Linen Dress",
		description: 'Product title shown to buyers (at most 218 characters)',
		displayOptions: fieldsMode,
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: 'e.g. <p>Light linen dress, machine washable.</p>',
		description:
			"Product description for the web page; HTML is allowed. The node sends it as AliExpress's detail JSON (one html module).",
		displayOptions: fieldsMode,
	},
	{
		displayName: 'Images',
		name: 'images',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/dress-front.jpg, https://example.com/dress-back.jpg',
		description:
			'1 to 6 image URLs (https), separated by commas or new lines; the first is the main image. AliExpress must be able to download every image itself (a URL behind a login or on your local network fails the publish): upload images with Image › Upload and use the URL it returns.',
		displayOptions: fieldsMode,
	},
	skusProperty({
		required: true,
		description: 'The variants of the product; a product without variants has one SKU',
		displayOptions: fieldsMode,
	}),
	...packageProperties.map((p) => ({ ...p, required: true, displayOptions: fieldsMode })),
	{ ...inventoryDeductionProperty, required: true, displayOptions: fieldsMode },
	{
		displayName: 'Shipping Lead Time (Days)',
		name: 'shippingLeadTime',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		required: true,
		description: 'Days you need to hand an order to the carrier (AliExpress requires it)',
		displayOptions: fieldsMode,
	},
	idLocator(
		{
			displayName: 'Freight Template',
			name: 'freightTemplateId',
			required: true,
			description: 'The shipping template that sets shipping methods and costs',
			displayOptions: fieldsMode,
		},
		'searchFreightTemplates',
		'e.g. 1000',
	),
	{
		displayName: 'Brand Name',
		name: 'brandName',
		type: 'string',
		default: '',
		placeholder: 'e.g. NoBrand',
		description: 'Brand as registered for the category; leave empty when the category needs none',
		displayOptions: fieldsMode,
	},
	{ ...publishAdditionalFields, displayOptions: fieldsMode },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['publish'] } },
	properties,
);

interface Prepared extends PublishRequest {
	summary: IDataObject;
	gpsr: Gpsr;
}

/** JSON mode: the object as the user wrote it; only checked to be a JSON object. */
function prepareJson(ctx: IExecuteFunctions, i: number): Prepared {
	const { value, text } = readJsonObject(
		ctx,
		i,
		'Product JSON',
		ctx.getNodeParameter('productJson', i),
	);
	if (Object.keys(value).length === 0) {
		throw inputError(
			ctx,
			i,
			'Product JSON',
			'is an empty object',
			'Enter the post_product_request fields: aliexpress_category_id, language, multi_language_subject_list, sku_info_list, …',
		);
	}
	const subjects = (
		Array.isArray(value.multi_language_subject_list) ? value.multi_language_subject_list : []
	) as IDataObject[];
	checkDescriptions(ctx, i, 'Product JSON', value.multi_language_description_list);
	const gpsr = takeGpsr(value);
	const skus = Array.isArray(value.sku_info_list) ? value.sku_info_list : [];
	const skuCodes = skus.map((s) => trimmed((s as IDataObject)?.sku_code));
	// The title AliExpress lists is the one in the product's language.
	const listed = subjects.find((s) => s?.language === value.language) ?? subjects[0];
	const offer = hasGpsr(gpsr);
	return {
		// the text as written, unless it carries GPSR: then the whole offer product
		request: offer
			? offerRequest(ctx, i, value, gpsr, () => 'Product JSON')
			: (text ?? requestJson(value)),
		offer,
		gpsr,
		summary: {
			title: trimmed(subjects[0]?.subject) || null,
			categoryId: trimmed(value.aliexpress_category_id) || null,
			skuCount: skus.length,
			skuCodes,
		},
		fingerprint: fingerprintOf(trimmed(listed?.subject), skuCodes),
	};
}

function prepareFields(ctx: IExecuteFunctions, i: number): Prepared {
	const get = (name: string, fallback?: unknown) => ctx.getNodeParameter(name, i, fallback);
	const categoryId = requireId(
		ctx,
		i,
		'Category',
		locatorValue(get('categoryId', '')),
		'leaf category ID',
	);
	const language = trimmed(get('language', 'en')) || 'en';
	const title = readTitle(ctx, i, get('title', ''));
	const descriptionHtml = trimmed(get('description', ''))
		? String(get('description', ''))
		: undefined;
	const images = readImages(ctx, i, get('images', ''));
	const skus = readSkus(ctx, i, get('skus', {}));
	const request: IDataObject = {
		aliexpress_category_id: rawId(categoryId),
		language,
	};
	const extra = (get('additionalFields', {}) ?? {}) as IDataObject;
	const mobile = trimmed(extra.mobileDescription) ? String(extra.mobileDescription) : undefined;
	Object.assign(request, languageLists(language, title, descriptionHtml, mobile));
	request.main_image_urls_list = images;
	request.sku_info_list = skus;
	readPackage(
		ctx,
		i,
		{
			packageLength: get('packageLength', undefined),
			packageWidth: get('packageWidth', undefined),
			packageHeight: get('packageHeight', undefined),
			weight: get('weight', undefined),
		},
		request,
	);
	request.freight_template_id = rawId(
		requireId(
			ctx,
			i,
			'Freight Template',
			locatorValue(get('freightTemplateId', '')),
			'freight template ID',
		),
	);
	const brand = trimmed(get('brandName', ''));
	if (brand) request.brand_name = brand;

	const gpsr: Gpsr = {
		msr_eu_id: optionalId(
			ctx,
			i,
			'EU Responsible Person',
			extra.msrEuId,
			'EU responsible person ID',
		),
		aeop_qualification_struct_list: readQualifications(ctx, i, extra.qualifications),
	};
	// required by product.post (aliexpress_solution_product_post.json)
	const strategy = trimmed(get('inventoryDeductionStrategy', ''));
	if (!DEDUCTION_STRATEGIES.includes(strategy)) {
		throw inputError(
			ctx,
			i,
			'Inventory Deduction Strategy',
			strategy
				? `must be one of ${DEDUCTION_STRATEGIES.join(', ')}, got "${strategy}"`
				: 'is empty',
			'Choose when AliExpress takes sold units off the stock: When Order Is Placed or When Payment Succeeds.',
		);
	}
	request.inventory_deduction_strategy = strategy;
	request.shipping_lead_time = readInteger(
		ctx,
		i,
		'Shipping Lead Time (Days)',
		get('shippingLeadTime', ''),
		1,
		365,
		'Enter the days you need to hand an order to the carrier as a whole number, e.g. 3.',
	);
	request.service_policy_id =
		optionalId(ctx, i, 'Service Policy ID', extra.servicePolicyId, 'service policy ID') ??
		DEFAULT_SERVICE_POLICY_ID;
	request.product_unit = rawId(
		trimmed(extra.productUnit)
			? requireId(ctx, i, 'Product Unit', extra.productUnit, 'unit code (100000015 = piece)')
			: String(PRODUCT_UNIT_PIECE),
	);
	if (extra.attributeList !== undefined && trimmed(extra.attributeList) !== '') {
		const { value } = readJson(ctx, i, 'Attribute List (JSON)', extra.attributeList);
		if (!Array.isArray(value)) {
			throw inputError(
				ctx,
				i,
				'Attribute List (JSON)',
				'must be a JSON list ([ … ])',
				'Enter the attributes as a list, e.g. [{"aliexpress_attribute_name_id": 2, "aliexpress_attribute_value_id": 201512802}], or [{"attribute_name": "Material", "attribute_value": "Linen"}] for a custom one.',
			);
		}
		if (value.length) request.attribute_list = value;
	}
	const skuCodes = skus.map((s) => s.sku_code as string);
	const offer = hasGpsr(gpsr);
	const fieldOf = (key: string) =>
		key === 'brand_name'
			? 'Brand Name'
			: key === 'shipping_lead_time'
				? 'Shipping Lead Time (Days)'
				: 'Additional Fields';
	return {
		request: offer ? offerRequest(ctx, i, request, gpsr, fieldOf) : requestJson(request),
		offer,
		gpsr,
		summary: { title, categoryId, skuCount: skus.length, skuCodes },
		fingerprint: fingerprintOf(title, skuCodes),
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	// Products this run published or found: a lookup never claims one twice.
	const claimed = new Set<string>();
	return await runPerItem<Prepared>(
		this,
		client,
		(i) => {
			const mode = this.getNodeParameter('mode', i, 'fields') as string;
			return mode === 'json' ? prepareJson(this, i) : prepareFields(this, i);
		},
		async (prepared, i) => {
			const { productId, recovered } = await publishOne(this, client, prepared, i, claimed);
			// offer.product.post answered with the product id: AliExpress took the GPSR data
			const gpsr = prepared.offer ? gpsrSummary(prepared.gpsr) : {};
			return recovered
				? { productId, ...prepared.summary, ...gpsr, recovered }
				: { productId, ...prepared.summary, ...gpsr };
		},
		{ writes: true },
	);
}
