/**
 * Price → Update: the prices of many SKUs, packed into the fewest
 * `aliexpress.solution.batch.product.price.update` calls, or for big catalogues into
 * `aliexpress.solution.feed.submit` PRODUCT_PRICES_UPDATE jobs (helpers/skuSync.ts, skuFeeds.ts).
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=45140&docType=2 (aliexpress.solution.batch.product.price.update)
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=44004&docType=2 (aliexpress.solution.feed.submit; results: docId=44009, aliexpress.solution.feed.query)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { skuSyncProperties } from '../../descriptions/skuSync';
import { currentDiscountPrices, readProduct } from '../../helpers/products';
import { executeSkuSync, type SkuLine, type SkuSyncSpec } from '../../helpers/skuSync';
import { parseAmount } from '../../helpers/values';
import { AliExpressError } from '../../transport/errors';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

/**
 * The price API erases a SKU's discount price when none is sent. By default
 * the node reads the current discount prices of the products concerned (one
 * read per product) and sends them along, so nothing is lost silently.
 */
async function keepCurrentDiscounts(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	lines: SkuLine[],
): Promise<void> {
	if (ctx.getNodeParameter('missingDiscountPrice', 0, 'keep') !== 'keep') return;
	const needed = new Map<string, SkuLine[]>();
	for (const line of lines) {
		if (line.values.discountPrice !== undefined) continue;
		const list = needed.get(line.productId);
		if (list) list.push(line);
		else needed.set(line.productId, [line]);
	}
	await client.map([...needed], async ([productId, productLines]) => {
		try {
			const current = currentDiscountPrices(await readProduct(client, productId));
			for (const line of productLines) {
				const discount = Number(current.get(line.skuCode));
				if (!Number.isFinite(discount) || discount <= 0) continue;
				if (discount < (line.values.price ?? 0)) line.values.discountPrice = discount;
				else {
					line.notice = `The current discount price ${discount} is not lower than the new price ${line.values.price}, so it was not kept: AliExpress removes it. Send a Discount Price to set a new one.`;
				}
			}
		} catch (error) {
			const code = error instanceof AliExpressError ? error.info.code : 'ERROR';
			for (const line of productLines) {
				line.result = {
					success: false,
					errorCode: code,
					errorMessage: `Could not read the current discount price to keep it: ${(error as Error).message}`,
				};
			}
		}
	});
}

const spec: SkuSyncSpec = {
	method: METHODS.priceUpdate,
	listParam: 'mutiple_product_update_list',
	values: [
		{
			name: 'price',
			displayName: 'Price',
			fieldParam: 'priceField',
			required: true,
			parse: (raw) => parseAmount(raw, 0.01, 999999),
			problem: 'must be an amount from 0.01 to 999999 with at most two decimals',
			fix: 'Map the price as a number such as 19.99 (no currency sign), in the currency of your AliExpress store.',
			description: 'The new price of the SKU, in the currency of your AliExpress store',
		},
		{
			name: 'discountPrice',
			displayName: 'Discount Price',
			fieldParam: 'discountPriceField',
			required: false,
			parse: (raw) => parseAmount(raw, 0.01, 999999),
			problem: 'must be an amount from 0.01 to 999999 with at most two decimals',
			fix: 'Map the discount price as a number such as 14.99, or leave it empty.',
			description:
				'Optional sale price, lower than the price. When empty, see "When No Discount Price Is Given".',
		},
	],
	check: ({ price, discountPrice }) =>
		discountPrice !== undefined && price !== undefined && discountPrice >= price
			? {
					field: 'Discount Price',
					problem: `${discountPrice} is not lower than the price ${price}`,
					fix: 'Enter a discount price lower than the price, or leave it empty.',
				}
			: undefined,
	skuEntry: (line) => {
		const entry: IDataObject = { sku_code: line.skuCode, price: String(line.values.price) };
		if (line.values.discountPrice !== undefined)
			entry.discount_price = String(line.values.discountPrice);
		return entry;
	},
	feed: {
		operationType: 'PRODUCT_PRICES_UPDATE',
		// retailcrm's FeedPricesUpdateDto: price and discount_price as numbers
		skuEntry: (line) => {
			const entry: IDataObject = { sku_code: line.skuCode, price: line.values.price };
			if (line.values.discountPrice !== undefined) entry.discount_price = line.values.discountPrice;
			return entry;
		},
	},
	beforeSend: keepCurrentDiscounts,
};

const properties: INodeProperties[] = [
	...skuSyncProperties(spec),
	{
		displayName: 'When No Discount Price Is Given',
		name: 'missingDiscountPrice',
		type: 'options',
		options: [
			{
				name: 'Keep the Current Discount Price',
				value: 'keep',
				description:
					'Read the SKU’s current discount price first and send it again (one extra read per product)',
			},
			{
				name: 'Remove the Discount Price',
				value: 'remove',
				description: 'Send no discount price: AliExpress then removes any existing one',
			},
		],
		default: 'keep',
		description: 'AliExpress erases a SKU’s discount price when an update does not send one',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['price'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeSkuSync(this, client, spec);
}
