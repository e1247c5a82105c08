/**
 * Product → Delete: `aliexpress.solution.batch.product.delete`, the products of all input
 * items packed into calls of at most 100 (helpers/productBatch.ts), one output item per input
 * item. Irreversible. A call whose answer is lost is settled by looking the products up
 * (gone from every status = deleted), never by blindly sending it again.
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=47378&docType=2 (aliexpress.solution.batch.product.delete)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { productIdProperty } from '../../descriptions/product';
import { executeProductBatch } from '../../helpers/productBatch';
import { deleteSpec } from '../../helpers/productStatus';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting is permanent: AliExpress has no way to bring a deleted product back. To stop selling for a while, use Take Offline instead.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	productIdProperty(
		'The AliExpress product to delete for good. Map it from the input, e.g. {{ $json.productId }}: each input item is one product, and up to 100 go in one call.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeProductBatch(this, client, deleteSpec(client));
}
