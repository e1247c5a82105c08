import {
	findError,
	parseJson,
	toList,
	unwrapResponse,
} from '../../nodes/AliExpress/transport/envelope';
import {
	AliExpressError,
	classifyError,
	formatErrorMessage,
} from '../../nodes/AliExpress/transport/errors';
import { parseAnswer, scrubSecrets } from '../../nodes/AliExpress/transport/request';

function thrown(fn: () => unknown): AliExpressError {
	try {
		fn();
	} catch (error) {
		if (error instanceof AliExpressError) return error;
		throw error;
	}
	throw new Error('expected an AliExpressError');
}

describe('parseJson', () => {
	it('keeps ids beyond 2^53 exact, as strings', () => {
		const parsed = parseJson(
			'{"order_id":9123456789012345678,"n":42,"p":12.5,"small":1005006123456789}',
		) as Record<string, unknown>;
		expect(parsed.order_id).toBe('9123456789012345678');
		expect(parsed.n).toBe(42);
		expect(parsed.p).toBe(12.5);
		expect(parsed.small).toBe(1005006123456789);
	});

	it('leaves digits inside strings alone', () => {
		const parsed = parseJson(
			'{"memo":"call 12345678901234567890, thanks","id":"12345678901234567890"}',
		) as Record<string, unknown>;
		expect(parsed.memo).toBe('call 12345678901234567890, thanks');
		expect(parsed.id).toBe('12345678901234567890');
	});

	it('handles escaped quotes in strings', () => {
		const parsed = parseJson('{"a":"x\\"9999999999999999999","b":[9999999999999999999]}') as Record<
			string,
			unknown
		>;
		expect(parsed.a).toBe('x"9999999999999999999');
		expect(parsed.b).toEqual(['9999999999999999999']);
	});
});

describe('toList', () => {
	it('unwraps a named wrapper', () => {
		expect(toList({ order_dto: [{ a: 1 }, { a: 2 }] }, 'order_dto')).toEqual([{ a: 1 }, { a: 2 }]);
	});
	it('turns a bare object (a list of one) into a list', () => {
		expect(toList({ order_dto: { a: 1 } }, 'order_dto')).toEqual([{ a: 1 }]);
	});
	it('unwraps a single unknown wrapper key', () => {
		expect(toList({ whatever_dto: [{ a: 1 }] })).toEqual([{ a: 1 }]);
	});
	it('gives an empty list for nothing', () => {
		expect(toList(undefined)).toEqual([]);
		expect(toList({})).toEqual([]);
		expect(toList({ other: 1 }, 'order_dto')).toEqual([]);
	});
	it('passes arrays through', () => {
		expect(toList([1, 2])).toEqual([1, 2]);
	});
});

describe('errors: the three shapes and failures inside success', () => {
	it('numeric TOP error_response', () => {
		const e = thrown(() =>
			unwrapResponse('aliexpress.solution.order.get', {
				error_response: {
					code: 27,
					msg: 'Invalid session',
					sub_code: 'invalid-sessionkey',
					request_id: 'r1',
				},
			}),
		);
		expect(e.info).toMatchObject({
			kind: 'session',
			code: '27',
			subCode: 'invalid-sessionkey',
			requestId: 'r1',
		});
		expect(e.message).toBe(
			'AliExpress error 27 / invalid-sessionkey: Invalid session (request r1)',
		);
	});

	it('IOP error_response with a type', () => {
		const e = thrown(() =>
			unwrapResponse('x.y', {
				error_response: {
					type: 'ISV',
					code: 'IllegalAccessToken',
					msg: 'The specified access token is invalid',
					request_id: 'r2',
				},
			}),
		);
		expect(e.info.kind).toBe('session');
		expect(e.message).toBe(
			'AliExpress error IllegalAccessToken: The specified access token is invalid (request r2)',
		);
	});

	it('flat IOP error', () => {
		const e = thrown(() =>
			unwrapResponse('x.y', {
				type: 'ISV',
				code: 'IncompleteSignature',
				message: 'The request signature does not conform',
				request_id: 'r3',
			}),
		);
		expect(e.info.kind).toBe('signature');
		expect(e.info.code).toBe('IncompleteSignature');
	});

	it('result.success false inside the wrapper', () => {
		const e = thrown(() =>
			unwrapResponse('aliexpress.solution.product.post', {
				aliexpress_solution_product_post_response: {
					result: {
						success: false,
						error_code: 'GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY',
						error_message: 'not a leaf',
					},
					request_id: 'r4',
				},
			}),
		);
		expect(e.info).toMatchObject({
			kind: 'business',
			code: 'GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY',
			requestId: 'r4',
		});
		expect(e.message).toContain('not a leaf');
	});

	it('removes the wrapper on success', () => {
		const inner = unwrapResponse('aliexpress.solution.order.get', {
			aliexpress_solution_order_get_response: {
				result: { success: true, total_count: 0 },
				request_id: 'r5',
			},
		});
		expect(inner).toEqual({ result: { success: true, total_count: 0 }, request_id: 'r5' });
	});

	it('system calls answer flat, code "0"', () => {
		expect(
			unwrapResponse(
				'/auth/token/create',
				{ code: '0', access_token: 'a' },
				{ checkResult: false },
			),
		).toEqual({
			code: '0',
			access_token: 'a',
		});
		expect(findError({ code: 'InvalidCode', type: 'ISV', message: 'bad code' })?.code).toBe(
			'InvalidCode',
		);
	});
});

describe('classifyError', () => {
	it.each([
		['7', '', '', 'rateLimit'],
		['8', '', '', 'rateLimit'],
		['ApiCallLimit', '', 'ISV', 'rateLimit'],
		['50', 'isv.api-frequency-exceeded', '', 'rateLimit'],
		['15', 'isp.remote-service-error', '', 'platform'],
		['10', 'isp.unknown-error', '', 'platform'],
		['SomeError', '', 'ISP', 'platform'],
		['25', '', '', 'signature'],
		['IncompleteSignature', '', 'ISV', 'signature'],
		['26', '', '', 'session'],
		['27', '', '', 'session'],
		['IllegalAccessToken', '', 'ISV', 'session'],
		['IllegalRefreshToken', '', 'ISV', 'grant'],
		['InvalidCode', '', 'ISV', 'grant'],
		['28', '', '', 'appKey'],
		['29', '', '', 'appKey'],
		['InvalidAppKey', '', 'ISV', 'appKey'],
		['11', '', '', 'permission'],
		['12', '', '', 'permission'],
		['AppWhiteIpLimit', '', 'ISV', 'ipWhitelist'],
		['40', '', '', 'arguments'],
		['41', '', '', 'arguments'],
		['MissingParameter', '', 'ISV', 'arguments'],
		['50', 'isv.invalid-parameter', '', 'business'],
	])('code %s sub %s type %s is %s', (code, sub, type, kind) => {
		expect(classifyError(code, sub, type)).toBe(kind);
	});
});

describe('parseAnswer: HTTP status and bodies', () => {
	it('HTTP 503 with an HTML body is a platform error', () => {
		const e = thrown(() => parseAnswer('x.y', { statusCode: 503, body: '<html>busy</html>' }));
		expect(e.info).toMatchObject({ kind: 'platform', code: 'HTTP_503', httpCode: 503 });
	});
	it('HTTP 429 is a rate limit and proves nothing ran', () => {
		const e = thrown(() => parseAnswer('x.y', { statusCode: 429, body: '' }));
		expect(e.info).toMatchObject({ kind: 'rateLimit', notExecuted: true });
	});
	it('a truncated body is a connection problem of unknown fate', () => {
		const e = thrown(() => parseAnswer('x.y', { statusCode: 200, body: '{"x_y_response":{"res' }));
		expect(e.info.kind).toBe('connection');
		expect(e.info.notExecuted).toBeFalsy();
	});
	it('an error body wins over HTTP 500', () => {
		const e = thrown(() =>
			parseAnswer('x.y', {
				statusCode: 500,
				body: '{"type":"ISP","code":"isp.temporary-unavailable","message":"try later"}',
			}),
		);
		expect(e.info.code).toBe('isp.temporary-unavailable');
		expect(e.info.kind).toBe('platform');
	});
});

describe('secrets', () => {
	it('scrubs sign, session and tokens from messages', () => {
		const text = scrubSecrets(
			'failed: app_key=1&session=abc123&sign=DEADBEEF&x=1 {"access_token":"tok"}',
		);
		expect(text).not.toMatch(/abc123|DEADBEEF|tok"/);
		expect(text).toContain('app_key=1');
	});
	it('formats messages without request data', () => {
		expect(formatErrorMessage({ kind: 'business', code: 'C', message: 'M' })).toBe(
			'AliExpress error C: M',
		);
	});
});
