/**
 * Order query planning: create-date windows (180 days, FINISH 30 days) with
 * hand-computed expectations, DST included; the page parameters; the
 * simplified order; and the limit logic against a stub API that answers in an
 * unexpected order.
 */
import type { IDataObject } from 'n8n-workflow';

import { simplifyOrder, stringifyIds } from '../../nodes/AliExpress/helpers/orderOutput';
import { fetchOrders, orderPageParams } from '../../nodes/AliExpress/helpers/orders';
import {
	planOrderQueries,
	splitWindows,
	untilNow,
	windowStart,
	type TimeWindow,
} from '../../nodes/AliExpress/helpers/orderWindows';
import type { AliExpressClient } from '../../nodes/AliExpress/transport/request';

const DAY = 86_400_000;
const utc = (iso: string) => Date.parse(iso);

/** Pacific wall time of an instant, computed here with Intl (independent of the code under test). */
function pacific(ms: number): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: 'America/Los_Angeles',
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(new Date(ms))
			.map((p) => [p.type, p.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const asPacific = (windows: TimeWindow[]) => windows.map((w) => [pacific(w.from), pacific(w.to)]);

/** Days between two Pacific wall times, counted on the wall clock. */
function wallDays(a: string, b: string): number {
	const toUtc = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z');
	return (toUtc(b) - toUtc(a)) / DAY;
}

const TEN_OTHERS = [
	'FUND_PROCESSING',
	'IN_CANCEL',
	'IN_FROZEN',
	'IN_ISSUE',
	'PLACE_ORDER_SUCCESS',
	'RISK_CONTROL',
	'SELLER_PART_SEND_GOODS',
	'WAIT_BUYER_ACCEPT_GOODS',
	'WAIT_SELLER_EXAMINE_MONEY',
	'WAIT_SELLER_SEND_GOODS',
];

describe('splitWindows', () => {
	it('keeps a range of at most 180 days in one window, on whole seconds', () => {
		const from = utc('2024-05-01T10:00:00.500Z');
		const to = utc('2024-06-01T10:00:59.900Z');
		expect(splitWindows(from, to, 180)).toEqual([
			{ from: utc('2024-05-01T10:00:01Z'), to: utc('2024-06-01T10:00:59Z') },
		]);
	});

	it('splits a calendar year crossing both DST changes into three windows, newest first', () => {
		// 2024-01-01 00:00:00 PST … 2024-12-31 23:59:59 PST. DST: 10 March (spring forward), 3 November (fall back).
		const windows = splitWindows(utc('2024-01-01T08:00:00Z'), utc('2025-01-01T07:59:59Z'), 180);
		// Window 1 ends 31 Dec and crosses the fall-back change: 180 days of elapsed time are
		// 179 days 23 h on the wall, so the elapsed-time bound decides: start 5 Jul 00:59:59 PDT.
		// Window 2 ends one second earlier and crosses the spring-forward change: 180 wall days
		// are 179 days 23 h of elapsed time, so the wall bound decides: start 7 Jan 00:59:58 PST.
		// Window 3 is the rest.
		expect(asPacific(windows)).toEqual([
			['2024-07-05 00:59:59', '2024-12-31 23:59:59'],
			['2024-01-07 00:59:58', '2024-07-05 00:59:58'],
			['2024-01-01 00:00:00', '2024-01-07 00:59:57'],
		]);
		expect(windows.map((w) => w.to - w.from)).toEqual([
			180 * DAY,
			180 * DAY - 3600_000,
			6 * DAY + 3597_000,
		]);
		for (const [a, b] of asPacific(windows)) expect(wallDays(a, b)).toBeLessThanOrEqual(180);
		// contiguous, one second apart
		expect(windows[0].from - windows[1].to).toBe(1000);
		expect(windows[1].from - windows[2].to).toBe(1000);
	});

	it('splits a 30-day FINISH range across the spring-forward change by the wall clock', () => {
		// 2024-02-01 00:00:00 PST … 2024-03-31 00:00:00 PDT
		const windows = splitWindows(utc('2024-02-01T08:00:00Z'), utc('2024-03-31T07:00:00Z'), 30);
		expect(asPacific(windows)).toEqual([
			['2024-03-01 00:00:00', '2024-03-31 00:00:00'],
			['2024-02-01 00:00:00', '2024-02-29 23:59:59'],
		]);
		// the newer window is 30 wall days but only 29 days 23 h of elapsed time
		expect(windows[0].to - windows[0].from).toBe(30 * DAY - 3600_000);
	});

	it('gives nothing for an empty or reversed range', () => {
		expect(splitWindows(utc('2024-05-02T00:00:00Z'), utc('2024-05-01T00:00:00Z'), 180)).toEqual([]);
		expect(
			splitWindows(utc('2024-05-01T00:00:00.200Z'), utc('2024-05-01T00:00:00.700Z'), 180),
		).toEqual([]);
	});

	it('windowStart takes the later of the elapsed-time and wall-clock bounds', () => {
		// 2024-03-20 05:00:00 PDT; 30 days back is 19 February, PST
		const now = utc('2024-03-20T12:00:00Z');
		expect(pacific(windowStart(now, 30))).toBe('2024-02-19 05:00:00');
		expect(windowStart(now, 30)).toBe(now - 30 * DAY + 3600_000);
	});
});

describe('planOrderQueries', () => {
	const now = utc('2024-03-20T12:00:00.250Z'); // 2024-03-20 05:00:00 PDT

	/** Windows newest first, each at most `days` wide, one second apart, covering [from, to]. */
	function expectTiling(windows: Array<{ from: number; to: number }>, from: number, to: number) {
		expect(windows[0].to).toBe(to);
		expect(windows[windows.length - 1].from).toBe(from);
		windows.forEach((w, i) => {
			expect(w.to - w.from).toBeLessThanOrEqual(30 * DAY);
			if (i > 0) expect(windows[i - 1].from - w.to).toBe(1000);
		});
	}

	it('without filters: the last 180 days for ten statuses, FINISH alone in 30-day windows over them', () => {
		const plans = planOrderQueries({}, now);
		expect(plans).toHaveLength(2);
		expect([...plans[0].statuses].sort()).toEqual(TEN_OTHERS);
		expect(asPacific(plans[0].windows)).toEqual([['2023-09-22 05:00:00', '2024-03-20 05:00:00']]);
		expect(plans[1].statuses).toEqual(['FINISH']);
		expect(asPacific(plans[1].windows.slice(0, 1))).toEqual([
			['2024-02-19 05:00:00', '2024-03-20 05:00:00'],
		]);
		expectTiling(plans[1].windows, plans[0].windows[0].from, plans[0].windows[0].to);
		expect(plans[1].windows).toHaveLength(7); // 180 days, one 30-day window shortened by DST
	});

	it('puts FINISH on its own and the other wanted statuses in one list', () => {
		const plans = planOrderQueries(
			{ statuses: ['FINISH', 'IN_ISSUE', 'WAIT_SELLER_SEND_GOODS', 'IN_ISSUE'] },
			now,
		);
		expect(plans.map((p) => p.statuses)).toEqual([
			['IN_ISSUE', 'WAIT_SELLER_SEND_GOODS'],
			['FINISH'],
		]);
		expect(planOrderQueries({ statuses: ['FINISH'] }, now).map((p) => p.statuses)).toEqual([
			['FINISH'],
		]);
		expect(planOrderQueries({ statuses: ['IN_ISSUE'] }, now).map((p) => p.statuses)).toEqual([
			['IN_ISSUE'],
		]);
	});

	it('reads FINISH over the whole range, however old, in windows of at most 30 days', () => {
		// 1 Jan … 20 Mar: other statuses in one window, FINISH in three
		const plans = planOrderQueries(
			{ createdFrom: utc('2024-01-01T08:00:00Z'), statuses: ['FINISH', 'IN_ISSUE'] },
			now,
		);
		expect(asPacific(plans[0].windows)).toEqual([['2024-01-01 00:00:00', '2024-03-20 05:00:00']]);
		expect(asPacific(plans[1].windows)).toEqual([
			['2024-02-19 05:00:00', '2024-03-20 05:00:00'],
			// 19 Feb and 20 Jan are both PST: exactly 30 days
			['2024-01-20 04:59:59', '2024-02-19 04:59:59'],
			['2024-01-01 00:00:00', '2024-01-20 04:59:58'],
		]);
		expectTiling(plans[1].windows, utc('2024-01-01T08:00:00Z'), plans[0].windows[0].to);
		// a range that ended long ago is read for FINISH too (no "last 30 days" rule)
		const old = planOrderQueries(
			{ createdFrom: utc('2023-12-01T08:00:00Z'), createdTo: utc('2024-01-31T08:00:00Z') },
			now,
		);
		expect(old[0].windows).toHaveLength(1);
		expectTiling(old[1].windows, utc('2023-12-01T08:00:00Z'), utc('2024-01-31T08:00:00Z'));
		expect(old[1].windows).toHaveLength(3);
	});

	it('anyStatus: no status list for the other statuses, FINISH still on its own unless excluded', () => {
		const plans = planOrderQueries({ anyStatus: true }, now);
		expect(plans.map((p) => p.statuses)).toEqual([[], ['FINISH']]);
		expect(asPacific(plans[0].windows)).toEqual([['2023-09-22 05:00:00', '2024-03-20 05:00:00']]);
		expect(
			planOrderQueries({ anyStatus: true, statuses: ['IN_ISSUE'] }, now).map((p) => p.statuses),
		).toEqual([[]]);
		expect(orderPageParams({}, [], plans[0].windows[0], 1, 'iop')).not.toHaveProperty(
			'order_status_list',
		);
		const top = orderPageParams({}, [], plans[0].windows[0], 1, 'top');
		expect(JSON.parse(top.param0 as string)).not.toHaveProperty('order_status_list');
	});

	it('with only Created Before: the 180 days before it', () => {
		const plans = planOrderQueries(
			{ createdTo: utc('2024-01-01T08:00:00Z'), statuses: ['IN_ISSUE'] },
			now,
		);
		expect(asPacific(plans[0].windows)).toEqual([['2023-07-05 01:00:00', '2024-01-01 00:00:00']]);
	});

	it('a created range over a year: three windows for the other statuses', () => {
		const plans = planOrderQueries({ createdFrom: now - 400 * DAY, createdTo: now }, now);
		expect(plans[0].windows).toHaveLength(3);
		expect(plans[1].windows.length).toBeGreaterThanOrEqual(14); // FINISH: 400 days / 30
	});
});

describe('orderPageParams', () => {
	const args = [
		{
			modifiedFrom: utc('2024-07-01T12:00:00.400Z'),
			modifiedTo: utc('2024-07-02T12:00:00.900Z'),
			buyerLoginId: 'us123',
		},
		['IN_ISSUE'],
		{ from: utc('2024-01-01T08:00:00Z'), to: utc('2024-07-01T07:00:00Z') },
		3,
	] as const;
	const fields = {
		create_date_start: '2024-01-01 00:00:00',
		create_date_end: '2024-07-01 00:00:00',
		modified_date_start: '2024-07-01 05:00:01',
		modified_date_end: '2024-07-02 05:00:00',
		buyer_login_id: 'us123',
		page_size: 50,
		current_page: 3,
	};

	it('IOP: flat fields, order_status_list a JSON list (AliexpressSolutionOrderGetRequest)', () => {
		const params = orderPageParams(args[0], [...args[1]], args[2], args[3], 'iop');
		expect(params).toEqual({ ...fields, order_status_list: '["IN_ISSUE"]' });
	});

	it('TOP: the query in param0 with Pacific dates, the status list and page size 50', () => {
		const params = orderPageParams(args[0], [...args[1]], args[2], args[3], 'top');
		expect(Object.keys(params)).toEqual(['param0']);
		expect(JSON.parse(params.param0 as string)).toEqual({
			...fields,
			order_status_list: ['IN_ISSUE'],
		});
	});
});

describe('simplifyOrder', () => {
	it('simplifies a list order: ISO UTC dates, numbers, string ids', () => {
		const simple = simplifyOrder({
			order_id: 8123456789012345,
			order_status: 'WAIT_SELLER_SEND_GOODS',
			gmt_create: '2024-07-01 10:00:00',
			gmt_update: '2024-12-01 10:00:00',
			gmt_pay_time: '2024-07-01 10:05:00',
			pay_amount: { amount: '25.98', currency_code: 'USD' },
			buyer_login_id: 'us123',
			product_list: {
				order_product_dto: {
					product_id: 1005006123456789,
					sku_code: 'A-1',
					product_count: 2,
					product_unit_price: { amount: '12.99', currency_code: 'USD' },
				},
			},
		});
		expect(simple).toEqual({
			orderId: '8123456789012345',
			status: 'WAIT_SELLER_SEND_GOODS',
			createdAt: '2024-07-01T17:00:00.000Z',
			updatedAt: '2024-12-01T18:00:00.000Z',
			paidAt: '2024-07-01T17:05:00.000Z',
			totalAmount: 25.98,
			currency: 'USD',
			buyerLoginId: 'us123',
			items: [{ productId: '1005006123456789', skuCode: 'A-1', quantity: 2, unitPrice: 12.99 }],
		});
	});

	it('simplifies an order.info.get answer with address and shipments', () => {
		const simple = simplifyOrder({
			id: '8123456789012345',
			order_status: 'WAIT_BUYER_ACCEPT_GOODS',
			gmt_create: '2024-07-01 10:00:00',
			gmt_modified: '2024-07-02 10:00:00',
			order_amount: { amount: '5.00', currency_code: 'EUR' },
			buyer_info: { login_id: 'es1' },
			child_order_list: {
				global_aeop_tp_child_order_dto: [
					{ product_id: '1', sku_code: 'S', product_count: 1, product_price: { amount: '5.00' } },
				],
			},
			receipt_address: {
				contact_person: 'Ana Ruiz',
				country: 'ES',
				province: 'Madrid',
				city: 'Madrid',
				detail_address: 'Calle Mayor 1',
				zip: '28013',
				mobile_no: '600000000',
				phone_country: '+34',
			},
			logistic_info_list: {
				global_aeop_tp_logistic_info_dto: {
					logistics_no: 'LP1',
					logistics_service_name: 'AliExpress Standard Shipping',
					logistics_type_code: 'CAINIAO_STANDARD',
					receive_status: 'default',
					gmt_send: '2024-07-02 10:00:00',
				},
			},
		});
		expect(simple).toMatchObject({
			orderId: '8123456789012345',
			updatedAt: '2024-07-02T17:00:00.000Z',
			paidAt: null,
			totalAmount: 5,
			currency: 'EUR',
			buyerLoginId: 'es1',
			items: [{ productId: '1', skuCode: 'S', quantity: 1, unitPrice: 5 }],
			shippingAddress: {
				name: 'Ana Ruiz',
				country: 'ES',
				province: 'Madrid',
				city: 'Madrid',
				zip: '28013',
				address: 'Calle Mayor 1',
				phone: '+34 600000000',
			},
			shipments: [
				{
					trackingNumber: 'LP1',
					serviceName: 'CAINIAO_STANDARD',
					receiveStatus: 'default',
					sentAt: '2024-07-02T17:00:00.000Z',
				},
			],
		});
	});

	it('stringifyIds turns numeric *_id and id fields into strings, nothing else', () => {
		expect(
			stringifyIds({ order_id: 1, id: 2, product_count: 3, nested: [{ child_id: 4, paid: 5 }] }),
		).toEqual({
			order_id: '1',
			id: '2',
			product_count: 3,
			nested: [{ child_id: '4', paid: 5 }],
		});
	});
});

describe('fetchOrders with a limit', () => {
	/** A stub API over `orders`: pages sorted as `sort` says; records each call. */
	function stubClient(orders: IDataObject[], sort: 'newest' | 'oldest') {
		const calls: IDataObject[] = [];
		const client = {
			// the TOP shape here (param0); test/unit/order-fetch.test.ts stubs IOP's flat fields
			async protocol() {
				return 'top';
			},
			async call(_method: string, params: IDataObject) {
				const q = JSON.parse(params.param0 as string) as IDataObject;
				calls.push(q);
				const statuses = q.order_status_list as string[];
				const inRange = orders.filter(
					(o) =>
						statuses.includes(o.order_status as string) &&
						(o.gmt_create as string) >= (q.create_date_start as string) &&
						(o.gmt_create as string) <= (q.create_date_end as string),
				);
				inRange.sort((a, b) => (a.gmt_create as string).localeCompare(b.gmt_create as string));
				if (sort === 'newest') inRange.reverse();
				const page = q.current_page as number;
				const items = inRange.slice((page - 1) * 50, page * 50);
				return {
					result: {
						success: true,
						total_count: inRange.length,
						total_page: Math.ceil(inRange.length / 50),
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

	const now = utc('2024-03-20T12:00:00Z');
	// 300 orders, one an hour going back from now, alternating two statuses
	const orders: IDataObject[] = Array.from({ length: 300 }, (_, i) => ({
		order_id: String(8000000000000000 + i),
		order_status: i % 2 ? 'IN_ISSUE' : 'WAIT_SELLER_SEND_GOODS',
		gmt_create: pacific(now - (i + 1) * 3600_000),
		gmt_update: pacific(now - (i + 1) * 3600_000),
	}));
	const newestIds = (n: number) => orders.slice(0, n).map((o) => o.order_id);

	it('reads only the pages the limit needs when the API answers newest first', async () => {
		const { client, calls } = stubClient(orders, 'newest');
		const result = await fetchOrders(
			client,
			{ statuses: ['IN_ISSUE', 'WAIT_SELLER_SEND_GOODS'], limit: 70 },
			now,
		);
		expect(result.map((o) => o.order_id)).toEqual(newestIds(70));
		expect(calls.map((c) => c.current_page)).toEqual([1, 2]);
	});

	it('still returns the newest orders when the API answers oldest first', async () => {
		const { client, calls } = stubClient(orders, 'oldest');
		const result = await fetchOrders(
			client,
			{ statuses: ['IN_ISSUE', 'WAIT_SELLER_SEND_GOODS'], limit: 70 },
			now,
		);
		expect(result.map((o) => o.order_id)).toEqual(newestIds(70));
		expect(calls.map((c) => c.current_page)).toEqual([1, 2, 3, 4, 5, 6]);
	});
});

describe('untilNow', () => {
	it('is now, except in the hour the end of DST repeats, where it reaches an hour further', () => {
		// 2026-11-01 08:30Z is 01:30 PDT (first pass), 09:30Z is 01:30 PST (second pass).
		expect(untilNow(Date.UTC(2026, 10, 1, 7, 30, 0, 500))).toBe(Date.UTC(2026, 10, 1, 7, 30, 0));
		expect(untilNow(Date.UTC(2026, 10, 1, 8, 30, 0))).toBe(Date.UTC(2026, 10, 1, 8, 30, 0));
		expect(untilNow(Date.UTC(2026, 10, 1, 9, 30, 0))).toBe(Date.UTC(2026, 10, 1, 10, 30, 0));
		expect(untilNow(Date.UTC(2026, 10, 1, 10, 30, 0))).toBe(Date.UTC(2026, 10, 1, 10, 30, 0));
	});
});
