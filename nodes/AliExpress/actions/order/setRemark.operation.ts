/**
 * Order → Set Remark: the seller's own note on an order, `aliexpress.merchant.redefining.saveremark`
 * (`remark_id` = the order id, `content`; `biz_type` left out: the order remark is its documented
 * default). Setting the same text again changes nothing, so the call is retried like a read.
 */
// Docs: https://github.com/emsaniey20/java/blob/09ad73ad96c297b9734de6652049679050ceee23/src/main/java/com/aliexpress/open/request/AliexpressMerchantRedefiningSaveremarkRequest.java (the official IOP SDK class; no doc page id found)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId, requireText } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { checkRemarkResult } from '../../helpers/remarks';
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
		description: 'The ID of the order to note, as AliExpress shows it (digits only)',
	},
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. Packed by warehouse B, parcel 2 of 2',
		description:
			'The seller’s note on the order (replaces the one there). AliExpress documents no length limit.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['setRemark'] } },
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
			remark: requireText(
				this,
				itemIndex,
				'remark',
				'Remark',
				'Enter the note to keep on the order, or map it from an earlier node.',
			),
		}),
		async ({ orderId, remark }) => {
			const answer = await client.call(
				METHODS.remarkSave,
				{ remark_id: orderId, content: remark },
				{ retry: 'safe' },
			);
			checkRemarkResult(answer, orderId);
			return { orderId, remark, success: true };
		},
		{ writes: true },
	);
}
