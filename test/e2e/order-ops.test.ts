/**
 * The seller's day in real n8n (2.41.1, scripts/n8n-harness.js): the example
 * examples/ship-new-paid-order.json (new paid order → Get Order → carriers →
 * the warehouse's tracking number → Ship) run with `n8n execute --id`, and the
 * cancellation, remark and dispute operations in one workflow. Assertions are on
 * the items n8n returns and on the sandbox's store.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { startSandbox, type Order, type Sandbox } from '../sandbox';
import { opsOf } from '../sandbox/orderOps';
import {
	aliExpress,
	harness,
	manualTrigger,
	preparedUserFolder,
	sandboxCredential,
	workflow,
} from './harness';

jest.setTimeout(30 * 60_000);

const EXAMPLE = resolve(__dirname, '..', '..', 'examples', 'ship-new-paid-order.json');

let sandbox: Sandbox;
let userFolder: string;
let paid: Order;
let cancelling: Order;

beforeAll(async () => {
	sandbox = await startSandbox({ products: 40, orders: 200 });
	// the only order paid in the last day: the one the example finds and ships
	for (const o of sandbox.store.orders.values()) {
		if (o.order_status === 'WAIT_SELLER_SEND_GOODS')
			sandbox.store.setOrderStatus(o.order_id, 'FINISH');
	}
	paid = sandbox.store.addOrder({
		order_status: 'WAIT_SELLER_SEND_GOODS',
		createdAt: Date.now() - 3_600_000,
	});
	cancelling = sandbox.store.addOrder({ order_status: 'IN_CANCEL' });
	userFolder = preparedUserFolder();
	await harness.importCredentials(userFolder, [sandboxCredential(sandbox)]);
	await harness.importWorkflow(userFolder, [
		JSON.parse(readFileSync(EXAMPLE, 'utf8')),
		workflow(
			'aeE2eOrderOps',
			[
				manualTrigger(),
				aliExpress('Accept', {
					resource: 'order',
					operation: 'acceptCancellation',
					orderId: cancelling.order_id,
				}),
				aliExpress('Remark', {
					resource: 'order',
					operation: 'setRemark',
					orderId: cancelling.order_id,
					remark: 'Cancelled at the buyer’s request',
				}),
				aliExpress('Disputes', {
					resource: 'dispute',
					operation: 'getMany',
					returnAll: true,
					filters: { status: 'processing' },
				}),
				aliExpress('Dispute', {
					resource: 'dispute',
					operation: 'get',
					issueId: '={{ $json.issue_id }}',
				}),
			],
			[
				['Start', 'Accept'],
				['Accept', 'Remark'],
				['Remark', 'Disputes'],
				['Disputes', 'Dispute'],
			],
		),
	]);
});

afterAll(async () => await sandbox?.close());

it('the example ships the new paid order with a tracking number of the chosen carrier', async () => {
	const { code, run, stderr } = await harness.executeWorkflow(userFolder, 'aeExShipNewPaidOrder');
	expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
	const shipped = harness.nodeItems(run, 'Ship');
	expect(shipped).toHaveLength(1);
	const stored = sandbox.store.orders.get(paid.order_id)!;
	expect(stored.order_status).toBe('WAIT_BUYER_ACCEPT_GOODS');
	expect(stored.shipments).toHaveLength(1);
	const carrier = opsOf(sandbox.store).carriers.find(
		(c) => c.service_name === stored.shipments[0].service_name,
	)!;
	expect(stored.shipments[0].logistics_no).toMatch(new RegExp(carrier.tracking_no_regex));
	expect(shipped[0]).toMatchObject({
		orderId: paid.order_id,
		serviceName: carrier.service_name,
		trackingNumber: stored.shipments[0].logistics_no,
		success: true,
		alreadyShipped: false,
	});
	// the carrier list once per node that reads it: Get carriers, and Ship's check (one for all items)
	expect(sandbox.callCount('aliexpress.logistics.redefining.listlogisticsservice')).toBe(2);
});

it('accepts a cancellation, notes the order and reads the open disputes', async () => {
	const { code, run, stderr } = await harness.executeWorkflow(userFolder, 'aeE2eOrderOps');
	expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
	expect(harness.nodeItems(run, 'Accept')).toEqual([
		expect.objectContaining({
			orderId: cancelling.order_id,
			cancellation: 'accepted',
			success: true,
		}),
	]);
	expect(sandbox.store.orders.get(cancelling.order_id)!.order_status).toBe('FINISH');
	expect(opsOf(sandbox.store).remarks.get(cancelling.order_id)).toBe(
		'Cancelled at the buyer’s request',
	);
	const open = [...opsOf(sandbox.store).disputes.values()].filter(
		(d) => d.issue_status === 'processing',
	);
	expect(
		harness
			.nodeItems(run, 'Disputes')
			.map((d) => d.issue_id)
			.sort(),
	).toEqual(open.map((d) => d.issue_id).sort());
	expect(
		harness
			.nodeItems(run, 'Dispute')
			.map((d) => d.id)
			.sort(),
	).toEqual(open.map((d) => d.issue_id).sort());
});
