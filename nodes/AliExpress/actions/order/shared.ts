/**
 * Orders, shared by the order operations and the polling trigger: the list of
 * statuses, the simplified order, and `fetchOrders`, which turns one logical
 * query into the windows AliExpress allows, pages through them and merges the
 * result.
 *
 * The rules of `aliexpress.solution.order.get` that shape the windows:
 * - a create-date range spans at most 180 days;
 * - FINISH orders can only be read for the last 30 days, and only in a query
 *   that asks for FINISH alone;
 * - without a status list the API leaves FINISH orders out (legacy docs), so
 *   "every status" is asked for explicitly: the ten other statuses in one
 *   list, FINISH on its own.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { toList } from '../../transport/envelope';
import { fetchAllPages, type Page } from '../../transport/pagination';
import type { AliExpressClient } from '../../transport/request';
import { fromPacificString, pacificToIso, toPacificString } from '../../transport/time';

export const ORDER_LIST_METHOD = 'aliexpress.solution.order.get';
export const ORDER_INFO_METHOD = 'aliexpress.solution.order.info.get';
export const ORDER_FULFILL_METHOD = 'aliexpress.solution.order.fulfill';

/**
 * The one switch for how the list query travels: inside `param0` as JSON (the
 * classic SDKs) or as flat parameters (newer IOP SDK classes).
 */
export const ORDER_QUERY_IN_PARAM0 = true;

/** Orders per page; the API's maximum. */
export const ORDER_PAGE_SIZE = 50;
/** Longest create-date range of one query. */
export const ORDER_RANGE_MAX_DAYS = 180;
/** FINISH orders are only visible this many days back, and a FINISH query spans at most this. */
export const FINISH_MAX_DAYS = 30;
export const FINISH = 'FINISH';

const HOUR = 3_600_000;
const SECOND = 1000;
const DAY = 86_400_000;

/** Every order status, for multi-selects: Title Case name, API value, meaning. */
export const ORDER_STATUSES: Array<INodePropertyOptions & { value: string }> = [
	{ name: 'Awaiting Payment', value: 'PLACE_ORDER_SUCCESS', description: 'Placed, waiting for the buyer to pay (PLACE_ORDER_SUCCESS)' },
	{ name: 'Cancellation Requested', value: 'IN_CANCEL', description: 'The buyer asked to cancel the order (IN_CANCEL)' },
	{ name: 'Completed', value: 'FINISH', description: 'Completed (FINISH). AliExpress only returns these for the last 30 days.' },
	{ name: 'Frozen', value: 'IN_FROZEN', description: 'The order is frozen (IN_FROZEN)' },
	{ name: 'In Dispute', value: 'IN_ISSUE', description: 'The buyer opened a dispute (IN_ISSUE)' },
	{ name: 'Partly Shipped', value: 'SELLER_PART_SEND_GOODS', description: 'Some items shipped (SELLER_PART_SEND_GOODS)' },
	{ name: 'Payment Being Settled', value: 'FUND_PROCESSING', description: 'Buyer and seller agreed; the payment is being settled (FUND_PROCESSING)' },
	{ name: 'Risk Check', value: 'RISK_CONTROL', description: 'Paid, in the 24-hour risk check (RISK_CONTROL)' },
	{ name: 'Shipped', value: 'WAIT_BUYER_ACCEPT_GOODS', description: 'Shipped, waiting for the buyer to confirm receipt (WAIT_BUYER_ACCEPT_GOODS)' },
	{ name: 'Waiting for Seller to Confirm Amount', value: 'WAIT_SELLER_EXAMINE_MONEY', description: 'Waiting for you to confirm the amount (WAIT_SELLER_EXAMINE_MONEY)' },
	{ name: 'Waiting for Seller to Ship', value: 'WAIT_SELLER_SEND_GOODS', description: 'Paid, waiting for you to ship (WAIT_SELLER_SEND_GOODS)' },
];

export const ORDER_STATUS_VALUES: string[] = ORDER_STATUSES.map((s) => s.value);

// ---------------------------------------------------------------- windows

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
	 * filters statuses itself. FINISH is still read on its own (last 30 days)
	 * unless `statuses` is given without FINISH.
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

const ceilSecond = (ms: number) => Math.ceil(ms / SECOND) * SECOND;
const floorSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

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
 * 180 days are read. FINISH is asked for on its own, over the part of the
 * range within the last 30 days; every other wanted status goes in one list
 * (or none is sent, with `anyStatus`).
 */
export function planOrderQueries(query: OrderQuery, nowMs: number): OrderQueryPlan[] {
	const to = query.createdTo !== undefined ? floorSecond(query.createdTo) : untilNow(nowMs);
	const from = query.createdFrom !== undefined ? ceilSecond(query.createdFrom) : windowStart(to, ORDER_RANGE_MAX_DAYS);
	const wanted = query.statuses?.length ? [...new Set(query.statuses)] : ORDER_STATUS_VALUES;
	const plans: OrderQueryPlan[] = [];
	const others = wanted.filter((s) => s !== FINISH);
	if (query.anyStatus) {
		plans.push({ statuses: [], windows: splitWindows(from, to, ORDER_RANGE_MAX_DAYS) });
	} else if (others.length) {
		plans.push({ statuses: others, windows: splitWindows(from, to, ORDER_RANGE_MAX_DAYS) });
	}
	if (wanted.includes(FINISH)) {
		const finishFrom = Math.max(from, windowStart(floorSecond(nowMs), FINISH_MAX_DAYS));
		plans.push({ statuses: [FINISH], windows: splitWindows(finishFrom, to, FINISH_MAX_DAYS) });
	}
	return plans;
}

// ---------------------------------------------------------------- raw orders

const ID_KEY = /(^|_)id$/;

/** stringifyIds without copying: for an answer just parsed, which nothing else holds. */
export function stringifyIdsInPlace<T>(value: T): T {
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) value[i] = stringifyIdsInPlace(value[i]);
	} else if (value !== null && typeof value === 'object') {
		const obj = value as IDataObject;
		for (const key of Object.keys(obj)) {
			const v = obj[key];
			if (typeof v === 'number') {
				if (ID_KEY.test(key)) obj[key] = String(v);
			} else if (v !== null && typeof v === 'object') {
				stringifyIdsInPlace(v);
			}
		}
	}
	return value;
}

/**
 * Ids as strings everywhere. The transport keeps integers beyond 2^53 as
 * strings already; shorter ids (16-digit ids below 2^53 included) arrive as
 * numbers, so one order's id would be a number and the next one's a string.
 */
export function stringifyIds<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => stringifyIds(v)) as unknown as T;
	if (value === null || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		out[key] = typeof v === 'number' && ID_KEY.test(key) ? String(v) : stringifyIds(v);
	}
	return out as T;
}

const text = (v: unknown): string | undefined =>
	v === undefined || v === null || v === '' ? undefined : String(v);

function amountOf(money: unknown): { amount?: number; currency?: string } {
	if (money === undefined || money === null) return {};
	if (typeof money !== 'object') {
		const n = Number(money);
		return Number.isFinite(n) ? { amount: n } : {};
	}
	const m = money as IDataObject;
	let amount = m.amount !== undefined && m.amount !== '' ? Number(m.amount) : undefined;
	if ((amount === undefined || !Number.isFinite(amount)) && m.cent !== undefined) amount = Number(m.cent) / 100;
	return {
		amount: amount !== undefined && Number.isFinite(amount) ? amount : undefined,
		currency: text(m.currency_code) ?? text((m.currency as IDataObject | undefined)?.currency_code),
	};
}

function createdOf(order: IDataObject): number | undefined {
	return fromPacificString(order.gmt_create);
}

function updatedOf(order: IDataObject): number | undefined {
	return fromPacificString(order.gmt_update ?? order.gmt_modified);
}

/**
 * The simplified order. Takes both shapes: an order of the list
 * (`aliexpress.solution.order.get`) and the `data` of `order.info.get`.
 * Dates are ISO 8601 UTC; amounts are numbers; ids are strings.
 */
export function simplifyOrder(raw: IDataObject): IDataObject {
	const total = amountOf(raw.pay_amount ?? raw.order_amount);
	const lines = raw.product_list !== undefined
		? toList<IDataObject>(raw.product_list, 'order_product_dto')
		: toList<IDataObject>(raw.child_order_list, 'global_aeop_tp_child_order_dto');
	const items = lines.map((line) => {
		const price = amountOf(line.product_unit_price ?? line.product_price);
		const quantity = Number(line.product_count);
		return {
			productId: text(line.product_id) ?? null,
			skuCode: text(line.sku_code) ?? null,
			quantity: Number.isFinite(quantity) ? quantity : null,
			unitPrice: price.amount ?? null,
		};
	});
	const buyerInfo = (raw.buyer_info ?? {}) as IDataObject;
	const simple: IDataObject = {
		orderId: text(raw.order_id ?? raw.id) ?? null,
		status: text(raw.order_status) ?? null,
		createdAt: pacificToIso(raw.gmt_create) ?? null,
		updatedAt: pacificToIso(raw.gmt_update ?? raw.gmt_modified) ?? null,
		paidAt: pacificToIso(raw.gmt_pay_time ?? raw.gmt_pay_success) ?? null,
		totalAmount: total.amount ?? null,
		currency: total.currency ?? null,
		buyerLoginId: text(raw.buyer_login_id ?? buyerInfo.login_id) ?? null,
		items,
	};
	const address = raw.receipt_address as IDataObject | undefined;
	if (address && typeof address === 'object') {
		const shipping: IDataObject = {
			name: text(address.contact_person) ?? null,
			country: text(address.country) ?? null,
			province: text(address.province) ?? null,
			city: text(address.city) ?? null,
			zip: text(address.zip) ?? null,
			address: text(address.detail_address ?? address.address) ?? null,
		};
		const address2 = text(address.address2);
		if (address2) shipping.address2 = address2;
		const phone = text(address.mobile_no ?? address.phone_number);
		if (phone) shipping.phone = [text(address.phone_country), phone].filter(Boolean).join(' ');
		simple.shippingAddress = shipping;
	}
	if (raw.logistic_info_list !== undefined) {
		simple.shipments = toList<IDataObject>(raw.logistic_info_list, 'global_aeop_tp_logistic_info_dto').map((s) => ({
			trackingNumber: text(s.logistics_no) ?? null,
			serviceName: text(s.logistics_service ?? s.logistics_type_code) ?? null,
			sendType: text(s.send_type) ?? null,
			sentAt: pacificToIso(s.gmt_send) ?? null,
		}));
	}
	return simple;
}

// ---------------------------------------------------------------- fetching

function pacific(ms: number | undefined, round: (ms: number) => number): string | undefined {
	return ms === undefined ? undefined : toPacificString(round(ms));
}

/** The parameters of one page of one window. */
export function orderPageParams(
	query: OrderQuery,
	statuses: string[],
	window: TimeWindow,
	page: number,
): IDataObject {
	const q: IDataObject = {
		create_date_start: toPacificString(window.from),
		create_date_end: toPacificString(window.to),
	};
	const modifiedStart = pacific(query.modifiedFrom, ceilSecond);
	const modifiedEnd = pacific(query.modifiedTo, floorSecond);
	if (modifiedStart) q.modified_date_start = modifiedStart;
	if (modifiedEnd) q.modified_date_end = modifiedEnd;
	if (statuses.length) q.order_status_list = statuses;
	if (query.buyerLoginId) q.buyer_login_id = query.buyerLoginId;
	q.page_size = ORDER_PAGE_SIZE;
	q.current_page = page;
	return ORDER_QUERY_IN_PARAM0 ? { param0: JSON.stringify(q) } : q;
}

async function fetchPage(
	client: AliExpressClient,
	query: OrderQuery,
	plan: OrderQueryPlan,
	window: TimeWindow,
	page: number,
): Promise<Page<IDataObject>> {
	const answer = await client.call(ORDER_LIST_METHOD, orderPageParams(query, plan.statuses, window, page), {
		retry: 'safe',
	});
	const result = (answer.result ?? answer) as IDataObject;
	const items = toList<IDataObject>(result.target_list, 'order_dto').map((o) => stringifyIdsInPlace(o));
	let totalPages = Number(result.total_page);
	if (!Number.isFinite(totalPages)) {
		const count = Number(result.total_count);
		totalPages = Number.isFinite(count)
			? Math.ceil(count / ORDER_PAGE_SIZE)
			: items.length >= ORDER_PAGE_SIZE
				? page + 1
				: page;
	}
	return { items, totalPages };
}

interface Found {
	order: IDataObject;
	created: number;
	updated: number;
}

class OrderSet {
	readonly byId = new Map<string, Found>();

	add(orders: IDataObject[]): void {
		for (const order of orders) {
			const id = text(order.order_id ?? order.id);
			if (!id) continue;
			const found = { order, created: createdOf(order) ?? -Infinity, updated: updatedOf(order) ?? -Infinity };
			const known = this.byId.get(id);
			if (!known || found.updated > known.updated) this.byId.set(id, found);
		}
	}

	countFrom(frontier: number): number {
		let n = 0;
		for (const f of this.byId.values()) if (f.created >= frontier) n++;
		return n;
	}

	/** Newest gmt_create first; equal times by order id, highest first. */
	sorted(): IDataObject[] {
		const byIdDesc = (a: string, b: string) => (a.length !== b.length ? b.length - a.length : b < a ? -1 : b > a ? 1 : 0);
		return [...this.byId.entries()]
			.sort(([ia, a], [ib, b]) => b.created - a.created || byIdDesc(ia, ib))
			.map(([, f]) => f.order);
	}
}

interface StreamState {
	plan: OrderQueryPlan;
	windowIndex: number;
	nextPage: number;
	totalPages: number;
	/** Oldest gmt_create read in the current window. */
	oldest: number;
	/** The pages came newest first so far; if not, a window is only known once fully read. */
	ordered: boolean;
	/** Everything this stream holds with gmt_create >= frontier has been read. */
	frontier: number;
}

/**
 * With a limit: read newest first and stop as soon as the newest `limit`
 * orders are certain. Each stream (status list) knows down to which creation
 * time it is complete; the orders at or after the highest of these times are
 * final. The stream that is least far along reads next, as many pages at once
 * as the missing count needs.
 */
async function fetchNewest(
	client: AliExpressClient,
	query: OrderQuery,
	plans: OrderQueryPlan[],
	limit: number,
	found: OrderSet,
): Promise<void> {
	const streams: StreamState[] = plans.map((plan) => ({
		plan,
		windowIndex: 0,
		nextPage: 1,
		totalPages: 1,
		oldest: Infinity,
		ordered: true,
		frontier: plan.windows.length ? plan.windows[0].to + SECOND : -Infinity,
	}));
	for (;;) {
		const active = streams.filter((s) => s.windowIndex < s.plan.windows.length);
		const frontier = Math.max(...streams.map((s) => s.frontier));
		const complete = found.countFrom(frontier);
		if (complete >= limit || active.length === 0) return;
		const stream = active.reduce((a, b) => (b.frontier > a.frontier ? b : a));
		const window = stream.plan.windows[stream.windowIndex];
		let pages: number[];
		if (stream.nextPage === 1) {
			pages = [1];
		} else {
			const wanted = stream.ordered ? Math.ceil((limit - complete) / ORDER_PAGE_SIZE) : Infinity;
			const last = Math.min(stream.totalPages, stream.nextPage + wanted - 1);
			pages = Array.from({ length: last - stream.nextPage + 1 }, (_, i) => stream.nextPage + i);
		}
		const results = await client.map(pages, async (page) => await fetchPage(client, query, stream.plan, window, page));
		for (const result of results) {
			found.add(result.items);
			for (const order of result.items) {
				const created = createdOf(order);
				if (created === undefined || created > stream.oldest) stream.ordered = false;
				else stream.oldest = created;
			}
		}
		if (stream.nextPage === 1) stream.totalPages = Math.max(1, results[0].totalPages || 1);
		stream.nextPage = pages[pages.length - 1] + 1;
		if (stream.nextPage > stream.totalPages) {
			stream.frontier = window.from;
			stream.windowIndex++;
			stream.nextPage = 1;
			stream.totalPages = 1;
			stream.oldest = Infinity;
		} else if (stream.ordered && Number.isFinite(stream.oldest)) {
			// Orders created in the same second as the oldest one may continue on the next page.
			stream.frontier = Math.min(stream.frontier, stream.oldest + 1);
		}
	}
}

/**
 * Orders matching `query`: every window and status stream read (pages of a
 * window concurrently), merged, one entry per order id (the most recently
 * updated copy), newest first by creation time. With `query.limit`, reading
 * stops as soon as the newest `limit` orders are known. Ids are strings.
 */
export async function fetchOrders(
	client: AliExpressClient,
	query: OrderQuery,
	nowMs: number,
): Promise<IDataObject[]> {
	const plans = planOrderQueries(query, nowMs);
	const found = new OrderSet();
	if (query.limit === undefined) {
		const jobs = plans.flatMap((plan) => plan.windows.map((window) => ({ plan, window })));
		const lists = await client.map(
			jobs,
			async ({ plan, window }) =>
				await fetchAllPages(client, async (page) => await fetchPage(client, query, plan, window, page), {
					pageSize: ORDER_PAGE_SIZE,
				}),
		);
		for (const list of lists) found.add(list);
		return found.sorted();
	}
	if (query.limit < 1) return [];
	await fetchNewest(client, query, plans, query.limit, found);
	return found.sorted().slice(0, query.limit);
}
