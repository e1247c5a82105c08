/**
 * Exactly-once simulation of the AliExpress Trigger against the sandbox.
 *
 * Over 200+ polls, 1,000+ orders arrive and change status at random. Some
 * arrive late (created up to 50 minutes before they appear), some arrive or
 * change *while* the trigger pages (so pages shift), some polls fail half-way
 * (injected 5xx, malformed bodies, ISP errors), n8n "restarts" (the static
 * data goes through JSON and a new node instance), and the run crosses the
 * end of daylight-saving time in US Pacific (2026-11-01 09:00 UTC), where the
 * API's Pacific strings repeat an hour.
 *
 * The clock is virtual (only Date is faked; timers and sockets are real).
 * Every check prints the seed on failure; SIM_SEEDS="1,2,3" runs other seeds.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { AliExpressTrigger } from '../../nodes/AliExpress/AliExpressTrigger.node';
import { startSandbox, type OrderStatus, type Sandbox } from '../sandbox';
import { createPollContext, sandboxCredentials } from '../helpers/context';

const START = Date.UTC(2026, 10, 1, 2, 0, 0); // 19:00 PDT on Oct 31; clocks go back at 09:00 UTC
const DST_END = Date.UTC(2026, 10, 1, 9, 0, 0);
const POLL_MS = 5 * 60_000;
const POLLS = 200;
const SEEDS = (process.env.SIM_SEEDS ?? '11,23,37').split(',').map(Number);

const STATUSES: OrderStatus[] = [
	'PLACE_ORDER_SUCCESS',
	'WAIT_SELLER_SEND_GOODS',
	'SELLER_PART_SEND_GOODS',
	'WAIT_BUYER_ACCEPT_GOODS',
	'FUND_PROCESSING',
	'IN_ISSUE',
	'IN_CANCEL',
	'FINISH',
];

function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Change {
	status: string;
	at: number;
}

interface Outcome {
	seed: number;
	baseline: number;
	emitted: Array<{ id: string; status: string }>;
	history: Map<string, Change[]>;
	stablePairs: Set<string>;
	ordersAdded: number;
	statusChanges: number;
	failedPolls: number;
	restarts: number;
	polls: number;
	crossedDst: boolean;
}

async function simulate(seed: number, event: 'newOrder' | 'orderUpdated'): Promise<Outcome> {
	const rand = mulberry32(seed);
	const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
	let clock = START;
	jest.setSystemTime(clock);
	const sandbox: Sandbox = await startSandbox({
		seed,
		products: 20,
		orders: 100,
		now: () => Date.now(),
	});
	try {
		const history = new Map<string, Change[]>();
		for (const o of sandbox.store.orders.values())
			history.set(o.order_id, [{ status: o.order_status, at: -Infinity }]);
		const recent: string[] = [];
		let ordersAdded = 0;
		let statusChanges = 0;
		let mutating = false;

		const mutate = () => {
			if (rand() < 0.6 || recent.length === 0) {
				const late = rand() < 0.3;
				const createdAt =
					Math.floor((clock - (late ? (60 + Math.floor(rand() * 2940)) * 1000 : 0)) / 1000) * 1000;
				const status = pick(STATUSES.filter((s) => s !== 'FINISH'));
				const order = sandbox.store.addOrder({
					createdAt,
					updatedAt: createdAt,
					order_status: status,
				});
				history.set(order.order_id, [{ status, at: createdAt }]);
				recent.push(order.order_id);
				ordersAdded++;
			} else {
				const id = pick(recent);
				const current = sandbox.store.orders.get(id)!.order_status;
				const status = pick(STATUSES.filter((s) => s !== current));
				sandbox.store.setOrderStatus(id, status);
				history.get(id)!.push({ status, at: Math.floor(clock / 1000) * 1000 });
				statusChanges++;
			}
		};

		// What n8n keeps in memory, and what it has saved: n8n 2.41 saves a polling
		// trigger's static data after activation and after a poll that emits, not
		// after a poll that returns nothing or throws (scripts/n8n-harness.js, findings).
		let staticData: IDataObject = {};
		let persisted = '{}';
		let trigger = new AliExpressTrigger();
		const context = () =>
			createPollContext({
				credentials: sandboxCredentials(sandbox),
				parameters: {
					event,
					statuses: [],
					simplify: false,
					options: { maxAttempts: 1, overlapMinutes: 60, concurrency: 4 },
				},
				staticData,
				mode: 'trigger',
				// Orders arrive and change while the trigger pages.
				onRequest: () => {
					if (mutating && rand() < 0.2) mutate();
				},
			}).ctx as unknown as IPollFunctions;

		const emitted: Array<{ id: string; status: string }> = [];
		const stablePairs = new Set<string>();
		let failedPolls = 0;
		let restarts = 0;
		let polls = 0;
		const statusNow = () =>
			new Map([...sandbox.store.orders.values()].map((o) => [o.order_id, o.order_status]));

		const poll = async (allowFaults: boolean) => {
			clock += POLL_MS;
			jest.setSystemTime(clock);
			polls++;
			const faulty = allowFaults && rand() < 0.08;
			sandbox.setOptions({
				faults: faulty
					? {
							rate: 0.35,
							kinds: ['http500', 'malformed', 'ispError', 'http503'],
							seed: seed + polls,
						}
					: { rate: 0, kinds: [] },
			});
			if (allowFaults && rand() < 0.05) {
				// n8n restarts: only what was saved survives, in a new node instance.
				staticData = JSON.parse(persisted) as IDataObject;
				trigger = new AliExpressTrigger();
				restarts++;
			}
			const before = statusNow();
			try {
				const result = await trigger.poll.call(context());
				if (result || polls === 1) persisted = JSON.stringify(staticData);
				for (const item of result?.[0] ?? []) {
					emitted.push({ id: String(item.json.order_id), status: String(item.json.order_status) });
				}
				const after = statusNow();
				for (const [id, status] of after)
					if (before.get(id) === status) stablePairs.add(`${id}:${status}`);
			} catch {
				// n8n keeps the in-memory static data as the poll left it, and saves nothing.
				failedPolls++;
			}
		};

		// The first poll after activation sets the baseline and emits nothing.
		await poll(false);
		const baseline = clock;
		expect(emitted).toHaveLength(0);

		for (let n = 0; n < POLLS; n++) {
			const changes = Math.floor(rand() * 17);
			for (let c = 0; c < changes; c++) mutate();
			mutating = true;
			await poll(true);
			mutating = false;
		}
		// Quiet polls: nothing new, no faults; everything pending must come out now.
		await poll(false);
		await poll(false);

		return {
			seed,
			baseline,
			emitted,
			history,
			stablePairs,
			ordersAdded,
			statusChanges,
			failedPolls,
			restarts,
			polls,
			crossedDst: START < DST_END && clock > DST_END,
		};
	} finally {
		await sandbox.close();
	}
}

function check(seed: number, condition: boolean, message: () => string) {
	if (!condition) throw new Error(`seed ${seed}: ${message()}`);
}

function checkShape(o: Outcome) {
	check(o.seed, o.polls >= 200, () => `only ${o.polls} polls`);
	check(o.seed, o.ordersAdded >= 1000, () => `only ${o.ordersAdded} orders arrived`);
	check(o.seed, o.statusChanges >= 300, () => `only ${o.statusChanges} status changes`);
	check(o.seed, o.failedPolls >= 3, () => `only ${o.failedPolls} polls failed`);
	check(o.seed, o.restarts >= 2, () => `only ${o.restarts} restarts`);
	check(o.seed, o.crossedDst, () => 'the run did not cross the DST change');
}

beforeAll(() => {
	jest.useFakeTimers({
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
});
afterAll(() => jest.useRealTimers());

describe.each(SEEDS)('trigger simulation, seed %i', (seed) => {
	it('New Order: every order created after the baseline exactly once, nothing else', async () => {
		const o = await simulate(seed, 'newOrder');
		checkShape(o);
		const counts = new Map<string, number>();
		for (const e of o.emitted) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
		const duplicates = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
		check(
			seed,
			duplicates.length === 0,
			() => `emitted twice: ${duplicates.slice(0, 5).join(', ')}`,
		);
		const expected = [...o.history].filter(([, h]) => h[0].at >= o.baseline).map(([id]) => id);
		const missed = expected.filter((id) => !counts.has(id));
		check(
			seed,
			missed.length === 0,
			() => `missed ${missed.length}: ${missed.slice(0, 5).join(', ')}`,
		);
		const extra = [...counts.keys()].filter((id) => !expected.includes(id));
		check(seed, extra.length === 0, () => `emitted history: ${extra.slice(0, 5).join(', ')}`);
	}, 400_000);

	it('Order Updated: every order and status pair once, final statuses never missed', async () => {
		const o = await simulate(seed, 'orderUpdated');
		checkShape(o);
		const pairs = o.emitted.map((e) => `${e.id}:${e.status}`);
		const seen = new Set<string>();
		const duplicates = pairs.filter((p) => (seen.has(p) ? true : (seen.add(p), false)));
		check(
			seed,
			duplicates.length === 0,
			() => `emitted twice: ${duplicates.slice(0, 5).join(', ')}`,
		);
		// Nothing else: every emitted pair is a status the order really took after the baseline.
		const real = (id: string, status: string) =>
			(o.history.get(id) ?? []).some((c) => c.status === status && c.at >= o.baseline);
		const invented = o.emitted.filter((e) => !real(e.id, e.status));
		check(
			seed,
			invented.length === 0,
			() => `not real events: ${JSON.stringify(invented.slice(0, 5))}`,
		);
		// Every order changed after the baseline has its final status emitted.
		const missedFinal = [...o.history]
			.filter(([, h]) => h[h.length - 1].at >= o.baseline)
			.map(([id, h]) => `${id}:${h[h.length - 1].status}`)
			.filter((p) => !seen.has(p));
		check(
			seed,
			missedFinal.length === 0,
			() => `missed final statuses: ${missedFinal.slice(0, 5).join(', ')}`,
		);
		// Every status that held through a whole successful poll was emitted.
		const missedStable = [...o.stablePairs].filter((p) => {
			const [id, status] = p.split(':');
			return real(id, status) && !seen.has(p);
		});
		check(
			seed,
			missedStable.length === 0,
			() => `missed statuses seen by a poll: ${missedStable.slice(0, 5).join(', ')}`,
		);
		check(seed, o.emitted.length > 1000, () => `only ${o.emitted.length} events`);
	}, 400_000);
});
