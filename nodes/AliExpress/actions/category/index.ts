import type { INodeProperties } from 'n8n-workflow';

import * as getAttributes from './getAttributes.operation';
import * as getMany from './getMany.operation';
import * as suggest from './suggest.operation';

export { getAttributes, getMany, suggest };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['category'] } },
		options: [
			{
				name: 'Get Attributes',
				value: 'getAttributes',
				description:
					"Get a leaf category's product and SKU attributes with their IDs and allowed values, ready to map into Product › Publish",
				action: 'Get the attributes of a category',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the sub-categories of a category (the root categories when none is given)',
				action: 'Get many categories',
			},
			{
				name: 'Suggest',
				value: 'suggest',
				description: 'Suggest categories for a product title',
				action: 'Suggest categories for a title',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...suggest.description,
	...getAttributes.description,
];
