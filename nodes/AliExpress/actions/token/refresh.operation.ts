import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';
import { executeTokenCall } from './shared';

export const description: INodeProperties[] = [
	{
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'The refresh token from the last Create or Refresh. AliExpress answers with a new access token (and usually a new refresh token); store both.',
		displayOptions: { show: { resource: ['token'], operation: ['refresh'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeTokenCall(this, client, {
		path: '/auth/token/refresh',
		param: 'refreshToken',
		field: 'Refresh Token',
		wireName: 'refresh_token',
		fix: 'Map the refresh token saved from the last Create or Refresh.',
	});
}
