/**
 * What the reliability tests share: running the AliExpress node the way n8n
 * does (inside n8n's own engine, test/helpers/engine.ts: a workflow run by
 * WorkflowExecute, parameters resolved by n8n, the node's Options), the
 * credential for a sandbox, and products with SKU codes written by hand.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import {
	captureLogs,
	runNode as runInEngine,
	sandboxCredentials,
	type NodeRun,
} from '../helpers/engine';
import type { Product, Sandbox } from '../sandbox';

export const POST = 'aliexpress.solution.product.post';
export const LIST = 'aliexpress.solution.product.list.get';
export const INFO = 'aliexpress.solution.product.info.get';
export const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';

export const credentialsFor = sandboxCredentials;

export interface ReliabilityRun {
	/** The node's output items; undefined when the node failed. */
	out?: INodeExecutionData[];
	/** The error n8n recorded for the node (a plain object: name, message, description, context…). */
	error?: NodeRun['error'];
	/** What was written to n8n's logger during the run. */
	logs: string[];
	run: NodeRun['run'];
}

/** Runs the node in n8n's engine; never throws: the error n8n recorded comes back in `error`. */
export async function runNode(
	sandbox: Sandbox,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: {
		continueOnFail?: boolean;
		credentials?: ICredentialDataDecryptedObject;
	} = {},
): Promise<ReliabilityRun> {
	const logs = captureLogs();
	try {
		const result = await runInEngine({
			parameters,
			items,
			credentials: options.credentials ?? credentialsFor(sandbox),
			continueOnFail: options.continueOnFail,
		});
		return {
			out: result.error ? undefined : result.items,
			error: result.error,
			logs: logs.lines,
			run: result.run,
		};
	} finally {
		logs.stop();
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
export function publishParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'product',
		operation: 'publish',
		mode: 'fields',
		categoryId: { __rl: true, mode: 'id', value: '200000347' },
		language: 'en',
		title: '={{ $json.title }}',
		images: 'https://img.example.com/a.jpg',
		skus: {
			sku: [
				{ skuCode: '={{ $json.code }}-A', price: '19.90', stock: 5 },
				{ skuCode: '={{ $json.code }}-B', price: '21.00', discountPrice: '18.50', stock: 7 },
			],
		},
		packageLength: 30,
		packageWidth: 20,
		packageHeight: 5,
		weight: 0.35,
		freightTemplateId: { __rl: true, mode: 'id', value: '1000' },
		...overrides,
	};
}
