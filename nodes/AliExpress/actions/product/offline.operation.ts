/**
 * Product → Take Offline: `aliexpress.postproduct.redefining.offlineaeproduct`, the products of
 * all input items packed into calls of at most 50 (helpers/productBatch.ts), one output item
 * per input item saying whether AliExpress took its product off sale.
 */
// Docs: https://openservice.aliexpress.com (API aliexpress.postproduct.redefining.offlineaeproduct; no doc id in the sources read)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { productIdProperty } from '../../descriptions/product';
import { executeProductBatch } from '../../helpers/productBatch';
import { statusChangeSpec } from '../../helpers/productStatus';
import { trimmed } from '../../helpers/values';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	productIdProperty(
		'The AliExpress product to take off sale (an On Sale product). Map it from the input, e.g. {{ $json.productId }}: each input item is one product, and up to 50 go in one call.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Reason',
				name: 'editReason',
				type: 'string',
				default: '',
				placeholder: 'e.g. product_diagnosis',
				description:
					"Sent as edit_reason. AliExpress documents it as the reason for taking the product offline, at present used only for product diagnosis; leave it out when you don't need it.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['offline'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	const reasonOf = (i: number) =>
		trimmed(
			(this.getNodeParameter('additionalFields', i, {}) as { editReason?: unknown }).editReason,
		);
	return await executeProductBatch(this, client, statusChangeSpec(client, 'offline', reasonOf));
}
