/**
 * Order → Ship against the sandbox gateway, run by n8n's engine
 * (WorkflowExecute) from the workflow in ship.workflow.json. Expected results
 * come from the sandbox's store, never from the node's code.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Order } from '../../sandbox';
import { operation, useSandbox } from '../suite';

const INFO = 'aliexpress.solution.order.info.get';
const FULFILL = 'aliexpress.solution.order.fulfill';

const sandbox = useSandbox();

/**
 * Order ID and Tracking Number from the input item (`{{ $json.orderId }}`,
 * `{{ $json.trackingNumber }}`), CAINIAO_STANDARD, Send Type left at "All
 * Items": the workflow as saved.
 */
const shipOrder = operation(__dirname, 'ship.workflow.json', sandbox);

/** The workflow's parameters with the order and tracking number typed in. */
const shipParams = (
	orderId: string,
	trackingNumber: string,
	extra: INodeParameters = {},
): INodeParameters => shipOrder.parameters({ orderId, trackingNumber, ...extra });

const { output: ship, failure } = shipOrder;

function orderWith(predicate: (o: Order) => boolean): Order {
	const order = [...sandbox.store.orders.values()].find(predicate);
	if (!order) throw new Error('no such order in the sandbox');
	return order;
}

describe('order → Ship', () => {
	it('ships an order: status changes and the tracking number is recorded', async () => {
		const o = orderWith(
			(x) => x.order_status === 'WAIT_SELLER_SEND_GOODS' && x.shipments.length === 0,
		);
		const out = await ship(shipParams(o.order_id, 'LP00000000001'));
		expect(out).toEqual([
			{
				json: {
					orderId: o.order_id,
					trackingNumber: 'LP00000000001',
					serviceName: 'CAINIAO_STANDARD',
					sendType: 'all',
					success: true,
					alreadyShipped: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		const stored = sandbox.store.orders.get(o.order_id)!;
		expect(stored.order_status).toBe('WAIT_BUYER_ACCEPT_GOODS');
		expect(stored.shipments).toHaveLength(1);
		expect(stored.shipments[0]).toMatchObject({
			logistics_no: 'LP00000000001',
			service_name: 'CAINIAO_STANDARD',
			send_type: 'all',
		});
		expect(sandbox.calls.find((c) => c.method === FULFILL)!.params).toMatchObject({
			out_ref: o.order_id,
			logistics_no: 'LP00000000001',
			send_type: 'all',
		});
		expect(sandbox.calls.find((c) => c.method === FULFILL)!.params).not.toHaveProperty(
			'tracking_website',
		);

		// the same shipment again (a re-run): success, nothing recorded twice
		sandbox.resetCalls();
		const again = await ship(shipParams(o.order_id, 'LP00000000001'));
		expect(again[0].json).toMatchObject({ success: true, alreadyShipped: true });
		expect(sandbox.store.orders.get(o.order_id)!.shipments).toHaveLength(1);
		expect(sandbox.callCount(FULFILL)).toBe(1);
		expect(sandbox.callCount(INFO)).toBe(1);

		// another tracking number on a shipped order is AliExpress's refusal, in its words
		// (FAQ articleId=119601; the sandbox answers it as the method's documented error shape)
		const error = await failure(shipParams(o.order_id, 'LP99999999999'));
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('该交易订单已填写发货通知,无需重复操作');
	});

	it('ships part of an order with a tracking website', async () => {
		const o = orderWith(
			(x) => x.order_status === 'WAIT_SELLER_SEND_GOODS' && x.shipments.length === 0,
		);
		const out = await ship(
			shipParams(o.order_id, 'ZX1', {
				sendType: 'part',
				serviceName: 'OTHER_ES',
				trackingWebsite: 'https://track.example.com/',
			}),
		);
		expect(out[0].json).toMatchObject({ success: true, sendType: 'part', serviceName: 'OTHER_ES' });
		const stored = sandbox.store.orders.get(o.order_id)!;
		expect(stored.order_status).toBe('SELLER_PART_SEND_GOODS');
		expect(stored.shipments[0]).toMatchObject({
			send_type: 'part',
			tracking_website: 'https://track.example.com/',
		});
	});

	it('an unknown order is a NodeApiError with AliExpress’s refusal', async () => {
		const error = await failure(shipParams('8000000000000001', 'LP00000000009'));
		expect(error.name).toBe('NodeApiError');
		// the FAQ's text for a wrong order number (articleId=119601), not a code of ours
		expect(error.message).toContain('您填写的交易订单号有误或不属于当前账号');
		expect(error.errorResponse).toMatchObject({ code: 'isv.invalid-parameter' });
		// the refusal does not say why: one read-back finds no shipment, and the refusal stands
		expect(sandbox.callCount('aliexpress.solution.order.fulfill')).toBe(1);
		// the carrier list (read once to check the tracking number), the fulfil, the read-back
		expect(sandbox.callCount()).toBe(3);
	});

	it('Continue On Fail: one result per item; off: the first failure, saying what was done', async () => {
		const [good1, good2] = [...sandbox.store.orders.values()].filter(
			(x) => x.order_status === 'WAIT_SELLER_SEND_GOODS' && x.shipments.length === 0,
		);
		const params = shipParams('={{ $json.id }}', '={{ $json.tracking }}');
		const out = await ship(params, {
			items: [
				{ id: good1.order_id, tracking: 'LP10000000001' },
				{ id: '8000000000000002', tracking: 'LP10000000002' },
			],
			continueOnFail: true,
		});
		expect(out).toHaveLength(2);
		expect(out[0]).toMatchObject({
			json: { orderId: good1.order_id, success: true },
			pairedItem: { item: 0 },
		});
		expect(out[1]).toMatchObject({
			json: { errorCode: 'isv.invalid-parameter' },
			pairedItem: { item: 1 },
		});
		expect(out[1].json.error).toContain('您填写的交易订单号有误或不属于当前账号');

		const error = await failure(params, {
			items: [
				{ id: good2.order_id, tracking: 'LP10000000003' },
				{ id: '8000000000000003', tracking: 'LP10000000004' },
			],
		});
		expect(error.name).toBe('NodeApiError');
		expect(error.description).toContain('1 of 2 items failed (items 2)');
		expect(sandbox.store.orders.get(good2.order_id)!.shipments.map((s) => s.logistics_no)).toEqual([
			'LP10000000003',
		]);
	});

	it('rejects bad input before any call, naming item and field', async () => {
		const o = orderWith((x) => x.order_status === 'WAIT_SELLER_SEND_GOODS');
		const cases: Array<[INodeParameters, string]> = [
			[
				shipParams('12ab', 'T'),
				'Item 1, field "Order ID": must be a numeric AliExpress ID, got "12ab"',
			],
			[shipParams(o.order_id, '  '), 'Item 1, field "Tracking Number": is empty'],
			// an expression that comes out empty: a typed-in empty value never reaches the node (below)
			[
				shipParams(o.order_id, 'T', { serviceName: '={{ "" }}' }),
				'Item 1, field "Shipping Service": is empty',
			],
			[
				shipParams(o.order_id, 'T', { trackingWebsite: 'track.example' }),
				'Item 1, field "Tracking Website": is not a web address, got "track.example"',
			],
			[
				shipParams(o.order_id, 'T', { serviceName: 'OTHER_DE' }),
				'Item 1, field "Tracking Website": is required for the shipping service "OTHER_DE"',
			],
			[
				shipParams(o.order_id, 'T', { sendType: 'some' }),
				'Item 1, field "Send Type": must be "all" or "part", got "some"',
			],
		];
		for (const [params, message] of cases) {
			const error = await failure(params);
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toBe(message);
		}
		// typed in empty, the required field is n8n's own refusal: the workflow does not start
		const refused = await failure(shipParams(o.order_id, 'T', { serviceName: '' }));
		expect(refused.name).toBe('WorkflowHasIssuesError');
		expect(refused.message).toContain('Parameter "Shipping Service" is required');
		expect(sandbox.callCount()).toBe(0);
		// with Continue On Fail the bad item becomes an error item, the good one still ships
		const out = await ship(shipParams('={{ $json.id }}', 'LP00000000019'), {
			items: [{ id: 'x' }, { id: o.order_id }],
			continueOnFail: true,
		});
		expect(out[0].json.error).toBe(
			'Item 1, field "Order ID": must be a numeric AliExpress ID, got "x"',
		);
		expect(out[1].json).toMatchObject({ orderId: o.order_id, success: true });
		expect(sandbox.callCount(FULFILL)).toBe(1);
	});
});
