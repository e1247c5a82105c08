/**
 * Carrier → Get Many and Order → Ship's carrier check, against the sandbox in n8n's engine.
 * Expected carriers come from the sandbox's store (test/sandbox/orderOps.ts), never from the node.
 */
import { runNode, sandboxCredentials } from '../../helpers/engine';
import { opsOf } from '../../sandbox/orderOps';
import { useSandbox } from '../suite';

const LIST = 'aliexpress.logistics.redefining.listlogisticsservice';
const FULFILL = 'aliexpress.solution.order.fulfill';
const sandbox = useSandbox();
const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runNode({ parameters, credentials: sandboxCredentials(sandbox), ...extra } as never);

describe('carrier → Get Many', () => {
	it('lists every carrier with its documented fields, in one call', async () => {
		const { items, error } = await run({
			resource: 'carrier',
			operation: 'getMany',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		const carriers = opsOf(sandbox.store).carriers;
		expect(items.map((i) => i.json.service_name)).toEqual(carriers.map((c) => c.service_name));
		const cpam = carriers.find((c) => c.service_name === 'CPAM')!;
		expect(items.find((i) => i.json.service_name === 'CPAM')!.json).toEqual({ ...cpam });
		expect(sandbox.callCount(LIST)).toBe(1);
	});

	it('Limit and the search filter', async () => {
		const limited = await run({ resource: 'carrier', operation: 'getMany', limit: 2 });
		expect(limited.items).toHaveLength(2);
		const found = await run({
			resource: 'carrier',
			operation: 'getMany',
			returnAll: true,
			filters: { search: 'china post' },
		});
		expect(found.items.map((i) => i.json.service_name)).toEqual(['CPAM']);
	});
});

describe('order → Ship, carrier check', () => {
	const unshipped = () =>
		[...sandbox.store.orders.values()].filter(
			(o) => o.order_status === 'WAIT_SELLER_SEND_GOODS' && o.shipments.length === 0,
		);
	const ship = (serviceName: unknown, extra: Record<string, unknown> = {}) => ({
		resource: 'order',
		operation: 'ship',
		orderId: '={{ $json.id }}',
		trackingNumber: '={{ $json.tracking }}',
		serviceName,
		...extra,
	});

	it('a tracking number off the carrier pattern fails the item naming the pattern; the list is read once', async () => {
		const [a, b] = unshipped();
		const { items } = await run(ship({ __rl: true, mode: 'list', value: 'CPAM' }), {
			items: [
				{ id: a.order_id, tracking: 'RR123456789CN' },
				{ id: b.order_id, tracking: '12345' },
			],
			continueOnFail: true,
		});
		expect(items[0].json).toMatchObject({ orderId: a.order_id, success: true });
		expect(items[1].json.error).toBe(
			`Item 2, field "Tracking Number": "12345" does not match the pattern ${opsOf(sandbox.store).carriers.find((c) => c.service_name === 'CPAM')!.tracking_no_regex} of CPAM`,
		);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(sandbox.callCount(LIST)).toBe(1);
		expect(sandbox.callCount(FULFILL)).toBe(1);
		expect(sandbox.store.orders.get(b.order_id)!.shipments).toHaveLength(0);
	});

	it('an unknown carrier fails the item naming the field; "By Name" and plain strings work', async () => {
		const [a] = unshipped();
		const bad = await run(ship({ __rl: true, mode: 'name', value: 'NO_SUCH_CARRIER' }), {
			items: [{ id: a.order_id, tracking: 'LP00000000001' }],
		});
		expect(bad.error?.name).toBe('NodeOperationError');
		expect(bad.error?.message).toMatch(
			/^Item 1, field "Shipping Service": "NO_SUCH_CARRIER" is not one of the store's carriers \(CAINIAO_STANDARD/,
		);
		expect(sandbox.callCount(FULFILL)).toBe(0);
		const ok = await run(ship('CAINIAO_STANDARD'), {
			items: [{ id: a.order_id, tracking: 'LP00000000001' }],
		});
		expect(ok.error).toBeUndefined();
		expect(sandbox.store.orders.get(a.order_id)!.shipments[0].service_name).toBe(
			'CAINIAO_STANDARD',
		);
	});

	it('OTHER_… codes are not checked; with the check off the sandbox refuses a mismatch as AliExpress documents', async () => {
		const [a, b] = unshipped();
		const other = await run(ship('OTHER_ES', { trackingWebsite: 'https://track.example.com/' }), {
			items: [{ id: a.order_id, tracking: 'anything-1' }],
		});
		expect(other.error).toBeUndefined();
		expect(sandbox.callCount(LIST)).toBe(0);
		const unchecked = await run(ship('CAINIAO_STANDARD', { checkTrackingNumber: false }), {
			items: [{ id: b.order_id, tracking: 'XX1' }],
		});
		expect(unchecked.error?.name).toBe('NodeApiError');
		expect(unchecked.error?.message).toContain('该货运跟踪号未通过物流风控审核');
	});
});
