import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as upload from './upload.operation';

export { getMany, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the images of your store's photo bank",
				action: 'Get many images',
			},
			{
				name: 'Upload',
				value: 'upload',
				description:
					'Upload an image (binary data) to the photo bank and get the URL to use in Product › Publish',
				action: 'Upload an image',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...getMany.description,
];
