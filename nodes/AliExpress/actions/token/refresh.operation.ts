import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';
import { inputError, runPerItem } from '../common';
import { tokenOutput } from './shared';

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
	return await runPerItem(
		this,
		client,
		(i) => {
			const token = String(this.getNodeParameter('refreshToken', i, '')).trim();
			if (!token) {
				throw inputError(this, i, 'Refresh Token', 'is empty', 'Map the refresh token saved from the last Create or Refresh.');
			}
			return token;
		},
		async (refreshToken) =>
			tokenOutput(await client.system('/auth/token/refresh', { refresh_token: refreshToken }, { retry: 'ifNotExecuted' })),
	);
}
