/**
 * Order → Ship in n8n's engine when AliExpress refuses a second shipment the
 * documented way (issue 13, point 4): `error_response` code 50 "Remote service
 * error", sub_code isv.invalid-parameter, sub_msg "该交易订单已填写发货通知,无需重复操作。"
 * (method documentation apiId 42269; FAQ articleId=119601), on TOP and IOP; and
 * when the refusal comes as code 15 with an isv.* sub-code (the `callerError`
 * fault). The order already carries the tracking number: the item succeeds with
 * `alreadyShipped: true`, after one refused call (no retry) and one read.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runNode, sandboxCredentials, workflowParameters } from '../../helpers/engine';
import type { Order } from '../../sandbox';
import { useSandbox } from '../suite';

const INFO = 'aliexpress.solution.order.info.get';
const FULFILL = 'aliexpress.solution.order.fulfill';
const ALREADY_SHIPPED = '该交易订单已填写发货通知,无需重复操作。';

const sandbox = useSandbox();
const saved = workflowParameters(`${__dirname}/ship.workflow.json`);

const CREDENTIALS: Array<[string, () => ICredentialDataDecryptedObject]> = [
	['IOP', () => sandboxCredentials(sandbox)],
	[
		'TOP',
		() =>
			sandboxCredentials(sandbox, {
				protocol: 'top',
				signMethod: 'md5',
				gatewayUrl: `${sandbox.url}/router/rest`,
			}),
	],
];

function unshippedOrder(): Order {
	const order = [...sandbox.store.orders.values()].find(
		(x) => x.order_status === 'WAIT_SELLER_SEND_GOODS' && x.shipments.length === 0,
	);
	if (!order) throw new Error('no unshipped order in the sandbox');
	return order;
}

async function ship(
	credentials: ICredentialDataDecryptedObject,
	orderId: string,
	trackingNumber: string,
) {
	return await runNode({
		parameters: { ...structuredClone(saved), orderId, trackingNumber },
		credentials,
	});
}

describe.each(CREDENTIALS)('order → Ship, shipped already (%s)', (_, credentials) => {
	it('the documented refusal of a second shipment: alreadyShipped, not an error', async () => {
		const o = unshippedOrder();
		const first = await ship(credentials(), o.order_id, 'LP20000000001');
		expect(first.error).toBeUndefined();

		sandbox.resetCalls();
		const again = await ship(credentials(), o.order_id, 'LP20000000001');
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ success: true, alreadyShipped: true });
		// the sandbox did refuse, in the documented shape
		expect(sandbox.calls.map((c) => [c.method, c.outcome])).toEqual([
			['aliexpress.logistics.redefining.listlogisticsservice', 'ok'], // the carrier check
			[FULFILL, 'error'],
			[INFO, 'ok'],
		]);
		expect(sandbox.store.orders.get(o.order_id)!.shipments).toHaveLength(1);

		// another tracking number: the refusal is the user's error, with AliExpress's words
		sandbox.resetCalls();
		const other = await ship(credentials(), o.order_id, 'LP29999999999');
		expect(other.error?.name).toBe('NodeApiError');
		expect(other.error?.message).toContain(ALREADY_SHIPPED);
		expect(other.error?.description).toContain(ALREADY_SHIPPED);
		expect(other.error?.description).not.toMatch(/temporary problem/i);
		expect(sandbox.callCount(FULFILL)).toBe(1); // never retried
	});

	it('a refusal as code 15 with an isv.* sub-code: recovered the same way, no retry', async () => {
		const o = unshippedOrder();
		expect((await ship(credentials(), o.order_id, 'LP20000000002')).error).toBeUndefined();
		sandbox.resetCalls();
		sandbox.setOptions({ faults: { rate: 1, kinds: ['callerError'], methods: [FULFILL] } });
		const again = await ship(credentials(), o.order_id, 'LP20000000002');
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ success: true, alreadyShipped: true });
		expect(sandbox.callCount(FULFILL)).toBe(1);
		expect(sandbox.callCount(INFO)).toBe(1);
	});
});
