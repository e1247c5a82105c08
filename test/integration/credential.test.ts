/**
 * The credential's `authenticate` and the transport over real HTTP against the
 * sandbox: IOP and both TOP sign methods, system calls, every error shape, a
 * bad secret, an expired token, and requests shaped like n8n's HTTP Request node.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { toNodeApiError, AliExpressError } from '../../nodes/AliExpress/transport/errors';
import { AliExpressClient } from '../../nodes/AliExpress/transport/request';
import { startSandbox, type Sandbox } from '../sandbox';
import { executeContext, sandboxCredentials } from '../helpers/engine';
import { testCredential } from '../helpers/n8n-credential-test';

const LIST = 'aliexpress.solution.product.list.get';
const listParams = {
	aeop_a_e_product_list_query: { product_status_type: 'onSelling', current_page: 1, page_size: 5 },
};

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 30, orders: 50 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.resetCalls());

function creds(
	extra: Partial<ICredentialDataDecryptedObject> = {},
): ICredentialDataDecryptedObject {
	return sandboxCredentials(sandbox, extra);
}

/** A client in n8n-core's own ExecuteContext: the HTTP goes through n8n's httpRequestWithAuthentication. */
async function client(c: ICredentialDataDecryptedObject) {
	return new AliExpressClient(await executeContext(c), { maxAttempts: 1 });
}

async function failure(promise: Promise<unknown>): Promise<AliExpressError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AliExpressError) return error;
		throw error;
	}
	throw new Error('expected the call to fail');
}

describe('IOP', () => {
	it('signs a business call the gateway accepts, with session, sha256 and ms timestamp', async () => {
		const answer = await (await client(creds())).call(LIST, listParams);
		const result = answer.result as { product_count: number };
		expect(result.product_count).toBeGreaterThan(0);
		const call = sandbox.calls[0];
		expect(call).toMatchObject({ method: LIST, protocol: 'iop', outcome: 'ok' });
		expect(call.params.sign_method).toBe('sha256');
		expect(call.params.session).toBe(sandbox.accessToken);
		expect(call.params.format).toBe('json');
		expect(Math.abs(Number(call.params.timestamp) - Date.now())).toBeLessThan(60_000);
		expect(JSON.parse(call.params.aeop_a_e_product_list_query)).toEqual(
			listParams.aeop_a_e_product_list_query,
		);
	});

	it('a bad secret gets IncompleteSignature, with advice and no secrets', async () => {
		const error = await failure(
			(await client(creds({ appSecret: 'wrong-secret' }))).call(LIST, listParams),
		);
		expect(error.info).toMatchObject({ kind: 'signature', code: 'IncompleteSignature' });
		const nodeError = toNodeApiError((await executeContext(creds())).getNode(), error);
		expect(nodeError.message).toContain('IncompleteSignature');
		expect(nodeError.description).toContain('App Secret');
		const everything = JSON.stringify({
			m: nodeError.message,
			d: nodeError.description,
			r: nodeError.errorResponse,
			c: nodeError.cause,
		});
		expect(everything).not.toContain('wrong-secret');
		expect(everything).not.toContain(sandbox.accessToken);
		expect(everything).not.toContain(sandbox.calls[0].params.sign);
	});

	it('an expired token says so', async () => {
		const grant = sandbox.store.issueToken();
		sandbox.store.expireToken(grant.accessToken);
		const error = await failure(
			(await client(creds({ accessToken: grant.accessToken }))).call(LIST, listParams),
		);
		expect(error.info).toMatchObject({ kind: 'session', code: 'IllegalAccessToken' });
		expect(error.message).toMatch(/^AliExpress error IllegalAccessToken: .+\(request .+\)$/);
	});

	it('an unknown app key', async () => {
		const error = await failure((await client(creds({ appKey: '999999' }))).call(LIST, listParams));
		expect(error.info.kind).toBe('appKey');
	});

	it('an unknown method gets the gateway error', async () => {
		const error = await failure((await client(creds())).call('aliexpress.no.such.method', {}));
		expect(error.info.kind).toBe('arguments');
	});

	it('sends no session when the access token is empty', async () => {
		const error = await failure((await client(creds({ accessToken: '' }))).call(LIST, listParams));
		expect(error.info.kind).toBe('session');
		expect(sandbox.calls[0].params).not.toHaveProperty('session');
	});

	it('system call /auth/token/create: path-prefixed signature, no session', async () => {
		const code = sandbox.store.issueAuthCode();
		const answer = await (await client(creds())).system('/auth/token/create', { code });
		expect(answer.code).toBe('0');
		expect(typeof answer.access_token).toBe('string');
		const call = sandbox.calls[0];
		expect(call.method).toBe('/auth/token/create');
		expect(call.params).not.toHaveProperty('session');
		// The new token works as a session.
		const list = await (
			await client(creds({ accessToken: answer.access_token as string }))
		).call(LIST, listParams);
		expect(list.result).toBeDefined();
	});

	it('refuses plain http to anything but loopback, before sending', async () => {
		const error = await failure(
			(await client(creds({ gatewayUrl: 'http://shop.example.com' }))).call(LIST, listParams),
		);
		expect(error.message).toContain('must use https');
		expect(sandbox.calls).toHaveLength(0);
	});
});

describe('TOP', () => {
	it.each(['md5', 'hmac'])('%s: signs a call the gateway accepts', async (signMethod) => {
		const c = creds({ protocol: 'top', signMethod, gatewayUrl: `${sandbox.url}/router/rest` });
		const answer = await (await client(c)).call(LIST, listParams);
		expect(answer.result).toBeDefined();
		const call = sandbox.calls[0];
		expect(call).toMatchObject({ protocol: 'top', outcome: 'ok' });
		expect(call.params.sign_method).toBe(signMethod);
		expect(call.params.v).toBe('2.0');
		expect(call.params.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	});

	it.each(['md5', 'hmac'])('%s: a bad secret gets code 25', async (signMethod) => {
		const c = creds({
			protocol: 'top',
			signMethod,
			appSecret: 'nope',
			gatewayUrl: `${sandbox.url}/router/rest`,
		});
		const error = await failure((await client(c)).call(LIST, listParams));
		expect(error.info).toMatchObject({ kind: 'signature', code: '25' });
	});

	it('an invalid session gets code 27', async () => {
		const c = creds({
			protocol: 'top',
			accessToken: 'not-a-token',
			gatewayUrl: `${sandbox.url}/router/rest`,
		});
		const error = await failure((await client(c)).call(LIST, listParams));
		expect(error.info).toMatchObject({ kind: 'session', code: '27' });
	});
});

describe('requests as n8n’s HTTP Request node makes them (n8n-core’s helpers, axios)', () => {
	/** The HTTP Request node (v3+) calls httpRequestWithAuthentication with the credential type. */
	async function send(options: IHttpRequestOptions) {
		const ctx = await executeContext(creds());
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'aliExpressApi', {
			...options,
			json: true,
		})) as Record<string, unknown>;
	}

	/** Version 1 of the node used the legacy `request` helper: `uri` and a `form` body. */
	async function sendLegacy(options: {
		uri: string;
		method: 'POST';
		form: Record<string, string>;
	}) {
		const ctx = await executeContext(creds());
		const answer: unknown = await ctx.helpers.requestWithAuthentication.call(ctx, 'aliExpressApi', {
			...options,
			json: true,
		});
		return (typeof answer === 'string' ? JSON.parse(answer) : answer) as Record<string, unknown>;
	}

	it('parameters in the query string', async () => {
		const answer = await send({
			url: `${sandbox.url}/sync`,
			method: 'POST',
			qs: {
				method: LIST,
				aeop_a_e_product_list_query: JSON.stringify(listParams.aeop_a_e_product_list_query),
			},
		});
		expect(answer).toHaveProperty('aliexpress_solution_product_list_get_response');
	});

	it('parameters in a legacy form body', async () => {
		const answer = await sendLegacy({
			uri: `${sandbox.url}/sync`,
			method: 'POST',
			form: {
				method: LIST,
				aeop_a_e_product_list_query: JSON.stringify(listParams.aeop_a_e_product_list_query),
			},
		});
		expect(answer).toHaveProperty('aliexpress_solution_product_list_get_response');
	});

	it('a system API by full URL', async () => {
		const code = sandbox.store.issueAuthCode();
		const answer = await send({
			url: `${sandbox.url}/rest/auth/token/create`,
			method: 'POST',
			qs: { code },
		});
		expect(answer.code).toBe('0');
	});
});

describe("credential test (n8n-core RoutingNode, the credential's own declarative test)", () => {
	// Expected messages are written out here from the issue's list of fields to name,
	// not imported from the credential's rule table.
	const OK = { status: 'OK', message: 'Connection successful!' };

	it('answers OK for a good IOP credential, after one shop-profile call', async () => {
		expect(await testCredential('aliExpressApi', creds())).toEqual(OK);
		expect(sandbox.calls.map((c) => c.method)).toEqual([
			'aliexpress.solution.merchant.profile.get',
		]);
		expect(sandbox.calls[0].outcome).toBe('ok');
	});

	it('answers OK for a good legacy TOP credential (md5 and hmac)', async () => {
		for (const signMethod of ['md5', 'hmac']) {
			const top = creds({ protocol: 'top', signMethod, gatewayUrl: `${sandbox.url}/router/rest` });
			expect(await testCredential('aliExpressApi', top)).toEqual(OK);
		}
	});

	const cases: Array<[string, () => Partial<ICredentialDataDecryptedObject>, RegExp, () => void]> =
		[
			['an unknown app key', () => ({ appKey: '42' }), /^App Key:/, () => {}],
			['a wrong app secret', () => ({ appSecret: 'not-the-secret' }), /^App Secret:/, () => {}],
			['an unknown access token', () => ({ accessToken: 'bad-token' }), /^Access Token:/, () => {}],
			['an empty access token', () => ({ accessToken: '' }), /^Access Token:/, () => {}],
			['an expired access token', () => ({}), /^Access Token:/, () => sandbox.store.expireToken()],
			[
				'a server outside the IP whitelist',
				() => ({}),
				/^IP whitelist:/,
				() => sandbox.setOptions({ ipWhitelist: ['203.0.113.7'] }),
			],
			[
				'an app without the API permission',
				() => ({}),
				/^API permission:.*aliexpress\.solution\.merchant\.profile\.get/,
				() => sandbox.setOptions({ deniedMethods: ['aliexpress.solution.merchant.profile.get'] }),
			],
		];

	describe.each([
		['IOP', {}],
		['TOP', { protocol: 'top', signMethod: 'md5' }],
	])('%s gateway', (name, protocol) => {
		afterEach(() => {
			sandbox.setOptions({ ipWhitelist: undefined, deniedMethods: [] });
			sandbox.store.issueToken();
		});
		// AppWhiteIpLimit is known from IOP only; TOP has no documented code of its own for it.
		const forProtocol =
			name === 'TOP' ? cases.filter(([what]) => !what.includes('IP whitelist')) : cases;
		it.each(forProtocol)(
			'names the field to fix for %s',
			async (_what, extra, message, arrange) => {
				arrange();
				const gateway = name === 'TOP' ? { gatewayUrl: `${sandbox.url}/router/rest` } : {};
				const c = creds({ ...protocol, ...gateway, ...extra() });
				const result = await testCredential('aliExpressApi', c);
				expect(result.status).toBe('Error');
				expect(result.message).toMatch(message);
				for (const secret of [c.appSecret, c.accessToken, sandbox.appSecret]) {
					if (secret) expect(result.message).not.toContain(String(secret));
				}
				// the sandbox really refused the call (the rule did not fire on a success)
				expect(sandbox.calls.at(-1)?.outcome).toBe('error');
			},
		);
	});

	it('does not report success for a gateway that answers something else', async () => {
		// a URL that is not an AliExpress gateway: HTTP 404, n8n's own status message
		const result = await testCredential(
			'aliExpressApi',
			creds({ gatewayUrl: `${sandbox.url}/nowhere` }),
		);
		expect(result.status).toBe('Error');
	});

	it('fails with the connection error when nothing listens', async () => {
		const result = await testCredential(
			'aliExpressApi',
			creds({ gatewayUrl: 'http://127.0.0.1:9' }),
		);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
