import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as carrier from './actions/carrier';
import * as category from './actions/category';
import * as dispute from './actions/dispute';
import * as image from './actions/image';
import * as inventory from './actions/inventory';
import * as order from './actions/order';
import * as price from './actions/price';
import * as product from './actions/product';
import * as shop from './actions/shop';
import * as token from './actions/token';
import { router } from './actions/router';
import { transportOptionFields } from './descriptions/common';
import { listSearch } from './methods/listSearch';

const RESOURCES: INodePropertyOptions[] = [
	{ name: 'Carrier', value: 'carrier' },
	{ name: 'Category', value: 'category' },
	{ name: 'Dispute', value: 'dispute' },
	{ name: 'Image', value: 'image' },
	{ name: 'Inventory', value: 'inventory' },
	{ name: 'Order', value: 'order' },
	{ name: 'Price', value: 'price' },
	{ name: 'Product', value: 'product' },
	{ name: 'Shop', value: 'shop' },
	{ name: 'Token', value: 'token' },
];

function resourceProperty(options: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: 'inventory',
	};
}

export class AliExpress implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AliExpress',
		name: 'aliExpress',
		icon: { light: 'file:aliexpress.svg', dark: 'file:aliexpress.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage an AliExpress seller store: publish, list, put online, take offline and delete products, sync stock and prices, read and ship orders, and read the shop profile',
		defaults: { name: 'AliExpress' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aliExpressApi', required: true }],
		properties: [
			// As an AI agent's tool (the node type n8n derives, named …Tool) the node offers no
			// Token resource: its answers are the seller's tokens. The router refuses it too.
			{
				...resourceProperty(RESOURCES),
				displayOptions: { hide: { '@tool': [true] } },
			},
			{
				...resourceProperty(RESOURCES.filter((r) => r.value !== 'token')),
				displayOptions: { show: { '@tool': [true] } },
			},
			...carrier.description,
			...category.description,
			...dispute.description,
			...image.description,
			...inventory.description,
			...order.description,
			...price.description,
			...product.description,
			...shop.description,
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
