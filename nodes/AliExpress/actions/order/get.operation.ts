import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';
import { requireId, runPerItem } from '../common';
import { rawId, requestJson } from '../product/shared';
import { ORDER_INFO_METHOD, simplifyOrder, stringifyIds } from './shared';

const show = { resource: ['order'], operation: ['get'] };

/** Ask for every extra block of the order (buyer, address, logistics, items…). */
export const EXT_INFO_ALL = 11111;

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8123456789012345',
		description: 'The ID of the order, as AliExpress shows it (digits only)',
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

/** Reads one order (`orderId`: digits only); the raw `data` of `order.info.get`, ids as strings. */
export async function readOrder(client: AliExpressClient, orderId: string): Promise<IDataObject> {
	// The id goes as a JSON number (the API's type) written digit by digit: no double can hold every id.
	const param1 = requestJson({ order_id: rawId(orderId), ext_info_bit_flag: EXT_INFO_ALL });
	const answer = await client.call(ORDER_INFO_METHOD, { param1 }, { retry: 'safe' });
	const result = (answer.result ?? answer) as IDataObject;
	const data = (result.data ?? result) as IDataObject;
	return stringifyIds(data);
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		client,
		(itemIndex) => ({
			orderId: requireId(this, itemIndex, 'Order ID', this.getNodeParameter('orderId', itemIndex), 'order ID'),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		}),
		async ({ orderId, simplify }) => {
			const order = await readOrder(client, orderId);
			return simplify ? simplifyOrder(order) : order;
		},
	);
}
