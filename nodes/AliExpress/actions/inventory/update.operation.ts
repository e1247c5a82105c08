import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';
import { executeSkuSync, parseInteger, skuSyncProperties, type SkuSyncSpec } from '../skuSync';

const spec: SkuSyncSpec = {
	resource: 'inventory',
	method: 'aliexpress.solution.batch.product.inventory.update',
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
};

export const description: INodeProperties[] = skuSyncProperties(spec);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeSkuSync(this, client, spec);
}
