/**
 * `fetchOrders` with `anyStatus` (the trigger's query), against a stub API
 * with orders written by hand: no status list is sent for the non-FINISH
 * stream, FINISH is read on its own, and an order both streams return comes
 * out once, as its most recently updated copy, newest created first.
 * Pacific times are written by hand: 2024-03-20 12:00:00 UTC is 05:00:00 PDT;
 * 2024-02-29 12:00:00 UTC is 04:00:00 PST (DST began on 10 March 2024).
 */
import type { IDataObject } from 'n8n-workflow';

import { fetchOrders } from '../../nodes/AliExpress/helpers/orders';
import type { AliExpressClient } from '../../nodes/AliExpress/transport/request';

const NOW = Date.parse('2024-03-20T12:00:00Z');
const MODIFIED_FROM = Date.parse('2024-02-29T12:00:00Z');

const order = (id: string, status: string, created: string, updated: string): IDataObject => ({
	order_id: id,
	order_status: status,
	gmt_create: created,
	gmt_update: updated,
});

/**
 * What each query answers. Like the sandbox (and unlike the API's legacy docs),
 * the query without a status list also returns recent FINISH orders: order 2
 * comes from both streams, its FINISH copy updated after the other one was read.
 */
const UNFILTERED = [
	order('8000000000000001', 'WAIT_SELLER_SEND_GOODS', '2024-03-19 10:00:00', '2024-03-19 10:00:00'),
	order(
		'8000000000000002',
		'WAIT_BUYER_ACCEPT_GOODS',
		'2024-03-18 09:00:00',
		'2024-03-18 20:00:00',
	),
	order('8000000000000003', 'IN_ISSUE', '2024-03-18 09:00:00', '2024-03-18 09:30:00'),
];
const FINISHED = [
	order('8000000000000002', 'FINISH', '2024-03-18 09:00:00', '2024-03-19 08:00:00'),
];

function stubClient() {
	const calls: IDataObject[] = [];
	const client = {
		async protocol() {
			return 'iop';
		},
		async call(_method: string, params: IDataObject) {
			// IOP: flat fields, order_status_list a JSON list
			expect(params).not.toHaveProperty('param0');
			const q: IDataObject = { ...params };
			if (typeof params.order_status_list === 'string') {
				q.order_status_list = JSON.parse(params.order_status_list) as string[];
			}
			calls.push(q);
			const list = q.order_status_list as string[] | undefined;
			const source = list === undefined ? UNFILTERED : list.join() === 'FINISH' ? FINISHED : [];
			const items = source.filter(
				(o) =>
					(o.gmt_create as string) >= (q.create_date_start as string) &&
					(o.gmt_create as string) <= (q.create_date_end as string) &&
					(o.gmt_update as string) >= (q.modified_date_start as string),
			);
			return {
				result: {
					success: true,
					total_count: items.length,
					total_page: 1,
					target_list: { order_dto: items },
				},
			};
		},
		async map<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
			const out: R[] = [];
			for (let i = 0; i < items.length; i++) out.push(await fn(items[i], i));
			return out;
		},
	};
	return { client: client as unknown as AliExpressClient, calls };
}

describe('fetchOrders with anyStatus (the trigger)', () => {
	it('sends no status list, reads FINISH on its own, and merges the copies from both streams', async () => {
		const { client, calls } = stubClient();
		const orders = await fetchOrders(client, { anyStatus: true, modifiedFrom: MODIFIED_FROM }, NOW);
		expect(orders).toEqual([
			order(
				'8000000000000001',
				'WAIT_SELLER_SEND_GOODS',
				'2024-03-19 10:00:00',
				'2024-03-19 10:00:00',
			),
			// placed in the same second: the higher order id first
			order('8000000000000003', 'IN_ISSUE', '2024-03-18 09:00:00', '2024-03-18 09:30:00'),
			// once, as its most recently updated copy
			order('8000000000000002', 'FINISH', '2024-03-18 09:00:00', '2024-03-19 08:00:00'),
		]);
		const lists = calls.map((q) => q.order_status_list);
		expect(lists.filter((l) => l === undefined)).toHaveLength(1);
		// FINISH in windows of at most 30 days over the same 180 days: 7 (one shortened by DST)
		expect(lists.filter((l) => l !== undefined)).toHaveLength(7);
		expect(lists.every((l) => l === undefined || (l as string[]).join() === 'FINISH')).toBe(true);
		for (const q of calls) expect(q.modified_date_start).toBe('2024-02-29 04:00:00');
		// the newest FINISH window: the last 30 days (19 February 05:00 PST); the oldest starts
		// where the other statuses' 180 days start
		const finish = calls.filter((q) => q.order_status_list !== undefined);
		const starts = finish.map((q) => q.create_date_start as string).sort();
		const ends = finish.map((q) => q.create_date_end as string).sort();
		expect(starts[starts.length - 1]).toBe('2024-02-19 05:00:00');
		expect(ends[ends.length - 1]).toBe('2024-03-20 05:00:00');
		expect(starts[0]).toBe('2023-09-22 05:00:00');
		const others = calls.find((q) => q.order_status_list === undefined)!;
		expect(others.create_date_start).toBe('2023-09-22 05:00:00');
	});
});
