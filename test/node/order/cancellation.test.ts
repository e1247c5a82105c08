/**
 * Order → Accept / Refuse Cancellation and Set / Get Remark against the sandbox in n8n's engine.
 * Expected states come from the sandbox's store, never from the node's code.
 */
import { runNode, sandboxCredentials } from '../../helpers/engine';
import type { Order } from '../../sandbox';
import { opsOf, refusalMemos } from '../../sandbox/orderOps';
import { useSandbox } from '../suite';

const ACCEPT = 'aliexpress.trade.seller.order.acceptcancel';
const REFUSE = 'aliexpress.trade.seller.order.refusecancel';
const INFO = 'aliexpress.solution.order.info.get';
const sandbox = useSandbox();
const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runNode({ parameters, credentials: sandboxCredentials(sandbox), ...extra } as never);

const inCancel = (): Order => sandbox.store.addOrder({ order_status: 'IN_CANCEL' });

describe('order → Accept / Refuse Cancellation', () => {
	it('accepting closes the order; the buyer login id is read from the order and sent', async () => {
		const o = inCancel();
		const { items, error } = await run({
			resource: 'order',
			operation: 'acceptCancellation',
			orderId: o.order_id,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			orderId: o.order_id,
			buyerLoginId: o.buyer_login_id,
			cancellation: 'accepted',
			success: true,
			confirmedBy: 'answer',
		});
		expect(sandbox.store.orders.get(o.order_id)!.order_status).toBe('FINISH');
		const sent = JSON.parse(
			sandbox.calls.find((c) => c.method === ACCEPT)!.params.param_order_cancel_request,
		);
		expect(sent).toEqual({ order_id: Number(o.order_id), buyer_login_id: o.buyer_login_id });
	});

	it('refusing sends the memo; an order not in cancellation fails the item before any write', async () => {
		const o = inCancel();
		const waiting = sandbox.store.addOrder({ order_status: 'WAIT_SELLER_SEND_GOODS' });
		const { items } = await run(
			{
				resource: 'order',
				operation: 'refuseCancellation',
				orderId: '={{ $json.id }}',
				memo: 'Already shipped',
			},
			{
				items: [{ id: o.order_id }, { id: waiting.order_id }, { id: 'abc' }],
				continueOnFail: true,
			},
		);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({
			cancellation: 'refused',
			memo: 'Already shipped',
			success: true,
		});
		expect(refusalMemos.get(o.order_id)).toBe('Already shipped');
		expect(sandbox.store.orders.get(o.order_id)!.order_status).not.toBe('IN_CANCEL');
		expect(items[1].json.error).toContain(
			`Item 2, field "Order ID": order ${waiting.order_id} has no cancellation request to refuse (status WAIT_SELLER_SEND_GOODS`,
		);
		expect(items[2].json.error).toBe(
			'Item 3, field "Order ID": must be a numeric AliExpress ID, got "abc"',
		);
		expect(sandbox.callCount(REFUSE)).toBe(1);
	});

	it('a refusal without a reason fails before any call', async () => {
		const o = inCancel();
		const { error } = await run({
			resource: 'order',
			operation: 'refuseCancellation',
			orderId: o.order_id,
			memo: '={{ "" }}',
		});
		expect(error?.message).toBe('Item 1, field "Reason": is empty');
		expect(sandbox.callCount()).toBe(0);
	});

	it('an acceptance whose answer is lost is looked up, not repeated', async () => {
		const o = inCancel();
		sandbox.setOptions({
			faults: { rate: 1, kinds: ['timeout'], methods: [ACCEPT], afterProcessing: true },
		});
		const { items, error } = await run({
			resource: 'order',
			operation: 'acceptCancellation',
			orderId: o.order_id,
			options: { timeout: 1 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ cancellation: 'accepted', confirmedBy: 'lookup' });
		expect(sandbox.callCount(ACCEPT)).toBe(1);
		expect(sandbox.callCount(INFO)).toBe(2);
		expect(sandbox.store.orders.get(o.order_id)!.order_status).toBe('FINISH');
	});
	it('a refusal lost before AliExpress took it is looked up, found still IN_CANCEL, and made once more', async () => {
		const o = inCancel();
		// seed 7: the first refusecancel times out before processing, the second goes through
		sandbox.setOptions({ faults: { rate: 0.5, kinds: ['timeout'], methods: [REFUSE], seed: 7 } });
		const { items, error } = await run({
			resource: 'order',
			operation: 'refuseCancellation',
			orderId: o.order_id,
			memo: 'Already shipped',
			options: { timeout: 1 },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ cancellation: 'refused', confirmedBy: 'answer' });
		expect(
			sandbox.calls.filter((c) => c.method === REFUSE || c.method === INFO).map((c) => c.method),
		).toEqual([INFO, REFUSE, INFO, REFUSE]);
		expect(sandbox.store.orders.get(o.order_id)!.order_status).toBe('WAIT_SELLER_SEND_GOODS');
	});
});

describe('order → Set / Get Remark', () => {
	it('writes the note and reads it back', async () => {
		const o = sandbox.store.addOrder();
		const set = await run({
			resource: 'order',
			operation: 'setRemark',
			orderId: o.order_id,
			remark: 'Packed by B',
		});
		expect(set.items[0].json).toEqual({
			orderId: o.order_id,
			remark: 'Packed by B',
			success: true,
		});
		expect(opsOf(sandbox.store).remarks.get(o.order_id)).toBe('Packed by B');
		const call = sandbox.calls.find(
			(c) => c.method === 'aliexpress.merchant.redefining.saveremark',
		)!;
		expect(call.params).toMatchObject({ remark_id: o.order_id, content: 'Packed by B' });
		expect(call.params).not.toHaveProperty('biz_type');
		const got = await run({ resource: 'order', operation: 'getRemark', orderId: o.order_id });
		expect(got.items[0].json).toEqual({ orderId: o.order_id, remark: 'Packed by B' });
		const none = await run({
			resource: 'order',
			operation: 'getRemark',
			orderId: sandbox.store.addOrder().order_id,
		});
		expect(none.items[0].json.remark).toBeNull();
	});

	it('an unknown order is AliExpress’s refusal; an empty remark fails before any call', async () => {
		const unknown = await run({
			resource: 'order',
			operation: 'setRemark',
			orderId: '8000000000000001',
			remark: 'x',
		});
		expect(unknown.error?.name).toBe('NodeApiError');
		sandbox.resetCalls();
		const empty = await run({
			resource: 'order',
			operation: 'setRemark',
			orderId: '8000000000000001',
			remark: '={{ "" }}',
		});
		expect(empty.error?.message).toBe('Item 1, field "Remark": is empty');
		expect(sandbox.callCount()).toBe(0);
	});
});
