import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as carrier from './actions/carrier';
import * as dispute from './actions/dispute';
import * as inventory from './actions/inventory';
import * as order from './actions/order';
import * as price from './actions/price';
import * as product from './actions/product';
import * as token from './actions/token';
import { router } from './actions/router';
import { transportOptionFields } from './descriptions/common';
import { listSearch } from './methods/listSearch';

export class AliExpress implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AliExpress',
		name: 'aliExpress',
		icon: { light: 'file:aliexpress.svg', dark: 'file:aliexpress.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Publish products, sync stock and prices, and read and ship orders on AliExpress',
		defaults: { name: 'AliExpress' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aliExpressApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Carrier', value: 'carrier' },
					{ name: 'Dispute', value: 'dispute' },
					{ name: 'Inventory', value: 'inventory' },
					{ name: 'Order', value: 'order' },
					{ name: 'Price', value: 'price' },
					{ name: 'Product', value: 'product' },
					{ name: 'Token', value: 'token' },
				],
				default: 'inventory',
			},
			...carrier.description,
			...dispute.description,
			...inventory.description,
			...order.description,
			...price.description,
			...product.description,
			...token.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: transportOptionFields,
			},
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
