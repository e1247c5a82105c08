/** Dispute → Get Many / Get against the sandbox's seeded disputes (tied to IN_ISSUE orders). */
import { runNode, sandboxCredentials } from '../../helpers/engine';
import { addDispute, opsOf } from '../../sandbox/orderOps';
import { useSandbox } from '../suite';

const LIST = 'aliexpress.issue.issuelist.get';
const sandbox = useSandbox();
const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runNode({ parameters, credentials: sandboxCredentials(sandbox), ...extra } as never);

describe('dispute → Get Many / Get', () => {
	it('Return All pages through 50 at a time; every open dispute belongs to an IN_ISSUE order', async () => {
		const issueOrders = [...sandbox.store.orders.values()].filter(
			(o) => o.order_status === 'IN_ISSUE',
		);
		for (let i = 0; i < 60; i++)
			addDispute(sandbox.store, issueOrders[i % issueOrders.length], 'processing', i);
		const open = [...opsOf(sandbox.store).disputes.values()].filter(
			(d) => d.issue_status === 'processing',
		);
		expect(open.length).toBeGreaterThan(50);
		const { items, error } = await run({
			resource: 'dispute',
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'processing' },
		});
		expect(error).toBeUndefined();
		expect(new Set(items.map((i) => i.json.issue_id))).toEqual(
			new Set(open.map((d) => d.issue_id)),
		);
		for (const i of items) {
			expect(typeof i.json.issue_id).toBe('string');
			expect(sandbox.store.orders.get(String(i.json.parent_order_id))!.order_status).toBe(
				'IN_ISSUE',
			);
		}
		expect(sandbox.callCount(LIST)).toBe(Math.ceil(open.length / 50));
		const query = JSON.parse(sandbox.calls[0].params.query_dto);
		expect(query).toMatchObject({ current_page: 1, page_size: 50, issue_status: 'processing' });
	});

	it('Limit and the order filter', async () => {
		const d = [...opsOf(sandbox.store).disputes.values()][0];
		const limited = await run({ resource: 'dispute', operation: 'getMany', limit: 3 });
		expect(limited.items).toHaveLength(3);
		const byOrder = await run({
			resource: 'dispute',
			operation: 'getMany',
			returnAll: true,
			filters: { orderId: d.parent_order_id },
		});
		expect(byOrder.items.every((i) => i.json.parent_order_id === d.parent_order_id)).toBe(true);
		expect(byOrder.items.map((i) => i.json.issue_id)).toContain(d.issue_id);
	});

	it('Get: the dispute with its solutions and history as plain lists; bad id fails before any call', async () => {
		const d = [...opsOf(sandbox.store).disputes.values()][0];
		const { items, error } = await run({
			resource: 'dispute',
			operation: 'get',
			issueId: d.issue_id,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: d.issue_id,
			parent_order_id: d.parent_order_id,
			issue_status: d.issue_status,
			buyer_login_id: d.buyer_login_id,
		});
		expect(items[0].json.buyer_solution_list).toEqual([
			expect.objectContaining({ id: d.buyer_solution.id, solution_owner: 'buyer' }),
		]);
		expect(Array.isArray(items[0].json.process_dto_list)).toBe(true);
		sandbox.resetCalls();
		const bad = await run({ resource: 'dispute', operation: 'get', issueId: 'x1' });
		expect(bad.error?.message).toBe(
			'Item 1, field "Dispute ID": must be a numeric AliExpress ID, got "x1"',
		);
		expect(sandbox.callCount()).toBe(0);
		const unknown = await run({
			resource: 'dispute',
			operation: 'get',
			issueId: '6000000000000001',
		});
		expect(unknown.error?.name).toBe('NodeApiError');
	});
});
