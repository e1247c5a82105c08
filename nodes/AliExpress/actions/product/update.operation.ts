import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AliExpressClient } from '../../transport/request';

// Placeholder: being written.
export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	_client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return [];
}
