/**
 * Inventory → Update: the stock of many SKUs, packed into the fewest
 * `aliexpress.solution.batch.product.inventory.update` calls, or for big catalogues into
 * `aliexpress.solution.feed.submit` PRODUCT_STOCKS_UPDATE jobs (helpers/skuSync.ts, skuFeeds.ts).
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=45135&docType=2 (aliexpress.solution.batch.product.inventory.update)
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=44004&docType=2 (aliexpress.solution.feed.submit; results: docId=44009, aliexpress.solution.feed.query)
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { skuSyncProperties } from '../../descriptions/skuSync';
import { executeSkuSync, type SkuSyncSpec } from '../../helpers/skuSync';
import { parseInteger } from '../../helpers/values';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const spec: SkuSyncSpec = {
	method: METHODS.inventoryUpdate,
	listParam: 'mutiple_product_update_list', // the API's own spelling
	values: [
		{
			name: 'quantity',
			displayName: 'Quantity',
			fieldParam: 'quantityField',
			required: true,
			parse: (raw) => parseInteger(raw, 0, 999999),
			problem: 'must be a whole number from 0 to 999999',
			fix: 'Map the stock level as a whole number (0 to 999999), e.g. {{ $json.inventory_quantity }}.',
			description: 'The new stock level of the SKU (0–999999)',
		},
	],
	skuEntry: (line) => ({ sku_code: line.skuCode, inventory: line.values.quantity }),
	feed: {
		operationType: 'PRODUCT_STOCKS_UPDATE',
		skuEntry: (line) => ({ sku_code: line.skuCode, inventory: line.values.quantity }),
	},
};

export const description = updateDisplayOptions(
	{ show: { resource: ['inventory'], operation: ['update'] } },
	skuSyncProperties(spec),
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeSkuSync(this, client, spec);
}
