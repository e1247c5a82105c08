/**
 * "Sync Method" and "Feed Timeout" of Update Inventory and Update Price: batch calls (20
 * products per call, applied at once) or bulk feeds (2,000 products per job, processed by
 * AliExpress asynchronously). Read once, from the first item, and checked before any call.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shownValue } from './values';

export const SYNC_METHODS = ['auto', 'batch', 'feed'] as const;
export type SyncMethod = (typeof SYNC_METHODS)[number];

/**
 * "Auto" uses feeds when the batch plan needs more than this many calls (more than 1,000
 * products at 20 per call). Below it, batch calls finish within seconds and are applied at
 * once, while a feed waits for AliExpress's queue (seconds to minutes) and counts against the
 * fewer than 150 feeds per day AliExpress recommends; above it, one feed job replaces up to
 * 100 calls.
 */
export const AUTO_FEED_ABOVE_CALLS = 50;
/** Feed Timeout's default, seconds. */
export const DEFAULT_FEED_TIMEOUT_S = 600;

export interface SyncSettings {
	method: SyncMethod;
	feedTimeoutMs: number;
	/** Whether to send by feed, given the number of batch calls the SKUs need. */
	useFeeds(batchCalls: number): boolean;
}

/** The settings, or the error naming a bad option (returned, so the caller decides per Continue On Fail). */
export function readSyncMethod(ctx: IExecuteFunctions): SyncSettings | NodeOperationError {
	const raw = ctx.getNodeParameter('syncMethod', 0, 'auto') as unknown;
	const method = SYNC_METHODS.find((m) => m === raw);
	if (!method) {
		return new NodeOperationError(
			ctx.getNode(),
			`Parameter "Sync Method" (syncMethod) must be one of auto, batch, feed, got ${shownValue(raw)}`,
			{ description: 'Choose Auto, Batch Calls or Bulk Feeds in "Sync Method".' },
		);
	}
	let feedTimeoutMs = DEFAULT_FEED_TIMEOUT_S * 1000;
	if (method !== 'batch') {
		const value = ctx.getNodeParameter('feedTimeout', 0, DEFAULT_FEED_TIMEOUT_S) as unknown;
		const seconds = typeof value === 'number' ? value : Number(value);
		if (value === '' || value === null || !Number.isFinite(seconds) || seconds <= 0) {
			return new NodeOperationError(
				ctx.getNode(),
				`Parameter "Feed Timeout (Seconds)" (feedTimeout) must be a positive number, got ${shownValue(value)}`,
				{
					description: `Set how many seconds to wait for AliExpress to process the feeds (${DEFAULT_FEED_TIMEOUT_S} by default).`,
				},
			);
		}
		feedTimeoutMs = seconds * 1000;
	}
	return {
		method,
		feedTimeoutMs,
		useFeeds: (batchCalls) =>
			method === 'feed' || (method === 'auto' && batchCalls > AUTO_FEED_ABOVE_CALLS),
	};
}
