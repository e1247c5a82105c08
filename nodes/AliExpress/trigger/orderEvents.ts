/**
 * Exactly-once order events for the polling trigger, as pure functions of the
 * remembered state, the orders one poll read, and the time.
 *
 * Each poll reads the orders *modified* since the last poll's start minus an
 * overlap, with an open end and no status filter on the server (so that no
 * order can leave the result set while it is paged: pages only ever gain
 * orders, which costs duplicates, never gaps). Statuses are filtered here.
 * What was emitted is remembered per order, so overlapping reads, late
 * orders, page shifts and the hour a DST change repeats never emit twice.
 *
 * - `newOrder`: an order created at or after the baseline (to the second, as
 *   AliExpress gives times), emitted once, the
 *   first time it is seen with a wanted status.
 * - `orderUpdated`: each (order, status) pair, emitted once, for orders
 *   modified at or after the baseline with a wanted status.
 *
 * Memory is bounded in time: an entry is dropped once its order was created
 * (newOrder) or last seen modified (orderUpdated) longer ago than `retainMs`.
 * Orders created longer ago than that are not read for newOrder at all.
 */
import type { IDataObject } from 'n8n-workflow';

import { fromPacificString } from '../transport/time';

export type OrderEvent = 'newOrder' | 'orderUpdated';

export const STATE_VERSION = 1;

/** Order Updated reads orders created up to this long ago (within the API's longest create range of 180 days). */
export const UPDATED_CREATED_LOOKBACK_MS = 179 * 86_400_000;

export interface PollState {
	v: number;
	event: OrderEvent;
	/** Events before this instant are history (ms). */
	baseline: number;
	/** Start of the last successful poll (ms). */
	watermark: number;
	/** orderId → [seconds of the order's gmt_create / gmt_update, emitted statuses joined by ","]. */
	seen: Record<string, [number, string]>;
}

export interface PollSettings {
	event: OrderEvent;
	statuses: string[];
	/** How far before the last poll each read starts (ms): the lateness tolerated. */
	overlapMs: number;
	/** How long what was emitted is remembered (ms). */
	retainMs: number;
}

/** The order query of one poll (epoch ms). */
export function pollQuery(state: PollState, settings: PollSettings, now: number) {
	// One extra hour: a Pacific time in the hour a DST change repeats may read an hour early.
	const modifiedFrom = Math.max(0, state.watermark - settings.overlapMs - 3600_000);
	const createdFrom =
		settings.event === 'newOrder'
			? Math.max(state.baseline - 3600_000, Math.min(now - settings.retainMs, modifiedFrom))
			: now - UPDATED_CREATED_LOOKBACK_MS;
	return { modifiedFrom, createdFrom };
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function timeOf(order: IDataObject, field: 'gmt_create' | 'gmt_update'): number | undefined {
	const value = order[field] ?? (field === 'gmt_update' ? order.gmt_modified : undefined);
	return fromPacificString(value);
}

function idOf(order: IDataObject): string {
	return String(order.order_id ?? order.id ?? '');
}

function statusOf(order: IDataObject): string {
	return String(order.order_status ?? '');
}

/**
 * Which of the orders one poll read are events, and the state after them.
 * `orders` may hold the same order more than once and in any order.
 */
export function selectEvents(
	state: PollState,
	settings: PollSettings,
	orders: IDataObject[],
	now: number,
): { events: IDataObject[]; state: PollState } {
	const seen: PollState['seen'] = { ...state.seen };
	const wanted = new Set(settings.statuses);
	// Oldest change first, so events come in the order they happened.
	const sorted = orders
		.map((order) => ({
			order,
			created: timeOf(order, 'gmt_create'),
			updated: timeOf(order, 'gmt_update'),
		}))
		.filter((o) => idOf(o.order) && o.created !== undefined)
		.sort((a, b) => (a.updated ?? a.created ?? 0) - (b.updated ?? b.created ?? 0));
	const events: IDataObject[] = [];
	// AliExpress's times have whole seconds: the baseline's second counts as after it.
	const baseline = seconds(state.baseline) * 1000;
	for (const { order, created, updated } of sorted) {
		const id = idOf(order);
		const status = statusOf(order);
		if (wanted.size && !wanted.has(status)) continue;
		const entry = seen[id];
		if (settings.event === 'newOrder') {
			if (entry || (created as number) < baseline) continue;
			seen[id] = [seconds(created as number), status];
		} else {
			const changed = updated ?? (created as number);
			if (changed < baseline) continue;
			const statuses = entry ? entry[1].split(',') : [];
			if (statuses.includes(status)) {
				seen[id] = [Math.max(entry[0], seconds(changed)), entry[1]];
				continue;
			}
			seen[id] = [Math.max(entry?.[0] ?? 0, seconds(changed)), [...statuses, status].join(',')];
		}
		events.push(order);
	}
	// Forget what can no longer come back: older than the retention (plus the DST hour).
	const horizon = seconds(now - settings.retainMs - 3600_000);
	for (const id of Object.keys(seen)) if (seen[id][0] < horizon) delete seen[id];
	return { events, state: { ...state, seen, watermark: now } };
}

/** A fresh state: the baseline is the start date if one is set, else now (no history). */
export function initialState(event: OrderEvent, now: number, startDate?: number): PollState {
	const baseline = startDate ?? now;
	return { v: STATE_VERSION, event, baseline, watermark: baseline, seen: {} };
}

/** The remembered state, if it belongs to this trigger's settings. */
export function loadState(data: IDataObject, event: OrderEvent): PollState | undefined {
	const state = data.orders as PollState | undefined;
	if (!state || state.v !== STATE_VERSION || state.event !== event) return undefined;
	return state;
}
