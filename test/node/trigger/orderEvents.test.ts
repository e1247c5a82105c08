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
 * or after modifiedFrom, by the documented rule that FINISH orders are only
 * there when created within the last 30 days.
 */
function expected(createdFrom: number, modifiedFrom: number, now = Date.now()): Order[] {
	return [...sandbox.store.orders.values()].filter((o) => {
		const created = parsePacific(o.gmt_create);
		const updated = parsePacific(o.gmt_update);
		if (created < createdFrom || created > now) return false;
		if (updated < modifiedFrom) return false;
		if (o.order_status === 'FINISH' && now - created > 30 * DAY) return false;
		return true;
	});
}

/** The order-list queries the trigger sent, without the page. */
function sentQueries(): IDataObject[] {
	const out = new Map<string, IDataObject>();
	for (const call of sandbox.calls.filter((c) => c.method === LIST)) {
		const { current_page: _page, ...query } = JSON.parse(call.params.param0) as IDataObject;
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
		// oldest change first
		const changed = emitted.map((o) => parsePacific(o.gmt_update as string));
		expect(changed).toEqual([...changed].sort((a, b) => a - b));
		const lists = sentQueries().map((q) => q.order_status_list);
		expect(lists).toEqual(expect.arrayContaining([undefined, ['FINISH']]));
		expect(lists).toHaveLength(2);
		// the sandbox's unfiltered query includes recent FINISH orders too: they came twice and were merged
		expect(want.some((o) => o.order_status === 'FINISH')).toBe(true);
	});
});
