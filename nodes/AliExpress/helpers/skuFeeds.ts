/**
 * Update Inventory and Update Price by bulk feed (`aliexpress.solution.feed.submit` with
 * PRODUCT_STOCKS_UPDATE / PRODUCT_PRICES_UPDATE, results from `aliexpress.solution.feed.query`):
 * a job carries up to 2,000 products instead of a batch call's 20, and is processed by AliExpress
 * asynchronously.
 *
 * - Jobs: the SKU lines packed like batch calls (transport/batching) with at most 2,000 product
 *   entries per job and 200 SKUs per entry; each entry is one feed item
 *   `{aliexpress_product_id, multiple_sku_update_list}`, its item_content_id the product id.
 * - Submits go through the client (its pacing) and are retried only when the answer proves the
 *   job was not created: a run never submits the same item twice.
 * - Jobs are then polled in the order they were sent, one at a time (a seller's feeds are queued,
 *   so the later ones are done soon after), with a wait that starts at FIRST_POLL_MS and doubles
 *   up to MAX_POLL_MS while a job is not done, until every item of every job has a result or the
 *   Feed Timeout has passed.
 * - Each item's result applies to all SKU lines of its product entry, as a batch call's
 *   per-product result does. Items without a result by then are "not confirmed" (NOT_CONFIRMED,
 *   with the job id), never success: AliExpress may still apply them.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { planSkuBatches, MAX_SKUS_PER_PRODUCT, type ProductEntry } from '../transport/batching';
import { parseJson, toList } from '../transport/envelope';
import { AliExpressError } from '../transport/errors';
import { METHODS } from '../transport/methods';
import type { AliExpressClient } from '../transport/request';
import type { SkuLine } from './skuSync';
import { trimmed } from './values';

/** item_list's documented maximum (maxListSize 2000). */
export const MAX_FEED_ITEMS = 2000;
/** The first wait before a job is asked for its results, ms. */
export const FIRST_POLL_MS = 500;
/** The longest wait between two queries of one job, ms. */
export const MAX_POLL_MS = 15_000;

export interface FeedSpec {
	/** PRODUCT_STOCKS_UPDATE or PRODUCT_PRICES_UPDATE. */
	operationType: string;
	/** One SKU of an item's multiple_sku_update_list. */
	skuEntry: (line: SkuLine) => IDataObject;
}

interface Job {
	jobId: string;
	/** item_content_id → its product entry, until it has a result. */
	open: Map<string, ProductEntry<SkuLine>>;
	lastError?: string;
	/** A query refused for good (not worth asking again). */
	stopped?: boolean;
}

const setAll = (entries: Iterable<ProductEntry<SkuLine>>, result: SkuLine['result']) => {
	for (const entry of entries) for (const line of entry.lines) line.result = { ...result! };
};

/** The item_content of one product entry; the product id written as the bare digits it is. */
function itemContent(spec: FeedSpec, entry: ProductEntry<SkuLine>): string {
	const id = entry.productId.replace(/^0+(?=\d)/, '');
	return `{"aliexpress_product_id":${id},"multiple_sku_update_list":${JSON.stringify(entry.lines.map(spec.skuEntry))}}`;
}

const text = (...values: unknown[]) => values.map(trimmed).find((v) => v !== '');

/** One item's item_execution_result (a JSON string; documented: `{"productId":…,"success":true}`). */
export function itemResult(raw: unknown, jobId: string): NonNullable<SkuLine['result']> {
	const shown = trimmed(raw);
	let parsed: IDataObject = {};
	try {
		const value = parseJson(shown);
		if (value && typeof value === 'object') parsed = value as IDataObject;
	} catch {
		// not JSON: quoted as the reason below
	}
	if (parsed.success === true || parsed.success === 'true') return { success: true };
	// How a failure names its reason is not documented: read the usual keys, else quote it all.
	return {
		success: false,
		errorCode: text(parsed.errorCode, parsed.error_code, parsed.code) ?? 'FEED_ITEM_FAILED',
		errorMessage:
			text(parsed.errorMessage, parsed.error_message, parsed.message, parsed.msg) ??
			`AliExpress did not apply this product's item of feed job ${jobId}: ${shown.slice(0, 300) || '(empty result)'}`,
	};
}

async function submit(
	client: AliExpressClient,
	spec: FeedSpec,
	batch: Array<ProductEntry<SkuLine>>,
): Promise<Job | undefined> {
	const itemList = batch.map((entry) => ({
		item_content_id: entry.productId,
		item_content: itemContent(spec, entry),
	}));
	try {
		const answer = await client.call(
			METHODS.feedSubmit,
			{ operation_type: spec.operationType, item_list: itemList },
			{ retry: 'ifNotExecuted' },
		);
		const jobId = trimmed(answer.job_id);
		if (!/^\d+$/.test(jobId)) {
			setAll(batch, {
				success: false,
				errorCode: 'NOT_CONFIRMED',
				errorMessage:
					'AliExpress answered the feed without a job id, so its result cannot be read; check the feeds of your store before sending these SKUs again',
			});
			return undefined;
		}
		return { jobId, open: new Map(batch.map((entry) => [entry.productId, entry])) };
	} catch (error) {
		const info = error instanceof AliExpressError ? error.info : undefined;
		const message = error instanceof Error ? error.message : String(error);
		setAll(batch, {
			success: false,
			errorCode: info?.code ?? 'ERROR',
			errorMessage:
				info?.notExecuted === false || info?.kind === 'connection'
					? `${message}. AliExpress may have created the feed job anyway: check the feeds of your store before sending these SKUs again`
					: message,
		});
		return undefined;
	}
}

/** Asks for a job's results once; returns whether every item has one. */
async function query(client: AliExpressClient, job: Job): Promise<boolean> {
	try {
		const answer = await client.call(METHODS.feedQuery, { job_id: job.jobId }, { retry: 'safe' });
		for (const item of toList(answer.result_list, 'single_item_response_dto')) {
			const entry = job.open.get(trimmed(item.item_content_id));
			if (!entry) continue;
			setAll([entry], itemResult(item.item_execution_result, job.jobId));
			job.open.delete(entry.productId);
		}
	} catch (error) {
		job.lastError = error instanceof Error ? error.message : String(error);
		const kind = error instanceof AliExpressError ? error.info.kind : undefined;
		// Worth asking again later only when the platform or the network was the trouble.
		if (kind !== 'rateLimit' && kind !== 'platform' && kind !== 'connection') job.stopped = true;
	}
	return job.open.size === 0;
}

/** Sends `lines` by feed; every line gets a result (success, its item's error, or not confirmed). */
export async function sendByFeeds(
	client: AliExpressClient,
	spec: FeedSpec,
	lines: SkuLine[],
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const batches = planSkuBatches(lines, MAX_FEED_ITEMS, MAX_SKUS_PER_PRODUCT);
	const jobs = (
		await client.map(batches, async (batch) => await submit(client, spec, batch))
	).filter((job): job is Job => job !== undefined);

	let wait = FIRST_POLL_MS;
	let waitFirst = true;
	for (const job of jobs) {
		for (;;) {
			if (waitFirst) {
				const left = deadline - Date.now();
				if (left <= 0) break;
				await sleep(Math.min(wait, left));
				wait = Math.min(wait * 2, MAX_POLL_MS);
			}
			waitFirst = true;
			if ((await query(client, job)) || job.stopped || Date.now() >= deadline) break;
		}
		// the next job was sent right after this one: ask at once (the wait so far stays)
		waitFirst = false;
		if (job.open.size) notConfirmed(job, timeoutMs);
	}
}

function notConfirmed(job: Job, timeoutMs: number): void {
	const why = job.stopped
		? `reading feed job ${job.jobId} failed: ${job.lastError}`
		: `AliExpress had not reported on this product in feed job ${job.jobId} within the Feed Timeout (${Math.round(timeoutMs / 1000)} s)${job.lastError ? `; the last query failed: ${job.lastError}` : ''}`;
	setAll(job.open.values(), {
		success: false,
		errorCode: 'NOT_CONFIRMED',
		errorMessage: `Not confirmed: ${why}. The change may still be applied: read the job's results (aliexpress.solution.feed.query, job_id ${job.jobId}) or the SKU before sending it again.`,
		feedJobId: job.jobId,
	});
}
