import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as publish from './publish.operation';
import * as update from './update.operation';

export { get, getMany, publish, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a product with its SKUs',
				action: 'Get a product',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the products of your store',
				action: 'Get many products',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Publish a new product on AliExpress',
				action: 'Publish a product',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Edit an existing product',
				action: 'Update a product',
			},
		],
		default: 'publish',
	},
	...publish.description,
	...update.description,
	...get.description,
	...getMany.description,
];
