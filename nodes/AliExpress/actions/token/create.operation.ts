/** Token → Create: an access token from the authorization code (IOP system call /auth/token/create). */
// Docs: https://openservice.aliexpress.com (Documentation › seller authorization; the OAuth system calls have no API page id)
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeTokenCall } from '../../helpers/token';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
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
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await executeTokenCall(this, client, {
		path: METHODS.exchangeCode,
		param: 'code',
		field: 'Authorization Code',
		wireName: 'code',
		fix: 'Paste the "code" parameter of the callback URL after authorizing the app.',
	});
}
