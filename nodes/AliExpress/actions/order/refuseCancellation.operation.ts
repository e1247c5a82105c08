/**
 * Order → Refuse Cancellation: one `aliexpress.trade.seller.order.refusecancel` per input item,
 * for an order whose buyer asked to cancel it (IN_CANCEL), with the reason (memo). Which status the order returns to is not documented.
 */
// Docs: https://github.com/emsaniey20/java/blob/09ad73ad96c297b9734de6652049679050ceee23/src/main/java/com/aliexpress/open/request/AliexpressTradeSellerOrderRefusecancelRequest.java (the official IOP SDK class; no doc page id found)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerCancellation, NotInCancel } from '../../helpers/cancellation';
import { inputError, requireId, requireText } from '../../helpers/input';
import { asNodeError, runPerItem } from '../../helpers/items';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8123456789012345',
		description:
			'The ID of the order whose buyer asked to cancel it (status IN_CANCEL), as AliExpress shows it (digits only)',
	},
	{
		displayName: 'Reason',
		name: 'memo',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. The parcel has already been handed to the carrier',
		description:
			'Why the cancellation is refused (sent as memo, the refusal reason). AliExpress documents no length limit.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['refuseCancellation'] } },
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
			memo: requireText(
				this,
				itemIndex,
				'memo',
				'Reason',
				'Enter why the cancellation is refused, e.g. "The parcel has already been shipped".',
			),
		}),
		async ({ orderId, memo }, itemIndex) => {
			try {
				return await answerCancellation(client, { orderId, accept: false, memo });
			} catch (error) {
				if (!(error instanceof NotInCancel)) throw asNodeError(this.getNode(), error, itemIndex);
				throw inputError(
					this,
					itemIndex,
					'Order ID',
					`order ${orderId} has no cancellation request to refuse (${error.message}; only IN_CANCEL orders can be answered)`,
					'Use an order whose buyer asked to cancel it: Order → Get Many with the status "Cancellation Requested" lists them. An order no longer in IN_CANCEL may have been answered before.',
				);
			}
		},
		{ writes: true },
	);
}
