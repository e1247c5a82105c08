import type { INodeProperties } from 'n8n-workflow';

import * as update from './update.operation';

export { update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['price'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description:
					'Set the price and discount price of SKUs, each identified by product ID and SKU code; many SKUs at once',
				action: 'Update prices',
			},
		],
		default: 'update',
	},
	...update.description,
];
