import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dispute'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a dispute with the proposed solutions and its history',
				action: 'Get a dispute',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List disputes buyers opened, filtered by status, buyer or order',
				action: 'Get many disputes',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
