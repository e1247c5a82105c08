import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shop'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Get the seller's shop: shop ID, name, type, URL, country, and whether AliExpress forbids it to post products",
				action: 'Get the shop',
			},
		],
		default: 'get',
	},
	...get.description,
];
