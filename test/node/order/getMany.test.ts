/**
 * Order → Get Many against the sandbox gateway, run by n8n's engine
 * (WorkflowExecute) from the workflow in getMany.workflow.json. Expected
 * results are computed here from the sandbox's store, never from the node's code.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Order } from '../../sandbox';
import { formatInZone, formatPacific, parsePacific } from '../../sandbox/time';
import { runNode, sandboxCredentials } from '../../helpers/engine';
import { operation, useSandbox, type RunOptions } from '../suite';

const LIST = 'aliexpress.solution.order.get';
const DAY = 86_400_000;

const sandbox = useSandbox();

/** Return All, raw orders: the workflow's parameters as saved. */
const listOrders = operation(__dirname, 'getMany.workflow.json', sandbox);

/** The node's output items; a node error fails the test with n8n's message. */
const getMany = (parameters: INodeParameters, options?: RunOptions) =>
	listOrders.output(listOrders.parameters(parameters), options);

/** The error n8n recorded for the node (a plain object: n8n spreads the thrown error). */
const failure = (parameters: INodeParameters, options?: RunOptions) =>
	listOrders.failure(listOrders.parameters(parameters), options);

// ---------------------------------------------------------------- expectations from the store

interface StoreQuery {
	createdFrom: number;
	createdTo: number;
	modifiedFrom?: number;
	modifiedTo?: number;
	statuses?: string[];
	buyer?: string;
}

/**
 * What AliExpress has for a query, by the documented rules. (FINISH orders of
 * any age: the 30-day FINISH limit is on a query window's width, not on age.)
 */
function expected(q: StoreQuery): Order[] {
	return (
		[...sandbox.store.orders.values()]
			.filter((o) => {
				const created = parsePacific(o.gmt_create);
				const updated = parsePacific(o.gmt_update);
				if (created < q.createdFrom || created > q.createdTo) return false;
				if (q.modifiedFrom !== undefined && updated < q.modifiedFrom) return false;
				if (q.modifiedTo !== undefined && updated > q.modifiedTo) return false;
				if (q.statuses?.length && !q.statuses.includes(o.order_status)) return false;
				if (q.buyer && o.buyer_login_id !== q.buyer) return false;
				return true;
			})
			// newest first; orders placed in the same second: highest order id first
			.sort(
				(a, b) =>
					parsePacific(b.gmt_create) - parsePacific(a.gmt_create) ||
					(BigInt(b.order_id) > BigInt(a.order_id) ? 1 : -1),
			)
	);
}

/**
 * One sent order-list query as an object. The credential is IOP: its fields are
 * flat parameters, `order_status_list` a JSON list, the numbers as text
 * (emsaniey20/java AliexpressSolutionOrderGetRequest.getApiParams).
 */
function sentQuery(params: Record<string, string>): IDataObject {
	expect(params).not.toHaveProperty('param0');
	const q: IDataObject = {};
	for (const [key, value] of Object.entries(params)) {
		if (key === 'order_status_list') q[key] = JSON.parse(value) as string[];
		else if (key === 'page_size' || key === 'current_page') q[key] = Number(value);
		else if (/_date_|buyer_login_id/.test(key)) q[key] = value;
	}
	return q;
}

/** The order-list queries the node sent, grouped by everything but the page. */
function sentQueries(): Map<string, { query: IDataObject; pages: number[] }> {
	const out = new Map<string, { query: IDataObject; pages: number[] }>();
	for (const call of sandbox.calls.filter((c) => c.method === LIST)) {
		const { current_page: page, ...query } = sentQuery(call.params);
		const key = JSON.stringify(query);
		const entry = out.get(key) ?? { query, pages: [] };
		entry.pages.push(page as number);
		out.set(key, entry);
	}
	return out;
}

/** How many orders the sandbox holds for one sent query (same rules as above). */
function matchesOf(query: IDataObject): number {
	return expected({
		createdFrom: parsePacific(query.create_date_start as string),
		createdTo: parsePacific(query.create_date_end as string),
		modifiedFrom: query.modified_date_start
			? parsePacific(query.modified_date_start as string)
			: undefined,
		modifiedTo: query.modified_date_end
			? parsePacific(query.modified_date_end as string)
			: undefined,
		statuses: query.order_status_list as string[],
		buyer: query.buyer_login_id as string | undefined,
	}).length;
}

/** Every sent query read each of its pages exactly once, and no more. */
function expectOnePassPerPage(): number {
	let total = 0;
	for (const { query, pages } of sentQueries().values()) {
		const pageCount = Math.max(1, Math.ceil(matchesOf(query) / 50));
		expect([...pages].sort((a, b) => a - b)).toEqual(
			Array.from({ length: pageCount }, (_, i) => i + 1),
		);
		expect(query.page_size).toBe(50);
		total += pageCount;
	}
	expect(sandbox.callCount(LIST)).toBe(total);
	return total;
}

const ids = (items: INodeExecutionData[]) =>
	items.map((i) => String(i.json.order_id ?? i.json.orderId));

// ---------------------------------------------------------------- Get Many

describe('order → Get Many', () => {
	it('returns every order of the last 180 days, each once, newest first, reading each page once', async () => {
		const now = Date.now();
		const out = await getMany({});
		const want = expected({ createdFrom: now - 180 * DAY, createdTo: now });
		expect(out.length).toBe(want.length);
		expect(new Set(ids(out)).size).toBe(out.length);
		expect(ids(out)).toEqual(want.map((o) => o.order_id));
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		// FINISH is asked for on its own (in 30-day windows); the other ten statuses together
		const lists = [...sentQueries().values()].map((q) => q.query.order_status_list as string[]);
		expect(lists.filter((l) => l.length === 10)).toHaveLength(1);
		const finish = lists.filter((l) => l.length !== 10);
		expect(finish.length).toBeGreaterThanOrEqual(6);
		expect(finish.every((l) => l.join() === 'FINISH')).toBe(true);
		const pages = expectOnePassPerPage();
		expect(pages).toBeGreaterThan(10);
		// raw orders keep the API's fields, ids as strings
		const raw = out[0].json;
		expect(typeof raw.order_id).toBe('string');
		expect(raw).toHaveProperty('product_list');
		expect(raw).toHaveProperty('pay_amount');
	});

	it('simplifies orders', async () => {
		const out = await getMany({
			simplify: true,
			filters: { statuses: ['WAIT_SELLER_SEND_GOODS', 'PLACE_ORDER_SUCCESS'] },
		});
		expect(out.length).toBeGreaterThan(0);
		for (const { json } of out) {
			const o = sandbox.store.orders.get(json.orderId as string)!;
			expect(o).toBeDefined();
			expect(Object.keys(json).sort()).toEqual(
				[
					'buyerLoginId',
					'createdAt',
					'currency',
					'items',
					'orderId',
					'paidAt',
					'status',
					'totalAmount',
					'updatedAt',
				].sort(),
			);
			expect(json.status).toBe(o.order_status);
			expect(json.createdAt).toBe(new Date(parsePacific(o.gmt_create)).toISOString());
			expect(json.updatedAt).toBe(new Date(parsePacific(o.gmt_update)).toISOString());
			expect(json.paidAt).toBe(
				o.gmt_pay_time ? new Date(parsePacific(o.gmt_pay_time)).toISOString() : null,
			);
			expect(json.totalAmount).toBe(Number(o.pay_amount.amount));
			expect(json.currency).toBe(o.pay_amount.currency_code);
			expect(json.buyerLoginId).toBe(o.buyer_login_id);
			expect(json.items).toEqual(
				o.product_list.order_product_dto.map((l) => ({
					productId: l.product_id,
					skuCode: l.sku_code,
					quantity: l.product_count,
					unitPrice: Number(l.product_unit_price.amount),
				})),
			);
		}
		expect(out.some((i) => i.json.paidAt === null)).toBe(true); // PLACE_ORDER_SUCCESS: not paid yet
	});

	it('with a limit returns the newest orders and stops reading early', async () => {
		const now = Date.now();
		const want = expected({ createdFrom: now - 180 * DAY, createdTo: now });
		const out = await getMany({ returnAll: false, limit: 60 });
		expect(ids(out)).toEqual(want.slice(0, 60).map((o) => o.order_id));
		const calls = sandbox.callCount(LIST);
		expect(calls).toBeLessThanOrEqual(4);

		sandbox.resetCalls();
		const few = await getMany({ returnAll: false, limit: 5 });
		expect(ids(few)).toEqual(want.slice(0, 5).map((o) => o.order_id));
		expect(sandbox.callCount(LIST)).toBe(2); // the first page of each status stream
		expect(sandbox.calls.every((c) => c.params.current_page === '1')).toBe(true);
	});

	it('filters by status, one query for the chosen statuses', async () => {
		const statuses = ['WAIT_SELLER_SEND_GOODS', 'IN_ISSUE'];
		const now = Date.now();
		const out = await getMany({ filters: { statuses } });
		const want = expected({ createdFrom: now - 180 * DAY, createdTo: now, statuses });
		expect(ids(out)).toEqual(want.map((o) => o.order_id));
		expect(out.every((i) => statuses.includes(i.json.order_status as string))).toBe(true);
		const queries = [...sentQueries().values()];
		expect(queries).toHaveLength(1);
		expect(queries[0].query.order_status_list).toEqual(statuses);
		expectOnePassPerPage();
	});

	it('reads dates in the workflow time zone and sends them in US Pacific time', async () => {
		const now = Date.now();
		// wall times in Tokyo for 40 and 10 days ago, on whole seconds
		const from = Math.floor((now - 40 * DAY) / 1000) * 1000;
		const to = Math.floor((now - 10 * DAY) / 1000) * 1000;
		const tokyo = (ms: number) => formatInZone(ms, 'Asia/Tokyo').replace(' ', 'T');
		const modFrom = Math.floor((now - 35 * DAY) / 1000) * 1000;
		// one date as ISO with an offset: that offset wins over the workflow zone
		const modFromIso = new Date(modFrom + 5.5 * 3600_000).toISOString().replace('Z', '+05:30');
		const out = await getMany(
			{
				filters: { createdAfter: tokyo(from), createdBefore: tokyo(to), modifiedAfter: modFromIso },
			},
			{ timezone: 'Asia/Tokyo' },
		);
		const queries = [...sentQueries().values()].map((q) => q.query);
		const others = queries.find((q) => (q.order_status_list as string[]).length === 10)!;
		expect(others.create_date_start).toBe(formatPacific(from));
		expect(others.create_date_end).toBe(formatPacific(to));
		expect(others.modified_date_start).toBe(formatPacific(modFrom));
		expect(others).not.toHaveProperty('modified_date_end');
		const want = expected({ createdFrom: from, createdTo: to, modifiedFrom: modFrom });
		expect(want.length).toBeGreaterThan(0);
		expect(ids(out)).toEqual(want.map((o) => o.order_id));
		expectOnePassPerPage();
	});

	it('splits a range over 180 days into windows the API accepts', async () => {
		const now = Date.now();
		// two old orders only a split range can reach
		const old1 = sandbox.store.addOrder({
			createdAt: now - 300 * DAY,
			order_status: 'WAIT_BUYER_ACCEPT_GOODS',
		});
		const old2 = sandbox.store.addOrder({ createdAt: now - 390 * DAY, order_status: 'IN_ISSUE' });
		const from = now - 400 * DAY;
		const out = await getMany({
			filters: {
				createdAfter: new Date(from).toISOString(),
				createdBefore: new Date(now).toISOString(),
			},
		});
		expect(sandbox.calls.every((c) => c.outcome === 'ok')).toBe(true);
		const want = expected({ createdFrom: Math.ceil(from / 1000) * 1000, createdTo: now });
		expect(ids(out)).toEqual(want.map((o) => o.order_id));
		expect(ids(out)).toEqual(expect.arrayContaining([old1.order_id, old2.order_id]));
		// the ten-status stream: three contiguous windows of at most 180 days covering the range
		const windows = [...sentQueries().values()]
			.map((q) => q.query)
			.filter((q) => (q.order_status_list as string[]).length === 10)
			.map((q) => [
				parsePacific(q.create_date_start as string),
				parsePacific(q.create_date_end as string),
			])
			.sort((a, b) => a[0] - b[0]);
		expect(windows).toHaveLength(3);
		expect(windows[0][0]).toBe(Math.ceil(from / 1000) * 1000);
		expect(windows[2][1]).toBe(Math.floor(now / 1000) * 1000);
		for (let i = 0; i < windows.length; i++) {
			expect(windows[i][1] - windows[i][0]).toBeLessThanOrEqual(180 * DAY);
			if (i > 0) expect(windows[i][0] - windows[i - 1][1]).toBe(1000);
		}
		expectOnePassPerPage();
	});

	it('asks for FINISH on its own, in windows of at most 30 days over the whole range', async () => {
		const now = Date.now();
		// finished orders older than 30 days stay readable (the limit is a window's width)
		const old1 = sandbox.store.addOrder({ createdAt: now - 45 * DAY, order_status: 'FINISH' });
		const old2 = sandbox.store.addOrder({ createdAt: now - 170 * DAY, order_status: 'FINISH' });
		const statuses = ['FINISH', 'WAIT_BUYER_ACCEPT_GOODS'];
		const from = now - 60 * DAY;
		const out = await getMany({
			filters: { statuses, createdAfter: new Date(from).toISOString() },
		});
		expect(sandbox.calls.every((c) => c.outcome === 'ok')).toBe(true);
		const want = expected({ createdFrom: Math.ceil(from / 1000) * 1000, createdTo: now, statuses });
		expect(ids(out)).toEqual(want.map((o) => o.order_id));
		expect(ids(out)).toContain(old1.order_id);
		const finishWindows: number[][] = [];
		for (const { query } of sentQueries().values()) {
			const list = query.order_status_list as string[];
			const window = [
				parsePacific(query.create_date_start as string),
				parsePacific(query.create_date_end as string),
			];
			if (list.includes('FINISH')) {
				expect(list).toEqual(['FINISH']);
				expect(window[1] - window[0]).toBeLessThanOrEqual(30 * DAY);
				finishWindows.push(window);
			} else {
				expect(list).toEqual(['WAIT_BUYER_ACCEPT_GOODS']);
				expect(query.create_date_start).toBe(formatPacific(Math.ceil(from / 1000) * 1000));
			}
		}
		// contiguous windows covering the 60 days asked for, not only the last 30
		finishWindows.sort((x, y) => x[0] - y[0]);
		expect(finishWindows).toHaveLength(2);
		expect(finishWindows[0][0]).toBe(Math.ceil(from / 1000) * 1000);
		expect(finishWindows[1][0] - finishWindows[0][1]).toBe(1000);
		expect(finishWindows[1][1]).toBe(Math.floor(now / 1000) * 1000);
		expectOnePassPerPage();
		// FINISH alone, no dates: the last 180 days, in 30-day windows
		sandbox.resetCalls();
		const onlyFinished = await getMany({ filters: { statuses: ['FINISH'] } });
		expect(ids(onlyFinished)).toEqual(
			expected({ createdFrom: now - 180 * DAY, createdTo: now, statuses: ['FINISH'] }).map(
				(o) => o.order_id,
			),
		);
		expect(ids(onlyFinished)).toContain(old2.order_id);
		expect(sentQueries().size).toBeGreaterThanOrEqual(6);
		expect(
			[...sentQueries().values()].every(
				(q) => (q.query.order_status_list as string[]).join() === 'FINISH',
			),
		).toBe(true);
	});

	it('on the legacy TOP gateway sends the query as param0 (an OrderQuery JSON)', async () => {
		const iopRun = await listOrders.run(
			listOrders.parameters({ filters: { statuses: ['WAIT_SELLER_SEND_GOODS'] } }),
			{},
		);
		expect(iopRun.error).toBeUndefined();
		const iopIds = ids(iopRun.items);
		sandbox.resetCalls();
		const { items, error } = await runNode({
			parameters: listOrders.parameters({ filters: { statuses: ['WAIT_SELLER_SEND_GOODS'] } }),
			credentials: sandboxCredentials(sandbox, {
				protocol: 'top',
				gatewayUrl: `${sandbox.url}/router/rest`,
			}),
		});
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(iopIds);
		expect(sandbox.callCount(LIST)).toBeGreaterThan(0);
		for (const call of sandbox.calls.filter((c) => c.method === LIST)) {
			expect(call.params).not.toHaveProperty('page_size');
			const q = JSON.parse(call.params.param0) as IDataObject;
			expect(q.order_status_list).toEqual(['WAIT_SELLER_SEND_GOODS']);
			expect(q.page_size).toBe(50);
		}
	});

	it('takes a page of one order given as a bare object (buyer filter)', async () => {
		const order = sandbox.store.addOrder({
			createdAt: Date.now() - 3 * DAY,
			buyer_login_id: 'us0000000001solo',
		});
		const out = await getMany({
			filters: { buyerLoginId: ' us0000000001solo ' },
			simplify: true,
		});
		expect(out.map((i) => i.json.orderId)).toEqual([order.order_id]);
		for (const { query } of sentQueries().values())
			expect(query.buyer_login_id).toBe('us0000000001solo');
	});

	it('runs one query per input item, paired to it', async () => {
		const out = await getMany(
			{
				returnAll: false,
				limit: 3,
				filters: { statuses: '={{ [$json.status] }}' },
			},
			{ items: [{ status: 'IN_ISSUE' }, { status: 'IN_FROZEN' }] },
		);
		expect(out).toHaveLength(6);
		expect(
			out
				.slice(0, 3)
				.every(
					(i) =>
						i.json.order_status === 'IN_ISSUE' && (i.pairedItem as { item: number }).item === 0,
				),
		).toBe(true);
		expect(
			out
				.slice(3)
				.every(
					(i) =>
						i.json.order_status === 'IN_FROZEN' && (i.pairedItem as { item: number }).item === 1,
				),
		).toBe(true);
	});

	it('rejects bad input before any call, naming item and field', async () => {
		let error = await failure({ filters: { createdAfter: 'last tuesday' } });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('Item 1, field "Created After": is not a date, got "last tuesday"');
		expect(error.description).toContain('2024-05-01T00:00:00');

		// item 2 is bad: nothing at all is sent, not even item 1's query
		error = await failure(
			{ filters: { modifiedBefore: '={{ $json.before }}' } },
			{ items: [{ before: '2024-05-01T00:00:00' }, { before: '2024-13-45' }] },
		);
		expect(error.message).toMatch(/^Item 2, field "Modified Before": is not a date/);

		error = await failure({
			filters: { createdAfter: '2024-05-02T00:00:00', createdBefore: '2024-05-01T00:00:00' },
		});
		expect(error.message).toMatch(
			/^Item 1, field "Created After": must be earlier than "Created Before"/,
		);

		error = await failure({ returnAll: false, limit: 0 });
		expect(error.message).toMatch(/^Item 1, field "Limit": must be a whole number of at least 1/);

		error = await failure({ filters: { statuses: ['SHIPPED'] } });
		expect(error.message).toMatch(
			/^Item 1, field "Statuses": "SHIPPED" is not an AliExpress order status/,
		);
		expect(sandbox.callCount()).toBe(0);
	});
});
