import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createClient } from '../helpers/client';
import type { AliExpressClient } from '../transport/request';
import * as carrier from './carrier';
import * as category from './category';
import * as dispute from './dispute';
import * as image from './image';
import * as inventory from './inventory';
import * as order from './order';
import * as price from './price';
import * as product from './product';
import * as shop from './shop';
import * as token from './token';

/** n8n runs a node as an AI agent's tool under a derived type whose name ends in "Tool". */
function isTool(ctx: IExecuteFunctions): boolean {
	return /Tool$/.test(ctx.getNode().type);
}

type Execute = (this: IExecuteFunctions, client: AliExpressClient) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, { execute: Execute }>> = {
	product: {
		publish: product.publish,
		update: product.update,
		get: product.get,
		getMany: product.getMany,
		online: product.online,
		offline: product.offline,
		delete: product.deleteProduct,
	},
	shop: { get: shop.get },
	inventory: { update: inventory.update },
	price: { update: price.update },
	order: {
		getMany: order.getMany,
		get: order.get,
		ship: order.ship,
		acceptCancellation: order.acceptCancellation,
		refuseCancellation: order.refuseCancellation,
		setRemark: order.setRemark,
		getRemark: order.getRemark,
	},
	carrier: { getMany: carrier.getMany },
	dispute: { getMany: dispute.getMany, get: dispute.get },
	token: { create: token.create, refresh: token.refresh },
	image: { upload: image.upload, getMany: image.getMany },
	category: {
		getMany: category.getMany,
		suggest: category.suggest,
		getAttributes: category.getAttributes,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	// Defence in depth: the tool variant hides Token, and refuses it if a saved node still asks.
	if (resource === 'token' && isTool(this)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Token resource is not available when the node runs as an AI agent tool',
			{
				description:
					"Token → Create and Refresh answer with the seller's access and refresh tokens, which must not reach a language model. Run them in a regular AliExpress node of a workflow instead.",
			},
		);
	}
	const client = createClient(this);
	return [await op.execute.call(this, client)];
}
