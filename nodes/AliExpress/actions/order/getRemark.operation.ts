/** Order → Get Remark: the seller's note on an order, `aliexpress.merchant.redefining.queryremark`. */
// Docs: https://github.com/emsaniey20/java/blob/09ad73ad96c297b9734de6652049679050ceee23/src/main/java/com/aliexpress/open/request/AliexpressMerchantRedefiningQueryremarkRequest.java (the official IOP SDK class; no doc page id found)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { checkRemarkResult } from '../../helpers/remarks';
import { optionalText } from '../../helpers/values';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8123456789012345',
		description: 'The ID of the order whose note to read, as AliExpress shows it (digits only)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getRemark'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		client,
		(itemIndex) =>
			requireId(
				this,
				itemIndex,
				'Order ID',
				this.getNodeParameter('orderId', itemIndex),
				'order ID',
			),
		async (orderId) => {
			const answer = await client.call(
				METHODS.remarkQuery,
				{ remark_id: orderId },
				{ retry: 'safe' },
			);
			const result = checkRemarkResult(answer, orderId);
			const data = (result.data ?? {}) as IDataObject;
			return { orderId, remark: optionalText(data.content) ?? null };
		},
	);
}
