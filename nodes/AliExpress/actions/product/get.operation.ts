/**
 * Product → Get: one `aliexpress.solution.product.info.get` per input item.
 * Simplified, the product's SKUs come in the field names Update Inventory and
 * Update Price read (productId, skuCode, quantity, price, discountPrice).
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=42383&docType=2 (aliexpress.solution.product.info.get)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../descriptions/common';
import { productIdProperty } from '../../descriptions/product';
import { requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { simplifyProduct } from '../../helpers/productOutput';
import { readProduct } from '../../helpers/products';
import { trimmed } from '../../helpers/values';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	productIdProperty('The AliExpress product to get'),
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<{ productId: string; simplify: boolean }>(
		this,
		client,
		(i) => ({
			productId: requireId(
				this,
				i,
				'Product ID',
				trimmed(this.getNodeParameter('productId', i, '')),
				'product ID',
			),
			simplify: this.getNodeParameter('simplify', i, true) !== false,
		}),
		async ({ productId, simplify }) => {
			const result = await readProduct(client, productId);
			return simplify ? simplifyProduct(result) : result;
		},
	);
}
