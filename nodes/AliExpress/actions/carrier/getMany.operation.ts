/**
 * Carrier → Get Many: the seller's carriers from `aliexpress.logistics.redefining.listlogisticsservice`
 * (one call, no paging): the service names Order → Ship takes, with each one's tracking-number pattern.
 */
// Docs: https://github.com/emsaniey20/java/blob/09ad73ad96c297b9734de6652049679050ceee23/src/main/java/com/aliexpress/open/request/AliexpressLogisticsRedefiningListlogisticsserviceRequest.java (the official IOP SDK class; no doc page id found)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { fetchCarriers } from '../../helpers/carriers';
import { readLimit } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
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
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. cainiao',
				description:
					'Only carriers whose service name, display name or company contains this text (any case)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['carrier'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	let list: ReturnType<typeof fetchCarriers> | undefined; // one call for every item
	return await runPerItem(
		this,
		client,
		(itemIndex) => {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			return {
				limit: returnAll
					? undefined
					: readLimit(this, itemIndex, 'Set Limit to 1 or more, or turn on Return All.'),
				search: String(filters.search ?? '')
					.trim()
					.toLowerCase(),
			};
		},
		async ({ limit, search }) => {
			const carriers = (await (list ??= fetchCarriers(client))).filter(
				(c) =>
					!search ||
					[c.service_name, c.display_name, c.logistics_company].some((v) =>
						(v ?? '').toLowerCase().includes(search),
					),
			);
			return (limit === undefined ? carriers : carriers.slice(0, limit)).map((c) => ({ ...c }));
		},
	);
}
