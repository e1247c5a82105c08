import type { INodeProperties } from 'n8n-workflow';

import * as acceptCancellation from './acceptCancellation.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getRemark from './getRemark.operation';
import * as refuseCancellation from './refuseCancellation.operation';
import * as setRemark from './setRemark.operation';
import * as ship from './ship.operation';

export { acceptCancellation, get, getMany, getRemark, refuseCancellation, setRemark, ship };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Accept Cancellation',
				value: 'acceptCancellation',
				description: 'Accept the buyer’s request to cancel an order; the order closes',
				action: 'Accept the cancellation of an order',
			},
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
				name: 'Get Remark',
				value: 'getRemark',
				description: 'Read the seller’s note on an order',
				action: 'Get the remark of an order',
			},
			{
				name: 'Refuse Cancellation',
				value: 'refuseCancellation',
				description: 'Refuse the buyer’s request to cancel an order, giving the reason',
				action: 'Refuse the cancellation of an order',
			},
			{
				name: 'Set Remark',
				value: 'setRemark',
				description: 'Write the seller’s note on an order (replaces the one there)',
				action: 'Set the remark of an order',
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
	...acceptCancellation.description,
	...refuseCancellation.description,
	...setRemark.description,
	...getRemark.description,
];
