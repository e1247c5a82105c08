/**
 * A shop's order flow over weeks, and the AliExpress Trigger's event selection
 * (trigger/orderEvents.ts, passed in as `lib`: the bench gives the built one)
 * polling it the way AliExpressTrigger.poll does — without HTTP, so that 30
 * days at 10,000 orders a day run in seconds. The bench measures the trigger's
 * memory with it; test/integration/trigger-memory.test.ts checks exactly-once.
 *
 * The API answer is modelled on aliexpress.solution.order.get's documented
 * query (test/contract/aliexpress.solution.order.get.json): orders created at or
 * after `create_date_start` and modified at or after `modified_date_start`,
 * open end, every status, dates as US Pacific strings in whole seconds.
 *
 * An order's life (per order from a seeded random stream):
 * - placed (PLACE_ORDER_SUCCESS); 85 % are paid 1 min–3 h later
 *   (WAIT_SELLER_SEND_GOODS), shipped 6 h–3 days after that
 *   (WAIT_BUYER_ACCEPT_GOODS), 5 % disputed 2–10 days later (IN_ISSUE) and back
 *   to WAIT_BUYER_ACCEPT_GOODS 1–3 days after (a status taken twice), finished
 *   7–20 days after shipping (FINISH); the unpaid 15 % close 1–3 days after
 *   placing (FINISH);
 * - 20 % have one change that leaves the status as it was (a memo);
 * - 30 % of all changes show up in the API late, by up to 50 minutes (inside
 *   the default Late Order Tolerance of 60).
 * Order ids are 16 digits, "8" and 15 random ones, like the sandbox's.
 */
import type { IDataObject } from 'n8n-workflow';

import { formatPacific } from '../sandbox/time';

interface Settings {
	event: 'newOrder' | 'orderUpdated';
	statuses: string[];
	overlapMs: number;
	retainMs: number;
}

/** trigger/orderEvents.ts's functions (this version's, or an earlier one's: method syntax lets each take its own state). */
export interface OrderEventsLib {
	initialState(event: Settings['event'], now: number): object;
	loadState(data: IDataObject, event: Settings['event'], statuses?: string[]): object | undefined;
	pollQuery(
		state: object,
		settings: Settings,
		now: number,
	): { modifiedFrom: number; createdFrom: number };
	selectEvents(
		state: object,
		settings: Settings,
		orders: IDataObject[],
		now: number,
	): { events: IDataObject[]; state: object };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Version {
	status: string;
	/** gmt_update as the API gives it. */
	text?: string;
	/** gmt_update (ms, whole seconds). */
	at: number;
	/** When the API starts to show it. */
	visibleAt: number;
}

interface FlowOrder {
	id: string;
	created: number;
	createdText?: string;
	versions: Version[];
}

export function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface FlowOptions {
	seed: number;
	ordersPerDay: number;
	/** Orders start this long before the trigger is activated (in-flight orders). */
	historyDays: number;
	/** Days the trigger polls after activation. */
	days: number;
	pollMs: number;
	event: 'newOrder' | 'orderUpdated';
	statuses: string[];
	retainDays?: number;
	/** Share of polls that fail (the state does not move on; nothing is emitted). */
	failRate?: number;
	/** Share of polls before which n8n restarts from what it saved. */
	restartRate?: number;
	/** Static data to start from instead of an activation (an upgrade), and when. */
	startFrom?: IDataObject;
	from?: number;
	/** Called after each poll with the static data n8n holds. */
	onPoll?: (data: IDataObject, now: number) => void;
}

export class OrderFlow {
	readonly orders: FlowOrder[] = [];
	readonly byId = new Map<string, FlowOrder>();
	private readonly byVisible: Array<{ order: FlowOrder; visibleAt: number }> = [];

	/** `scale` shortens an order's life (not the lateness): 0.05 fits it into 2 days. */
	constructor(seed: number, ordersPerDay: number, from: number, to: number, scale = 1) {
		const rand = mulberry32(seed);
		const between = (a: number, b: number) => a + rand() * (b - a);
		const life = (a: number, b: number) => scale * between(a, b);
		const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
		const ids = new Set<string>();
		const count = Math.round(((to - from) / DAY) * ordersPerDay);
		for (let i = 0; i < count; i++) {
			let id: string;
			do id = `8${String(Math.floor(rand() * 1e15)).padStart(15, '0')}`;
			while (ids.has(id));
			ids.add(id);
			const created = sec(from + ((to - from) * (i + rand())) / count);
			const changes: Array<[string, number]> = [['PLACE_ORDER_SUCCESS', created]];
			let t = created;
			const change = (status: string, after: number) => {
				t = sec(t + after);
				changes.push([status, t]);
			};
			if (rand() < 0.85) {
				change('WAIT_SELLER_SEND_GOODS', life(MIN, 3 * HOUR));
				change('WAIT_BUYER_ACCEPT_GOODS', life(6 * HOUR, 3 * DAY));
				if (rand() < 0.05) {
					change('IN_ISSUE', life(2 * DAY, 10 * DAY));
					change('WAIT_BUYER_ACCEPT_GOODS', life(DAY, 3 * DAY));
				}
				change('FINISH', life(7 * DAY, 20 * DAY));
			} else {
				change('FINISH', life(DAY, 3 * DAY));
			}
			if (rand() < 0.2) {
				// a change that keeps the status (a memo), somewhere in the order's life
				const k = 1 + Math.floor(rand() * (changes.length - 1 || 1));
				const base = changes[Math.min(k, changes.length) - 1];
				const next = changes[k]?.[1] ?? base[1] + scale * 5 * DAY;
				if (next - base[1] > 3000)
					changes.splice(k, 0, [base[0], sec(between(base[1] + 1000, next - 1000))]);
			}
			const versions: Version[] = [];
			let visible = 0;
			for (const [status, at] of changes) {
				const late = rand() < 0.3 ? between(MIN, 50 * MIN) : 0;
				visible = Math.max(visible, at + late);
				versions.push({ status, at, visibleAt: visible });
			}
			const order = { id, created, versions };
			this.orders.push(order);
			this.byId.set(id, order);
			for (const v of versions) this.byVisible.push({ order, visibleAt: v.visibleAt });
		}
		this.byVisible.sort((a, b) => a.visibleAt - b.visibleAt);
	}

	/** The version the API shows at `now`. */
	static shown(order: FlowOrder, now: number): Version | undefined {
		let shown: Version | undefined;
		for (const v of order.versions) if (v.visibleAt <= now) shown = v;
		return shown;
	}

	/** What one poll's order query returns at `now` (every status, open end). */
	answer(query: { createdFrom: number; modifiedFrom: number }, now: number): IDataObject[] {
		const modifiedFrom = Math.ceil(query.modifiedFrom / 1000) * 1000;
		const createdFrom = Math.ceil(query.createdFrom / 1000) * 1000;
		// A version shows up after it happened, so a match became visible at or after modifiedFrom.
		let lo = 0;
		let hi = this.byVisible.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.byVisible[mid].visibleAt < modifiedFrom) lo = mid + 1;
			else hi = mid;
		}
		const found = new Set<FlowOrder>();
		for (let i = lo; i < this.byVisible.length && this.byVisible[i].visibleAt <= now; i++)
			found.add(this.byVisible[i].order);
		const out: IDataObject[] = [];
		for (const order of found) {
			const v = OrderFlow.shown(order, now);
			if (!v || v.at < modifiedFrom || order.created < createdFrom) continue;
			out.push({
				order_id: order.id,
				order_status: v.status,
				gmt_create: (order.createdText ??= formatPacific(order.created)),
				gmt_update: (v.text ??= formatPacific(v.at)),
			});
		}
		return out;
	}
}

export interface FlowResult {
	baseline: number;
	end: number;
	emitted: Array<{ id: string; status: string; at: number }>;
	/** "id:status:gmt_update ms" of every order a poll that succeeded read. */
	shownPairs: Set<string>;
	polls: number;
	failedPolls: number;
	restarts: number;
	/** JSON.stringify length of the trigger's static data after the last poll. */
	stateChars: number;
	/** The trigger's static data after the last poll. */
	finalState: unknown;
	/** The largest it was after a poll. */
	maxStateChars: number;
	/** CPU time of the trigger's part of the polls (load, select, the JSON n8n saves), ms. */
	triggerMs: number;
	flow: OrderFlow;
}

/** Polls `flow` as AliExpressTrigger.poll does, with failures and restarts as n8n has them. */
export function runTrigger(lib: OrderEventsLib, flow: OrderFlow, o: FlowOptions): FlowResult {
	const rand = mulberry32(o.seed ^ 0x9e3779b9);
	const settings = {
		event: o.event,
		statuses: o.statuses,
		overlapMs: 60 * MIN,
		retainMs: (o.retainDays ?? 30) * DAY,
	};
	const activation = flow.orders[0].created + o.historyDays * DAY;
	let now = o.from ?? activation;
	// n8n keeps the static data in memory between polls and saves it after activation and
	// after a poll that emits; a restart continues from what was saved.
	let data: IDataObject = o.startFrom ? JSON.parse(JSON.stringify(o.startFrom)) : {};
	let saved = JSON.stringify(data);
	const emitted: FlowResult['emitted'] = [];
	const shownPairs = new Set<string>();
	let polls = 0;
	let failedPolls = 0;
	let restarts = 0;
	let triggerMs = 0;
	let maxStateChars = 0;
	let baseline = activation;
	const end = now + o.days * DAY;
	for (; now <= end + 2 * o.pollMs; now += o.pollMs) {
		const quiet = now > end;
		if (!quiet && polls > 0 && rand() < (o.restartRate ?? 0)) {
			data = JSON.parse(saved) as IDataObject;
			restarts++;
		}
		polls++;
		const loading = process.cpuUsage();
		const state = lib.loadState(data, o.event, o.statuses);
		const loaded = process.cpuUsage(loading);
		triggerMs += (loaded.user + loaded.system) / 1000;
		if (!state) {
			data.orders = lib.initialState(o.event, now) as unknown as IDataObject;
			baseline = now;
			saved = JSON.stringify(data);
			continue;
		}
		baseline = (state as { baseline: number }).baseline;
		if (!quiet && rand() < (o.failRate ?? 0)) {
			failedPolls++;
			continue;
		}
		const query = lib.pollQuery(state, settings, now);
		const orders = flow.answer(query, now);
		const started = process.cpuUsage();
		const result = lib.selectEvents(state, settings, orders, now);
		data.orders = result.state as unknown as IDataObject;
		if (result.events.length) saved = JSON.stringify(data);
		const used = process.cpuUsage(started);
		triggerMs += (used.user + used.system) / 1000;
		for (const e of result.events)
			emitted.push({ id: String(e.order_id), status: String(e.order_status), at: now });
		for (const order of orders) {
			const shown = OrderFlow.shown(flow.byId.get(String(order.order_id))!, now)!;
			shownPairs.add(`${String(order.order_id)}:${shown.status}:${shown.at}`);
		}
		maxStateChars = Math.max(maxStateChars, JSON.stringify(data.orders).length);
		o.onPoll?.(data, now);
	}
	return {
		baseline,
		end: now,
		emitted,
		shownPairs,
		polls,
		failedPolls,
		restarts,
		stateChars: JSON.stringify(data.orders ?? {}).length,
		triggerMs,
		maxStateChars,
		finalState: data.orders,
		flow,
	};
}

/**
 * The trigger's promise checked from the modelled orders, not from the trigger:
 * - New Order: each order created at or after the baseline that a successful
 *   poll read in a wanted status (any status: every order created after it);
 * - Order Updated: each (order, status) a successful poll read with that
 *   change at or after the baseline;
 * once each, and nothing that was not real.
 */
export function exactlyOnce(r: FlowResult, o: Pick<FlowOptions, 'event' | 'statuses'>) {
	const wanted = (s: string) => !o.statuses.length || o.statuses.includes(s);
	const keyOf = (id: string, status: string) => (o.event === 'newOrder' ? id : `${id}:${status}`);
	const counts = new Map<string, number>();
	for (const e of r.emitted) {
		const key = keyOf(e.id, e.status);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const duplicates = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
	const expected = new Set<string>();
	for (const shown of r.shownPairs) {
		const [id, status, at] = shown.split(':');
		const pair = `${id}:${status}`;
		const order = r.flow.byId.get(id)!;
		if (!wanted(status)) continue;
		if (o.event === 'newOrder' && order.created >= r.baseline) expected.add(id);
		if (o.event === 'orderUpdated') {
			// the change that the read showed this status with
			if (Number(at) >= r.baseline) expected.add(pair);
		}
	}
	if (o.event === 'newOrder' && !o.statuses.length)
		for (const order of r.flow.orders)
			if (order.created >= r.baseline && order.created < r.end - 3 * 3_600_000)
				expected.add(order.id);
	const missed = [...expected].filter((k) => !counts.has(k));
	const invented = r.emitted.filter((e) => {
		const order = r.flow.byId.get(e.id);
		if (!order || !wanted(e.status)) return true;
		if (o.event === 'newOrder') return order.created < r.baseline;
		return !order.versions.some((v) => v.status === e.status && v.at >= r.baseline);
	});
	return { duplicates, missed, invented, expected: expected.size };
}
