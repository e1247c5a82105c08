/**
 * Issue 13, point 4: TOP's generic codes 10/15/50 carry their meaning in the
 * sub-code (reference section 3): `isp.*` is platform trouble (retried), `isv.*`
 * is the caller's or a business refusal (never retried; its sub_msg is shown).
 * The other classes of the table stay as they were.
 */
import type { INode } from 'n8n-workflow';

import { findError, toList, unwrapResponse } from '../../nodes/AliExpress/transport/envelope';
import {
	AliExpressError,
	classifyError,
	toNodeApiError,
} from '../../nodes/AliExpress/transport/errors';
import { isRetryable } from '../../nodes/AliExpress/transport/request';

const NODE: INode = {
	id: 'n1',
	name: 'AliExpress',
	type: 'n8n-nodes-aliexpress.aliExpress',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The shipping refusal of the FAQ (articleId=119601) in the documented error shape (apiId 42269). */
const ALREADY_SHIPPED = '该交易订单已填写发货通知,无需重复操作。';

describe('classifyError: the sub-code decides for codes 10, 15 and 50', () => {
	it.each([
		['15', 'isv.invalid-parameter'],
		['15', 'isv.item-not-exist'],
		['50', 'isv.invalid-parameter'],
		['10', 'isv.some-refusal'],
	])('%s with %s is the caller’s refusal (business), not platform trouble', (code, sub) => {
		expect(classifyError(code, sub)).toBe('business');
		expect(classifyError(code, sub.toUpperCase())).toBe('business');
	});

	it.each([
		['10', 'isp.service-unavailable'],
		['15', 'isp.remote-service-unavailable'],
		['50', 'isp.remote-service-timeout'],
		['15', ''],
	])('%s with "%s" is platform trouble', (code, sub) => {
		expect(classifyError(code, sub)).toBe('platform');
	});

	it('type ISP or SYSTEM and HTTP-like system codes stay platform trouble', () => {
		expect(classifyError('isp.temporary-unavailable', '', 'ISP')).toBe('platform');
		expect(classifyError('SomethingElse', '', 'SYSTEM')).toBe('platform');
	});

	it('the other classes of the table are unchanged', () => {
		expect(classifyError('7', 'accesscontrol.limited-by-api-access-count')).toBe('rateLimit');
		expect(classifyError('ApiCallLimit')).toBe('rateLimit');
		expect(classifyError('isv.api-call-frequency', '', 'ISV')).toBe('rateLimit');
		expect(classifyError('15', 'isv.call-frequency-exceeded')).toBe('rateLimit');
		expect(classifyError('25')).toBe('signature');
		expect(classifyError('IncompleteSignature')).toBe('signature');
		expect(classifyError('27', 'invalid-sessionkey')).toBe('session');
		expect(classifyError('IllegalAccessToken')).toBe('session');
		expect(classifyError('29')).toBe('appKey');
		expect(classifyError('11', 'isv.permission-api-package-limit')).toBe('permission');
		expect(classifyError('AppWhiteIpLimit')).toBe('ipWhitelist');
		expect(classifyError('40')).toBe('arguments');
		expect(classifyError('41', 'isv.invalid-parameter')).toBe('arguments');
		expect(classifyError('MissingParameter')).toBe('arguments');
	});

	it('a caller refusal is never retried, whatever the retry policy', () => {
		const info = findError({
			error_response: {
				code: 15,
				msg: 'Remote service error',
				sub_code: 'isv.invalid-parameter',
				sub_msg: ALREADY_SHIPPED,
				request_id: 'r1',
			},
		})!;
		expect(info.kind).toBe('business');
		expect(isRetryable(info, 'safe')).toBe(false);
		expect(isRetryable(info, 'ifNotExecuted')).toBe(false);
		// control: the same code with an isp.* sub-code is retried on a safe call
		const isp = findError({
			error_response: { code: 15, msg: 'Remote service error', sub_code: 'isp.timeout' },
		})!;
		expect(isRetryable(isp, 'safe')).toBe(true);
	});
});

describe('a caller refusal shows its sub_msg', () => {
	function refusal(body: unknown): AliExpressError {
		try {
			unwrapResponse('aliexpress.solution.order.fulfill', body);
		} catch (error) {
			if (error instanceof AliExpressError) return error;
			throw error;
		}
		throw new Error('expected an AliExpressError');
	}

	it('TOP code 50 / isv.*: the NodeApiError says the sub_msg, not "temporary problem"', () => {
		const error = refusal({
			error_response: {
				code: 50,
				msg: 'Remote service error',
				sub_code: 'isv.invalid-parameter',
				sub_msg: ALREADY_SHIPPED,
				request_id: 'r2',
			},
		});
		const apiError = toNodeApiError(NODE, error, 0);
		expect(apiError.message).toBe(
			`AliExpress error 50 / isv.invalid-parameter: ${ALREADY_SHIPPED} (request r2)`,
		);
		expect(apiError.description).toContain(ALREADY_SHIPPED);
		expect(apiError.description).not.toMatch(/temporary problem|retried/i);
	});

	it('TOP code 15 / isv.*: the same', () => {
		const error = refusal({
			error_response: {
				code: 15,
				msg: 'Remote service error',
				sub_code: 'isv.invalid-parameter',
				sub_msg: 'the order id is not of this seller',
			},
		});
		expect(error.info.kind).toBe('business');
		const apiError = toNodeApiError(NODE, error);
		expect(apiError.message).toContain('the order id is not of this seller');
		expect(apiError.message).not.toContain('Remote service error');
		expect(apiError.description).toContain('the order id is not of this seller');
	});

	it('IOP error_response with type ISV and an isv.* code: msg is shown', () => {
		const error = refusal({
			error_response: {
				type: 'ISV',
				code: 'isv.invalid-parameter',
				msg: ALREADY_SHIPPED,
				request_id: 'r3',
			},
		});
		expect(error.info.kind).toBe('business');
		const apiError = toNodeApiError(NODE, error);
		expect(apiError.message).toContain(ALREADY_SHIPPED);
		expect(apiError.description).toContain(ALREADY_SHIPPED);
	});

	it('no secret in a sub_msg that echoes parameters reaches the message', () => {
		const error = refusal({
			error_response: {
				code: 15,
				msg: 'Remote service error',
				sub_code: 'isv.invalid-parameter',
				sub_msg: 'bad request: session=50000secret123&sign=ABCDEF012345 refused',
			},
		});
		const apiError = toNodeApiError(NODE, error);
		for (const text of [apiError.message, apiError.description ?? '']) {
			expect(text).not.toContain('50000secret123');
			expect(text).not.toContain('ABCDEF012345');
		}
	});
});

describe('toList: one home for wrapped lists', () => {
	it('takes the only key of a wrapper when the expected item name is absent', () => {
		// the freight templates' item name as the documentation spells it (reference section 3)
		const wrapper = { aeopfreighttemplatedtolist: [{ template_id: 1 }, { template_id: 2 }] };
		expect(toList(wrapper, 'aeop_freight_template_dto')).toEqual([
			{ template_id: 1 },
			{ template_id: 2 },
		]);
		expect(toList({ other_name: { template_id: 3 } }, 'aeop_freight_template_dto')).toEqual([
			{ template_id: 3 },
		]);
	});

	it('still gives nothing for a wrapper of several other keys or of a bare value', () => {
		expect(toList({ a: [1], b: [2] }, 'order_dto')).toEqual([]);
		expect(toList({ other: 1 }, 'order_dto')).toEqual([]);
		expect(toList({ order_dto: null }, 'order_dto')).toEqual([]);
	});
});
