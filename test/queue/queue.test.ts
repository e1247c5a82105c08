/**
 * The package in n8n's queue mode (`npm run test:queue`): PostgreSQL, Redis, one main
 * instance and two workers (n8n 2.41.1, the package installed on each, one encryption key),
 * against the sandbox. See test/queue/topology.ts for the setup. Figures are printed as
 * `[queue] …` lines.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { startSandbox, type Order, type Sandbox } from '../sandbox';
import { CREDENTIAL, NODE_TYPE, sandboxCredential } from '../e2e/harness';
import { startCollector, unflatten, waitFor } from '../e2e/server-helpers';
import { startTopology, type Topology } from './topology';
import { seedGroup, syncWorkflow, triggerWorkflow, TRIGGER, type SkuGroup } from './workflows';

jest.setTimeout(15 * 60_000);

const INVENTORY = 'aliexpress.solution.batch.product.inventory.update';
const EXAMPLE = JSON.parse(
	readFileSync(resolve(__dirname, '..', '..', 'examples', 'postgres-stock-sync.json'), 'utf8'),
) as {
	id: string;
	nodes: Array<{
		name: string;
		type: string;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
};
const SHOP_CREDENTIAL = Object.values(
	EXAMPLE.nodes.find((n) => n.type === 'n8n-nodes-base.postgres')!.credentials!,
)[0];

const say = (line: string) => process.stderr.write(`[queue] ${line}\n`);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

let sandbox: Sandbox;
let collector: Awaited<ReturnType<typeof startCollector>>;
let topo: Topology;
const groups: Record<'A' | 'B' | 'C', SkuGroup> = {} as never;

type Execution = {
	id: string;
	status: string;
	mode: string;
	startedAt: string;
	stoppedAt?: string;
	data?: string;
};
type Item = { json: Record<string, unknown> };

beforeAll(async () => {
	sandbox = await startSandbox({ products: 20, orders: 40, latencyMs: 50 });
	collector = await startCollector();
	groups.A = seedGroup(sandbox, 'A', 1000, 1);
	groups.B = seedGroup(sandbox, 'B', 1000, 2);
	groups.C = seedGroup(sandbox, 'C', 1000, 3);
	topo = await startTopology({
		workers: 2,
		credentials: (pg, database) => [
			sandboxCredential(sandbox),
			{
				...SHOP_CREDENTIAL,
				type: 'postgres',
				data: {
					host: '127.0.0.1',
					port: pg.port,
					database,
					user: pg.user,
					password: pg.password,
					ssl: 'disable',
				},
			},
		],
		workflows: [
			syncWorkflow('aeQueueSyncA', groups.A, 1),
			syncWorkflow('aeQueueSyncB', groups.B, 2),
			syncWorkflow('aeQueueSyncC', groups.C, 3),
			triggerWorkflow('aeQueueNewOrder', 'newOrder', collector.url),
			triggerWorkflow('aeQueueUpdated', 'orderUpdated', collector.url),
			EXAMPLE,
		],
	});
});

afterAll(async () => {
	await topo?.stop();
	await sandbox?.close();
	await collector?.close();
});

/** Starts a workflow from the main instance's REST API, as the editor's "Execute workflow". */
async function run(workflowId: string, trigger = 'Start'): Promise<string> {
	const r = await topo.rest.data<{ executionId: string }>('POST', `/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: trigger },
	});
	return r.executionId;
}

async function executions(workflowId: string): Promise<Execution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await topo.rest.data<{ results: Execution[] }>('GET', `/executions?filter=${filter}`);
	return r.results;
}

/** Waits until the execution has ended (any status but new/running/waiting); its summary. */
async function ended(workflowId: string, id: string, timeoutMs = 180_000): Promise<Execution> {
	return await waitFor(`execution ${id} to end`, timeoutMs, async () => {
		const e = (await executions(workflowId)).find((x) => String(x.id) === String(id));
		return e && !['new', 'running', 'waiting', 'unknown'].includes(e.status) ? e : undefined;
	});
}

async function outputOf(id: string, nodeName: string): Promise<Record<string, unknown>[]> {
	const e = await topo.rest.data<Execution>('GET', `/executions/${id}`);
	const data = unflatten(e.data!) as {
		resultData: { runData: Record<string, Array<{ data?: { main: Item[][] } }>> };
	};
	return (data.resultData.runData[nodeName]?.[0]?.data?.main[0] ?? []).map((i) => i.json);
}

/** The accepted inventory calls of a group and how often each of its SKUs was in one. */
function callsOf(group: SkuGroup, since = 0) {
	const mine = sandbox.calls.filter(
		(c, i) =>
			i >= since &&
			c.method === INVENTORY &&
			group.productIds.includes(
				(JSON.parse(c.params.mutiple_product_update_list) as Array<{ product_id: string }>)[0]
					.product_id,
			),
	);
	const applied = new Map<string, number>();
	for (const c of mine.filter((x) => x.outcome === 'ok'))
		for (const p of JSON.parse(c.params.mutiple_product_update_list) as Array<{
			multiple_sku_update_list: Array<{ sku_code: string }>;
		}>)
			for (const s of p.multiple_sku_update_list)
				applied.set(s.sku_code, (applied.get(s.sku_code) ?? 0) + 1);
	return {
		total: mine.length,
		ok: mine.filter((x) => x.outcome === 'ok').length,
		refused: mine.filter((x) => x.errorCode === 'ApiCallLimit').length,
		applied,
	};
}

/** skuCode → the stock the sandbox holds now, for a group's SKUs. */
function stockOf(group: SkuGroup): Map<string, number> {
	const stock = new Map<string, number>();
	for (const id of group.productIds)
		for (const s of sandbox.store.products.get(id)!.skus) stock.set(s.sku_code, s.inventory);
	return stock;
}

const seconds = (e: Execution) =>
	(new Date(e.stoppedAt!).getTime() - new Date(e.startedAt).getTime()) / 1000;

test('the credential test and a list search answer through the main instance', async () => {
	type Stored = { id: string; name: string; type: string; data: Record<string, string> };
	const stored = await topo.rest.data<Stored>(
		'GET',
		`/credentials/${CREDENTIAL.id}?includeData=true`,
	);
	const before = sandbox.callCount('aliexpress.solution.merchant.profile.get');
	expect(
		await topo.rest.data('POST', '/credentials/test', {
			credentials: { id: stored.id, name: stored.name, type: stored.type, data: stored.data },
		}),
	).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(sandbox.callCount('aliexpress.solution.merchant.profile.get')).toBe(before + 1);

	// the Freight Template list of Product → Publish, as the editor asks for it
	const list = await topo.rest.data<{ results: Array<{ name: string; value: string }> }>(
		'POST',
		'/dynamic-node-parameters/resource-locator-results',
		{
			path: 'parameters.freightTemplateId',
			nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
			methodName: 'searchFreightTemplates',
			currentNodeParameters: { resource: 'product', operation: 'publish' },
			credentials: { aliExpressApi: CREDENTIAL },
		},
	);
	expect(list.results.map((r) => r.value)).toEqual(
		sandbox.store.freightTemplates.map((t) => t.template_id),
	);
	for (const t of sandbox.store.freightTemplates)
		expect(list.results.find((r) => r.value === t.template_id)!.name).toContain(t.template_name);
});

// The trigger workflows are published early, so that their first scheduled polls happen
// while the syncs run (a poll comes at most once a minute).
const TRIGGERS = ['aeQueueNewOrder', 'aeQueueUpdated'];
const expected: string[] = [];
let o1: Order;

/** A workflow's static data as main stored it in PostgreSQL. */
const stored = (id: string) =>
	topo.pg.sql(topo.n8nDatabase, `SELECT "staticData" FROM workflow_entity WHERE id = '${id}'`);
const paid = (): Order =>
	sandbox.store.addOrder({
		createdAt: Date.now(),
		updatedAt: Date.now(),
		order_status: 'WAIT_SELLER_SEND_GOODS',
	});
const event = (e: string, o: Order, status = 'WAIT_SELLER_SEND_GOODS') =>
	`${e} ${o.order_id} ${status}`;
const received = () =>
	collector.posted.map((p) => `${p.body.event} ${p.body.orderId} ${p.body.status}`).sort();
/** Waits until the collector holds as many events as expected, then compares them. */
async function arrive(what: string, timeoutMs = 100_000) {
	await waitFor(what, timeoutMs, () => (received().length >= expected.length ? true : undefined));
	await sleep(3000); // anything more from the same polls would be here by now
	expect(received()).toEqual([...expected].sort());
}

test('the triggers, published on main, store their starting point in PostgreSQL', async () => {
	for (const id of TRIGGERS) {
		const wf = await topo.rest.data<{ versionId: string }>('GET', `/workflows/${id}`);
		await topo.rest.data('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
	}
	await waitFor('both triggers’ starting points in PostgreSQL', 60_000, () =>
		TRIGGERS.every((id) => stored(id).includes('baseline')) ? true : undefined,
	);
	const baseline = Date.now();
	while (Date.now() < baseline + 3500) await sleep(250); // whole seconds after the baseline
	o1 = paid();
	const o2 = paid();
	expected.push(...[o1, o2].flatMap((o) => [event('newOrder', o), event('orderUpdated', o)]));
	expect(collector.posted).toEqual([]);
});

test('two 10,000-SKU syncs at once run on both workers; every SKU applied exactly once', async () => {
	const cap = 10; // the sandbox's quota, which the node is not told
	sandbox.setOptions({ rateLimitPerSecond: cap, latencyMs: 50 });
	const since = sandbox.calls.length;
	const t0 = Date.now();
	const [a, b] = await Promise.all([run('aeQueueSyncA'), run('aeQueueSyncB')]);
	const [ea, eb] = await Promise.all([ended('aeQueueSyncA', a), ended('aeQueueSyncB', b)]);
	const wall = (Date.now() - t0) / 1000;
	expect([ea.status, eb.status]).toEqual(['success', 'success']);

	// on two different workers, at the same time
	const [wa, wb] = [topo.workerOf(a), topo.workerOf(b)];
	expect(wa).toMatch(/^worker-/);
	expect(wb).toMatch(/^worker-/);
	expect(wa).not.toBe(wb);
	expect(new Date(ea.startedAt).getTime()).toBeLessThan(new Date(eb.stoppedAt!).getTime());
	expect(new Date(eb.startedAt).getTime()).toBeLessThan(new Date(ea.stoppedAt!).getTime());

	for (const [id, group] of [
		[a, groups.A],
		[b, groups.B],
	] as const) {
		const out = await outputOf(id, 'Update Inventory');
		expect(out).toHaveLength(group.target.size);
		expect(out.filter((i) => i.success !== true)).toEqual([]);
		expect(new Set(out.map((i) => i.skuCode)).size).toBe(group.target.size);
		expect(stockOf(group)).toEqual(group.target);
		const calls = callsOf(group, since);
		expect([...calls.applied.values()].every((n) => n === 1)).toBe(true);
		expect(calls.applied.size).toBe(group.target.size);
		expect(calls.ok).toBe(50); // 1,000 products, 20 per call
		say(
			`sync ${group.tag} on ${topo.workerOf(id)}: ${seconds(id === a ? ea : eb).toFixed(1)} s, ` +
				`${calls.total} calls (${calls.ok} accepted, ${calls.refused} refused by the ${cap}/s cap)`,
		);
	}
	const [ca, cb] = [callsOf(groups.A, since), callsOf(groups.B, since)];
	const refused = ca.refused + cb.refused;
	say(
		`two syncs at once: ${wall.toFixed(1)} s wall (REST run → both ended); bound ${(100 / cap).toFixed(1)} s ` +
			`for 100 accepted calls at ${cap}/s; ${refused} refused (${((100 * refused) / (ca.total + cb.total)).toFixed(1)} % of calls)`,
	);
	// the cost of one pacer per worker: refusals, each retried without using an attempt
	expect(refused).toBeLessThan(100);
});

test('a worker killed mid-sync: the execution is recorded as crashed; running it again completes it', async () => {
	sandbox.setOptions({ rateLimitPerSecond: 4, latencyMs: 300 }); // ≥ 12.5 s for 50 calls
	const since = sandbox.calls.length;
	const id = await run('aeQueueSyncC');
	await waitFor('a fifth of the sync applied', 60_000, () =>
		callsOf(groups.C, since).ok >= 10 ? true : undefined,
	);
	const victim = topo.workers.findIndex((w) => w.name === topo.workerOf(id));
	expect(victim).toBeGreaterThanOrEqual(0);
	await topo.killWorker(victim);
	const killedAt = Date.now();
	const partial = callsOf(groups.C, since).applied.size;
	// a fresh worker in its place, while n8n notices the loss
	const [crashed] = await Promise.all([
		ended('aeQueueSyncC', id, 120_000),
		topo.startWorker(victim),
	]);
	expect(crashed.status).toBe('crashed');
	say(
		`worker ${topo.workers[victim].name} killed (SIGKILL) with ${partial} of 10000 SKUs applied; ` +
			`n8n recorded the execution as ${crashed.status} ${((Date.now() - killedAt) / 1000).toFixed(1)} s later (polled)`,
	);
	expect(partial).toBeLessThan(groups.C.target.size);

	sandbox.setOptions({ rateLimitPerSecond: 10, latencyMs: 50 });
	const again = await run('aeQueueSyncC');
	const done = await ended('aeQueueSyncC', again);
	expect(done.status).toBe('success');
	const out = await outputOf(again, 'Update Inventory');
	expect(out).toHaveLength(groups.C.target.size);
	expect(new Set(out.map((i) => i.skuCode)).size).toBe(groups.C.target.size);
	expect(out.filter((i) => i.success !== true)).toEqual([]);
	expect(stockOf(groups.C)).toEqual(groups.C.target);
	say(
		`rerun on ${topo.workerOf(again)}: success in ${seconds(done).toFixed(1)} s, final stock = input for all 10000 SKUs`,
	);
});

test('the Postgres example: the store’s stock table in, each row’s result written back, on a worker', async () => {
	const { pg, shopDatabase: db } = topo;
	const skus = [...groups.A.target.keys()].slice(0, 25);
	pg.sql(
		db,
		`CREATE TABLE stock (sku_code text PRIMARY KEY, product_id text NOT NULL, quantity integer NOT NULL,
		   sync_status text, sync_error text, synced_at timestamptz)`,
	);
	const rows = skus.map((s, i) => `('${s}', '${groups.A.productOf.get(s)}', ${500 + i})`);
	rows.push(`('NO-SUCH-SKU', '1005000000000001', 7)`); // a product AliExpress does not know
	pg.sql(db, `INSERT INTO stock (sku_code, product_id, quantity) VALUES ${rows.join(', ')}`);

	const schedule = EXAMPLE.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!.name;
	const id = await run(EXAMPLE.id, schedule);
	const e = await ended(EXAMPLE.id, id);
	expect(e.status).toBe('success');
	expect(topo.workerOf(id)).toMatch(/^worker-/);

	const table = pg
		.sql(
			db,
			"SELECT sku_code, quantity, sync_status, coalesce(sync_error, ''), synced_at IS NOT NULL FROM stock",
		)
		.trim()
		.split('\n')
		.map((l) => l.split('|'));
	expect(table).toHaveLength(26);
	const stock = stockOf(groups.A);
	for (const [sku, quantity, status, error, stamped] of table) {
		expect(stamped).toBe('t');
		if (sku === 'NO-SUCH-SKU') {
			expect(status).toBe('error');
			expect(error).not.toBe('');
		} else {
			expect([sku, status, error]).toEqual([sku, 'success', '']);
			expect(stock.get(sku)).toBe(Number(quantity));
		}
	}
	say(
		`Postgres example on ${topo.workerOf(id)}: 25 rows applied, 1 refused row written back as error`,
	);
});

test('the trigger on main: new orders and status changes emitted exactly once across a restart of main', async () => {
	await arrive('the first scheduled polls');

	// main goes away; an order arrives and another changes while it is down
	const t0 = Date.now();
	let o3: Order | undefined;
	await topo.restartMain(() => {
		o3 = paid();
		sandbox.store.setOrderStatus(o1.order_id, 'WAIT_BUYER_ACCEPT_GOODS');
	});
	say(`main restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	expected.push(
		event('newOrder', o3!),
		event('orderUpdated', o3!),
		event('orderUpdated', o1, 'WAIT_BUYER_ACCEPT_GOODS'),
	);
	await arrive('the events of the downtime');

	// and the schedule goes on from there
	const o4 = paid();
	expected.push(event('newOrder', o4), event('orderUpdated', o4));
	await arrive('a scheduled poll after the restart');

	const all = (await Promise.all(TRIGGERS.map(executions))).flat();
	expect(all.length).toBeGreaterThanOrEqual(4);
	expect(all.filter((e) => e.status !== 'success')).toEqual([]);
	const ranOn = all.map((e) => topo.workerOf(e.id));
	expect(ranOn.every((w) => /^worker-/.test(String(w)))).toBe(true);
	say(
		`trigger: ${expected.length} events, each once, across the restart; ${all.length} executions on ${[...new Set(ranOn)].join(', ')}`,
	);
	for (const id of TRIGGERS) expect(stored(id)).toContain(TRIGGER);
});
