/**
 * Gateway-level errors and their exact shape on each protocol.
 *
 * IOP answers come in two shapes (both HTTP 200):
 *   flat     {"type":"ISV","code":"IncompleteSignature","message":"...","request_id":"..."}
 *   wrapped  {"error_response":{"type":"ISV","code":"IllegalAccessToken","msg":"...","request_id":"..."}}
 * Gateway checks (app key, signature, timestamp, API path, quota, parameters) answer flat;
 * session and backend (ISP) errors answer wrapped.
 *
 * TOP answers always {"error_response":{"code":<number>,"msg":"...","sub_code"?,"sub_msg"?,"request_id":"..."}}
 * with the classic Taobao numeric codes.
 */

export type Protocol = 'iop' | 'top';

export type GatewayErrorKind =
	| 'missingParameter'
	| 'invalidParameter'
	| 'missingAppKey'
	| 'invalidAppKey'
	| 'missingMethod'
	| 'invalidMethod'
	| 'missingTimestamp'
	| 'invalidTimestamp'
	| 'missingSignature'
	| 'invalidSignature'
	| 'missingSession'
	| 'invalidSession'
	| 'missingVersion'
	| 'unsupportedVersion'
	| 'invalidFormat'
	| 'callLimit'
	| 'dailyLimit'
	| 'isp'
	| 'remoteServiceError'
	| 'callerError'
	| 'invalidCode'
	| 'invalidRefreshToken'
	| 'ipNotWhitelisted'
	| 'permissionDenied';

interface IopShape {
	wrapped?: boolean;
	type: 'ISV' | 'ISP';
	code: string;
	message: string;
}
interface TopShape {
	code: number;
	msg: string;
	sub_code?: string;
	sub_msg?: string;
}

/** `param` names the parameter concerned; `detail` says what is wrong with it. */
type Detail = { param?: string; detail?: string };

const missing = (p = '?'): IopShape => ({
	type: 'ISV',
	code: 'MissingParameter',
	message: `The input parameter \u201c${p}\u201d that is mandatory for processing this request is not supplied.`,
});

const TABLE: Record<
	GatewayErrorKind,
	{ iop: (d: Detail) => IopShape; top: (d: Detail) => TopShape }
> = {
	missingParameter: {
		iop: (d) => missing(d.param),
		top: (d) => ({ code: 40, msg: `Missing required arguments:${d.param}` }),
	},
	invalidParameter: {
		iop: (d) => ({
			type: 'ISV',
			code: 'InvalidParameter',
			message: `The specified parameter \u201c${d.param}\u201d is invalid${d.detail ? `: ${d.detail}` : ''}`,
		}),
		top: (d) => ({
			code: 41,
			msg: `Invalid arguments:${d.param}`,
			sub_code: 'isv.invalid-parameter',
			sub_msg: d.detail,
		}),
	},
	missingAppKey: {
		iop: () => missing('app_key'),
		top: () => ({ code: 28, msg: 'Missing app key' }),
	},
	invalidAppKey: {
		iop: () => ({
			type: 'ISV',
			code: 'InvalidAppKey',
			message: 'The specified App Key is invalid',
		}),
		top: () => ({ code: 29, msg: 'Invalid app Key' }),
	},
	missingMethod: { iop: () => missing('method'), top: () => ({ code: 21, msg: 'Missing method' }) },
	invalidMethod: {
		iop: () => ({
			type: 'ISV',
			code: 'InvalidApiPath',
			message: 'The specified API path is invalid',
		}),
		top: () => ({ code: 22, msg: 'Invalid method' }),
	},
	missingTimestamp: {
		iop: () => missing('timestamp'),
		top: () => ({ code: 30, msg: 'Missing timestamp' }),
	},
	invalidTimestamp: {
		iop: () => ({
			type: 'ISV',
			code: 'InvalidTimestamp',
			message: 'The specified timestamp is invalid or expired',
		}),
		top: () => ({ code: 31, msg: 'Invalid timestamp' }),
	},
	missingSignature: {
		iop: () => missing('sign'),
		top: () => ({ code: 24, msg: 'Missing signature' }),
	},
	invalidSignature: {
		iop: () => ({
			type: 'ISV',
			code: 'IncompleteSignature',
			message: 'The request signature does not conform to platform standards',
		}),
		top: () => ({ code: 25, msg: 'Invalid signature' }),
	},
	missingSession: {
		iop: () => ({
			wrapped: true,
			type: 'ISV',
			code: 'IllegalAccessToken',
			message: 'The specified access token is invalid or expired',
		}),
		top: () => ({ code: 26, msg: 'Missing session' }),
	},
	invalidSession: {
		iop: () => ({
			wrapped: true,
			type: 'ISV',
			code: 'IllegalAccessToken',
			message: 'The specified access token is invalid or expired',
		}),
		top: () => ({
			code: 27,
			msg: 'Invalid session',
			sub_code: 'invalid-sessionkey',
			sub_msg: 'SessionKey is invalid or expired',
		}),
	},
	// `v` and `format` are checked on TOP only; the IOP renderings are never used.
	missingVersion: { iop: () => missing('v'), top: () => ({ code: 32, msg: 'Missing version' }) },
	unsupportedVersion: {
		iop: () => missing('v'),
		top: () => ({ code: 34, msg: 'Unsupported version' }),
	},
	invalidFormat: {
		iop: () => missing('format'),
		top: () => ({
			code: 23,
			msg: 'Invalid format',
			sub_msg: 'the sandbox answers format=json only',
		}),
	},
	callLimit: {
		iop: (d) => ({
			type: 'ISV',
			code: 'ApiCallLimit',
			message: `The request has exceeded the limit${d.detail ? ` of ${d.detail}` : ''}, please try again later`,
		}),
		top: (d) => ({
			code: 7,
			msg: 'App Call Limited',
			sub_code: 'accesscontrol.limited-by-api-access-count',
			sub_msg: `This ban will last for 1 more seconds${d.detail ? ` (${d.detail})` : ''}`,
		}),
	},
	// The app's daily quota: the ban lasts until 24:00 GMT+8 (documentation articleId=108426).
	// TOP's shape is the classic one seen in public clients (code 7, sub_code
	// accesscontrol.limited-by-app-access-count, "This ban will last for 31062 more seconds");
	// that IOP states the ban in its message the same way is not confirmed.
	dailyLimit: {
		iop: (d) => ({
			type: 'ISV',
			code: 'ApiCallLimit',
			message: `The request has exceeded the daily limit of the app. This ban will last for ${d.detail} more seconds`,
		}),
		top: (d) => ({
			code: 7,
			msg: 'App Call Limited',
			sub_code: 'accesscontrol.limited-by-app-access-count',
			sub_msg: `This ban will last for ${d.detail} more seconds`,
		}),
	},
	isp: {
		iop: () => ({
			wrapped: true,
			type: 'ISP',
			code: 'isp.temporary-unavailable',
			message: 'The service is temporarily unavailable, please try again later',
		}),
		top: () => ({
			code: 15,
			msg: 'Remote service error',
			sub_code: 'isp.remote-service-unavailable',
			sub_msg: 'The service is temporarily unavailable, please try again later',
		}),
	},
	/**
	 * A business refusal in TOP's generic shape: code 50 "Remote service error" with an `isv.*`
	 * sub-code and the reason in sub_msg. The error example of aliexpress.solution.order.fulfill
	 * (documentation docId/apiId 42269, open.alitrip.com/docs/doc.htm?articleId=42269&docType=2
	 * and api.alidayu.com/docs/api.htm?apiId=42269) is exactly
	 * `{code: 50, msg: "Remote service error", sub_code: "isv.invalid-parameter", sub_msg: "非法参数"}`.
	 * IOP: the IOP Java SDK reads AliExpress errors from `error_response` with the fields type, code,
	 * msg, sub_code, sub_msg, request_id (emsaniey20/java src/main/java/com/global/iop/api/IopResponse.java,
	 * @AeDefaultErrorField; TopExecutor.java parses /sync answers that way). Which values IOP puts
	 * there for such a refusal is NOT confirmed by any source found: here type ISV, code = the sub-code
	 * and msg = the reason.
	 */
	remoteServiceError: {
		iop: (d) => ({
			wrapped: true,
			type: 'ISV',
			code: d.param ?? 'isv.invalid-parameter',
			message: d.detail ?? '非法参数',
		}),
		top: (d) => ({
			code: 50,
			msg: 'Remote service error',
			sub_code: d.param ?? 'isv.invalid-parameter',
			sub_msg: d.detail ?? '非法参数',
		}),
	},
	/**
	 * The `callerError` fault: TOP code 15 "Remote service error" with an `isv.*` sub-code, the
	 * classic Taobao shape of a refusal of the caller's request (code 15 is listed with isp.* and
	 * isv.* sub-codes alike; the sub-code says whose fault it is). IOP as `remoteServiceError`.
	 */
	callerError: {
		iop: () => ({
			wrapped: true,
			type: 'ISV',
			code: 'isv.invalid-parameter',
			message: 'The request was refused by the business service (sandbox callerError fault)',
		}),
		top: () => ({
			code: 15,
			msg: 'Remote service error',
			sub_code: 'isv.invalid-parameter',
			sub_msg: 'The request was refused by the business service (sandbox callerError fault)',
		}),
	},
	invalidCode: {
		iop: () => ({
			type: 'ISV',
			code: 'InvalidCode',
			message: 'The specified authorization code is invalid or expired',
		}),
		top: () => ({ code: 41, msg: 'Invalid arguments:code' }),
	},
	// `AppWhiteIpLimit` (flat) is the code users of AliExpress/Lazada IOP gateways report for a
	// caller outside the app's IP whitelist; TOP has no documented code of its own for it (here the
	// generic 11, "Insufficient isv permissions").
	ipNotWhitelisted: {
		iop: () => ({
			type: 'ISV',
			code: 'AppWhiteIpLimit',
			message: 'The request IP is not in the white list of the app',
		}),
		top: () => ({ code: 11, msg: 'Insufficient isv permissions' }),
	},
	// TOP 11 "Insufficient isv permissions" is the classic code; the IOP code name
	// `InsufficientPermission` is not confirmed against the live gateway.
	permissionDenied: {
		iop: (d) => ({
			type: 'ISV',
			code: 'InsufficientPermission',
			message: `The app has no permission to call ${d.param ?? 'this API'}`,
		}),
		top: (d) => ({
			code: 11,
			msg: 'Insufficient isv permissions',
			sub_code: 'isv.permission-api-package-limit',
			sub_msg: `scope of app does not include ${d.param ?? 'this API'}`,
		}),
	},
	invalidRefreshToken: {
		iop: () => ({
			type: 'ISV',
			code: 'IllegalRefreshToken',
			message: 'The specified refresh token is invalid or expired',
		}),
		top: () => ({ code: 41, msg: 'Invalid arguments:refresh_token' }),
	},
};

/** Thrown anywhere in request handling; rendered by `renderError`. */
export class GatewayError extends Error {
	constructor(
		readonly kind: GatewayErrorKind,
		readonly info: Detail = {},
	) {
		super(`${kind}${info.param ? ` (${info.param})` : ''}${info.detail ? `: ${info.detail}` : ''}`);
	}
}

/** Throws MissingParameter for `param`. */
export const missingParam = (param: string) => new GatewayError('missingParameter', { param });
/** Throws InvalidParameter for `param`. */
export const invalidParam = (param: string, detail?: string) =>
	new GatewayError('invalidParameter', { param, detail });

/** The JSON body for an error on `protocol`, and the code as a string (for call records). */
export function renderError(
	err: GatewayError,
	protocol: Protocol,
	requestId: string,
): { body: object; code: string } {
	const entry = TABLE[err.kind];
	if (protocol === 'top') {
		const t = entry.top(err.info);
		return { body: { error_response: { ...t, request_id: requestId } }, code: String(t.code) };
	}
	const i = entry.iop(err.info);
	const body = i.wrapped
		? { error_response: { type: i.type, code: i.code, msg: i.message, request_id: requestId } }
		: { type: i.type, code: i.code, message: i.message, request_id: requestId };
	return { body, code: i.code };
}
