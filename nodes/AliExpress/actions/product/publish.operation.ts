/**
 * Product → Publish: one `aliexpress.solution.product.post` per input item.
 * Everything is validated before the first call. A product is never published
 * twice, yet a lost answer does not fail the item:
 * - a refusal that proves nothing ran (quota, HTTP 429, connection refused) is
 *   retried by the transport;
 * - when the fate is unknown (timeout, reset, cut-short answer, HTTP 5xx,
 *   ISP error) the node looks the product up (see `findPublished`): found, the
 *   item succeeds with `recovered: true`; proven absent, it is published again.
 *   All publishes of an item count against Max Attempts and Max Retry Time.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { AliExpressError, toNodeApiError } from '../../transport/errors';
import { newBudget, type AliExpressClient } from '../../transport/request';
import { fromPacificString } from '../../transport/time';
import { idString, inputError, requireId, runPerItem } from '../common';
import { METHOD as INFO_METHOD } from './get.operation';
import { listProducts, STATUS_OPTIONS } from './getMany.operation';
import {
	idLocator,
	LANGUAGE_OPTIONS,
	languageLists,
	LIST_PAGE_SIZE_MAX,
	locatorValue,
	optionalId,
	packageProperties,
	PRODUCT_UNIT_PIECE,
	rawId,
	readImages,
	readInteger,
	readJson,
	readJsonObject,
	readPackage,
	readQualifications,
	readSkus,
	readTitle,
	requestJson,
	simplifyProduct,
	skusProperty,
	withBusinessHint,
} from './shared';

export const METHOD = 'aliexpress.solution.product.post';

const show = { resource: ['product'], operation: ['publish'] };
const fieldsMode = { ...show, mode: ['fields'] };

export const description: INodeProperties[] = [
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
		displayOptions: { show },
	},
	{
		displayName: 'Product JSON',
		name: 'productJson',
		type: 'json',
		default: '{\n  "aliexpress_category_id": 0,\n  "language": "en",\n  "multi_language_subject_list": [],\n  "sku_info_list": []\n}',
		required: true,
		description:
			'The post_product_request object as AliExpress documents it (aliexpress_category_id, language, multi_language_subject_list, sku_info_list, main_image_urls_list, package sizes, weight, freight_template_id, …). It is sent as it is.',
		displayOptions: { show: { ...show, mode: ['json'] } },
	},
	idLocator(
		{
			displayName: 'Category',
			name: 'categoryId',
			required: true,
			description: 'The leaf category to publish in; the list shows only categories without sub-categories',
			displayOptions: { show: fieldsMode },
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
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: "e.g. Women's Summer Linen Dress",
		description: 'Product title shown to buyers (at most 128 characters)',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: 'e.g. <p>Light linen dress, machine washable.</p>',
		description: 'Product description for the web page; HTML is allowed',
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Images',
		name: 'images',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/dress-front.jpg, https://example.com/dress-back.jpg',
		description:
			'1 to 6 image URLs (https), separated by commas or new lines. The first is the main image.',
		displayOptions: { show: fieldsMode },
	},
	skusProperty({
		required: true,
		description: 'The variants of the product; a product without variants has one SKU',
		displayOptions: { show: fieldsMode },
	}),
	...packageProperties.map((p) => ({ ...p, required: true, displayOptions: { show: fieldsMode } })),
	idLocator(
		{
			displayName: 'Freight Template',
			name: 'freightTemplateId',
			required: true,
			description: 'The shipping template that sets shipping methods and costs',
			displayOptions: { show: fieldsMode },
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
		displayOptions: { show: fieldsMode },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: fieldsMode },
		options: [
			{
				displayName: 'Attribute List (JSON)',
				name: 'attributeList',
				type: 'json',
				default: '[]',
				description:
					"Product attributes (material, origin, …) as AliExpress's attribute_list: a JSON list of {attribute_name_id, attribute_value_id} or {attribute_name, attribute_value}",
			},
			idLocator(
				{
					displayName: 'EU Responsible Person',
					name: 'msrEuId',
					description:
						'The EU responsible person for product safety (GPSR), needed to sell into the EU. The list depends on the category chosen above.',
				},
				'searchEuResponsiblePersons',
				'e.g. 5001',
			),
			{
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
			},
			{
				displayName: 'Mobile Description',
				name: 'mobileDescription',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Description for the mobile app; without it AliExpress derives one from the description',
			},
			{
				displayName: 'Product Unit',
				name: 'productUnit',
				type: 'number',
				default: PRODUCT_UNIT_PIECE,
				description: 'AliExpress unit code the product is sold by (100000015 = piece)',
			},
			{
				displayName: 'Qualifications',
				name: 'qualifications',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Qualification',
				default: {},
				description: 'Certificates and safety information the category asks for, e.g. the EU CE certificate',
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
			},
			{
				displayName: 'Service Policy ID',
				name: 'servicePolicyId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5000000',
				description: 'The after-sales service template to apply',
			},
			{
				displayName: 'Shipping Lead Time (Days)',
				name: 'shippingLeadTime',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 3,
				description: 'Days you need to hand an order to the carrier',
			},
		],
	},
];

/** What identifies a published product when its answer was lost: its title and its SKU codes. */
interface Fingerprint {
	title: string;
	skuCodes: string[];
}

interface Prepared {
	/** The post_product_request as sent. */
	request: string;
	summary: IDataObject;
	/** Undefined when the request lacks a title or a SKU code (JSON mode): no lookup is possible. */
	fingerprint?: Fingerprint;
}

function fingerprintOf(title: string, skuCodes: string[]): Fingerprint | undefined {
	if (!title || skuCodes.length === 0 || skuCodes.some((c) => !c)) return undefined;
	return { title, skuCodes };
}

/** JSON mode: the object as the user wrote it; only checked to be a JSON object. */
function prepareJson(ctx: IExecuteFunctions, i: number): Prepared {
	const { value, text } = readJsonObject(ctx, i, 'Product JSON', ctx.getNodeParameter('productJson', i));
	if (Object.keys(value).length === 0) {
		throw inputError(
			ctx,
			i,
			'Product JSON',
			'is an empty object',
			'Enter the post_product_request fields: aliexpress_category_id, language, multi_language_subject_list, sku_info_list, …',
		);
	}
	const subjects = (Array.isArray(value.multi_language_subject_list) ? value.multi_language_subject_list : []) as IDataObject[];
	const skus = Array.isArray(value.sku_info_list) ? value.sku_info_list : [];
	const skuCodes = skus.map((s) => idString((s as IDataObject)?.sku_code));
	// The title AliExpress lists is the one in the product's language.
	const listed = subjects.find((s) => s?.language === value.language) ?? subjects[0];
	return {
		request: text ?? requestJson(value),
		summary: {
			title: idString(subjects[0]?.subject) || null,
			categoryId: idString(value.aliexpress_category_id) || null,
			skuCount: skus.length,
			skuCodes,
		},
		fingerprint: fingerprintOf(idString(listed?.subject), skuCodes),
	};
}

function prepareFields(ctx: IExecuteFunctions, i: number): Prepared {
	const get = (name: string, fallback?: unknown) => ctx.getNodeParameter(name, i, fallback);
	const categoryId = requireId(ctx, i, 'Category', locatorValue(get('categoryId', '')), 'leaf category ID');
	const language = idString(get('language', 'en')) || 'en';
	const title = readTitle(ctx, i, get('title', ''));
	const descriptionHtml = idString(get('description', '')) ? String(get('description', '')) : undefined;
	const images = readImages(ctx, i, get('images', ''));
	const skus = readSkus(ctx, i, get('skus', {}));
	const request: IDataObject = {
		aliexpress_category_id: rawId(categoryId),
		language,
	};
	const extra = (get('additionalFields', {}) ?? {}) as IDataObject;
	const mobile = idString(extra.mobileDescription) ? String(extra.mobileDescription) : undefined;
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
		requireId(ctx, i, 'Freight Template', locatorValue(get('freightTemplateId', '')), 'freight template ID'),
	);
	const brand = idString(get('brandName', ''));
	if (brand) request.brand_name = brand;

	request.msr_eu_id = optionalId(ctx, i, 'EU Responsible Person', extra.msrEuId, 'EU responsible person ID');
	request.aeop_qualification_struct_list = readQualifications(ctx, i, extra.qualifications);
	if (idString(extra.inventoryDeductionStrategy)) {
		request.inventory_deduction_strategy = idString(extra.inventoryDeductionStrategy);
	}
	if (idString(extra.shippingLeadTime)) {
		request.shipping_lead_time = readInteger(
			ctx,
			i,
			'Shipping Lead Time (Days)',
			extra.shippingLeadTime,
			1,
			365,
			'Enter the days you need to hand an order to the carrier as a whole number, e.g. 3.',
		);
	}
	request.service_policy_id = optionalId(ctx, i, 'Service Policy ID', extra.servicePolicyId, 'service policy ID');
	request.product_unit = rawId(
		idString(extra.productUnit)
			? requireId(ctx, i, 'Product Unit', extra.productUnit, 'unit code (100000015 = piece)')
			: String(PRODUCT_UNIT_PIECE),
	);
	if (extra.attributeList !== undefined && idString(extra.attributeList) !== '') {
		const { value } = readJson(ctx, i, 'Attribute List (JSON)', extra.attributeList);
		if (!Array.isArray(value)) {
			throw inputError(
				ctx,
				i,
				'Attribute List (JSON)',
				'must be a JSON list ([ … ])',
				'Enter the attributes as a list, e.g. [{"attribute_name_id": 2, "attribute_value_id": 201512802}].',
			);
		}
		if (value.length) request.attribute_list = value;
	}
	const skuCodes = skus.map((s) => s.sku_code as string);
	return {
		request: requestJson(request),
		summary: { title, categoryId, skuCount: skus.length, skuCodes },
		fingerprint: fingerprintOf(title, skuCodes),
	};
}

/**
 * How far back a found product may have been created and still be this
 * publish's: the node's and AliExpress's clocks may differ (the gateway itself
 * accepts 10 minutes of difference).
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** A publish whose answer was lost: it may or may not have created the product. */
export function fateUnknown(error: unknown): error is AliExpressError {
	return (
		error instanceof AliExpressError &&
		error.info.notExecuted !== true &&
		(error.info.kind === 'connection' || error.info.kind === 'platform')
	);
}

const normalTitle = (t: unknown) => idString(t).replace(/\s+/g, ' ').toLowerCase();

/**
 * Looks for the product a lost publish may have created: in every status (read at once),
 * products whose title is the request's (the list's title filter, then an
 * exact comparison), created since `since`, not yet claimed by another item of
 * this run, whose SKU codes are exactly the request's (read with
 * product.info.get). Returns its id and claims it, or undefined when there is
 * none: then the product was not created. Every call is a read, retried as
 * such; a failure after retries is thrown.
 */
export async function findPublished(
	client: AliExpressClient,
	want: Fingerprint,
	since: number,
	claimed: Set<string>,
): Promise<string | undefined> {
	const title = normalTitle(want.title);
	const codes = [...want.skuCodes].sort().join('\n');
	// AliExpress lists one status at a time; a new product may already be in any of them.
	const lists = await client.map(
		STATUS_OPTIONS,
		async ({ value: status }) => await listProducts(client, status, want.title, LIST_PAGE_SIZE_MAX),
	);
	for (const listed of lists) {
		for (const item of listed) {
			const id = idString(item.product_id);
			if (!id || claimed.has(id) || normalTitle(item.subject) !== title) continue;
			const created = fromPacificString(item.gmt_create);
			// Pacific strings have whole seconds; an unreadable date does not rule a product out.
			if (created !== undefined && created + 1000 < since) continue;
			const answer = await client.call(INFO_METHOD, { product_id: id });
			const product = simplifyProduct((answer.result ?? answer) as IDataObject);
			const skuCodes = (product.skus as IDataObject[]).map((sku) => idString(sku.skuCode));
			if (skuCodes.sort().join('\n') === codes && !claimed.has(id)) {
				claimed.add(id);
				return id;
			}
		}
	}
	return undefined;
}

/** The error of a publish that could not be completed, saying what is known about the product. */
function publishFailure(
	ctx: IExecuteFunctions,
	lost: AliExpressError,
	itemIndex: number,
	known: 'absent' | 'unchecked' | 'lookupFailed',
	lookupError?: unknown,
): NodeApiError {
	const error = toNodeApiError(ctx.getNode(), lost, itemIndex);
	const check =
		'Check with Product → Get Many (Filters › Title Contains) or in the seller center before publishing this item again, so it is not published twice.';
	error.description =
		known === 'absent'
			? `${error.description ?? ''} AliExpress did not create the product: the node looked it up after the lost answer and found none, so the item can safely be run again.`.trim()
			: known === 'unchecked'
				? `The answer to the publish was lost, so the product may or may not have been created, and the node cannot look it up: the Product JSON has no title (multi_language_subject_list) or a SKU without sku_code. ${check}`
				: `The answer to the publish was lost, so the product may or may not have been created, and looking it up failed too (${
						lookupError instanceof Error ? lookupError.message : 'unknown error'
					}). ${check}`;
	return error;
}

/**
 * Publishes one product, never twice: see the file's comment. Returns the
 * product id and whether it was found by a lookup after a lost answer.
 */
async function publishOne(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	prepared: Prepared,
	itemIndex: number,
	claimed: Set<string>,
): Promise<{ productId: string; recovered: boolean }> {
	const budget = newBudget();
	const since = budget.startedAt - CLOCK_SKEW_MS;
	for (;;) {
		let outcome: { answer: IDataObject } | { error: unknown };
		try {
			outcome = {
				answer: await client.call(
					METHOD,
					{ post_product_request: prepared.request },
					{ retry: 'ifNotExecuted', budget },
				),
			};
		} catch (error) {
			outcome = { error };
		}
		if ('answer' in outcome) {
			const result = (outcome.answer.result ?? outcome.answer) as IDataObject;
			const productId = idString(result.product_id);
			if (!productId) {
				throw new NodeOperationError(
					ctx.getNode(),
					`Item ${itemIndex + 1}: AliExpress accepted the product but returned no product ID`,
					{
						itemIndex,
						description:
							'Look the product up in the seller center (or with Get Many) before publishing again, so it is not published twice.',
					},
				);
			}
			claimed.add(productId);
			return { productId, recovered: false };
		}
		const lost = outcome.error;
		if (!fateUnknown(lost)) throw withBusinessHint(ctx, lost, itemIndex);
		if (!prepared.fingerprint) throw publishFailure(ctx, lost, itemIndex, 'unchecked');

		// Wait as a retry would: a publish still in progress at the platform gets time to land.
		const delay = client.backoffDelay(budget.attempts);
		await sleep(delay);
		let found: string | undefined;
		let lookupError: unknown;
		try {
			found = await findPublished(client, prepared.fingerprint, since, claimed);
		} catch (error) {
			lookupError = error;
		}
		if (lookupError !== undefined) throw publishFailure(ctx, lost, itemIndex, 'lookupFailed', lookupError);
		ctx.logger?.debug(
			`AliExpress publish, item ${itemIndex + 1}: answer lost (${lost.info.code}); ${
				found ? `found product ${found}` : 'not created, publishing again'
			}`,
		);
		if (found) return { productId: found, recovered: true };
		if (!client.mayRetry(budget, 0)) throw publishFailure(ctx, lost, itemIndex, 'absent');
	}
}

export async function execute(this: IExecuteFunctions, client: AliExpressClient): Promise<INodeExecutionData[]> {
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
			return recovered ? { productId, ...prepared.summary, recovered } : { productId, ...prepared.summary };
		},
		{ writes: true },
	);
}
