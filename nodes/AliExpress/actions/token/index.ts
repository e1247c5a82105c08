import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as refresh from './refresh.operation';

export { create, refresh };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Exchange an authorization code for an access token and a refresh token',
				action: 'Create an access token',
			},
			{
				name: 'Refresh',
				value: 'refresh',
				description: 'Get a new access token with a refresh token',
				action: 'Refresh an access token',
			},
		],
		default: 'refresh',
	},
	...create.description,
	...refresh.description,
];
