/**
 * The package in a real n8n server (`n8n start`, 2.41.1, see scripts/n8n-harness.js),
 * started once for everything here:
 *
 *   - the AliExpress Trigger on its schedule: a published workflow "AliExpress Trigger
 *     (New Order, poll every minute) → HTTP Request" POSTs each emitted item to a
 *     collector on 127.0.0.1, so the test sees what the trigger emitted without logs;
 *   - "Fetch Test Event": a manual run of the trigger through the REST API, the way the
 *     editor does it (POST /rest/workflows/:id/run, then GET /rest/executions/:id);
 *   - the credential test the way the editor does it (POST /rest/credentials/test);
 *   - nothing n8n printed holds the app secret, the access token or a signature.
 *
 * Takes about 3.5 minutes, most of it waiting for two scheduled polls (n8n's
 * "every minute" fires at a random second of each minute).
 */
import { rmSync } from 'node:fs';

import { decodeMemory, type StoredMemory } from '../../nodes/AliExpress/trigger/memory';
import { N8nRest } from '../../scripts/n8n-editor';
import { startSandbox, type Order, type Sandbox } from '../sandbox';
import {
	CREDENTIAL,
	harness,
	node,
	preparedUserFolder,
	sandboxCredential,
	TRIGGER_TYPE,
	workflow,
} from './harness';
import { startCollector, unflatten, waitFor, type Posted } from './server-helpers';

jest.setTimeout(10 * 60_000);

const WORKFLOW_ID = 'aeE2eServerTrigger';
const TRIGGER = 'AliExpress Trigger';
const FORWARD = 'Forward to collector';
/** A scheduled poll happens within a minute; the rest is the run and its HTTP calls. */
const POLL_WAIT_MS = 80_000;

let sandbox: Sandbox;
let collector: { url: string; posted: Posted[]; close(): Promise<void> };
let userFolder: string;
let server: Awaited<ReturnType<typeof harness.startN8nServer>>;
let rest: N8nRest;

function triggerWorkflow(collectorUrl: string) {
	const trigger = {
		...node(TRIGGER, TRIGGER_TYPE, 1, {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			event: 'newOrder',
			statuses: [],
			simplify: true,
			options: {},
		}),
		credentials: { aliExpressApi: CREDENTIAL },
	};
	const forward = node(FORWARD, 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: collectorUrl,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json) }}',
		options: {},
	});
	return {
		...workflow(WORKFLOW_ID, [trigger, forward], [[TRIGGER, FORWARD]]),
		name: 'e2e: new orders to a collector',
	};
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

type PollState = {
	v: number;
	event: string;
	baseline: number;
	watermark: number;
	m: StoredMemory['m'];
};

async function triggerState(): Promise<PollState | undefined> {
	const wf = await rest.data<{ staticData: Record<string, { orders?: PollState }> | null }>(
		'GET',
		`/workflows/${WORKFLOW_ID}`,
	);
	return wf.staticData?.[`node:${TRIGGER}`]?.orders;
}

function paidOrder(createdAt: number): Order {
	return sandbox.store.addOrder({
		createdAt,
		updatedAt: createdAt,
		order_status: 'WAIT_SELLER_SEND_GOODS',
	});
}

/** What the Simplify option makes of an order the sandbox holds. */
function expectSimplified(body: Record<string, unknown>, order: Order) {
	expect(body).toMatchObject({
		orderId: order.order_id,
		status: 'WAIT_SELLER_SEND_GOODS',
		createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
		currency: expect.any(String),
		totalAmount: expect.any(Number),
		items: expect.any(Array),
	});
	expect((body.items as unknown[]).length).toBeGreaterThan(0);
}

beforeAll(async () => {
	sandbox = await startSandbox({ products: 20, orders: 150 });
	collector = await startCollector();
	userFolder = preparedUserFolder();
	await harness.importCredentials(userFolder, [sandboxCredential(sandbox)]);
	await harness.importWorkflow(userFolder, triggerWorkflow(collector.url));
	await harness.publishWorkflow(userFolder, WORKFLOW_ID);
	server = await harness.startN8nServer(userFolder);
	rest = new N8nRest(server.url);
	await rest.setupOwner();
});

afterAll(async () => {
	await server?.stop();
	await sandbox?.close();
	await collector?.close();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

let baseline: number;
const added: Order[] = [];

test('the first poll, at activation, only marks the starting point', async () => {
	const state = await waitFor('the trigger state saved at activation', 30_000, triggerState);
	expect(state).toMatchObject({ event: 'newOrder', m: {} });
	baseline = state.baseline;
	expect(Math.abs(Date.now() - baseline)).toBeLessThan(5 * 60_000);
	// Saved at activation; scheduled polls that emit nothing do not save it again.
	expect(state.watermark).toBe(baseline);
	expect(collector.posted).toEqual([]);
});

test('orders created after it are emitted by the next scheduled poll, each once', async () => {
	// Whole seconds after the baseline (AliExpress dates have no milliseconds).
	while (Date.now() < baseline + 3500) await sleep(250);
	const now = Date.now();
	added.push(paidOrder(now - 2000), paidOrder(now - 1000), paidOrder(now));

	await waitFor('3 items at the collector', POLL_WAIT_MS, () =>
		collector.posted.length >= 3 ? true : undefined,
	);
	await sleep(3000); // anything more from the same run would be here by now

	const ids = collector.posted.map((p) => p.body.orderId);
	expect([...ids].sort()).toEqual(added.map((o) => o.order_id).sort());
	for (const order of added)
		expectSimplified(collector.posted.find((p) => p.body.orderId === order.order_id)!.body, order);
	// The poll read orders from AliExpress and remembered what it emitted.
	expect(sandbox.callCount('aliexpress.solution.order.get')).toBeGreaterThan(0);
	const state = await triggerState();
	expect([...decodeMemory(state!).keys()].sort()).toEqual(added.map((o) => o.order_id).sort());
});

test('"Fetch Test Event" (a manual run from the editor) returns the latest order and changes no state', async () => {
	const before = await triggerState();
	const postedBefore = collector.posted.length;

	// What the editor sends when the trigger's "Fetch Test Event" is clicked in a fresh editor
	// (useRunWorkflow: a destination node with no parents, no run data yet).
	const { executionId } = await rest.data<{ executionId: string }>(
		'POST',
		`/workflows/${WORKFLOW_ID}/run`,
		{
			destinationNode: { nodeName: TRIGGER, mode: 'inclusive' },
			startNodes: [{ name: TRIGGER, sourceData: null }],
		},
	);
	const execution = await waitFor('the manual execution to finish', 60_000, async () => {
		const e = await rest.data<{ status: string; mode: string; data: string }>(
			'GET',
			`/executions/${executionId}`,
		);
		return ['new', 'running', 'waiting'].includes(e.status) ? undefined : e;
	});
	expect(execution).toMatchObject({ status: 'success', mode: 'manual' });

	type Task = { data?: { main: Array<Array<{ json: Record<string, unknown> }>> }; error?: unknown };
	const data = unflatten(execution.data) as { resultData: { runData: Record<string, Task[]> } };
	const runData = data.resultData.runData;
	expect(Object.keys(runData)).toEqual([TRIGGER]); // the trigger alone, as in the editor
	const items = runData[TRIGGER][0].data!.main[0];
	expect(items).toHaveLength(1);
	expectSimplified(items[0].json, added[2]); // the newest order of the store

	expect(await triggerState()).toEqual(before);
	await sleep(1000);
	expect(collector.posted).toHaveLength(postedBefore);
});

test('the credential test, as the editor runs it, answers OK or names the field to fix', async () => {
	type Stored = { id: string; name: string; type: string; data: Record<string, string> };
	// The editor opens a saved credential with its secrets blanked out and sends them back so.
	const stored = await rest.data<Stored>('GET', `/credentials/${CREDENTIAL.id}?includeData=true`);
	expect(JSON.stringify(stored)).not.toContain(sandbox.appSecret);
	expect(JSON.stringify(stored)).not.toContain(sandbox.accessToken);
	const test = async (data: Record<string, string>) =>
		await rest.data<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: stored.id, name: stored.name, type: stored.type, data },
		});

	// (a scheduled poll of the trigger may call the sandbox meanwhile: count the test's own calls)
	const profileCalls = () =>
		sandbox.calls.filter((c) => c.method === 'aliexpress.solution.merchant.profile.get');
	const before = profileCalls().length;
	expect(await test(stored.data)).toEqual({ status: 'OK', message: 'Connection successful!' });
	// the credential's own test request: one signed shop-profile read
	expect(
		profileCalls()
			.slice(before)
			.map((c) => c.outcome),
	).toEqual(['ok']);

	const badKey = await test({ ...stored.data, appKey: '42' });
	expect(badKey.status).toBe('Error');
	expect(badKey.message).toMatch(/^App Key:/);

	const badSecret = await test({ ...stored.data, appSecret: 'typo-in-the-secret-0000000000000' });
	expect(badSecret.status).toBe('Error');
	expect(badSecret.message).toMatch(/^App Secret:/);

	// an expired token of this app (the workflows keep the stored, valid one)
	const current = sandbox.store.current;
	const expired = sandbox.store.issueToken();
	sandbox.store.current = current;
	sandbox.store.expireToken(expired.accessToken);
	const badToken = await test({ ...stored.data, accessToken: expired.accessToken });
	expect(badToken.status).toBe('Error');
	expect(badToken.message).toMatch(/^Access Token:/);
	expect(JSON.stringify([badKey, badSecret, badToken])).not.toContain(expired.accessToken);
	expect(
		profileCalls()
			.slice(before)
			.map((c) => c.outcome),
	).toEqual(['ok', 'error', 'error', 'error']);
});

test('the next scheduled poll emits only what is new since: not the earlier orders, not the test event', async () => {
	const postedBefore = collector.posted.length;
	sandbox.store.setOrderStatus(added[0].order_id, 'WAIT_BUYER_ACCEPT_GOODS'); // a change, not a new order
	const fourth = paidOrder(Date.now());

	await waitFor('the 4th order at the collector', POLL_WAIT_MS, () =>
		collector.posted.length > postedBefore ? true : undefined,
	);
	await sleep(3000);
	const fresh = collector.posted.slice(postedBefore);
	expect(fresh.map((p) => p.body.orderId)).toEqual([fourth.order_id]);
	expectSimplified(fresh[0].body, fourth);
});

test('nothing n8n printed holds the app secret, the access token or a signature', async () => {
	await server.stop();
	const printed = server.output();
	expect(printed.length).toBeGreaterThan(0);
	const signs = sandbox.calls.map((c) => c.params.sign).filter(Boolean);
	expect(signs.length).toBeGreaterThan(3);
	const leaks = [sandbox.appSecret, sandbox.accessToken, ...signs].filter((s) =>
		printed.includes(s),
	);
	expect(leaks).toEqual([]);
});
