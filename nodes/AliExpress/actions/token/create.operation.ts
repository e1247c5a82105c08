import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';
import { executeTokenCall } from './shared';

export const description: INodeProperties[] = [
	{
		displayName: 'Authorization Code',
		name: 'code',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: 'e.g. 3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26',
		description:
			'The code AliExpress adds to your callback URL after the seller authorizes your app. It is valid for a few minutes and only once.',
		displayOptions: { show: { resource: ['token'], operation: ['create'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeTokenCall(this, client, {
		path: '/auth/token/create',
		param: 'code',
		field: 'Authorization Code',
		wireName: 'code',
		fix: 'Paste the "code" parameter of the callback URL after authorizing the app.',
	});
}
