import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';
import { inputError, runPerItem } from '../common';
import { tokenOutput } from './shared';

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
	return await runPerItem(
		this,
		client,
		(i) => {
			const code = String(this.getNodeParameter('code', i, '')).trim();
			if (!code) {
				throw inputError(this, i, 'Authorization Code', 'is empty', 'Paste the "code" parameter of the callback URL after authorizing the app.');
			}
			return code;
		},
		async (code) => tokenOutput(await client.system('/auth/token/create', { code }, { retry: 'ifNotExecuted' })),
	);
}
