/**
 * Update Inventory and Update Price share one engine: each input item is one
 * SKU; all items are gathered, validated, packed into the fewest batch calls
 * (transport/batching) or bulk feeds (helpers/skuFeeds, "Sync Method") and sent
 * with the client's pacing. Every input item gets exactly one output item,
 * paired to it, saying whether its SKU was applied.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planSkuBatches, type ProductEntry } from '../transport/batching';
import { toList } from '../transport/envelope';
import { AliExpressError } from '../transport/errors';
import type { AliExpressClient } from '../transport/request';
import { inputError } from './input';
import { asNodeError } from './items';
import { sendByFeeds, type FeedSpec } from './skuFeeds';
import { readSyncMethod } from './syncMethod';
import { shownValue, trimmed } from './values';

/** One value a SKU sync sets (quantity, price, discount price). */
export interface SkuValueField {
	/** Parameter name in "fields" mode, and default input field name in "fromInput" mode. */
	name: string;
	displayName: string;
	/** Name of the parameter holding the input field name ("quantityField"). */
	fieldParam: string;
	required: boolean;
	/** Reads and validates; undefined when the value is not acceptable. */
	parse: (raw: unknown) => number | undefined;
	problem: string;
	fix: string;
	description: string;
}

export interface SkuSyncSpec {
	method: string;
	/** Parameter of the batch method holding the product list. */
	listParam: string;
	values: SkuValueField[];
	/** Builds one SKU entry of the call from the line's values. */
	skuEntry: (line: SkuLine) => IDataObject;
	/** The bulk feed doing the same ("Sync Method"). */
	feed: FeedSpec;
	/** A rule across the values of one SKU (price: the discount below the price); undefined when it holds. */
	check?: (
		values: Record<string, number | undefined>,
	) => { field: string; problem: string; fix: string } | undefined;
	/** Optional step between validation and sending (price: keep current discounts). */
	beforeSend?: (
		ctx: IExecuteFunctions,
		client: AliExpressClient,
		lines: SkuLine[],
	) => Promise<void>;
}

export interface SkuLine {
	itemIndex: number;
	productId: string;
	skuCode: string;
	values: Record<string, number | undefined>;
	result?: { success: boolean; errorCode?: string; errorMessage?: string; feedJobId?: string };
	/** Something the user should know about an applied SKU (price: a discount that could not be kept). */
	notice?: string;
}

function readPath(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	let current: unknown = json;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

/** Reads and validates every input item into a SKU line; bad items fail here, before any call. */
function readLines(
	ctx: IExecuteFunctions,
	spec: SkuSyncSpec,
	items: INodeExecutionData[],
	continueOnFail: boolean,
): { lines: SkuLine[]; failures: Map<number, Error> } {
	const mode = ctx.getNodeParameter('inputMode', 0, 'fields') as string;
	const fromInput = mode === 'fromInput';
	const names = fromInput
		? {
				productId: ctx.getNodeParameter('productIdField', 0) as string,
				skuCode: ctx.getNodeParameter('skuCodeField', 0) as string,
				values: spec.values.map((v) => ctx.getNodeParameter(v.fieldParam, 0, v.name) as string),
			}
		: undefined;
	const lines: SkuLine[] = [];
	const failures = new Map<number, Error>();
	const seen = new Map<string, number>();
	for (let i = 0; i < items.length; i++) {
		let failure: Error | undefined;
		try {
			const json = items[i].json;
			const get = (param: string, inputName: string | undefined, fallback?: unknown) =>
				names ? readPath(json, inputName as string) : ctx.getNodeParameter(param, i, fallback);
			const label = (displayName: string, inputName?: string) =>
				names ? `${displayName} (input field "${inputName}")` : displayName;

			const rawProduct = get('productId', names?.productId);
			const productId = trimmed(rawProduct);
			if (!/^\d{1,20}$/.test(productId)) {
				throw inputError(
					ctx,
					i,
					label('Product ID', names?.productId),
					productId
						? `must be a numeric AliExpress product ID, got ${shownValue(rawProduct)}`
						: 'is empty',
					names
						? `Make sure each input item has the product's AliExpress ID in the field "${names.productId}", or change "Product ID Field".`
						: 'Map the AliExpress product ID (digits only) into "Product ID".',
				);
			}
			const skuCode = trimmed(get('skuCode', names?.skuCode));
			if (!skuCode) {
				throw inputError(
					ctx,
					i,
					label('SKU Code', names?.skuCode),
					'is empty',
					names
						? `Make sure each input item has its SKU code in the field "${names.skuCode}", or change "SKU Code Field".`
						: 'Map the SKU code (as set on AliExpress) into "SKU Code".',
				);
			}
			const values: Record<string, number | undefined> = {};
			spec.values.forEach((v, n) => {
				const inputName = names?.values[n];
				const raw = get(v.name, inputName, '');
				if (raw === undefined || raw === null || raw === '') {
					if (!v.required) return;
					throw inputError(
						ctx,
						i,
						label(v.displayName, inputName),
						'is empty',
						names
							? `Make sure each input item has the ${v.displayName.toLowerCase()} in the field "${inputName}", or change "${v.displayName} Field".`
							: v.fix,
					);
				}
				const value = v.parse(raw);
				if (value === undefined) {
					throw inputError(
						ctx,
						i,
						label(v.displayName, inputName),
						`${v.problem}, got ${shownValue(raw)}`,
						names ? `Correct the input field "${inputName}": it ${v.problem}.` : v.fix,
					);
				}
				values[v.name] = value;
			});
			const broken = spec.check?.(values);
			if (broken) {
				const n = spec.values.findIndex((v) => v.displayName === broken.field);
				throw inputError(ctx, i, label(broken.field, names?.values[n]), broken.problem, broken.fix);
			}
			const key = `${productId}\u0000${skuCode}`;
			const earlier = seen.get(key);
			if (earlier !== undefined) {
				throw inputError(
					ctx,
					i,
					'SKU Code',
					`product ${productId} SKU "${skuCode}" already came in item ${earlier + 1}`,
					'Send each SKU once per run (remove duplicates, e.g. with the Remove Duplicates node).',
				);
			}
			seen.set(key, i);
			lines.push({ itemIndex: i, productId, skuCode, values });
		} catch (error) {
			failure = error as Error;
		}
		if (failure) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), failure, i);
			failures.set(i, failure);
		}
	}
	return { lines, failures };
}

/** Reads which products of one batch call failed. */
function failedProducts(answer: IDataObject): Map<string, { code: string; message: string }> {
	const failed = new Map<string, { code: string; message: string }>();
	for (const f of toList(answer.update_failed_list, 'synchronize_product_response_dto')) {
		failed.set(String(f.product_id), {
			code: String(f.error_code ?? 'UPDATE_FAILED'),
			message: String(f.error_message ?? 'The product was not updated'),
		});
	}
	return failed;
}

/** Product ids listed in the answer's `update_successful_list`. */
function succeededProducts(answer: IDataObject): Set<string> {
	return new Set(
		toList(answer.update_successful_list, 'synchronize_product_response_dto').map((s) =>
			String(s.product_id),
		),
	);
}

/**
 * Sets each SKU line of one batch call from the call's answer. `update_success` is true only
 * when every product was updated; `update_failed_list` names products that failed alone. A
 * refusal of the whole call is `update_success: false` with `update_error_code` /
 * `update_error_message` and no failed list: every SKU of the call fails with that code. With
 * `update_success: false`, a product neither listed as failed nor as updated is not confirmed,
 * so it is not reported as applied.
 */
export function applyBatchAnswer(batch: Array<ProductEntry<SkuLine>>, answer: IDataObject): void {
	const failed = failedProducts(answer);
	const succeeded = succeededProducts(answer);
	const refused = answer.update_success === false || answer.update_success === 'false';
	const callError = {
		code: trimmed(answer.update_error_code) || (failed.size ? 'NOT_CONFIRMED' : 'UPDATE_REFUSED'),
		message:
			trimmed(answer.update_error_message) ||
			(failed.size
				? 'AliExpress did not confirm this product was updated (update_success false); check it on AliExpress'
				: 'AliExpress refused the whole call (update_success false)'),
	};
	for (const entry of batch) {
		const failure =
			failed.get(entry.productId) ??
			(refused && !succeeded.has(entry.productId) ? callError : undefined);
		for (const line of entry.lines) {
			line.result = failure
				? { success: false, errorCode: failure.code, errorMessage: failure.message }
				: { success: true };
		}
	}
}

async function sendBatch(
	client: AliExpressClient,
	spec: SkuSyncSpec,
	batch: Array<ProductEntry<SkuLine>>,
): Promise<void> {
	const list = batch.map((entry) => ({
		product_id: entry.productId,
		multiple_sku_update_list: entry.lines.map(spec.skuEntry),
	}));
	try {
		const answer = await client.call(spec.method, { [spec.listParam]: list }, { retry: 'safe' });
		applyBatchAnswer(batch, (answer.result as IDataObject) ?? answer);
	} catch (error) {
		// The whole call failed (after retries): each of its SKUs reports why.
		const code = error instanceof AliExpressError ? error.info.code : 'ERROR';
		const message = error instanceof Error ? error.message : String(error);
		for (const entry of batch) {
			for (const line of entry.lines) {
				line.result = { success: false, errorCode: code, errorMessage: message };
			}
		}
	}
}

export async function executeSkuSync(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	spec: SkuSyncSpec,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const sync = readSyncMethod(ctx);
	if (sync instanceof NodeOperationError) {
		if (!continueOnFail) throw sync;
		// a bad option fails every item, before any call
		return items.map((_, i) => ({
			json: {
				success: false,
				errorCode: 'INVALID_OPTION',
				errorMessage: sync.message,
				error: sync.message,
			},
			pairedItem: { item: i },
		}));
	}
	const { lines, failures } = readLines(ctx, spec, items, continueOnFail);

	if (spec.beforeSend && lines.length) await spec.beforeSend(ctx, client, lines);
	const pending = lines.filter((l) => !l.result);
	const batches = planSkuBatches(pending);
	if (sync.useFeeds(batches.length)) {
		await sendByFeeds(client, spec.feed, pending, sync.feedTimeoutMs);
	} else {
		await client.map(batches, async (batch) => await sendBatch(client, spec, batch));
	}

	const byItem = new Map<number, SkuLine>();
	for (const line of lines) byItem.set(line.itemIndex, line);
	const out: INodeExecutionData[] = [];
	const failedLines: SkuLine[] = [];
	for (let i = 0; i < items.length; i++) {
		const line = byItem.get(i);
		if (!line) {
			const error = asNodeError(ctx.getNode(), failures.get(i), i);
			out.push({
				json: {
					success: false,
					errorCode: 'INVALID_INPUT',
					errorMessage: error.message,
					error: error.message,
				},
				pairedItem: { item: i },
			});
			continue;
		}
		const result = line.result ?? {
			success: false,
			errorCode: 'NOT_SENT',
			errorMessage: 'Not sent',
		};
		const json: IDataObject = { productId: line.productId, skuCode: line.skuCode };
		for (const v of spec.values)
			if (line.values[v.name] !== undefined) json[v.name] = line.values[v.name];
		json.success = result.success;
		if (!result.success) {
			json.errorCode = result.errorCode;
			json.errorMessage = result.errorMessage;
			if (result.feedJobId) json.feedJobId = result.feedJobId;
			failedLines.push(line);
		} else if (line.notice) json.notice = line.notice;
		out.push({ json, pairedItem: { item: i } });
	}

	if (failedLines.length && !continueOnFail) {
		const first = failedLines[0];
		const applied = lines.length - failedLines.length;
		const list = failedLines
			.slice(0, 10)
			.map(
				(l) =>
					`item ${l.itemIndex + 1} (product ${l.productId}, SKU ${l.skuCode}): ${l.result?.errorCode}`,
			)
			.join('; ');
		throw new NodeOperationError(
			ctx.getNode(),
			`${failedLines.length} of ${lines.length} SKUs were not updated; ${applied} were applied. First: ${first.result?.errorMessage}`,
			{
				itemIndex: first.itemIndex,
				description: `Not updated: ${list}${failedLines.length > 10 ? '; …' : ''}. All other SKUs were applied. Turn on "Continue On Fail" to get one result per item (success true or false) and handle the failed ones in the workflow.`,
			},
		);
	}
	return out;
}
