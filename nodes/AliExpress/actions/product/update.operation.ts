/**
 * Product → Update: one `aliexpress.solution.product.edit` per input item,
 * sending only the fields that are set. Sending SKUs replaces all SKUs. The EU
 * responsible person is not in that method's schema: it is set with
 * `aliexpress.offer.product.edit` (helpers/gpsr.ts).
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
import { hasGpsr, setGpsr, takeGpsr, type Gpsr } from '../../helpers/gpsr';
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
				"The EU responsible person for product safety (GPSR); the list follows the product's category. Set with aliexpress.offer.product.edit.",
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
	/** The edit_product_request, or undefined when only GPSR changes. */
	request?: string;
	gpsr: Gpsr;
	updated: string[];
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
	checkDescriptions(ctx, i, 'Product JSON', value.multi_language_description_list);
	const gpsr = takeGpsr(value);
	const updated = Object.keys(value).filter((k) => k !== 'product_id');
	if (hasGpsr(gpsr)) updated.push(...Object.keys(gpsr));
	if (updated.length === 0) {
		throw inputError(
			ctx,
			i,
			'Product JSON',
			'has no field to change',
			'Enter the edit_product_request fields to change, e.g. {"multi_language_subject_list": [{"language": "en", "subject": "New title"}]}.',
		);
	}
	let request: string | undefined;
	if (Object.keys(value).some((k) => k !== 'product_id')) {
		if (text && !hasGpsr(gpsr) && inJson) request = text;
		else if (text && !hasGpsr(gpsr))
			request = `{"product_id":${requestJson(rawId(productId))},${text.slice(text.indexOf('{') + 1)}`;
		else request = requestJson({ ...value, product_id: rawId(productId) });
	}
	return { productId, request, gpsr, updated };
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
	const msrEuId = optionalId(
		ctx,
		i,
		'EU Responsible Person',
		fields.msrEuId,
		'EU responsible person ID',
	);
	const gpsr: Gpsr = {};
	if (msrEuId !== undefined) {
		gpsr.msr_eu_id = msrEuId;
		updated.push('msrEuId');
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
	const edits = Object.keys(request).length > 1;
	return { productId, request: edits ? requestJson(request) : undefined, gpsr, updated };
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
			if (prepared.request !== undefined) {
				try {
					await client.call(
						METHODS.productEdit,
						{ edit_product_request: prepared.request },
						{ retry: 'safe' },
					);
				} catch (error) {
					throw withBusinessHint(this, error, i);
				}
			}
			const gpsr = hasGpsr(prepared.gpsr)
				? await setGpsr(
						this,
						client,
						prepared.productId,
						prepared.gpsr,
						i,
						prepared.request === undefined ? 'left as it was' : 'updated',
					)
				: {};
			return { productId: prepared.productId, success: true, updated: prepared.updated, ...gpsr };
		},
		{ writes: true },
	);
}
