/**
 * Product → Get: one `aliexpress.solution.product.info.get` per input item.
 * Simplified, the product's SKUs come in the field names Update Inventory and
 * Update Price read (productId, skuCode, quantity, price, discountPrice).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';
import { idString, requireId, runPerItem } from '../common';
import { simplifyProduct } from './shared';

export const METHOD = 'aliexpress.solution.product.info.get';

const show = { resource: ['product'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1005006123456789',
		description: 'The AliExpress product to get',
		displayOptions: { show },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, client: AliExpressClient): Promise<INodeExecutionData[]> {
	return await runPerItem<{ productId: string; simplify: boolean }>(
		this,
		client,
		(i) => ({
			productId: requireId(this, i, 'Product ID', idString(this.getNodeParameter('productId', i, '')), 'product ID'),
			simplify: this.getNodeParameter('simplify', i, true) !== false,
		}),
		async ({ productId, simplify }) => {
			const answer = await client.call(METHOD, { product_id: productId });
			const result = (answer.result ?? answer) as IDataObject;
			return simplify ? simplifyProduct(result) : result;
		},
	);
}
