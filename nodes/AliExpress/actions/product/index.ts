import type { INodeProperties } from 'n8n-workflow';

import * as deleteProduct from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as offline from './offline.operation';
import * as online from './online.operation';
import * as publish from './publish.operation';
import * as update from './update.operation';

export { deleteProduct, get, getMany, offline, online, publish, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Permanently delete products from the store (cannot be undone); up to 100 per call, one result per product',
				action: 'Delete products',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one product by its AliExpress product ID, with its status and every SKU (code, price, discount price, stock)',
				action: 'Get a product',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the store’s products of every status (On Sale, Offline, In Review, Editing Required), or only one status, optionally by title',
				action: 'Get many products',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Create and publish a new product with its images, SKUs, prices and stock',
				action: 'Publish a product',
			},
			{
				name: 'Put Online',
				value: 'online',
				description: 'Put Offline products back on sale; up to 50 per call, one result per product',
				action: 'Put products online',
			},
			{
				name: 'Take Offline',
				value: 'offline',
				description:
					'Take On Sale products off sale without deleting them (they can be put online again); one result per product',
				action: 'Take products offline',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of an existing product, such as its title, images or SKUs',
				action: 'Update a product',
			},
		],
		default: 'publish',
	},
	...publish.description,
	...update.description,
	...get.description,
	...getMany.description,
	...online.description,
	...offline.description,
	...deleteProduct.description,
];
