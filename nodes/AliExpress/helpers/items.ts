/**
 * The per-item loop every operation runs in: Continue On Fail, pairing, and
 * failures as the n8n errors to show.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AliExpressError, toNodeApiError } from '../transport/errors';
import type { AliExpressClient } from '../transport/request';

/** Any failure as the n8n error to show. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof AliExpressError) return toNodeApiError(node, error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The JSON that Continue On Fail emits for a failed item. */
export function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.errorDescription = error.description;
	const response = (error as NodeApiError).errorResponse as JsonObject | undefined;
	if (error instanceof NodeApiError && response) {
		if (response.code !== undefined) json.errorCode = response.code;
		if (response.request_id !== undefined) json.requestId = response.request_id;
	}
	return json;
}

/**
 * A copy of the node whose named parameters say only that they are hidden: n8n
 * logs a failed node with its parameters, and a pasted authorization code or
 * refresh token must not go there.
 */
function withoutParameters(node: INode, names: string[]): INode {
	const parameters = { ...node.parameters };
	for (const name of names) if (name in parameters) parameters[name] = '[hidden]';
	return { ...node, parameters };
}

/**
 * The per-item loop. Every item is first prepared (read and validated): bad
 * input fails before any call is made. Then the prepared items run with the
 * client's concurrency. With Continue On Fail, failed items come out as
 * `{error}` and the rest go on; without it, the first failure is thrown and its
 * description says which other items were already carried out.
 */
export async function runPerItem<P>(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	prepare: (itemIndex: number) => P | Promise<P>,
	run: (prepared: P, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	options: { writes?: boolean; hiddenParameters?: string[] } = {},
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const hidden = options.hiddenParameters ?? [];
	// The node the errors carry: without the parameters that hold a secret (n8n logs it).
	const node = hidden.length ? withoutParameters(ctx.getNode(), hidden) : ctx.getNode();
	const toError = (error: unknown, i: number) => asNodeError(node, error, i);
	const prepared: Array<
		{ ok: true; value: P } | { ok: false; error: NodeApiError | NodeOperationError }
	> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push({ ok: true, value: await prepare(i) });
		} catch (error) {
			const nodeError = toError(error, i);
			if (!continueOnFail) throw nodeError;
			prepared.push({ ok: false, error: nodeError });
		}
	}

	const results = await client.map(prepared, async (p, i) => {
		if (!p.ok) return p;
		try {
			return { ok: true as const, value: await run(p.value, i) };
		} catch (error) {
			return { ok: false as const, error: toError(error, i) };
		}
	});

	const out: INodeExecutionData[] = [];
	const failed: number[] = [];
	results.forEach((r, i) => {
		if (r.ok) {
			const list = Array.isArray(r.value) ? r.value : [r.value];
			for (const json of list) out.push({ json, pairedItem: { item: i } });
		} else {
			failed.push(i);
			out.push({ json: errorJson(r.error), pairedItem: { item: i } });
		}
	});
	if (failed.length && !continueOnFail) {
		const first = results[failed[0]] as { error: NodeApiError | NodeOperationError };
		const done = results.length - failed.length;
		if (options.writes && results.length > 1) {
			const list = failed
				.slice(0, 20)
				.map((i) => i + 1)
				.join(', ');
			first.error.description = [
				first.error.description,
				`${failed.length} of ${results.length} items failed (items ${list}${failed.length > 20 ? ', …' : ''}); the other ${done} were carried out. Turn on "Continue On Fail" to get one result per item.`,
			]
				.filter(Boolean)
				.join(' ');
		}
		throw first.error;
	}
	return out;
}
