/** Order → Get: one `aliexpress.solution.order.info.get` per input item. */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=42707&docType=2 (aliexpress.solution.order.info.get)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../descriptions/common';
import { requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { simplifyOrder } from '../../helpers/orderOutput';
import { readOrder } from '../../helpers/orders';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8123456789012345',
		description: 'The ID of the order, as AliExpress shows it (digits only)',
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		client,
		(itemIndex) => ({
			orderId: requireId(
				this,
				itemIndex,
				'Order ID',
				this.getNodeParameter('orderId', itemIndex),
				'order ID',
			),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ orderId, simplify }) => {
			const order = await readOrder(client, orderId);
			return simplify ? simplifyOrder(order) : order;
		},
	);
}
