/**
 * The query windows of `aliexpress.solution.order.get`: one logical order
 * query (Get Many, the trigger) as the create-date windows AliExpress allows.
 *
 * The rules of `aliexpress.solution.order.get` that shape the windows:
 * - a create-date range spans at most 180 days;
 * - "the time interval for inquiring about a FINISH order cannot exceed 30
 *   days" (IOP javadoc of AliexpressSolutionOrderGetRequest): a FINISH query's
 *   create window spans at most 30 days — a limit on the window's width, not
 *   on how far back: older finished orders are read in more 30-day windows —
 *   and FINISH is asked for alone;
 * - without a status list the API leaves FINISH orders out (legacy docs), so
 *   "every status" is asked for explicitly: the ten other statuses in one
 *   list, FINISH on its own.
 */
import { ORDER_STATUS_VALUES } from '../descriptions/order';
import { fromPacificString, toPacificString } from '../transport/time';

/** Orders per page; the API's maximum. */
export const ORDER_PAGE_SIZE = 50;
/** Longest create-date range of one query. */
export const ORDER_RANGE_MAX_DAYS = 180;
/** A FINISH query's create window spans at most this many days (at any age). */
export const FINISH_MAX_DAYS = 30;
export const FINISH = 'FINISH';

const HOUR = 3_600_000;
const SECOND = 1000;
const DAY = 86_400_000;

/** A create-date window, both ends included, on whole seconds (epoch ms). */
export interface TimeWindow {
	from: number;
	to: number;
}

export interface OrderQuery {
	/** Epoch ms, inclusive. Without it: `maxDays` before `createdTo` (see `windowStart`). */
	createdFrom?: number;
	/** Epoch ms, inclusive. Without it: now. */
	createdTo?: number;
	modifiedFrom?: number;
	modifiedTo?: number;
	/** API status values; empty or absent: every status. */
	statuses?: string[];
	/**
	 * Send no status list for the non-FINISH statuses: the API's own default
	 * set (everything but FINISH per its docs; the sandbox includes FINISH).
	 * An order then cannot leave the result set while it is paged. The caller
	 * filters statuses itself. FINISH is still read on its own (in windows of
	 * at most 30 days) unless `statuses` is given without FINISH.
	 */
	anyStatus?: boolean;
	buyerLoginId?: string;
	/** Return at most this many (the newest); absent: all. */
	limit?: number;
}

/** One query stream: a status list and its windows, newest first. */
export interface OrderQueryPlan {
	/** The `order_status_list` sent; empty: none sent. */
	statuses: string[];
	windows: TimeWindow[];
}

export const ceilSecond = (ms: number) => Math.ceil(ms / SECOND) * SECOND;
export const floorSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

/** The same Pacific wall time `days` calendar days earlier (DST-aware). */
function pacificDaysBefore(ms: number, days: number): number {
	const text = toPacificString(ms);
	const [y, m, d] = text.slice(0, 10).split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
	return fromPacificString(`${date}${text.slice(10)}`) ?? ms - days * DAY;
}

/**
 * The earliest start of a window ending at `end` that spans at most `days` —
 * both in elapsed time and on the Pacific wall clock, whichever is shorter, so
 * the range is accepted however the gateway measures it across a DST change.
 */
export function windowStart(end: number, days: number): number {
	return ceilSecond(Math.max(end - days * DAY, pacificDaysBefore(end, days)));
}

/**
 * Splits [from, to] into windows of at most `days`, newest first, without
 * overlap (a window starts one second after the older one ends).
 */
export function splitWindows(from: number, to: number, days: number): TimeWindow[] {
	const first = ceilSecond(from);
	let end = floorSecond(to);
	const out: TimeWindow[] = [];
	while (end >= first) {
		const start = Math.max(first, windowStart(end, days));
		out.push({ from: start, to: end });
		end = start - SECOND;
	}
	return out;
}

/**
 * The end of an "until now" range. In the hour that the end of DST repeats,
 * the Pacific string for now names the first pass, an hour early, and would
 * cut off the newest orders: the range then ends an hour later.
 */
export function untilNow(nowMs: number): number {
	const now = floorSecond(nowMs);
	return fromPacificString(toPacificString(now)) === now ? now : now + HOUR;
}

/**
 * The queries one logical order query needs. Without a create range the last
 * 180 days are read. FINISH is asked for on its own, over the whole range in
 * windows of at most 30 days; every other wanted status goes in one list (or
 * none is sent, with `anyStatus`), in windows of at most 180 days.
 */
export function planOrderQueries(query: OrderQuery, nowMs: number): OrderQueryPlan[] {
	const to = query.createdTo !== undefined ? floorSecond(query.createdTo) : untilNow(nowMs);
	const from =
		query.createdFrom !== undefined
			? ceilSecond(query.createdFrom)
			: windowStart(to, ORDER_RANGE_MAX_DAYS);
	const wanted = query.statuses?.length ? [...new Set(query.statuses)] : ORDER_STATUS_VALUES;
	const plans: OrderQueryPlan[] = [];
	const others = wanted.filter((s) => s !== FINISH);
	if (query.anyStatus) {
		plans.push({ statuses: [], windows: splitWindows(from, to, ORDER_RANGE_MAX_DAYS) });
	} else if (others.length) {
		plans.push({ statuses: others, windows: splitWindows(from, to, ORDER_RANGE_MAX_DAYS) });
	}
	if (wanted.includes(FINISH)) {
		plans.push({ statuses: [FINISH], windows: splitWindows(from, to, FINISH_MAX_DAYS) });
	}
	return plans;
}
