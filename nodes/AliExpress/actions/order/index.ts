import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as ship from './ship.operation';

export { get, getMany, ship };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an order with its items and address',
				action: 'Get an order',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List orders, filtered by date and status',
				action: 'Get many orders',
			},
			{
				name: 'Ship',
				value: 'ship',
				description: 'Mark an order as shipped with its tracking number',
				action: 'Ship an order',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...ship.description,
];
