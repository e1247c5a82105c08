/**
 * Product → Put Online: `aliexpress.postproduct.redefining.onlineaeproduct`, the products of
 * all input items packed into calls of at most 50 (helpers/productBatch.ts), one output item
 * per input item saying whether AliExpress put its product online.
 */
// Docs: https://openservice.aliexpress.com (API aliexpress.postproduct.redefining.onlineaeproduct; no doc id in the sources read)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { productIdProperty } from '../../descriptions/product';
import { executeProductBatch } from '../../helpers/productBatch';
import { statusChangeSpec } from '../../helpers/productStatus';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	productIdProperty(
		'The AliExpress product to put back on sale (an Offline product). Map it from the input, e.g. {{ $json.productId }}: each input item is one product, and up to 50 go in one call.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['online'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeProductBatch(
		this,
		client,
		statusChangeSpec(client, 'online', () => ''),
	);
}
