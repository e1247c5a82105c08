import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createClient } from '../helpers/client';
import type { AliExpressClient } from '../transport/request';
import * as carrier from './carrier';
import * as dispute from './dispute';
import * as inventory from './inventory';
import * as order from './order';
import * as price from './price';
import * as product from './product';
import * as token from './token';

type Execute = (this: IExecuteFunctions, client: AliExpressClient) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, { execute: Execute }>> = {
	product: {
		publish: product.publish,
		update: product.update,
		get: product.get,
		getMany: product.getMany,
	},
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
	const client = createClient(this);
	return [await op.execute.call(this, client)];
}
