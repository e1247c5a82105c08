/**
 * Gateway safety: requests carry the access token and a signature, so plain
 * http is refused unless the gateway is on this machine (a sandbox). Checked
 * on the guard itself and once through the node in n8n's engine, where
 * nothing may be sent.
 */
import { assertSafeGateway } from '../../credentials/AliExpressApi.credentials';
import { startSandbox, type Sandbox } from '../sandbox';
import { credentialsFor, runNode } from './harness';

const refusal = (origin: string) =>
	`The AliExpress gateway URL "${origin}" is refused: requests carry your access token and signature, so they must use https. Plain http is allowed only for a sandbox on a loopback address (127.x.x.x, localhost or [::1]).`;

describe('assertSafeGateway', () => {
	it.each([
		['https://api-sg.aliexpress.com/sync'],
		['https://10.0.0.5:8443/rest/auth/token/create'],
		['http://127.0.0.1:8787/sync'],
		['http://127.5.6.7/sync'],
		['http://localhost:8787/sync'],
		['http://LOCALHOST/sync'],
		['http://[::1]:8787/sync'],
	])('accepts %s', (url) => {
		expect(() => assertSafeGateway(url)).not.toThrow();
	});

	it.each([
		['http://api-sg.aliexpress.com/sync', 'http://api-sg.aliexpress.com'],
		['http://10.0.0.5:8787/sync', 'http://10.0.0.5:8787'],
		['http://192.168.1.20/sync', 'http://192.168.1.20'],
		['http://0.0.0.0:8787/sync', 'http://0.0.0.0:8787'],
		['http://127.0.0.1.nip.io/sync', 'http://127.0.0.1.nip.io'],
		['http://localhost.example.com/sync', 'http://localhost.example.com'],
		['http://[::2]/sync', 'http://[::2]'],
		['http://user:pw@shop.example.com/sync', 'http://shop.example.com'],
	])('refuses %s, naming the reason', (url, origin) => {
		expect(() => assertSafeGateway(url)).toThrow(refusal(origin));
	});

	it('refuses other schemes and text that is no URL', () => {
		expect(() => assertSafeGateway('ftp://api-sg.aliexpress.com/sync')).toThrow(
			/is refused: .* must use https/,
		);
		expect(() => assertSafeGateway('api-sg.aliexpress.com/sync')).toThrow(
			'The AliExpress gateway URL "api-sg.aliexpress.com/sync" is not a valid URL',
		);
	});
});

describe('through the node', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ products: 3, orders: 0 });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.resetCalls());

	const GET_MANY = { resource: 'product', operation: 'getMany', limit: 1 };

	it.each([
		['IOP', { gatewayUrl: 'http://shop.example.com' }, 'http://shop.example.com'],
		[
			'TOP',
			{ protocol: 'top', signMethod: 'md5', gatewayUrl: 'http://eco.taobao.com/router/rest' },
			'http://eco.taobao.com',
		],
	])(
		'%s: plain http to another host is refused before anything is sent, once',
		async (_name, overrides, origin) => {
			const { out, error, logs } = await runNode(sandbox, GET_MANY, [{}], {
				credentials: credentialsFor(sandbox, overrides),
			});
			expect(out).toBeUndefined();
			// n8n records the node's error as a plain object (the thrown error spread)
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(`AliExpress error RequestFailed: ${refusal(origin)}`);
			expect(error?.description).toBe(
				'The request was not sent to AliExpress: it could not be made as configured. Fix what the message names (usually a field of the AliExpress API credential, such as the Gateway URL) and run again.',
			);
			expect(sandbox.callCount()).toBe(0);
			expect(sandbox.calls).toHaveLength(0);
			// not retried: a refusal of ours is no transient failure (nothing about a retry in n8n's log)
			expect(logs.filter((l) => /retry/i.test(l))).toEqual([]);
		},
	);

	it("control: a transient failure is retried, and n8n's log shows the retry", async () => {
		// what the refusal above must not show: one 503 from the gateway, then the retry that works
		sandbox.setOptions({ faults: { rate: 1, kinds: ['http503'], seed: 7 } });
		let first = true; // the faults stop as the second call arrives
		sandbox.onCall = () => {
			if (first) first = false;
			else sandbox.setOptions({ faults: undefined });
		};
		try {
			const { out, error, logs } = await runNode(sandbox, {
				...GET_MANY,
				options: { maxAttempts: 2 },
			});
			expect(error).toBeUndefined();
			expect(out).toHaveLength(1);
			expect(sandbox.calls.map((c) => c.outcome)).toEqual(['fault', 'ok']);
			expect(logs.filter((l) => /retry/i.test(l))).toHaveLength(1);
		} finally {
			sandbox.onCall = undefined;
			sandbox.setOptions({ faults: undefined });
		}
	});

	it('http on the loopback address (the sandbox) is accepted', async () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const { out, error } = await runNode(sandbox, GET_MANY);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(1);
		expect(sandbox.calls).toHaveLength(1);
	});
});
