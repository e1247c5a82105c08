/**
 * Issue 13, points 9 and 10 (a) over real HTTP against the sandbox:
 * - a call shaped like n8n's HTTP Request node with a blank value (whitespace
 *   only) passes the sandbox's signature check, which follows the official Java
 *   signers (blank = empty: neither signed nor sent);
 * - a request that signs a blank value is refused, as the gateway would;
 * - the node's calls say simplify=false (IOP and TOP); the sandbox answers
 *   simplify=true in the simplified shape, so asking for it would show.
 */
import { createHmac } from 'node:crypto';

import type { IHttpRequestOptions } from 'n8n-workflow';

import { executeContext, runNode, sandboxCredentials } from '../helpers/engine';
import { startSandbox, type Sandbox } from '../sandbox';
import { callIop } from '../sandbox/client';

const LIST = 'aliexpress.solution.product.list.get';
const QUERY = JSON.stringify({ product_status_type: 'onSelling', current_page: 1, page_size: 5 });

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ products: 12, orders: 0 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.resetCalls());

/** As the HTTP Request node (v3+) sends: httpRequestWithAuthentication with the credential type. */
async function send(options: IHttpRequestOptions): Promise<Record<string, unknown>> {
	const ctx = await executeContext(sandboxCredentials(sandbox));
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'aliExpressApi', {
		...options,
		json: true,
	})) as Record<string, unknown>;
}

describe('a blank value in an HTTP Request node body', () => {
	it('URLSearchParams: accepted by the signature check, the blank not sent', async () => {
		const answer = await send({
			url: `${sandbox.url}/sync`,
			method: 'POST',
			body: new URLSearchParams({ method: LIST, aeop_a_e_product_list_query: QUERY, memo: '   ' }),
		});
		expect(answer).toHaveProperty('aliexpress_solution_product_list_get_response');
		expect(sandbox.calls).toHaveLength(1);
		expect(sandbox.calls[0].outcome).toBe('ok');
		expect(sandbox.calls[0].params).not.toHaveProperty('memo');
	});

	it('a form string with a tab-only value: accepted', async () => {
		const answer = await send({
			url: `${sandbox.url}/sync`,
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: `method=${LIST}&aeop_a_e_product_list_query=${encodeURIComponent(QUERY)}&memo=%09`,
		});
		expect(answer).toHaveProperty('aliexpress_solution_product_list_get_response');
		expect(sandbox.calls[0]).toMatchObject({ outcome: 'ok' });
	});
});

describe('the sandbox checks signatures as the Java signers do', () => {
	/** The signature a signer that keeps blank values would compute (the node's old behaviour). */
	function signKeepingBlanks(params: Record<string, string>): string {
		const text = Object.keys(params)
			.filter((k) => k !== 'sign' && params[k] !== '')
			.sort()
			.map((k) => k + params[k])
			.join('');
		return createHmac('sha256', sandbox.appSecret).update(text, 'utf8').digest('hex').toUpperCase();
	}

	it('a request that signs a blank value is refused; the same value left unsigned is accepted', async () => {
		const timestamp = String(Date.now());
		const params: Record<string, string> = {
			method: LIST,
			aeop_a_e_product_list_query: QUERY,
			memo: ' ',
			app_key: sandbox.appKey,
			session: sandbox.accessToken,
			timestamp,
			sign_method: 'sha256',
			format: 'json',
		};
		const refused = await callIop(
			sandbox,
			LIST,
			{ aeop_a_e_product_list_query: QUERY, memo: ' ' },
			{ system: { timestamp }, sign: signKeepingBlanks(params) },
		);
		expect(refused.json).toMatchObject({ type: 'ISV', code: 'IncompleteSignature' });
		// the sandbox's own client signs as the Java signers do: accepted
		const accepted = await callIop(sandbox, LIST, {
			aeop_a_e_product_list_query: QUERY,
			memo: ' ',
		});
		expect(accepted.json).toHaveProperty('aliexpress_solution_product_list_get_response');
	});
});

describe('simplify', () => {
	const GET_MANY = { resource: 'product', operation: 'getMany', limit: 2 };

	it.each([
		['IOP', {}],
		['TOP', { protocol: 'top', signMethod: 'md5', gatewayUrl: '' }],
	])('the node sends simplify=false on %s', async (_, extra) => {
		const credentials = sandboxCredentials(sandbox, extra);
		if (credentials.protocol === 'top') credentials.gatewayUrl = `${sandbox.url}/router/rest`;
		const { items, error } = await runNode({ parameters: GET_MANY, credentials });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(sandbox.calls.length).toBeGreaterThan(0);
		for (const call of sandbox.calls) expect(call.params.simplify).toBe('false');
	});

	it('the sandbox answers simplify=true without the wrapper, lists bare (IOP Java SDK SimplifyJsonConverter)', async () => {
		const wrapped = await callIop(sandbox, LIST, { aeop_a_e_product_list_query: QUERY });
		const simplified = await callIop(sandbox, LIST, {
			aeop_a_e_product_list_query: QUERY,
			simplify: 'true',
		});
		const inner = wrapped.json.aliexpress_solution_product_list_get_response;
		expect(simplified.json).not.toHaveProperty('aliexpress_solution_product_list_get_response');
		expect(simplified.json).toHaveProperty('result');
		const wrappedList = inner.result.aeop_a_e_product_display_d_t_o_list;
		const [itemName] = Object.keys(wrappedList);
		expect(simplified.json.result.aeop_a_e_product_display_d_t_o_list).toEqual(
			wrappedList[itemName],
		);
	});
});
