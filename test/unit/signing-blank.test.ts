/**
 * Issue 13, point 9: the official Java signers drop blank values, empty or
 * whitespace only (TOP: cattles/taobao-sdk-java TaobaoUtils.signTopRequest with
 * StringUtils.areNotEmpty/isEmpty; IOP: emsaniey20/java IopUtils.signApiRequest
 * and WebUtils.buildQuery with IopUtils.areNotEmpty/isEmpty, both on
 * Character.isWhitespace). So does the node: such a parameter is neither signed
 * nor sent, whatever kind of body carries it. Signatures are checked with the
 * sandbox's own signer (test/sandbox/sign.ts), written apart from the node's.
 *
 * Point 10 (a): every business call says simplify=false.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { signRequest } from '../../credentials/AliExpressApi.credentials';
import { isBlank, signParams, toWireParams } from '../../credentials/AliExpressSigning';
import { computeSign } from '../sandbox/sign';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5);
const IOP: ICredentialDataDecryptedObject = {
	protocol: 'iop',
	appKey: '123456',
	appSecret: 'helloworld',
	accessToken: 'token-1',
	gatewayUrl: 'https://api-sg.aliexpress.com',
};
const TOP: ICredentialDataDecryptedObject = {
	...IOP,
	protocol: 'top',
	signMethod: 'md5',
	gatewayUrl: 'https://api.taobao.com/router/rest',
};

/** Blank to Java: ASCII and Unicode whitespace (Character.isWhitespace). */
const BLANKS = [' ', '   ', '\t', '\n', '\r\n', ' \t \u000b\f', '\u3000', '\u2003', '\u001f'];

describe('the signer drops blank values like empty ones', () => {
	it.each(BLANKS.map((b) => [JSON.stringify(b), b]))('%s is neither sent nor signed', (_, b) => {
		const params = { method: 'aliexpress.solution.order.get', a: '1', memo: b };
		expect(isBlank(b)).toBe(true);
		expect(toWireParams(params)).toEqual({ method: 'aliexpress.solution.order.get', a: '1' });
		expect(signParams(params, 'helloworld', 'sha256')).toBe(
			signParams({ method: 'aliexpress.solution.order.get', a: '1' }, 'helloworld', 'sha256'),
		);
		expect(signParams(params, 'helloworld', 'md5')).toBe(
			computeSign({ method: 'aliexpress.solution.order.get', a: '1' }, 'helloworld', 'md5'),
		);
	});

	it('keeps values with content, and the no-break spaces Java does not count as whitespace', () => {
		const params = { a: ' x ', b: '\u00a0', c: '\u202f', d: '0', e: false };
		expect(toWireParams(params)).toEqual({
			a: ' x ',
			b: '\u00a0',
			c: '\u202f',
			d: '0',
			e: 'false',
		});
		expect(signParams(params, 's', 'hmac')).toBe(
			computeSign({ a: ' x ', b: '\u00a0', c: '\u202f', d: '0', e: 'false' }, 's', 'hmac'),
		);
	});
});

/** The parameters a signed request sends, wherever they are. */
function sent(options: IHttpRequestOptions & { form?: unknown }): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(options.qs ?? {})) out[k] = String(v);
	if (typeof options.body === 'string') {
		for (const [k, v] of new URLSearchParams(options.body)) out[k] = v;
	}
	if (options.form && typeof options.form === 'object') {
		for (const [k, v] of Object.entries(options.form as Record<string, unknown>))
			out[k] = String(v);
	}
	return out;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const BODY_KINDS: Array<[string, () => IHttpRequestOptions & { form?: unknown }]> = [
	[
		'URLSearchParams body',
		() => ({
			method: 'POST',
			url: '/sync',
			body: new URLSearchParams({
				method: 'aliexpress.solution.order.get',
				a: '1',
				memo: '  ',
				e: '',
			}),
		}),
	],
	[
		'form string body',
		() => ({
			method: 'POST',
			url: '/sync',
			headers: FORM,
			body: 'method=aliexpress.solution.order.get&a=1&memo=%20%09&e=',
		}),
	],
	[
		'object body',
		() => ({
			method: 'POST',
			url: '/sync',
			headers: FORM,
			body: { method: 'aliexpress.solution.order.get', a: '1', memo: ' \n', e: '' },
		}),
	],
	[
		'legacy form object (HTTP Request node)',
		() =>
			({
				method: 'POST',
				url: '/sync',
				form: { method: 'aliexpress.solution.order.get', a: '1', memo: '\u3000', e: '' },
			}) as IHttpRequestOptions & { form?: unknown },
	],
	[
		'query string',
		() => ({
			method: 'GET',
			url: '/sync',
			qs: { method: 'aliexpress.solution.order.get', a: '1', memo: '\t', e: '' },
		}),
	],
];

describe('authenticate: a blank value is neither signed nor sent, on each body kind', () => {
	it.each(BODY_KINDS)('%s (IOP)', async (_, make) => {
		const signed = await signRequest(IOP, make(), NOW);
		const params = sent(signed);
		expect(params).not.toHaveProperty('memo');
		expect(params).not.toHaveProperty('e');
		expect(params).toMatchObject({ a: '1', method: 'aliexpress.solution.order.get' });
		const { sign, ...rest } = params;
		expect(sign).toBe(computeSign(rest, 'helloworld', 'sha256'));
	});

	it.each(BODY_KINDS)('%s (TOP md5)', async (_, make) => {
		const signed = await signRequest(TOP, make(), NOW);
		const params = sent(signed);
		expect(params).not.toHaveProperty('memo');
		const { sign, ...rest } = params;
		expect(sign).toBe(computeSign(rest, 'helloworld', 'md5'));
	});
});

describe('simplify=false on every business call', () => {
	it.each([
		['IOP', IOP],
		['TOP', TOP],
	])('%s: sent and signed', async (_, credentials) => {
		const signed = await signRequest(
			credentials,
			{
				method: 'POST',
				url: '/sync',
				headers: FORM,
				body: { method: 'aliexpress.solution.order.get' },
			},
			NOW,
		);
		const params = sent(signed);
		expect(params.simplify).toBe('false');
		const { sign, ...rest } = params;
		expect(sign).toBe(computeSign(rest, 'helloworld', credentials === IOP ? 'sha256' : 'md5'));
	});

	it('a caller’s own simplify stays; IOP system calls get none', async () => {
		const own = await signRequest(
			IOP,
			{ method: 'POST', url: '/sync', headers: FORM, body: { method: 'm', simplify: 'true' } },
			NOW,
		);
		expect(sent(own).simplify).toBe('true');
		const system = await signRequest(
			IOP,
			{ method: 'POST', url: '/rest/auth/token/create', headers: FORM, body: { code: 'c' } },
			NOW,
		);
		expect(sent(system)).not.toHaveProperty('simplify');
	});
});
