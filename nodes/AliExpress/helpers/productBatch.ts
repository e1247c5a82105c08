/**
 * Put Online, Take Offline and Delete share one engine: each input item names one
 * product; all items are read and checked first (bad ids fail before any call), the
 * distinct ids are packed into as few calls as the method allows, and every input item
 * gets exactly one output item, paired to it, saying what the platform confirmed for
 * its product.
 *
 * Nothing is doubled by a retry: the transport repeats a call only when the answer
 * proves it was not carried out. When the fate of a call is unknown (timeout, reset,
 * HTTP 5xx, ISP error), the products are looked up (`settled`): those already in the
 * end state succeed with `recovered: true`, the others are sent again while Max
 * Attempts and Max Retry Time allow, as Publish does with a lost answer.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { AliExpressError } from '../transport/errors';
import { newBudget, type AliExpressClient, type RetryBudget } from '../transport/request';
import { requireId } from './input';
import { asNodeError } from './items';
import { fateUnknown } from './publishRecovery';

/** What the platform confirmed for one product. */
export interface ProductResult {
	success: boolean;
	errorCode?: string;
	errorMessage?: string;
	/** Confirmed by a lookup after the call's answer was lost. */
	recovered?: boolean;
	/** The call's own error, when the whole call failed (shown as n8n's error without Continue On Fail). */
	error?: unknown;
}

export interface ProductBatchSpec {
	/** Most products one call may carry. */
	maxPerCall: number;
	/** Ids that go into one call together, per item (e.g. the offline reason); '' when all may share. */
	groupOf?: (itemIndex: number) => string;
	/** One call for these distinct ids (of one group), each id's result as the answer tells it. */
	send: (ids: string[], group: string, budget: RetryBudget) => Promise<Map<string, ProductResult>>;
	/** After a lost answer: for each id, whether it is already in the end state (read, not written). */
	settled: (ids: string[]) => Promise<Map<string, boolean>>;
	/** Fields of a confirmed item besides productId and success (e.g. {status: 'offline'}). */
	done: IDataObject;
	/** "taken offline": for messages. */
	verb: string;
}

interface Line {
	itemIndex: number;
	productId: string;
	group: string;
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One call's ids to the end: sent, and after a lost answer looked up and sent again. */
async function settle(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	spec: ProductBatchSpec,
	ids: string[],
	group: string,
): Promise<Map<string, ProductResult>> {
	const budget = newBudget();
	const results = new Map<string, ProductResult>();
	let pending = ids;
	for (;;) {
		let lost: AliExpressError;
		try {
			for (const [id, r] of await spec.send(pending, group, budget)) results.set(id, r);
			return results;
		} catch (error) {
			if (!fateUnknown(error)) {
				const code = error instanceof AliExpressError ? error.info.code : 'ERROR';
				for (const id of pending)
					results.set(id, { success: false, errorCode: code, errorMessage: message(error), error });
				return results;
			}
			lost = error;
		}
		// Wait as a retry would: a call still in progress at the platform gets time to land.
		await sleep(client.backoffDelay(budget.attempts));
		let state: Map<string, boolean>;
		try {
			state = await spec.settled(pending);
		} catch (lookupError) {
			for (const id of pending) {
				results.set(id, {
					success: false,
					errorCode: lost.info.code,
					errorMessage: `${lost.message}. The answer was lost, so the product may or may not have been ${spec.verb}, and looking it up failed too (${message(lookupError)}). Check it with Product → Get before running this item again.`,
					error: lost,
				});
			}
			return results;
		}
		const still: string[] = [];
		for (const id of pending) {
			if (state.get(id)) results.set(id, { success: true, recovered: true });
			else still.push(id);
		}
		ctx.logger?.debug(
			`AliExpress: answer lost (${lost.info.code}); ${pending.length - still.length} of ${pending.length} products found ${spec.verb}`,
		);
		if (still.length === 0) return results;
		if (!client.mayRetry(budget, 0)) {
			for (const id of still) {
				results.set(id, {
					success: false,
					errorCode: lost.info.code,
					errorMessage: `${lost.message}. The product was not ${spec.verb}: the node looked it up after the lost answer, so this item can safely be run again.`,
					error: lost,
				});
			}
			return results;
		}
		pending = still;
	}
}

export async function executeProductBatch(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	spec: ProductBatchSpec,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const lines: Array<Line | { itemIndex: number; error: Error }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const productId = requireId(
				ctx,
				i,
				'Product ID',
				ctx.getNodeParameter('productId', i, ''),
				'AliExpress product ID',
			);
			lines.push({ itemIndex: i, productId, group: spec.groupOf?.(i) ?? '' });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), error, i);
			lines.push({ itemIndex: i, error: error as Error });
		}
	}

	// The distinct ids of each group, in order of first appearance: a product named by two
	// items is sent once, and both items get its result.
	const groups = new Map<string, string[]>();
	for (const line of lines) {
		if (!('productId' in line)) continue;
		const ids = groups.get(line.group) ?? [];
		if (!ids.includes(line.productId)) ids.push(line.productId);
		groups.set(line.group, ids);
	}
	const calls = [...groups].flatMap(([group, ids]) =>
		chunks(ids, spec.maxPerCall).map((chunk) => ({ group, ids: chunk })),
	);
	const answered = await client.map(
		calls,
		async ({ group, ids }) => await settle(ctx, client, spec, ids, group),
	);
	const byGroup = new Map<string, Map<string, ProductResult>>();
	calls.forEach(({ group }, n) => {
		const map = byGroup.get(group) ?? new Map<string, ProductResult>();
		for (const [id, r] of answered[n]) map.set(id, r);
		byGroup.set(group, map);
	});

	const out: INodeExecutionData[] = [];
	const failed: Array<{ itemIndex: number; productId?: string; result: ProductResult }> = [];
	for (const line of lines) {
		const pairedItem = { item: line.itemIndex };
		if (!('productId' in line)) {
			const error = asNodeError(ctx.getNode(), line.error, line.itemIndex);
			out.push({
				json: { success: false, errorCode: 'INVALID_INPUT', errorMessage: error.message },
				pairedItem,
			});
			continue;
		}
		const result = byGroup.get(line.group)?.get(line.productId) ?? {
			success: false,
			errorCode: 'NOT_CONFIRMED',
			errorMessage: `AliExpress did not say whether product ${line.productId} was ${spec.verb}`,
		};
		const json: IDataObject = { productId: line.productId, success: result.success };
		if (result.success) {
			Object.assign(json, spec.done);
			if (result.recovered) json.recovered = true;
		} else {
			json.errorCode = result.errorCode;
			json.errorMessage = result.errorMessage;
			failed.push({ itemIndex: line.itemIndex, productId: line.productId, result });
		}
		out.push({ json, pairedItem });
	}

	if (failed.length && !continueOnFail) {
		const first = failed[0];
		const done = lines.length - failed.length;
		const list = failed
			.slice(0, 10)
			.map((f) => `item ${f.itemIndex + 1} (product ${f.productId}): ${f.result.errorCode}`)
			.join('; ');
		const summary = `Not ${spec.verb}: ${list}${failed.length > 10 ? '; …' : ''}. The other ${done} products were ${spec.verb}. Turn on "Continue On Fail" to get one result per item (success true or false).`;
		if (first.result.error instanceof AliExpressError) {
			const error = asNodeError(ctx.getNode(), first.result.error, first.itemIndex);
			const detail = first.result.errorMessage !== error.message ? first.result.errorMessage : '';
			error.description = [error.description, detail, summary].filter(Boolean).join(' ');
			throw error;
		}
		throw new NodeOperationError(
			ctx.getNode(),
			`${failed.length} of ${lines.length} products were not ${spec.verb}. First: ${first.result.errorMessage}`,
			{ itemIndex: first.itemIndex, description: summary },
		);
	}
	return out;
}
