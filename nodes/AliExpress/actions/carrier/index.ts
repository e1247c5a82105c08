import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['carrier'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the carriers (shipping services) the store can ship with, each with its tracking-number pattern',
				action: 'Get many carriers',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
