/**
 * Reading orders: `fetchOrders` turns one logical query into the windows
 * AliExpress allows (orderWindows.ts), pages through them and merges the
 * result; `readOrder` reads one order with `order.info.get`.
 */
import type { IDataObject } from 'n8n-workflow';

import { METHODS } from '../transport/methods';
import { toList } from '../transport/envelope';
import { AliExpressError, classifyError } from '../transport/errors';
import { fetchAllPages, type Page } from '../transport/pagination';
import type { AliExpressClient } from '../transport/request';
import { fromPacificString, toPacificString } from '../transport/time';
import { rawId, requestJson } from './requestJson';
import {
	ceilSecond,
	floorSecond,
	ORDER_PAGE_SIZE,
	planOrderQueries,
	type OrderQuery,
	type OrderQueryPlan,
	type TimeWindow,
} from './orderWindows';
import { stringifyIds, stringifyIdsInPlace } from './orderOutput';
import { optionalText } from './values';

/**
 * How the list query travels follows the gateway in use (the credential's protocol):
 * - IOP: flat parameters, `order_status_list` a JSON list (the IOP SDK class
 *   AliexpressSolutionOrderGetRequest and the IOP documentation sample);
 * - TOP: one parameter `param0`, the `OrderQuery` as JSON (the TOP documentation).
 */
export type OrderQueryShape = 'iop' | 'top';

const SECOND = 1000;

function createdOf(order: IDataObject): number | undefined {
	return fromPacificString(order.gmt_create);
}

function updatedOf(order: IDataObject): number | undefined {
	return fromPacificString(order.gmt_update ?? order.gmt_modified);
}

function pacific(ms: number | undefined, round: (ms: number) => number): string | undefined {
	return ms === undefined ? undefined : toPacificString(round(ms));
}

/** The parameters of one page of one window. */
export function orderPageParams(
	query: OrderQuery,
	statuses: string[],
	window: TimeWindow,
	page: number,
	shape: OrderQueryShape = 'iop',
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
	if (shape === 'top') return { param0: JSON.stringify(q) };
	if (statuses.length) q.order_status_list = JSON.stringify(statuses);
	return q;
}

async function fetchPage(
	client: AliExpressClient,
	query: OrderQuery,
	plan: OrderQueryPlan,
	window: TimeWindow,
	page: number,
): Promise<Page<IDataObject>> {
	const answer = await client.call(
		METHODS.orderList,
		orderPageParams(query, plan.statuses, window, page, await client.protocol()),
		{ retry: 'safe' },
	);
	const result = (answer.result ?? answer) as IDataObject;
	const items = toList<IDataObject>(result.target_list, 'order_dto').map((o) =>
		stringifyIdsInPlace(o),
	);
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
			const id = optionalText(order.order_id ?? order.id);
			if (!id) continue;
			const found = {
				order,
				created: createdOf(order) ?? -Infinity,
				updated: updatedOf(order) ?? -Infinity,
			};
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
		const byIdDesc = (a: string, b: string) =>
			a.length !== b.length ? b.length - a.length : b < a ? -1 : b > a ? 1 : 0;
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
		const results = await client.map(
			pages,
			async (page) => await fetchPage(client, query, stream.plan, window, page),
		);
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
				await fetchAllPages(
					client,
					async (page) => await fetchPage(client, query, plan, window, page),
					{
						pageSize: ORDER_PAGE_SIZE,
					},
				),
		);
		for (const list of lists) found.add(list);
		return found.sorted();
	}
	if (query.limit < 1) return [];
	await fetchNewest(client, query, plans, query.limit, found);
	return found.sorted().slice(0, query.limit);
}

/**
 * Reads one order (`orderId`: digits only); the raw `data` of `order.info.get`, ids as strings.
 *
 * `ext_info_bit_flag` is left out: blank means every part of the order. The flag is a number
 * whose last five bits pick the parts (issue, loan, logistics, buyer, refund): 11111, read as a
 * number, is binary 10101101100111 and switches the buyer and refund parts off.
 *
 * The answer's `result` has no `success` flag (`{error_code, error_message, time_stamp, data}`):
 * an `error_code` is a failure (e.g. F00-10-10000-001, account not found), not an empty order.
 */
export async function readOrder(client: AliExpressClient, orderId: string): Promise<IDataObject> {
	// The id goes as a JSON number (the API's type) written digit by digit: no double can hold every id.
	const param1 = requestJson({ order_id: rawId(orderId) });
	const answer = await client.call(METHODS.orderInfo, { param1 }, { retry: 'safe' });
	const result = (answer.result ?? answer) as IDataObject;
	const code = optionalText(result.error_code);
	if (code && code !== '0') {
		const kind = classifyError(code);
		throw new AliExpressError({
			kind: kind === 'unknown' ? 'business' : kind,
			code,
			message: optionalText(result.error_message) ?? `Order ${orderId} could not be read`,
			requestId: optionalText(answer.request_id),
			notExecuted: true,
		});
	}
	const data = result.data;
	if (!data || typeof data !== 'object') {
		throw new AliExpressError({
			kind: 'business',
			code: 'NO_ORDER_DATA',
			message: `AliExpress answered without the data of order ${orderId}`,
			requestId: optionalText(answer.request_id),
			notExecuted: true,
		});
	}
	return stringifyIds(data as IDataObject);
}
