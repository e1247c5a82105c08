/**
 * Order → Get against the sandbox gateway, run by n8n's engine (WorkflowExecute)
 * from the workflow in get.workflow.json. Expected results come from the
 * sandbox's store, never from the node's code.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Order } from '../../sandbox';
import { parsePacific } from '../../sandbox/time';
import { operation, useSandbox, type RunOptions } from '../suite';

const sandbox = useSandbox();

/** The order ID from the input item (`{{ $json.orderId }}`), simplified: the workflow as saved. */
const getOrder = operation(__dirname, 'get.workflow.json', sandbox);

const runGet = (parameters: INodeParameters, options?: RunOptions) =>
	getOrder.run(getOrder.parameters(parameters), options);

/** The node's output items; a node error fails the test with n8n's message. */
const get = (parameters: INodeParameters, options?: RunOptions) =>
	getOrder.output(getOrder.parameters(parameters), options);

function orderWith(predicate: (o: Order) => boolean): Order {
	const order = [...sandbox.store.orders.values()].find(predicate);
	if (!order) throw new Error('no such order in the sandbox');
	return order;
}

describe('order → Get', () => {
	it('gets one order, simplified with its shipping address', async () => {
		const o = orderWith((x) => x.order_status === 'WAIT_SELLER_SEND_GOODS');
		const [item] = await get({}, { items: [{ orderId: o.order_id }] });
		expect(item.json).toMatchObject({
			orderId: o.order_id,
			status: o.order_status,
			createdAt: new Date(parsePacific(o.gmt_create)).toISOString(),
			totalAmount: Number(o.pay_amount.amount),
			currency: o.pay_amount.currency_code,
			buyerLoginId: o.buyer_login_id,
			shippingAddress: {
				name: o.receipt_address.contact_person,
				country: o.receipt_address.country,
				city: o.receipt_address.city,
				zip: o.receipt_address.zip,
				address: o.receipt_address.detail_address,
			},
		});
		expect((item.json.items as IDataObject[]).length).toBe(o.product_list.order_product_dto.length);
		// no ext_info_bit_flag: blank means every part of the order (a flag switches parts off)
		const sent = JSON.parse(sandbox.calls[0].params.param1);
		expect(sent).toEqual({ order_id: Number(o.order_id) });
		expect(sandbox.calls[0].params.param1).toContain(`"order_id":${o.order_id}`);
	});

	it('gets the raw order, one output per input item, ids as strings', async () => {
		const [a, b] = [...sandbox.store.orders.values()];
		const out = await get(
			{ orderId: '={{ $json.id }}', simplify: false },
			{ items: [{ id: a.order_id }, { id: Number(b.order_id) }] },
		);
		expect(out.map((i) => i.json.id)).toEqual([a.order_id, b.order_id]);
		expect(out.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1]);
		expect(out[0].json).toHaveProperty('receipt_address');
	});

	it('gets every part of the order: buyer and refund information included', async () => {
		const o = orderWith((x) => x.order_status === 'WAIT_SELLER_SEND_GOODS');
		const [item] = await get({ simplify: false }, { items: [{ orderId: o.order_id }] });
		const [first, ...rest] = o.buyer_signer_fullname.split(' ');
		expect(item.json.buyer_info).toEqual({
			login_id: o.buyer_login_id,
			first_name: first,
			last_name: rest.join(' '),
			country: o.receipt_address.country,
		});
		// the refund part too: with the flag 11111 (binary …00111) both would be left out
		expect(item.json).toHaveProperty('refund_info');
	});

	it('an unknown order fails with the error AliExpress gives in result (no success flag)', async () => {
		const { error } = await runGet({}, { items: [{ orderId: '8999999999999999' }] });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain('F00-10-10000-001');
		expect(sandbox.callCount('aliexpress.solution.order.info.get')).toBe(1);
	});

	it('with Continue On Fail, an unknown order is an error item and the next order is read', async () => {
		const o = orderWith((x) => x.order_status === 'WAIT_SELLER_SEND_GOODS');
		const { items, error } = await runGet(
			{},
			{ items: [{ orderId: '8999999999999999' }, { orderId: o.order_id }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(String(items[0].json.error)).toContain('F00-10-10000-001');
		expect(items[0].json).not.toHaveProperty('orderId');
		expect(items[1].json.orderId).toBe(o.order_id);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1]);
	});

	it('an order ID with leading zeros is sent as valid JSON, the number it stands for', async () => {
		const o = orderWith((x) => x.order_status === 'WAIT_SELLER_SEND_GOODS');
		const [item] = await get({ orderId: `00${o.order_id}` });
		expect(item.json.orderId).toBe(o.order_id);
		const param1 = sandbox.calls[0].params.param1;
		expect(param1).toBe(`{"order_id":${o.order_id}}`);
		expect(JSON.parse(param1).order_id).toBe(Number(o.order_id));
	});

	it('rejects a non-numeric order ID before any call', async () => {
		const { error } = await runGet({ orderId: 'AE-123' });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Item 1, field "Order ID": must be a numeric AliExpress ID, got "AE-123"',
		);
		expect(sandbox.callCount()).toBe(0);
	});
});
