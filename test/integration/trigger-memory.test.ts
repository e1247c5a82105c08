/**
 * Exactly-once at 10,000 orders a day, past the trigger's Memory: the trigger's
 * event selection (trigger/orderEvents.ts) polls a modelled shop
 * (test/helpers/orderFlow.ts) for longer than Memory — with failed polls and
 * n8n restarts from what n8n saved — and every event must come out once, for
 * each Trigger On and Statuses setting (exactlyOnce: expected events from the
 * modelled orders). Memory is 2 days here so that the run stays short; the
 * bench (`npm run bench -- --scenarios trigger`) runs 30 days of Memory 30.
 *
 * Upgrade: a state saved by version 1 (one JSON entry per order, written by
 * test/fixtures/orderEventsV1.ts, the code that shipped) is read and the
 * events go on, none twice, none missed, across the upgrade.
 */
import * as lib from '../../nodes/AliExpress/trigger/orderEvents';
import * as v1 from '../fixtures/orderEventsV1';
import { exactlyOnce, OrderFlow, runTrigger, type FlowOptions } from '../helpers/orderFlow';

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 28); // the run crosses the end of DST (2026-11-01 09:00 UTC)
const SETTINGS: Array<Pick<FlowOptions, 'event' | 'statuses'>> = [
	{ event: 'newOrder', statuses: [] },
	// two statuses: an order emitted when paid, forgotten, must not fire again when it finishes
	{ event: 'newOrder', statuses: ['WAIT_SELLER_SEND_GOODS', 'FINISH'] },
	{ event: 'orderUpdated', statuses: [] },
	{ event: 'orderUpdated', statuses: ['WAIT_SELLER_SEND_GOODS', 'FINISH'] },
];
const RUN = {
	seed: 5,
	ordersPerDay: 10_000,
	historyDays: 2,
	pollMs: 2 * 3_600_000,
	retainDays: 2,
	failRate: 0.05,
	restartRate: 0.05,
};

// Orders live about 2 days here (scale 0.05), within Memory: an order untouched for longer
// than Memory and then changed without a new status fires again (a documented limit).
const flow = new OrderFlow(5, 10_000, START, START + 7 * DAY, 0.05);

describe('trigger memory at 10,000 orders a day, 5 days, Memory 2 days', () => {
	it.each(SETTINGS)(
		'$event $statuses: every event once',
		(setting) => {
			const r = runTrigger(lib, flow, { ...RUN, days: 5, ...setting });
			const c = exactlyOnce(r, setting);
			expect(r.failedPolls).toBeGreaterThan(0);
			expect(r.restarts).toBeGreaterThan(0);
			expect(c.expected).toBeGreaterThan(20_000);
			expect(c.duplicates.slice(0, 5)).toEqual([]);
			expect(c.missed.slice(0, 5)).toEqual([]);
			expect(c.invented.slice(0, 5)).toEqual([]);
		},
		120_000,
	);
});

describe('upgrade: a version 1 state keeps working (2,000 orders a day)', () => {
	const small = new OrderFlow(6, 2000, START, START + 7 * DAY, 0.05);
	it.each(SETTINGS)(
		'$event $statuses: none twice, none missed across the upgrade',
		(setting) => {
			const run = { ...RUN, ordersPerDay: 2000 };
			const before = runTrigger(v1, small, { ...run, days: 2, restartRate: 0, ...setting });
			const saved = JSON.parse(JSON.stringify({ orders: before.finalState }));
			expect(saved.orders.v).toBe(1);
			expect(Object.keys(saved.orders.seen).length).toBeGreaterThan(500);
			const after = runTrigger(lib, small, {
				...run,
				days: 3,
				...setting,
				startFrom: saved,
				from: before.end,
			});
			expect(after.baseline).toBe(before.baseline);
			const c = exactlyOnce(
				{
					...after,
					emitted: [...before.emitted, ...after.emitted],
					shownPairs: new Set([...before.shownPairs, ...after.shownPairs]),
				},
				setting,
			);
			expect(c.expected).toBeGreaterThan(4_000);
			expect(c.duplicates.slice(0, 5)).toEqual([]);
			expect(c.missed.slice(0, 5)).toEqual([]);
			expect(c.invented.slice(0, 5)).toEqual([]);
		},
		120_000,
	);
});
