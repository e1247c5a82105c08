/**
 * What the reliability tests share: running the AliExpress node the way n8n
 * does (its own `execute`, through the router, with the node's Options), the
 * credential for a sandbox, and products with SKU codes written by hand.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AliExpress } from '../../nodes/AliExpress/AliExpress.node';
import {
	createContext,
	sandboxCredentials,
	type ParamValue,
	type TestContext,
} from '../helpers/context';
import type { Product, Sandbox } from '../sandbox';

export const POST = 'aliexpress.solution.product.post';
export const LIST = 'aliexpress.solution.product.list.get';
export const INFO = 'aliexpress.solution.product.info.get';
export const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';

export const credentialsFor = sandboxCredentials;

export interface NodeRun {
	out?: INodeExecutionData[];
	error?: unknown;
	test: TestContext;
}

/** Runs the node's own `execute` (router included); never throws: the error comes back in `error`. */
export async function runNode(
	sandbox: Sandbox,
	parameters: Record<string, ParamValue>,
	items: IDataObject[] = [{}],
	options: {
		continueOnFail?: boolean;
		credentials?: ICredentialDataDecryptedObject;
		onRequest?: () => void;
	} = {},
): Promise<NodeRun> {
	const test = createContext({
		credentials: options.credentials ?? credentialsFor(sandbox),
		parameters: { options: {}, ...parameters },
		items,
		continueOnFail: options.continueOnFail,
		onRequest: options.onRequest,
	});
	try {
		const [out] = await new AliExpress().execute.call(test.ctx);
		return { out, test };
	} catch (error) {
		return { error, test };
	}
}

/** A product whose SKU codes are `<prefix>-S01` … with the given stock. */
export function productWithSkus(
	sandbox: Sandbox,
	prefix: string,
	skuCount: number,
	stock = 0,
): Product {
	return sandbox.store.addProduct({
		status: 'onSelling',
		skus: Array.from({ length: skuCount }, (_, n) => ({
			sku_code: `${prefix}-S${String(n + 1).padStart(2, '0')}`,
			price: 10,
			inventory: stock,
			attributes: [],
			id: `${prefix}-${n}`,
		})),
	});
}

/** Publish parameters in fields mode; title and SKU codes come from the item (`title`, `code`). */
export function publishParameters(
	overrides: Record<string, ParamValue> = {},
): Record<string, ParamValue> {
	return {
		resource: 'product',
		operation: 'publish',
		mode: 'fields',
		categoryId: { __rl: true, mode: 'id', value: '200000347' },
		language: 'en',
		title: (item: INodeExecutionData) => item.json.title,
		description: '',
		images: 'https://img.example.com/a.jpg',
		skus: (item: INodeExecutionData) => ({
			sku: [
				{ skuCode: `${String(item.json.code)}-A`, price: '19.90', stock: 5 },
				{
					skuCode: `${String(item.json.code)}-B`,
					price: '21.00',
					discountPrice: '18.50',
					stock: 7,
				},
			],
		}),
		packageLength: 30,
		packageWidth: 20,
		packageHeight: 5,
		weight: 0.35,
		freightTemplateId: { __rl: true, mode: 'id', value: '1000' },
		brandName: '',
		additionalFields: {},
		...overrides,
	};
}
