/** Token → Refresh: a new access token from the refresh token (IOP system call /auth/token/refresh). */
// Docs: https://openservice.aliexpress.com (Documentation › seller authorization; the OAuth system calls have no API page id)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeTokenCall } from '../../helpers/token';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'The refresh token from the last Create or Refresh. AliExpress answers with a new access token (and usually a new refresh token); store both.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['refresh'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeTokenCall(this, client, {
		path: METHODS.renewGrant,
		param: 'refreshToken',
		field: 'Refresh Token',
		wireName: 'refresh_token',
		fix: 'Map the refresh token saved from the last Create or Refresh.',
	});
}
