/**
 * Issue 13, point 4, through the node in n8n's engine: the sandbox's
 * `callerError` fault answers TOP code 15 "Remote service error" with an
 * `isv.*` sub-code (the caller's request refused). The node does not retry it
 * (one call), and the user reads the sub_msg, not "AliExpress had a temporary
 * problem". Control: code 15 with an `isp.*` sub-code (the `ispError` fault)
 * is still retried.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { credentialsFor, runNode } from './harness';

const GET_MANY = { resource: 'product', operation: 'getMany', limit: 1 };
const SUB_MSG = 'The request was refused by the business service (sandbox callerError fault)';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 3, orders: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.resetCalls();
	sandbox.setOptions({ faults: undefined });
});

const top = () =>
	credentialsFor(sandbox, {
		protocol: 'top',
		signMethod: 'md5',
		gatewayUrl: `${sandbox.url}/router/rest`,
	});

describe('code 15 with an isv.* sub-code', () => {
	it.each([
		['TOP', top],
		['IOP', () => credentialsFor(sandbox)],
	])('%s: not retried, the sub_msg shown', async (_, credentials) => {
		sandbox.setOptions({ faults: { rate: 1, kinds: ['callerError'], seed: 3 } });
		const { error, logs } = await runNode(
			sandbox,
			{ ...GET_MANY, options: { maxAttempts: 5 } },
			[{}],
			{
				credentials: credentials(),
			},
		);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain(SUB_MSG);
		expect(error?.message).not.toContain('Remote service error');
		expect(error?.description).toContain(SUB_MSG);
		expect(error?.description).not.toMatch(/temporary problem/i);
		expect(sandbox.calls.map((c) => c.outcome)).toEqual(['fault']);
		// the transport logs each retry as "<code>, retry <n> in <ms> ms"
		expect(logs.filter((l) => /retry \d+ in \d+ ms/.test(l))).toEqual([]);
	});

	it('control: code 15 with an isp.* sub-code is retried', async () => {
		sandbox.setOptions({ faults: { rate: 1, kinds: ['ispError'], seed: 3 } });
		const { error } = await runNode(sandbox, { ...GET_MANY, options: { maxAttempts: 2 } }, [{}], {
			credentials: top(),
		});
		expect(error?.description).toMatch(/temporary problem/i);
		expect(sandbox.calls.map((c) => c.outcome)).toEqual(['fault', 'fault']);
	});
});
