/**
 * Product → Update: one `aliexpress.solution.product.edit` per input item,
 * sending only the fields that are set. Sending SKUs replaces all SKUs. The EU
 * responsible person is not in that method's schema and is refused (see refuseGpsr).
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=39695&docType=2 (aliexpress.solution.product.edit)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../../descriptions/common';
import {
	LANGUAGE_OPTIONS,
	packageHeight,
	packageLength,
	packageWidth,
	productIdProperty,
	skusProperty,
	weight,
} from '../../descriptions/product';
import { withBusinessHint } from '../../helpers/businessHints';
import { checkDescriptions } from '../../helpers/detail';
import { inputError, optionalId, requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { readJsonObject } from '../../helpers/jsonInput';
import { rawId, requestJson } from '../../helpers/requestJson';
import {
	languageLists,
	readImages,
	readPackage,
	readSkus,
	readTitle,
} from '../../helpers/productFields';
import { trimmed } from '../../helpers/values';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

/** Shown in this order (alphabetical, as n8n sorts a collection's options). */
const updateFieldOptions: INodeProperties[] = [
	{
		displayName: 'Brand Name',
		name: 'brandName',
		type: 'string',
		default: '',
		placeholder: 'e.g. NoBrand',
		description: 'Brand as registered for the category',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: 'e.g. <p>Light linen dress, machine washable.</p>',
		description:
			"New description for the web page; HTML is allowed. Sent as AliExpress's detail JSON (one html module).",
	},
	idLocator(
		{
			displayName: 'EU Responsible Person',
			name: 'msrEuId',
			description:
				"The EU responsible person for product safety (GPSR); the list follows the product's category. AliExpress sets it only in a whole-product edit, so Update refuses it: set it when publishing, or in Seller Center.",
		},
		'searchEuResponsiblePersons',
		'e.g. 5001',
	),
	idLocator(
		{
			displayName: 'Freight Template',
			name: 'freightTemplateId',
			description: 'The shipping template that sets shipping methods and costs',
		},
		'searchFreightTemplates',
		'e.g. 1000',
	),
	{
		displayName: 'Images',
		name: 'images',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/dress-front.jpg, https://example.com/dress-back.jpg',
		description:
			'1 to 6 image URLs (https), separated by commas or new lines; they replace the current images. The first is the main image.',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: LANGUAGE_OPTIONS,
		default: 'en',
		description: 'Language of the title and description given here (English when not set)',
	},
	{
		displayName: 'Mobile Description',
		name: 'mobileDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			"New plain-text description for the mobile app (sent as AliExpress's detail JSON, one text module per paragraph)",
	},
	packageHeight,
	packageLength,
	packageWidth,
	skusProperty({
		description:
			'Sending SKUs replaces ALL SKUs of the product: list every SKU the product should keep, with its price and stock. SKUs left out are removed. To change only stock or prices, use Update Inventory or Update Price instead.',
	}),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: "e.g. Women's Summer Linen Dress",
		description: 'New product title (at most 218 characters)',
	},
	weight,
];

const properties: INodeProperties[] = [
	productIdProperty('The AliExpress product to change'),
	{
		displayName: 'Define Changes',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'Pick the fields to change under Update Fields',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: "Send AliExpress's edit_product_request object as you write it",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Product JSON',
		name: 'productJson',
		type: 'json',
		default: '{\n  "multi_language_subject_list": [{ "language": "en", "subject": "" }]\n}',
		required: true,
		description:
			'The edit_product_request fields to change, as AliExpress documents them; product_id is added from Product ID. Sending sku_info_list replaces all SKUs.',
		displayOptions: { show: { mode: ['json'] } },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { mode: ['fields'] } },
		options: updateFieldOptions,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['update'] } },
	properties,
);

interface Prepared {
	productId: string;
	request: string;
	updated: string[];
}

/**
 * GPSR is refused before any call: only aliexpress.offer.product.edit carries it, and
 * that method replaces the WHOLE product ("all other information must be filled in
 * completely", lindejin/eshop-plat-api AliexpressProductCallImpl.java, from the IOP
 * documentation), while product.info.get does not answer all of it (no locale, no
 * msr_eu_id, no qualifications; test/contract/aliexpress.solution.product.info.get.json).
 */
function refuseGpsr(ctx: IExecuteFunctions, i: number, field: string): never {
	throw inputError(
		ctx,
		i,
		field,
		'AliExpress sets the EU responsible person only in a whole-product edit (aliexpress.offer.product.edit); set it when publishing, or in Seller Center',
		field === 'EU Responsible Person'
			? 'Remove EU Responsible Person from Update Fields, and give it to Product → Publish (Additional Fields › EU Responsible Person) or set it in Seller Center.'
			: 'Remove msr_eu_id and aeop_qualification_struct_list from the Product JSON, and give them to Product → Publish or set them in Seller Center.',
	);
}

const has = (fields: IDataObject, name: string) => fields[name] !== undefined;

function prepareJson(ctx: IExecuteFunctions, i: number, productParam: string): Prepared {
	const { value, text } = readJsonObject(
		ctx,
		i,
		'Product JSON',
		ctx.getNodeParameter('productJson', i),
	);
	const inJson = trimmed(value.product_id);
	const productId = requireId(ctx, i, 'Product ID', productParam || inJson, 'product ID');
	if (inJson && inJson !== productId) {
		throw inputError(
			ctx,
			i,
			'Product JSON',
			`its product_id ${inJson} differs from Product ID ${productId}`,
			'Remove product_id from the JSON (Product ID is added), or make both the same.',
		);
	}
	if (value.msr_eu_id !== undefined || value.aeop_qualification_struct_list !== undefined) {
		refuseGpsr(ctx, i, 'Product JSON');
	}
	checkDescriptions(ctx, i, 'Product JSON', value.multi_language_description_list);
	const updated = Object.keys(value).filter((k) => k !== 'product_id');
	if (updated.length === 0) {
		throw inputError(
			ctx,
			i,
			'Product JSON',
			'has no field to change',
			'Enter the edit_product_request fields to change, e.g. {"multi_language_subject_list": [{"language": "en", "subject": "New title"}]}.',
		);
	}
	let request: string;
	if (text && inJson) request = text;
	else if (text)
		request = `{"product_id":${requestJson(rawId(productId))},${text.slice(text.indexOf('{') + 1)}`;
	else request = requestJson({ product_id: rawId(productId), ...value });
	return { productId, request, updated };
}

function prepareFields(ctx: IExecuteFunctions, i: number, productParam: string): Prepared {
	const productId = requireId(ctx, i, 'Product ID', productParam, 'product ID');
	const fields = (ctx.getNodeParameter('updateFields', i, {}) ?? {}) as IDataObject;
	const request: IDataObject = { product_id: rawId(productId) };
	const updated: string[] = [];

	const title = has(fields, 'title') ? readTitle(ctx, i, fields.title) : undefined;
	const descriptionHtml = trimmed(fields.description) ? String(fields.description) : undefined;
	const mobile = trimmed(fields.mobileDescription) ? String(fields.mobileDescription) : undefined;
	if (title !== undefined || descriptionHtml || mobile) {
		const language = trimmed(fields.language) || 'en';
		request.language = language;
		Object.assign(request, languageLists(language, title, descriptionHtml, mobile));
		if (title !== undefined) updated.push('title');
		if (descriptionHtml) updated.push('description');
		if (mobile) updated.push('mobileDescription');
	}
	if (has(fields, 'images')) {
		request.main_image_urls_list = readImages(ctx, i, fields.images);
		updated.push('images');
	}
	if (has(fields, 'skus')) {
		request.sku_info_list = readSkus(ctx, i, fields.skus);
		updated.push('skus');
	}
	const sizes = ['packageLength', 'packageWidth', 'packageHeight', 'weight'].filter((name) =>
		has(fields, name),
	);
	if (sizes.length) updated.push(...readPackage(ctx, i, fields, request, sizes));
	const template = optionalId(
		ctx,
		i,
		'Freight Template',
		fields.freightTemplateId,
		'freight template ID',
	);
	if (template !== undefined) {
		request.freight_template_id = template;
		updated.push('freightTemplateId');
	}
	if (trimmed(fields.brandName)) {
		request.brand_name = trimmed(fields.brandName);
		updated.push('brandName');
	}
	if (optionalId(ctx, i, 'EU Responsible Person', fields.msrEuId, 'EU responsible person ID')) {
		refuseGpsr(ctx, i, 'EU Responsible Person');
	}
	if (updated.length === 0) {
		throw inputError(
			ctx,
			i,
			'Update Fields',
			'has nothing to change',
			'Add at least one field under "Update Fields" and give it a value.',
		);
	}
	return { productId, request: requestJson(request), updated };
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Prepared>(
		this,
		client,
		(i) => {
			const mode = this.getNodeParameter('mode', i, 'fields') as string;
			const productParam = trimmed(this.getNodeParameter('productId', i, ''));
			return mode === 'json'
				? prepareJson(this, i, productParam)
				: prepareFields(this, i, productParam);
		},
		async (prepared, i) => {
			try {
				await client.call(
					METHODS.productEdit,
					{ edit_product_request: prepared.request },
					{ retry: 'safe' },
				);
			} catch (error) {
				throw withBusinessHint(this, error, i);
			}
			return { productId: prepared.productId, success: true, updated: prepared.updated };
		},
		{ writes: true },
	);
}
