/** Dispute → Get Many: the store's disputes from `aliexpress.issue.issuelist.get`, paged 50 at a time. */
// Docs: https://github.com/emsaniey20/java/blob/09ad73ad96c297b9734de6652049679050ceee23/src/main/java/com/aliexpress/open/request/AliexpressIssueIssuelistGetRequest.java (the official IOP SDK class; no doc page id found)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { DISPUTE_STATUSES, fetchDisputes } from '../../helpers/disputes';
import { inputError, readLimit, requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { shownValue, trimmed } from '../../helpers/values';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Buyer Login ID',
				name: 'buyerLoginId',
				type: 'string',
				default: '',
				placeholder: 'e.g. es1234567890abcd',
				description: 'Only disputes of this buyer',
			},
			{
				displayName: 'Order ID',
				name: 'orderId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 8123456789012345',
				description: 'Only disputes of this order (digits only)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'processing',
				options: [
					{ name: 'Open', value: 'processing', description: 'Being handled (processing)' },
					{ name: 'Cancelled', value: 'canceled_issue', description: 'Withdrawn (canceled_issue)' },
					{
						name: 'Finished',
						value: 'finish',
						description: 'Ended, the refund settled (finish)',
					},
				],
				description: 'Only disputes in this status',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dispute'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		client,
		(itemIndex) => {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const status = trimmed(filters.status);
			if (status && !(DISPUTE_STATUSES as readonly string[]).includes(status)) {
				throw inputError(
					this,
					itemIndex,
					'Status',
					`must be one of ${DISPUTE_STATUSES.join(', ')}, got ${shownValue(status)}`,
					'Pick Open, Cancelled or Finished.',
				);
			}
			const orderId = trimmed(filters.orderId);
			return {
				limit: returnAll
					? undefined
					: readLimit(this, itemIndex, 'Set Limit to 1 or more, or turn on Return All.'),
				status: status || undefined,
				buyerLoginId: trimmed(filters.buyerLoginId) || undefined,
				orderId: orderId ? requireId(this, itemIndex, 'Order ID', orderId, 'order ID') : undefined,
			};
		},
		async (query) => await fetchDisputes(client, query),
	);
}
