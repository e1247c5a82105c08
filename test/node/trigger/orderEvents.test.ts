/**
 * The AliExpress Trigger's order query against the sandbox gateway: polls run
 * in n8n's PollContext (TriggerUnderTest) from the workflow in
 * orderEvents.workflow.json. Expected results come from the sandbox's store,
 * never from the node's code.
 */
import * as path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { sandboxCredentials, TriggerUnderTest, workflowParameters } from '../../helpers/engine';
import type { Order } from '../../sandbox';
import { parsePacific } from '../../sandbox/time';
import { useSandbox } from '../suite';

const LIST = 'aliexpress.solution.order.get';
const DAY = 86_400_000;

/** Order Updated, raw orders, every status: the workflow as saved. */
const WORKFLOW = workflowParameters(
	path.join(__dirname, 'orderEvents.workflow.json'),
	'AliExpress Trigger',
);

const sandbox = useSandbox();

/**
 * The orders the sandbox holds created in [createdFrom, now] and modified at
 * or after modifiedFrom (FINISH orders of any age: the documented 30-day FINISH
 * limit is on a query window's width).
 */
function expected(createdFrom: number, modifiedFrom: number, now = Date.now()): Order[] {
	return [...sandbox.store.orders.values()].filter((o) => {
		const created = parsePacific(o.gmt_create);
		const updated = parsePacific(o.gmt_update);
		if (created < createdFrom || created > now) return false;
		if (updated < modifiedFrom) return false;
		return true;
	});
}

/** The order-list queries the trigger sent, without the page. */
function sentQueries(): IDataObject[] {
	const out = new Map<string, IDataObject>();
	for (const call of sandbox.calls.filter((c) => c.method === LIST)) {
		// IOP credential: flat fields, order_status_list a JSON list (AliexpressSolutionOrderGetRequest)
		expect(call.params).not.toHaveProperty('param0');
		const query: IDataObject = {
			create_date_start: call.params.create_date_start,
			create_date_end: call.params.create_date_end,
			modified_date_start: call.params.modified_date_start,
		};
		if (call.params.order_status_list !== undefined) {
			query.order_status_list = JSON.parse(call.params.order_status_list) as string[];
		}
		out.set(JSON.stringify(query), query);
	}
	return [...out.values()];
}

describe('trigger → order query', () => {
	it('reads every status with no status list sent (FINISH on its own), copies from both streams merged', async () => {
		const now = Date.now();
		// Start Date 20 days back, on a whole second: the first poll fires for what changed since
		const start = Math.floor((now - 20 * DAY) / 1000) * 1000;
		const parameters: INodeParameters = {
			...WORKFLOW,
			options: { startDate: new Date(start).toISOString() },
		};
		// finished today, created 100 days ago: older than 30 days, still an update to report
		const lateFinish = sandbox.store.addOrder({
			createdAt: now - 100 * DAY,
			updatedAt: now - DAY,
			order_status: 'FINISH',
		});
		const trigger = await TriggerUnderTest.create({
			parameters,
			credentials: sandboxCredentials(sandbox),
		});
		const result = await trigger.poll('trigger', 'activate');
		const emitted = (result?.[0] ?? []).map((i) => i.json);
		// Order Updated reads orders created up to 179 days back (within the API's 180-day range)
		const want = expected(Math.ceil((now - 179 * DAY) / 1000) * 1000, start);
		const ids = emitted.map((o) => String(o.order_id));
		expect([...ids].sort()).toEqual(want.map((o) => o.order_id).sort());
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toContain(lateFinish.order_id);
		// oldest change first
		const changed = emitted.map((o) => parsePacific(o.gmt_update as string));
		expect(changed).toEqual([...changed].sort((a, b) => a - b));
		// no status list in 180-day windows; FINISH alone in windows of at most 30 days, over the
		// same range: a finished order created long ago that changed is found too
		const queries = sentQueries();
		const lists = queries.map((q) => q.order_status_list);
		expect(lists.filter((l) => l === undefined)).toHaveLength(1);
		const finish = queries.filter((q) => q.order_status_list !== undefined);
		expect(finish.length).toBeGreaterThanOrEqual(6);
		for (const q of finish) {
			expect(q.order_status_list).toEqual(['FINISH']);
			const width =
				parsePacific(q.create_date_end as string) - parsePacific(q.create_date_start as string);
			expect(width).toBeLessThanOrEqual(30 * DAY);
		}
		// the sandbox's unfiltered query includes recent FINISH orders too: they came twice and were merged
		expect(want.some((o) => o.order_status === 'FINISH')).toBe(true);
	});
});
