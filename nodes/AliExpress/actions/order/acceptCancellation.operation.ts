/**
 * Order → Accept Cancellation: one `aliexpress.trade.seller.order.acceptcancel` per input item,
 * for an order whose buyer asked to cancel it (IN_CANCEL); the order then closes.
 */
// Docs: https://github.com/emsaniey20/java/blob/09ad73ad96c297b9734de6652049679050ceee23/src/main/java/com/aliexpress/open/request/AliexpressTradeSellerOrderAcceptcancelRequest.java (the official IOP SDK class; no doc page id found)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerCancellation, NotInCancel } from '../../helpers/cancellation';
import { inputError, requireId } from '../../helpers/input';
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['acceptCancellation'] } },
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
		async (orderId, itemIndex) => {
			try {
				return await answerCancellation(client, { orderId, accept: true });
			} catch (error) {
				if (!(error instanceof NotInCancel)) throw asNodeError(this.getNode(), error, itemIndex);
				throw inputError(
					this,
					itemIndex,
					'Order ID',
					`order ${orderId} has no cancellation request to accept (${error.message}; only IN_CANCEL orders can be answered)`,
					'Use an order whose buyer asked to cancel it: Order → Get Many with the status "Cancellation Requested" lists them. An order already closed (FINISH) may have been accepted before.',
				);
			}
		},
		{ writes: true },
	);
}
