/**
 * The trigger's event selection at the baseline's edge. AliExpress gives
 * `gmt_create`/`gmt_update` in whole seconds of US Pacific time; the baseline
 * is the activation instant in milliseconds. Times below are written by hand:
 * 2026-06-01 19:00:00 UTC is 12:00:00 in Pacific daylight time (UTC−7).
 */
import {
	initialState,
	selectEvents,
	type PollSettings,
} from '../../nodes/AliExpress/trigger/orderEvents';

const ACTIVATED = Date.UTC(2026, 5, 1, 19, 0, 0, 500); // 12:00:00.500 PDT
const LATER = ACTIVATED + 60_000;

const settings = (event: PollSettings['event']): PollSettings => ({
	event,
	statuses: [],
	overlapMs: 300_000,
	retainMs: 30 * 86_400_000,
});

const order = (id: string, created: string, updated = created) => ({
	order_id: id,
	order_status: 'PLACE_ORDER_SUCCESS',
	gmt_create: created,
	gmt_update: updated,
});

describe('trigger baseline, in the whole seconds AliExpress gives', () => {
	it('New Order: an order created in the second of activation is emitted; one a second earlier is history', () => {
		const state = initialState('newOrder', ACTIVATED);
		const { events } = selectEvents(
			state,
			settings('newOrder'),
			[
				order('1', '2026-06-01 12:00:00'),
				order('2', '2026-06-01 11:59:59'),
				order('3', '2026-06-01 12:00:01'),
			],
			LATER,
		);
		expect(events.map((e) => e.order_id).sort()).toEqual(['1', '3']);
	});

	it('Order Updated: a change in the second of activation is emitted; one a second earlier is history', () => {
		const state = initialState('orderUpdated', ACTIVATED);
		const { events } = selectEvents(
			state,
			settings('orderUpdated'),
			[
				order('1', '2026-05-20 08:00:00', '2026-06-01 12:00:00'),
				order('2', '2026-05-20 08:00:00', '2026-06-01 11:59:59'),
			],
			LATER,
		);
		expect(events.map((e) => e.order_id)).toEqual(['1']);
	});
});
