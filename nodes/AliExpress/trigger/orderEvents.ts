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
 * What New Order remembers is small: the reads overlap, so an order created
 * before `decided` (the previous read's start, minus one more hour for a
 * Pacific time read an hour early) was read by an earlier poll, if it showed up
 * within the tolerance — and then it was emitted, or, seen only in unwanted
 * statuses, is remembered as *pending*. So New Order remembers the orders it
 * emitted only while they are younger than `decided` (a few hours), and the
 * pending ones for Memory days; with any status nothing is ever pending.
 * Order Updated remembers each order's emitted statuses until the order was
 * last seen modified longer ago than Memory. Orders created longer ago than
 * Memory are not read for New Order at all. memory.ts has the encoding.
 *
 * Version 1 states (a JSON object per order) are read and upgraded: New Order
 * with Statuses keeps deciding the orders created up to the upgrade by what it
 * emitted (`legacyDay`), as version 1 did, until they are older than Memory.
 */
import type { IDataObject } from 'n8n-workflow';

import { fromPacificString } from '../transport/time';
import {
	dayOf,
	dayOfMs,
	DAY_MS,
	decodeMemory,
	encodeMemory,
	hasBit,
	maskOf,
	pack,
	statusBit,
	type Entries,
	type StoredMemory,
} from './memory';

export type OrderEvent = 'newOrder' | 'orderUpdated';

export const STATE_VERSION = 2;

/** Order Updated reads orders created up to this long ago (within the API's longest create range of 180 days). */
export const UPDATED_CREATED_LOOKBACK_MS = 179 * 86_400_000;

const HOUR = 3600_000;
/** New Order's flags. */
const EMITTED = 1;
const PENDING = 2;

export interface PollState extends StoredMemory {
	v: number;
	event: OrderEvent;
	/** Events before this instant are history (ms). */
	baseline: number;
	/** Start of the last successful poll (ms). */
	watermark: number;
	/** New Order: orders created before this instant (ms) were read by an earlier poll. */
	decided?: number;
	/** New Order upgraded from version 1 with Statuses: orders created before this UTC day are emitted unless remembered as emitted. */
	legacyDay?: number;
	/** Order Updated: the status bit i of a mask stands for. */
	st?: string[];
}

/** Version 1: orderId → [seconds of the order's gmt_create / gmt_update, emitted statuses joined by ","]. */
interface PollStateV1 {
	v: 1;
	event: OrderEvent;
	baseline: number;
	watermark: number;
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

/** The poll after one that started at `watermark` has read every order created before this. */
function decidedAfter(watermark: number, settings: PollSettings): number {
	// The read's start, less an hour: a gmt_create in the hour a DST change repeats may read an hour early.
	return Math.max(0, watermark - settings.overlapMs - HOUR) - HOUR;
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
 * The decoded memory of the state the last selectEvents returned, so that a
 * trigger polling on the same in-memory static data decodes it only once. Taken
 * out when used: a state passed again is decoded from its text.
 */
const decoded = new WeakMap<object, Entries>();

function entriesOf(state: PollState): Entries {
	const cached = decoded.get(state);
	if (cached) {
		decoded.delete(state);
		return cached;
	}
	return decodeMemory(state);
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
	const entries = entriesOf(state);
	const wanted = new Set(settings.statuses);
	const st = [...(state.st ?? [])];
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
	const decided = state.decided ?? decidedAfter(state.watermark, settings);
	const legacyDay = state.legacyDay;
	for (const { order, created: createdAt, updated } of sorted) {
		const created = createdAt as number;
		const id = idOf(order);
		const status = statusOf(order);
		const entry = entries.get(id);
		if (settings.event === 'newOrder') {
			if (created < baseline) continue;
			const mask = entry === undefined ? 0 : maskOf(entry);
			if (hasBit(mask, EMITTED)) continue;
			if (wanted.size && !wanted.has(status)) {
				// Seen, not emitted: it may still reach a wanted status. (Older ones were decided:
				// without an entry, they were emitted and forgotten.)
				if (entry === undefined && created >= decided)
					entries.set(id, pack(dayOfMs(created), PENDING));
				continue;
			}
			const remembered =
				(legacyDay !== undefined && dayOfMs(created) < legacyDay) || created >= decided;
			// Emitted unless remembered as emitted; or, read before, emitted unless pending.
			if (!remembered && !hasBit(mask, PENDING)) continue;
			entries.set(id, pack(dayOfMs(created), EMITTED));
		} else {
			if (wanted.size && !wanted.has(status)) continue;
			const changed = updated ?? created;
			if (changed < baseline) continue;
			const bit = statusBit(st, status);
			const day = Math.max(entry === undefined ? 0 : dayOf(entry), dayOfMs(changed));
			const mask = entry === undefined ? 0 : maskOf(entry);
			if (hasBit(mask, bit)) {
				entries.set(id, pack(day, mask));
				continue;
			}
			entries.set(id, pack(day, mask + bit));
		}
		events.push(order);
	}
	// Forget what can no longer come back: older than the retention (plus the DST hour),
	// and for New Order what it emitted once older than what the next poll has decided.
	const horizon = now - settings.retainMs - HOUR;
	const decidedNext = decidedAfter(now, settings);
	const legacy = legacyDay !== undefined && legacyDay * DAY_MS > horizon ? legacyDay : undefined;
	for (const [id, packed] of entries) {
		const day = dayOf(packed);
		const end = (day + 1) * DAY_MS;
		if (end <= horizon) entries.delete(id);
		else if (
			settings.event === 'newOrder' &&
			maskOf(packed) === EMITTED &&
			end <= decidedNext &&
			!(legacy !== undefined && day < legacy)
		)
			entries.delete(id);
	}
	const next: PollState = {
		v: STATE_VERSION,
		event: state.event,
		baseline: state.baseline,
		watermark: now,
		...(settings.event === 'newOrder' ? { decided: decidedNext } : { st }),
		...(legacy !== undefined ? { legacyDay: legacy } : {}),
		...encodeMemory(entries),
	};
	decoded.set(next, entries);
	return { events, state: next };
}

/** A fresh state: the baseline is the start date if one is set, else now (no history). */
export function initialState(event: OrderEvent, now: number, startDate?: number): PollState {
	const baseline = startDate ?? now;
	return { v: STATE_VERSION, event, baseline, watermark: baseline, m: {} };
}

/** A version 1 state in today's form (`statuses`: the trigger's Statuses setting). */
function upgrade(old: PollStateV1, statuses: string[]): PollState {
	const entries: Entries = new Map();
	const st: string[] = [];
	for (const [id, [time, emitted]] of Object.entries(old.seen ?? {})) {
		const day = dayOfMs(time * 1000);
		if (old.event === 'newOrder') entries.set(id, pack(day, EMITTED));
		else {
			let mask = 0;
			for (const status of new Set(String(emitted).split(',')))
				if (status) mask += statusBit(st, status);
			entries.set(id, pack(day, mask));
		}
	}
	const state: PollState = {
		v: STATE_VERSION,
		event: old.event,
		baseline: old.baseline,
		watermark: old.watermark,
		...(old.event === 'orderUpdated' ? { st } : {}),
		// Version 1 did not remember the orders it saw in other statuses: with Statuses, the
		// orders created up to the upgrade stay decided by what it emitted.
		...(old.event === 'newOrder' && statuses.length
			? { legacyDay: dayOfMs(old.watermark) + 1 }
			: {}),
		...encodeMemory(entries),
	};
	decoded.set(state, entries);
	return state;
}

/** The remembered state, if it belongs to this trigger's settings (version 1 states are upgraded). */
export function loadState(
	data: IDataObject,
	event: OrderEvent,
	statuses: string[] = [],
): PollState | undefined {
	const state = data.orders as PollState | PollStateV1 | undefined;
	if (!state || state.event !== event) return undefined;
	if (state.v === 1) return upgrade(state as PollStateV1, statuses);
	return state.v === STATE_VERSION ? (state as PollState) : undefined;
}
