/**
 * Publishing a product never twice, yet without failing an item whose answer
 * was lost:
 * - a refusal that proves nothing ran (quota, HTTP 429, connection refused) is
 *   retried by the transport;
 * - when the fate is unknown (timeout, reset, cut-short answer, HTTP 5xx,
 *   ISP error) the node looks the product up (see `findPublished`): found, the
 *   item succeeds with `recovered: true`; proven absent, it is published again.
 *   All publishes of an item count against Max Attempts and Max Retry Time.
 */
import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { PRODUCT_STATUS_OPTIONS } from '../descriptions/product';
import { AliExpressError, toNodeApiError } from '../transport/errors';
import { METHODS } from '../transport/methods';
import { newBudget, type AliExpressClient } from '../transport/request';
import { fromPacificString } from '../transport/time';
import { withBusinessHint } from './businessHints';
import { LIST_PAGE_SIZE_MAX } from './limits';
import { simplifyProduct } from './productOutput';
import { listProducts, readProduct } from './products';
import { trimmed } from './values';

/** What identifies a published product when its answer was lost: its title and its SKU codes. */
export interface Fingerprint {
	title: string;
	skuCodes: string[];
}

export function fingerprintOf(title: string, skuCodes: string[]): Fingerprint | undefined {
	if (!title || skuCodes.length === 0 || skuCodes.some((c) => !c)) return undefined;
	return { title, skuCodes };
}

/** A publish request as sent, and what identifies its product when the answer is lost. */
export interface PublishRequest {
	/** The post_product_request as sent, or with `offer` the aeop_a_e_product. */
	request: string;
	/** Published through aliexpress.offer.product.post (the product has GPSR data). */
	offer?: boolean;
	/** Undefined when the request lacks a title or a SKU code (JSON mode): no lookup is possible. */
	fingerprint?: Fingerprint;
}

/**
 * How far back a found product may have been created and still be this
 * publish's: the node's and AliExpress's clocks may differ (the gateway itself
 * accepts 10 minutes of difference).
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** A publish whose answer was lost: it may or may not have created the product. */
export function fateUnknown(error: unknown): error is AliExpressError {
	return (
		error instanceof AliExpressError &&
		error.info.notExecuted !== true &&
		(error.info.kind === 'connection' || error.info.kind === 'platform')
	);
}

const normalTitle = (t: unknown) => trimmed(t).replace(/\s+/g, ' ').toLowerCase();

/**
 * Looks for the product a lost publish may have created: in every status (read at once),
 * products that have the request's first SKU code (the list's exact `sku_code`
 * filter) and its title (compared here), created since `since`, not yet claimed by another item of
 * this run, whose SKU codes are exactly the request's (read with
 * product.info.get). Returns its id and claims it, or undefined when there is
 * none: then the product was not created. Every call is a read, retried as
 * such; a failure after retries is thrown.
 */
export async function findPublished(
	client: AliExpressClient,
	want: Fingerprint,
	since: number,
	claimed: Set<string>,
): Promise<string | undefined> {
	const title = normalTitle(want.title);
	const codes = [...want.skuCodes].sort().join('\n');
	// AliExpress lists one status at a time; a new product may already be in any of them.
	const lists = await client.map(
		PRODUCT_STATUS_OPTIONS,
		async ({ value: status }) =>
			await listProducts(client, status, { sku_code: want.skuCodes[0] }, LIST_PAGE_SIZE_MAX),
	);
	for (const listed of lists) {
		for (const item of listed) {
			const id = trimmed(item.product_id);
			if (!id || claimed.has(id) || normalTitle(item.subject) !== title) continue;
			const created = fromPacificString(item.gmt_create);
			// Pacific strings have whole seconds; an unreadable date does not rule a product out.
			if (created !== undefined && created + 1000 < since) continue;
			const product = simplifyProduct(await readProduct(client, id));
			const skuCodes = (product.skus as IDataObject[]).map((sku) => trimmed(sku.skuCode));
			if (skuCodes.sort().join('\n') === codes && !claimed.has(id)) {
				claimed.add(id);
				return id;
			}
		}
	}
	return undefined;
}

/** The error of a publish that could not be completed, saying what is known about the product. */
function publishFailure(
	ctx: IExecuteFunctions,
	lost: AliExpressError,
	itemIndex: number,
	known: 'absent' | 'unchecked' | 'lookupFailed',
	lookupError?: unknown,
): NodeApiError {
	const error = toNodeApiError(ctx.getNode(), lost, itemIndex);
	const check =
		'Check with Product → Get Many (Filters › Title Contains) or in the seller center before publishing this item again, so it is not published twice.';
	error.description =
		known === 'absent'
			? `${error.description ?? ''} AliExpress did not create the product: the node looked it up after the lost answer and found none, so the item can safely be run again.`.trim()
			: known === 'unchecked'
				? `The answer to the publish was lost, so the product may or may not have been created, and the node cannot look it up: the Product JSON has no title (multi_language_subject_list) or a SKU without sku_code. ${check}`
				: `The answer to the publish was lost, so the product may or may not have been created, and looking it up failed too (${
						lookupError instanceof Error ? lookupError.message : 'unknown error'
					}). ${check}`;
	return error;
}

/**
 * Publishes one product, never twice: see this module's comment. Returns the
 * product id and whether it was found by a lookup after a lost answer.
 */
export async function publishOne(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	prepared: PublishRequest,
	itemIndex: number,
	claimed: Set<string>,
): Promise<{ productId: string; recovered: boolean }> {
	const budget = newBudget();
	const since = budget.startedAt - CLOCK_SKEW_MS;
	for (;;) {
		let outcome: { answer: IDataObject } | { error: unknown };
		try {
			outcome = {
				answer: await client.call(
					prepared.offer ? METHODS.offerProductPost : METHODS.productPost,
					prepared.offer
						? { aeop_a_e_product: prepared.request }
						: { post_product_request: prepared.request },
					{ retry: 'ifNotExecuted', budget },
				),
			};
		} catch (error) {
			outcome = { error };
		}
		if ('answer' in outcome) {
			const result = (outcome.answer.result ?? outcome.answer) as IDataObject;
			const productId = trimmed(result.product_id);
			if (!productId) {
				throw new NodeOperationError(
					ctx.getNode(),
					`Item ${itemIndex + 1}: AliExpress accepted the product but returned no product ID`,
					{
						itemIndex,
						description:
							'Look the product up in the seller center (or with Get Many) before publishing again, so it is not published twice.',
					},
				);
			}
			claimed.add(productId);
			return { productId, recovered: false };
		}
		const lost = outcome.error;
		if (!fateUnknown(lost)) throw withBusinessHint(ctx, lost, itemIndex);
		if (!prepared.fingerprint) throw publishFailure(ctx, lost, itemIndex, 'unchecked');

		// Wait as a retry would: a publish still in progress at the platform gets time to land.
		const delay = client.backoffDelay(budget.attempts);
		await sleep(delay);
		let found: string | undefined;
		let lookupError: unknown;
		try {
			found = await findPublished(client, prepared.fingerprint, since, claimed);
		} catch (error) {
			lookupError = error;
		}
		if (lookupError !== undefined)
			throw publishFailure(ctx, lost, itemIndex, 'lookupFailed', lookupError);
		ctx.logger?.debug(
			`AliExpress publish, item ${itemIndex + 1}: answer lost (${lost.info.code}); ${
				found ? `found product ${found}` : 'not created, publishing again'
			}`,
		);
		if (found) return { productId: found, recovered: true };
		if (!client.mayRetry(budget, 0)) throw publishFailure(ctx, lost, itemIndex, 'absent');
	}
}
