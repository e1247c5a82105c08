/** Dispute → Get: one dispute with the buyer's, seller's and platform's solutions and its history (`aliexpress.issue.detail.get`). */
// Docs: https://github.com/emsaniey20/java/blob/09ad73ad96c297b9734de6652049679050ceee23/src/main/java/com/aliexpress/open/request/AliexpressIssueDetailGetRequest.java (the official IOP SDK class; no doc page id found)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDispute } from '../../helpers/disputes';
import { requireId } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { trimmed } from '../../helpers/values';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Dispute ID',
		name: 'issueId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6346213853171470',
		description: 'The ID of the dispute (issue_id, as Dispute Get Many lists it), digits only',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Buyer Login ID',
				name: 'buyerLoginId',
				type: 'string',
				default: '',
				description: 'The buyer of the dispute (buyer_login_id), sent along when given',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dispute'], operation: ['get'] } },
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
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			return {
				issueId: requireId(
					this,
					itemIndex,
					'Dispute ID',
					this.getNodeParameter('issueId', itemIndex),
					'dispute ID',
				),
				buyerLoginId: trimmed(extra.buyerLoginId) || undefined,
			};
		},
		async ({ issueId, buyerLoginId }) => await readDispute(client, issueId, buyerLoginId),
	);
}
