/**
 * Exactly-once simulation of the AliExpress Trigger against the sandbox.
 *
 * Over 200+ polls, 1,000+ orders arrive and change status at random. Some
 * arrive late (created up to 50 minutes before they appear), some arrive or
 * change *while* the trigger pages (so pages shift), some polls fail half-way
 * (injected 5xx, malformed bodies, ISP errors), n8n "restarts" (the static
 * data n8n saved goes through JSON into a new workflow), and the run crosses the
 * end of daylight-saving time in US Pacific (2026-11-01 09:00 UTC), where the
 * API's Pacific strings repeat an hour.
 *
 * Each poll runs in n8n's PollContext (TriggerUnderTest): the static data lives
 * in the workflow n8n keeps in memory between polls.
 *
 * The clock is virtual (only Date is faked; timers and sockets are real).
 * Every check prints the seed on failure; SIM_SEEDS="1,2,3" runs other seeds.
 */
import type { INodeParameters } from 'n8n-workflow';

import { sandboxCredentials, TriggerUnderTest } from '../helpers/engine';
import { startSandbox, type OrderStatus, type Sandbox } from '../sandbox';

const START = Date.UTC(2026, 10, 1, 2, 0, 0); // 19:00 PDT on Oct 31; clocks go back at 09:00 UTC
const DST_END = Date.UTC(2026, 10, 1, 9, 0, 0);
const POLL_MS = 5 * 60_000;
/** n8n retries a poll that throws during activation after 1, 2, 4 and 8 s (five tries in all). */
const ACTIVATION_RETRIES_MS = [1000, 2000, 4000, 8000];
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
	// The run's plan (changes between polls, faults, restarts) and the changes made while the
	// trigger pages draw from two streams: the plan does not depend on how many requests the
	// HTTP stack sends, or in which order concurrent ones arrive.
	const rand = mulberry32(seed);
	const inFlight = mulberry32(seed ^ 0x5bd1e995);
	const pick = <T>(list: T[], random: () => number) => list[Math.floor(random() * list.length)];
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

		const mutate = (random: () => number) => {
			if (random() < 0.6 || recent.length === 0) {
				const late = random() < 0.3;
				const lateBy = late ? (60 + Math.floor(random() * 2940)) * 1000 : 0;
				const createdAt = Math.floor((clock - lateBy) / 1000) * 1000;
				const status = pick(
					STATUSES.filter((s) => s !== 'FINISH'),
					random,
				);
				const order = sandbox.store.addOrder({
					createdAt,
					updatedAt: createdAt,
					order_status: status,
				});
				history.set(order.order_id, [{ status, at: createdAt }]);
				recent.push(order.order_id);
				ordersAdded++;
			} else {
				const id = pick(recent, random);
				const current = sandbox.store.orders.get(id)!.order_status;
				const status = pick(
					STATUSES.filter((s) => s !== current),
					random,
				);
				sandbox.store.setOrderStatus(id, status);
				history.get(id)!.push({ status, at: Math.floor(clock / 1000) * 1000 });
				statusChanges++;
			}
		};

		// Orders arrive and change while the trigger pages.
		sandbox.onCall = () => {
			if (mutating && inFlight() < 0.2) mutate(inFlight);
		};

		// What n8n keeps in memory (the workflow of the active trigger), and what it has
		// saved. n8n 2.41 saves a polling trigger's static data right after activation
		// (whose poll, if it throws, is retried on the same in-memory data and saved
		// anyway) and after a poll that emits, not after a poll that returns nothing or
		// throws (docs/n8n-harness.md, findings).
		const parameters: INodeParameters = {
			event,
			simplify: false,
			options: { maxAttempts: 1, concurrency: 4 },
		};
		const activate = async (saved: string) =>
			await TriggerUnderTest.create({
				parameters,
				credentials: sandboxCredentials(sandbox),
				staticData: JSON.parse(saved),
			});
		let persisted = '{}';
		let trigger = await activate(persisted);
		/** How the workflow was activated: by the user, or by n8n starting up. */
		let activation: 'activate' | 'init' = 'activate';
		let activating = true;

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
				// n8n restarts: only what was saved survives, in a new workflow, activated at start-up.
				trigger = await activate(persisted);
				activation = 'init';
				activating = true;
				restarts++;
			}
			const retries = activating ? [...ACTIVATION_RETRIES_MS] : [];
			for (;;) {
				const before = statusNow();
				try {
					const result = await trigger.poll('trigger', activation);
					if (result) persisted = JSON.stringify(trigger.workflow.staticData);
					for (const item of result?.[0] ?? []) {
						emitted.push({
							id: String(item.json.order_id),
							status: String(item.json.order_status),
						});
					}
					const after = statusNow();
					for (const [id, status] of after)
						if (before.get(id) === status) stablePairs.add(`${id}:${status}`);
					break;
				} catch {
					// n8n keeps the in-memory static data as the poll left it, and saves nothing.
					failedPolls++;
					const wait = retries.shift();
					if (wait === undefined) break;
					clock += wait;
					jest.setSystemTime(clock);
				}
			}
			if (activating) {
				persisted = JSON.stringify(trigger.workflow.staticData);
				activating = false;
			}
		};

		// The first poll after activation sets the baseline and emits nothing.
		await poll(false);
		const baseline = clock;
		expect(emitted).toHaveLength(0);

		for (let n = 0; n < POLLS; n++) {
			const changes = Math.floor(rand() * 17);
			for (let c = 0; c < changes; c++) mutate(rand);
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
