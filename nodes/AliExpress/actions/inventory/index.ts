import type { INodeProperties } from 'n8n-workflow';

import * as update from './update.operation';

export { update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description:
					'Set the stock level of SKUs, each identified by product ID and SKU code; many SKUs at once, in the fewest calls AliExpress allows',
				action: 'Update stock levels',
			},
		],
		default: 'update',
	},
	...update.description,
];
